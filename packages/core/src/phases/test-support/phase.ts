// Running the Winnt32 phase in tests: fixtures, a temporary work directory, golden files.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRegFile, type RegistrySnapshot } from '@netmigrate/registry';
import { expect } from 'vitest';
import { runWinnt32Phase, type Winnt32Options, type Winnt32Result } from '../winnt32.js';

export const CORE = fileURLToPath(new URL('../../../', import.meta.url));
export const WINNT32_FIXTURES = join(CORE, 'fixtures', 'winnt32');
export const GOLDEN = join(WINNT32_FIXTURES, 'golden');
export const ISDN_VENDOR = join(WINNT32_FIXTURES, 'isdn-vendor');
export const OEM_FIXTURES = join(CORE, 'fixtures', 'oem');
export const plugin = (file: string): string => join(CORE, 'test-plugins', file);

export function tempDir(prefix = 'netmigrate-winnt32-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function isdnSnapshot(): RegistrySnapshot {
  return importRegFile(readFileSync(join(WINNT32_FIXTURES, 'nt4-isdn.reg')), { fileName: 'nt4-isdn.reg' }).registry.snapshot();
}

/** Writes `files` under a new temporary directory (a vendor directory, a netupg.inf directory). */
export function writeDir(files: Record<string, string>, root = tempDir('netmigrate-vendor-')): string {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text.replace(/\r?\n/g, '\r\n'));
  }
  return root;
}

export type PhaseOverrides = Partial<Winnt32Options> & Pick<Winnt32Options, 'registry'>;

/** The phase with test defaults: unattended, confirmed, a fresh work directory, the sandbox. */
export async function runPhase(overrides: PhaseOverrides): Promise<Winnt32Result & { workDir: string }> {
  const workDir = overrides.workDir ?? tempDir();
  const result = await runWinnt32Phase({ workDir, unattended: true, confirm: () => true, hookTimeoutMs: 15_000, ...overrides });
  return { ...result, workDir };
}

/**
 * Compares the committed answer file with its golden copy (regenerate with UPDATE_GOLDEN=1 and
 * review the diff). `replace` turns machine-specific paths into stable placeholders first.
 */
export function expectGolden(name: string, bytes: Uint8Array, replace: Record<string, string> = {}): void {
  let text = Buffer.from(bytes).toString('latin1');
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, Buffer.from(text, 'latin1'));
  }
  expect(existsSync(file), `missing ${file}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'latin1'));
}
