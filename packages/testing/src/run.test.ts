// runUpgrade end to end with the engine's documented ISDN example plugin (spec §8.4): the same
// answer file in process and in the sandbox, from a fixture, a .reg file or its bytes; the
// run's paths normalized for golden files; bad calls refused.

import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegSyntaxError, RegValue } from '@netmigrate/registry';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildForSandbox } from './build.js';
import { nt4 } from './builder.js';
import { expectSection, expectValue, matchGolden } from './expect.js';
import { runUpgrade, RunUpgradeError } from './run.js';

const CORE = fileURLToPath(new URL('../../core/', import.meta.url));
const ISDN_VENDOR = join(CORE, 'fixtures', 'winnt32', 'isdn-vendor');
const ISDN_PLUGIN = join(CORE, 'test-plugins', 'isdn-example.mjs');
const GOLDEN = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));

/** The documented example's machine (core's fixtures/winnt32/nt4-isdn.reg), described with the builder. */
const isdn = () =>
  nt4()
    .adapter({
      service: 'IsdnCard', infOption: 'ISDNCARD', infName: 'OEMNADIS.INF', title: 'Example ISDN Adapter', manufacturer: 'Example ISDN Inc.',
      params: { BusType: 1, IoBaseAddress: 0x300, 0: { IsdnSwitchType: 1, 0: { IsdnPhoneNumber: '111-1111', IsdnSpid: '111' }, 1: { IsdnPhoneNumber: '222-2222', IsdnSpid: '222' } } },
    })
    .build();

const DOCUMENTED = {
  'params.adapter2.OemSection': ['InfToRunAfterInstall="", adapter2.SectionToRun'],
  'adapter2.SectionToRun': ['AddReg=adapter2.SectionToRun.AddReg'],
  'adapter2.SectionToRun.AddReg': [
    'HKR,0\\0,IsdnPhoneNumber,0,"111-1111"',
    'HKR,0\\1,IsdnPhoneNumber,0,"222-2222"',
    'HKR,0\\0,IsdnSpid,0,"111"',
    'HKR,0\\1,IsdnSpid,0,"222"',
    'HKR,0,IsdnSwitchType,0x00010001,1',
  ],
};

beforeAll(() => buildForSandbox(join(CORE, 'tsconfig.json')), 300_000);

describe('runUpgrade', () => {
  test.each(['in-process', 'sandbox'] as const)('the documented example, %s', async (host) => {
    const run = await runUpgrade({ registry: isdn(), oemDirs: [ISDN_VENDOR], host });
    try {
      expect(run.status).toBe('committed');
      expectSection(run.answerFile, 'NetAdapters').toHaveLines(['adapter2=params.adapter2']);
      expectSection(run.answerFile, 'params.adapter2').toHaveValue('InfID', 'adapter2').toHaveValue('OemSection', 'params.adapter2.OemSection');
      for (const [section, lines] of Object.entries(DOCUMENTED)) expectSection(run.answerFile, section).toHaveLines(lines);
      expect(run.report.components.map((c) => [c.preNT5Instance, c.status])).toEqual([['IsdnCard1', 'upgraded']]);
      expect(existsSync(join(run.dirs.work, 'winnt.sif'))).toBe(true);
      expect(run.pre.workingDirs).toEqual([join(run.dirs.work, 'oem0001')]);
    } finally {
      await run.cleanup();
    }
    expect(existsSync(run.dirs.root)).toBe(false);
  });

  test('a .reg file, its bytes and the fixture give the same answer file', async () => {
    const fixture = isdn();
    const dir = mkdtempSync(join(tmpdir(), 'netmigrate-kit-'));
    const path = join(dir, 'nt4.reg');
    fixture.writeReg(path);
    const texts: string[] = [];
    for (const registry of [fixture, path, fixture.toReg(), fixture.registry]) {
      const run = await runUpgrade({ registry, oemDirs: [ISDN_VENDOR], host: 'in-process' });
      texts.push(run.normalize(run.answerFile.text));
      await run.cleanup();
    }
    expect(new Set(texts).size).toBe(1);
  });

  test('golden: with GUI mode requested, OemDllToLoad and the working directory are normalized', async () => {
    const run = await runUpgrade({ registry: isdn(), plugins: [{ ref: ISDN_PLUGIN, netmapDir: ISDN_VENDOR, options: { guiMode: true } }], host: 'in-process', guiMode: false });
    try {
      expectSection(run.answerFile, 'params.adapter2').toHaveValue('OemDllToLoad', ISDN_PLUGIN);
      const normalized = run.normalize(run.answerFile.text);
      expect(normalized).toContain('OemDllToLoad=<plugin @test/isdn-example>\r\n');
      expect(normalized).toContain('adapter2=0x00000001,IsdnCard1,ISDNCARD,<run>/winnt32/oem0001\r\n');
      matchGolden(run.answerFile.bytes, join(GOLDEN, 'isdn-gui-mode.sif'), { normalize: run.normalize });
    } finally {
      await run.cleanup();
    }
  });

  test('a cancelled run: no winnt.sif, the draft is still readable, nothing goes to GUI mode', async () => {
    const run = await runUpgrade({ registry: isdn(), oemDirs: [ISDN_VENDOR], host: 'in-process', confirm: false });
    try {
      expect(run.status).toBe('cancelled');
      expect(run.message).toMatch(/cancelled/);
      expect(existsSync(join(run.dirs.work, 'winnt.sif'))).toBe(false);
      expectSection(run.answerFile, 'adapter2.SectionToRun').toHaveLines(DOCUMENTED['adapter2.SectionToRun']);
      expect(run.gui).toBeUndefined();
      expect(run.registry).toBeUndefined();
    } finally {
      await run.cleanup();
    }
  });

  test('confirm and askAbort may be callbacks; no vendor files means built-ins only', async () => {
    let shown = -1;
    const fixture = nt4().adapter({ service: 'E100B', infOption: 'E100B', tcpip: { dhcp: true } }).tcpip({ domain: 'corp.example' }).workstation().build();
    const run = await runUpgrade({ registry: fixture, confirm: ({ report }) => ((shown = report.components.length), true) });
    try {
      expect(shown).toBe(4);
      expect(run.report.counts).toMatchObject({ 'built-in': 3, 'no-mapping': 1 });
      expectSection(run.answerFile, 'params.MS_TCPIP').toContainLines(['DNSDomain=corp.example']);
    } finally {
      await run.cleanup();
    }
  });

  test('GUI mode: the AddReg section lands under the adapter\'s new instance key, $Winnt$.inf has no comments', async () => {
    const run = await runUpgrade({ registry: isdn(), oemDirs: [ISDN_VENDOR], host: 'in-process' });
    try {
      expect(run.gui?.status).toBe('applied');
      expect(run.gui?.components.find((c) => c.key === 'adapter2')).toMatchObject({ status: 'installed', preNT5Instance: 'IsdnCard1' });
      const key = run.instanceKey('ADAPTER2');
      expect(key).toMatch(/^HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\\{4D36E972-E325-11CE-BFC1-08002BE10318\}\\\d{4}$/);
      const registry = run.registry as NonNullable<typeof run.registry>;
      expectValue(registry, `${key}\\0\\0`, 'IsdnPhoneNumber').toEqual('111-1111');
      expectValue(registry, `${key}\\0\\1`, 'IsdnSpid').toEqual('222');
      expectValue(registry, `${key}\\0`, 'IsdnSwitchType').toEqual(1);
      expect(run.textModeAnswerFile?.text).toBe(run.answerFile.text.replace(/ *;[^\r\n"]*/g, ''));
      expect(run.textModeAnswerFile?.fileName).toBe(join(run.dirs.target, 'WINNT', 'System32', '$Winnt$.inf'));
    } finally {
      await run.cleanup();
    }
  });

  test('prepareTarget changes the baseline before GUI mode; instanceKey says why it has no key', async () => {
    const path = 'HKLM\\SOFTWARE\\Carried\\Over';
    const run = await runUpgrade({
      registry: isdn(),
      oemDirs: [ISDN_VENDOR],
      host: 'in-process',
      prepareTarget: (store) => {
        store.createKey(path);
        store.setValue(path, RegValue.sz('From', 'NT 4.0'));
      },
    });
    try {
      expectValue(run.registry!, path, 'From').toEqual('NT 4.0');
      expect(() => run.instanceKey('adapter3')).toThrow(new RunUpgradeError('instanceKey(adapter3): the answer file lists no such component (it lists adapter2)'));
    } finally {
      await run.cleanup();
    }
  });

  test('guiMode: false stops after the Winnt32 phase', async () => {
    const run = await runUpgrade({ registry: isdn(), oemDirs: [ISDN_VENDOR], host: 'in-process', guiMode: false });
    try {
      expect(run.status).toBe('committed');
      expect([run.gui, run.registry, run.textModeAnswerFile]).toEqual([undefined, undefined, undefined]);
      expect(existsSync(run.dirs.target)).toBe(false);
      expect(() => run.instanceKey('adapter2')).toThrow('instanceKey(adapter2): GUI mode did not run (the Winnt32 phase did not commit, or guiMode is false)');
    } finally {
      await run.cleanup();
    }
  });
});

describe('bad calls', () => {
  test('two vendor-file sources', async () => {
    await expect(runUpgrade({ registry: isdn(), oemDirs: [ISDN_VENDOR], plugins: [] })).rejects.toThrow(new RunUpgradeError('runUpgrade: give one of oemDirs, plugins and netupgDir, not oemDirs and plugins'));
  });

  test('a registry file that does not exist, is no registry file, or has a bad line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netmigrate-kit-'));
    await expect(runUpgrade({ registry: join(dir, 'missing.reg') })).rejects.toThrow(`runUpgrade: the registry file ${join(dir, 'missing.reg')} does not exist`);
    writeFileSync(join(dir, 'text.reg'), 'hello\r\n');
    await expect(runUpgrade({ registry: join(dir, 'text.reg') })).rejects.toThrow(/text\.reg/);
    writeFileSync(join(dir, 'bad.reg'), 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE]\r\n"x"=dword:zz\r\n');
    const rejected = runUpgrade({ registry: join(dir, 'bad.reg') });
    await expect(rejected).rejects.toThrow(RegSyntaxError);
    await expect(rejected).rejects.toThrow(`${join(dir, 'bad.reg')}:4:`);
  });

  test('a prepareTarget that throws: the error comes through and nothing is left behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'netmigrate-kit-'));
    await expect(runUpgrade({ registry: isdn(), oemDirs: [ISDN_VENDOR], host: 'in-process', tmpDir: tmp, prepareTarget: () => { throw new Error('cannot seed'); } })).rejects.toThrow('cannot seed');
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('something that is no registry', async () => {
    await expect(runUpgrade({ registry: {} as never })).rejects.toThrow('runUpgrade: `registry` must be a fixture');
  });
});
