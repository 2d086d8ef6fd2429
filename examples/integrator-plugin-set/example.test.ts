// The integrator's plugin set through the command, in process: the file read (order, enabled,
// options), every plugin checked in the sandbox against its own schema, the options at work
// in an upgrade, and the ini with bad options refused with errors naming plugin and key.

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIO, runCli } from '@netmigrate/cli';
import { importRegFile } from '@netmigrate/registry';
import { buildForSandbox, matchGolden, type NtFixture } from '@netmigrate/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(HERE, '..', '..').replace(/[\\/]$/, '');
const INI = join(HERE, 'netmigrate.ini');
const BAD = join(HERE, 'bad-options.ini');
const REGISTRY = join(HERE, 'branch-office.reg');
const EXPECTED = join(HERE, 'expected');
const normalize = (text: string) => text.split(REPO).join('<repo>');

beforeAll(() => buildForSandbox(join(HERE, '..', 'nt4-workstation', 'tsconfig.build.json')), 300_000);

let out: string;
beforeAll(async () => {
  out = realpathSync(await mkdtemp(join(tmpdir(), 'netmigrate-plugin-set-')));
});
afterAll(() => rm(out, { recursive: true, force: true }));

async function netmigrate(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO();
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

describe('examples/integrator-plugin-set', () => {
  test('branch-office.reg is what make-registry.mjs builds', async () => {
    const { machine } = (await import(new URL('./make-registry.mjs', import.meta.url).href)) as { machine: NtFixture };
    expect(Buffer.from(machine.toReg()).equals(readFileSync(REGISTRY)), 'run `node make-registry.mjs` and commit branch-office.reg').toBe(true);
  });

  test('the plugin set reads as written: file order, enabled or not, options per plugin', async () => {
    const r = await netmigrate(['plugins', 'list', '--json', '--plugins', INI]);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { plugins: { name: string; enabled: boolean; options: unknown; problems: unknown[] }[] };
    expect(doc.plugins.map((p) => [p.name, p.enabled, p.options, p.problems])).toEqual([
      ['intel-e100b', true, {}, []],
      ['tern-isdn', false, {}, []],
      ['merinet', true, { removeHelperDriver: false }, []],
      ['larkmon', true, { ambiguousCollectors: 'merge' }, []],
    ]);
  });

  test('plugins check loads each enabled plugin in the sandbox and accepts its options', async () => {
    const r = await netmigrate(['plugins', 'check', '--plugins', INI]);
    expect(r.code, r.err).toBe(0);
    matchGolden(r.out, join(EXPECTED, 'check.txt'), { normalize, encoding: 'utf8' });
  }, 60_000);

  test('the options at work: MeriNet keeps its helper driver, LarkMon merges the 1.x collector', async () => {
    const run = join(out, 'run');
    const up = await netmigrate(['upgrade', '--registry', REGISTRY, '--plugins', INI, '--out', run, '--yes']);
    expect(up.code, up.err).toBe(0);
    const applied = await netmigrate(['apply', join(run, 'winnt.sif'), '--target', join(out, 'target'), '-o', join(out, 'target.reg')]);
    expect(applied.code, applied.err).toBe(0);
    const sif = readFileSync(join(run, 'winnt.sif'), 'latin1');
    // removeHelperDriver = false: no INF in the working directory, no InfToRunBeforeInstall.
    expect(sif).toContain('[params.MRD_MeriNet.OemSection]\r\nNodeName="BR017"\r\n');
    expect(sif).not.toContain('InfToRunBeforeInstall');
    const target = importRegFile(new Uint8Array(readFileSync(join(out, 'target.reg')))).registry;
    const params = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters';
    expect(target.key(params)?.value('Collectors')?.asMultiString()).toEqual(['mon1.corp.example', 'oldmon.branch.corp.example']);
    expect(target.key(params)?.value('CollectorHost')).toBeUndefined();
  }, 120_000);

  test('without the integrator\'s decision, LarkMon asks to abort and the unattended upgrade stops', async () => {
    const undecided = join(out, 'undecided.ini');
    writeFileSync(undecided, readFileSync(INI, 'utf8').replace(/^options\.ambiguousCollectors.*$/m, '').replaceAll('= ../', `= ${HERE}../`));
    const r = await netmigrate(['upgrade', '--registry', REGISTRY, '--plugins', undecided, '--out', join(out, 'undecided'), '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/aborted/);
    expect(r.err).toContain('larkcfg /tidy');
  }, 120_000);

  test('bad options: plugins check names each plugin and key, and a run fails those plugins\' components', async () => {
    const check = await netmigrate(['plugins', 'check', '--plugins', BAD]);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/FAIL merinet\n {2}error: plugin merinet \("@meridian\/netmigrate-merinet"\): invalid options — option "removeHelperDriver": .*Unrecognized key: "removeHelper"/);
    expect(check.out).toMatch(/FAIL larkmon\n {2}error: plugin larkmon \("@larkspur\/netmigrate-larkmon"\): invalid options — option "ambiguousCollectors": /);
    matchGolden(check.out, join(EXPECTED, 'bad-options.txt'), { normalize, encoding: 'utf8' });

    const plan = await netmigrate(['plan', '--registry', REGISTRY, '--plugins', BAD]);
    expect(plan.code).toBe(1);
    expect(plan.err).toMatch(/option "removeHelperDriver".*\(component MeriNet, plugin "@meridian\/netmigrate-merinet", hook load\)/);
    expect(plan.err).toMatch(/option "ambiguousCollectors".*\(component LarkMon, plugin "@larkspur\/netmigrate-larkmon", hook load\)/);
  }, 120_000);
});
