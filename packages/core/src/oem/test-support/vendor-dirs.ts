// Vendor directories on disk for tests: temporary ones written from text, and the fixtures.

import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CORE_FIXTURES } from '../../discovery/test-support/systems.js';

export const NETMAP_SAMPLES = join(CORE_FIXTURES, 'netmap');
export const DIGI_DIR = join(CORE_FIXTURES, 'oem', 'digi-datafire');
export const ACME_DIR = join(CORE_FIXTURES, 'oem', 'acme');

export function tempDir(prefix = 'netmigrate-oem-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `files` (relative path → text or bytes) under a new temporary directory; returns it. */
export function vendorDir(files: Record<string, string | Uint8Array>, root = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}

/** A directory whose `as` (default netmap.inf) is a byte-exact copy of a documentation sample. */
export function sampleDir(sample: string, as = 'netmap.inf', root = tempDir()): string {
  copyFileSync(join(NETMAP_SAMPLES, sample), join(root, as));
  return root;
}

/** INF text from lines, CRLF as vendors' editors write it. */
export const inf = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;
