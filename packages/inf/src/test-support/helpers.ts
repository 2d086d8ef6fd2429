// Shared by the tests: fixture paths and small builders.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfSyntaxError } from '../diagnostics.js';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = join(PACKAGE_ROOT, 'fixtures', 'corpus');
export const GOLDEN = join(PACKAGE_ROOT, 'fixtures', 'golden');

/** Every corpus data file (not the .source.txt provenance sidecars), as `folder/name`. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const folder of ['inf', 'unattend', 'netmap']) {
    for (const name of readdirSync(join(CORPUS, folder)).sort()) {
      if (!name.endsWith('.source.txt')) out.push(`${folder}/${name}`);
    }
  }
  return out;
}

export function readCorpus(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS, rel)));
}

/** Bytes of a string in Latin-1 (one byte per char), for building ANSI test files. */
export function latin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

export function utf16le(s: string, bom = true): Uint8Array {
  return new Uint8Array(Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]));
}

/** Run fn and return the InfSyntaxError it throws (fails the test if it does not throw one). */
export function syntaxError(fn: () => unknown): InfSyntaxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InfSyntaxError) return e;
    throw new Error(`expected InfSyntaxError, got ${String(e)}`);
  }
  throw new Error('expected InfSyntaxError, nothing was thrown');
}
