// The installed command as an operator runs it: a real child process on the built bin.
// `npm test` builds before testing, so dist/ is current here.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'netmigrate.js');
const seedSif = join(root, 'packages', 'inf', 'fixtures', 'corpus', 'unattend', 'msdocs_answerfile_oemsection_example.sif');

function netmigrate(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('netmigrate bin', () => {
  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string };
    const r = netmigrate('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  test('inf dump --json: stdout holds exactly one JSON document, nothing on stderr', () => {
    const r = netmigrate('inf', 'dump', seedSif, '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).sections).toHaveLength(5);
  });

  test('exit codes reach the shell: check findings 1, missing file 2, unknown command 1', () => {
    expect(netmigrate('inf', 'check', seedSif).code).toBe(0);
    expect(netmigrate('inf', 'check', join(root, 'no-such.inf')).code).toBe(2);
    const unknown = netmigrate('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('--help');
  });
});
