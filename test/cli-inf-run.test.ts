// `netmigrate inf run` as an operator runs it: a real child process on the built bin
// (`npm test` builds before testing, so dist/ is current here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRegFile } from '@netmigrate/registry';
import { expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'netmigrate.js');
const fixtures = join(root, 'packages', 'cli', 'fixtures', 'inf-run');
const HKR = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0001';

test('inf run through the bin: changes on stdout, the .reg written, exit codes reach the shell', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'nm-bin-inf-run-')), 'out.reg');
  const args = ['inf', 'run', 'upgrade.inf', 'adapter2.SectionToRun', '--registry', 'start.reg', '-o', out, '--hkr', HKR, '--dirid', '12=C:\\WINNT\\system32\\drivers'];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(readFileSync(join(fixtures, 'golden', 'upgrade.stdout.txt'), 'utf8'));
  expect(r.stderr).toBe(`${out}: written (19 changes)\n`);
  const registry = importRegFile(new Uint8Array(readFileSync(out)), { strict: true }).registry;
  expect(registry.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Elnk3')?.value('Group')?.asString()).toBe('NDIS');

  const refused = spawnSync(process.execPath, [bin, 'inf', 'run', 'virtio_netkvm2k.inf', 'kvmnet5.ndi', '-o', out], { cwd: fixtures, encoding: 'utf8' });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/^netmigrate: virtio_netkvm2k\.inf:28:1: directive "Characteristics"/);
});
