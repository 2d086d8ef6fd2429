// The installed command as an operator runs it: a real child process on the built bin.
// `npm test` builds before testing, so dist/ is current here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'netmigrate.js');
const seedSif = join(root, 'packages', 'inf', 'fixtures', 'corpus', 'unattend', 'msdocs_answerfile_oemsection_example.sif');

const winnt32 = join(root, 'packages', 'core', 'fixtures', 'winnt32');

function netmigrate(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
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

  test('plan --json in the sandbox: one document on stdout, exit 2 with --detailed-exitcode', () => {
    const r = netmigrate('plan', '--registry', join(winnt32, 'nt4-isdn.reg'), '--netmap-dir', join(winnt32, 'isdn-vendor'), '--json', '--detailed-exitcode');
    expect(r.err).toBe('');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ schemaVersion: 1, command: 'plan', status: 'planned', changes: true });
  });

  test('upgrade without a terminal and without --yes is refused before anything is created', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nm-bin-upgrade-')), 'run');
    const r = netmigrate('upgrade', '--registry', join(winnt32, 'nt4-isdn.reg'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('stdin is not a terminal');
    expect(r.err).toContain('--yes');
    expect(existsSync(out)).toBe(false);
  });

  test('demo: plan, upgrade, apply and the report; the three outputs exist', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nm-bin-demo-')), 'demo');
    const r = netmigrate('demo', '--out', out, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { answerFile: string; report: string; targetReg: string };
    for (const f of [doc.answerFile, doc.report, doc.targetReg]) expect(existsSync(f), f).toBe(true);
    expect(readFileSync(doc.report, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(readdirSync(join(out, 'run'))).toContain('netmigrate-apply.json');
  });
});
