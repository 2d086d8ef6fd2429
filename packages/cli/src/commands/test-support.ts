// Shared by the command tests: fixtures, temporary plugin sets, golden files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
export const WINNT32 = join(ROOT, 'packages/core/fixtures/winnt32');
export const ISDN_REG = join(WINNT32, 'nt4-isdn.reg');
export const ISDN_VENDOR = join(WINNT32, 'isdn-vendor');
export const PLUGINS = join(ROOT, 'packages/core/test-plugins');
const GOLDEN = join(ROOT, 'packages/cli/fixtures/golden');

export async function writePluginSet(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nm-cli-set-'));
  const file = join(dir, 'netmigrate.ini');
  writeFileSync(file, text);
  return file;
}

/** Machine-specific paths to placeholders: `replace` first, then the repository and the temporary directory. */
export function normalize(text: string, replace: Record<string, string> = {}): string {
  let t = text;
  for (const [from, to] of Object.entries(replace)) t = t.split(from).join(to);
  return t.split(ROOT).join('<root>').replace(/\/tmp\/netmigrate-[a-z]+-[A-Za-z0-9]{6}/g, '<tmp>');
}

/** Compares with fixtures/golden/<name> (UPDATE_GOLDEN=1 rewrites it; review the diff). */
export function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `missing ${file}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
