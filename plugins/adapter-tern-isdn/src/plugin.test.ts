// The TernLink ISDN plugin through the vendor test kit: NT 4.0 machines built with the
// fixture builder, the whole upgrade (Winnt32 phase in the sandbox, text mode, GUI mode), the
// answer file and the target registry checked.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForSandbox, expectSection, expectValue, matchGolden, nt351, nt4, runUpgrade, type AdapterSpec, type RegTree, type UpgradeRun } from '@netmigrate/testing';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VENDOR = join(ROOT, 'vendor');
const GOLDEN = join(ROOT, 'fixtures', 'golden');

beforeAll(() => buildForSandbox(join(ROOT, 'tsconfig.json')), 300_000);

const runs: UpgradeRun[] = [];
afterEach(async () => {
  await Promise.all(runs.splice(0).map((r) => r.cleanup()));
});

async function upgrade(...args: Parameters<typeof runUpgrade>): Promise<UpgradeRun> {
  const run = await runUpgrade(...args);
  runs.push(run);
  return run;
}

/** A TernLink BRI board as TernLink's NT 4.0 INF (OEMNADTN.INF) registers it. */
function tern(params: RegTree, extra: Partial<AdapterSpec> = {}): AdapterSpec {
  return { service: 'TernIsdn', infOption: 'TERNISDN', infName: 'OEMNADTN.INF', title: 'TernLink ISDN BRI Adapter', manufacturer: 'Tern Telecom', params, ...extra };
}

/** One line (switch type NI-1) with two B channels, each with a phone number and a SPID; `U` for the U board. */
function bri(lineInterface: 'U' | undefined, phones = ['555-0100', '555-0101'], spids = ['01555010000', '01555010100']): RegTree {
  return {
    BusType: 1,
    IoBaseAddress: 0x340,
    InterruptNumber: 5,
    ...(lineInterface === undefined ? {} : { LineInterface: lineInterface }),
    0: {
      IsdnSwitchType: 1,
      0: { IsdnPhoneNumber: phones[0] as string, IsdnSpid: spids[0] as string },
      1: { IsdnPhoneNumber: phones[1] as string, IsdnSpid: spids[1] as string },
    },
  };
}

const CLASS_NET = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}';

describe('TernLink BRI U (LineInterface = "U")', () => {
  test('the documented sections, with the values read from the NT 4.0 registry; GUI mode writes them under the new instance key', async () => {
    const run = await upgrade({ registry: nt4().adapter(tern(bri('U'))).build(), oemDirs: [VENDOR] });
    expect(run.status).toBe('committed');
    expect(run.report.components).toEqual([
      expect.objectContaining({
        preNT5Instance: 'TernIsdn1', preNT5InfId: 'TERNISDN', nt5InfId: 'tern_isdn_u', status: 'upgraded', flags: 0,
        plugin: expect.objectContaining({ name: '@tern/netmigrate-isdn', version: '1.0.0' }),
        vendorInfo: expect.objectContaining({ companyName: 'Tern Telecom', supportNumber: '+1 555 0142' }),
      }),
    ]);
    expectSection(run.answerFile, 'NetAdapters').toHaveLines(['tern_isdn_u=params.tern_isdn_u']);
    expectSection(run.answerFile, 'params.tern_isdn_u.OemSection').toHaveLines(['InfToRunAfterInstall="", tern_isdn_u.SectionToRun']);
    expectSection(run.answerFile, 'tern_isdn_u.SectionToRun').toHaveLines(['AddReg=tern_isdn_u.SectionToRun.AddReg']);
    expectSection(run.answerFile, 'tern_isdn_u.SectionToRun.AddReg').toHaveLines([
      'HKR,0\\0,IsdnPhoneNumber,0,"555-0100"',
      'HKR,0\\1,IsdnPhoneNumber,0,"555-0101"',
      'HKR,0\\0,IsdnSpid,0,"01555010000"',
      'HKR,0\\1,IsdnSpid,0,"01555010100"',
      'HKR,0,IsdnSwitchType,0x00010001,1',
    ]);
    matchGolden(run.answerFile.bytes, join(GOLDEN, 'bri-u.sif'), { normalize: run.normalize });

    expect(run.gui?.status).toBe('applied');
    const key = run.instanceKey('tern_isdn_u');
    expect(key.startsWith(CLASS_NET)).toBe(true);
    const target = run.registry!;
    expectValue(target, key, 'ComponentId').toEqual('tern_isdn_u');
    expectValue(target, `${key}\\0\\0`, 'IsdnPhoneNumber').toEqual('555-0100');
    expectValue(target, `${key}\\0\\1`, 'IsdnPhoneNumber').toEqual('555-0101');
    expectValue(target, `${key}\\0\\0`, 'IsdnSpid').toEqual('01555010000');
    expectValue(target, `${key}\\0\\1`, 'IsdnSpid').toEqual('01555010100');
    expectValue(target, `${key}\\0`, 'IsdnSwitchType').toEqual(1);
  });

  test('an NT 3.51 machine gives the same sections (only the recorded source build differs)', async () => {
    const a = await upgrade({ registry: nt351().adapter(tern(bri('U'))).build(), oemDirs: [VENDOR], host: 'in-process', guiMode: false });
    const b = await upgrade({ registry: nt4().adapter(tern(bri('U'))).build(), oemDirs: [VENDOR], host: 'in-process', guiMode: false });
    const sections = (r: UpgradeRun) => r.answerFile.sectionNames().filter((s) => s.startsWith('tern_isdn_u') || s.startsWith('params.')).map((s) => [s, r.answerFile.lines(s)]);
    expect(sections(a)).toEqual(sections(b));
    expect(sections(a)).toHaveLength(4);
    expect([a.answerFile.value('Netmigrate.Upgrade', 'From'), b.answerFile.value('Netmigrate.Upgrade', 'From')]).toEqual(['1,1057', '1,1381']);
  });
});

describe('one-to-many: the board is told apart by Parameters\\LineInterface (spec §5.4)', () => {
  test('no LineInterface is the S/T board (ValueNotPresent); each instance writes sections of its own', async () => {
    const machine = nt4()
      .adapter(tern(bri('U')))
      .adapter(tern(bri(undefined, ['555-0200', '555-0201'], ['01555020000', '01555020100'])))
      .adapter(tern(bri('U', ['555-0300', '555-0301'], ['01555030000', '01555030100'])))
      .build();
    const run = await upgrade({ registry: machine, oemDirs: [VENDOR] });
    expect(run.report.components.map((c) => [c.preNT5Instance, c.nt5InfId, c.answerFileKey, c.status])).toEqual([
      ['TernIsdn1', 'tern_isdn_u', 'tern_isdn_u', 'upgraded'],
      ['TernIsdn2', 'tern_isdn_st', 'tern_isdn_st', 'upgraded'],
      ['TernIsdn3', 'tern_isdn_u', 'tern_isdn_u.2', 'upgraded'],
    ]);
    expectSection(run.answerFile, 'NetAdapters').toHaveLines(['tern_isdn_u=params.tern_isdn_u', 'tern_isdn_st=params.tern_isdn_st', 'tern_isdn_u.2=params.tern_isdn_u.2']);
    expectSection(run.answerFile, 'params.tern_isdn_u.2.OemSection').toHaveLines(['InfToRunAfterInstall="", tern_isdn_u.2.SectionToRun']);
    expectSection(run.answerFile, 'tern_isdn_st.SectionToRun.AddReg').toContainLines(['HKR,0\\0,IsdnPhoneNumber,0,"555-0200"']);
    expectSection(run.answerFile, 'tern_isdn_u.2.SectionToRun.AddReg').toContainLines(['HKR,0\\1,IsdnSpid,0,"01555030100"']);
    const target = run.registry!;
    expectValue(target, `${run.instanceKey('tern_isdn_st')}\\0\\1`, 'IsdnPhoneNumber').toEqual('555-0201');
    expectValue(target, `${run.instanceKey('tern_isdn_u.2')}\\0\\0`, 'IsdnPhoneNumber').toEqual('555-0300');
    expectValue(target, `${run.instanceKey('tern_isdn_u')}\\0\\0`, 'IsdnPhoneNumber').toEqual('555-0100');
  });

  test('an interface no line names is no-mapping, with Tern\'s help files in the report', async () => {
    const run = await upgrade({ registry: nt4().adapter(tern(bri('S0' as 'U'))).build(), oemDirs: [VENDOR], host: 'in-process' });
    const [entry] = run.report.components;
    expect(entry).toMatchObject({ preNT5Instance: 'TernIsdn1', status: 'no-mapping', helpFiles: { txt: join(VENDOR, 'ternisdn.txt'), htm: join(VENDOR, 'ternisdn.htm'), source: 'vendor', exists: { txt: true, htm: true } } });
    expect(run.answerFile.hasSection('NetAdapters')).toBe(false);
  });
});

describe('what the registry holds', () => {
  test('an ETSI line has no SPIDs: no SPID lines; a board with two lines keeps them apart', async () => {
    const params: RegTree = {
      LineInterface: 'U',
      0: { IsdnSwitchType: 4, 0: { IsdnPhoneNumber: '+49 30 1234560' }, 1: { IsdnPhoneNumber: '+49 30 1234561' } },
      1: { IsdnSwitchType: 1, 0: { IsdnPhoneNumber: '555-0400', IsdnSpid: '01555040000' } },
    };
    const run = await upgrade({ registry: nt4().adapter(tern(params)).build(), oemDirs: [VENDOR], host: 'in-process' });
    expectSection(run.answerFile, 'tern_isdn_u.SectionToRun.AddReg').toHaveLines([
      'HKR,0\\0,IsdnPhoneNumber,0,"+49 30 1234560"',
      'HKR,0\\1,IsdnPhoneNumber,0,"+49 30 1234561"',
      'HKR,0,IsdnSwitchType,0x00010001,4',
      'HKR,1\\0,IsdnPhoneNumber,0,"555-0400"',
      'HKR,1\\0,IsdnSpid,0,"01555040000"',
      'HKR,1,IsdnSwitchType,0x00010001,1',
    ]);
    const key = run.instanceKey('tern_isdn_u');
    expectValue(run.registry!, `${key}\\0\\1`, 'IsdnSpid').toBeAbsent();
    expectValue(run.registry!, `${key}\\1`, 'IsdnSwitchType').toEqual(1);
  });

  test('no line configured: only the OEM section, and Windows 2000 installs the board with its defaults', async () => {
    const run = await upgrade({ registry: nt4().adapter(tern({ LineInterface: 'U', IoBaseAddress: 0x340 })).build(), oemDirs: [VENDOR], host: 'in-process' });
    expect(run.report.components[0]?.status).toBe('upgraded');
    expectSection(run.answerFile, 'params.tern_isdn_u.OemSection').toHaveLines([]);
    expectSection(run.answerFile, 'tern_isdn_u.SectionToRun').toBeAbsent();
    expect(run.gui?.components.find((c) => c.key === 'tern_isdn_u')?.status).toBe('installed');
  });

  test('any printable phone number and SPID reach the new registry unchanged (quotes, %, commas, semicolons)', async () => {
    // Units of two characters make the pairs SetupAPI folds (%% and "") likely.
    const text = fc.string({ unit: fc.constantFrom(...' 0123456789-+#*,;"%()abcXé'.split(''), '%%', '""', '%x%'), minLength: 1, maxLength: 16 });
    await fc.assert(
      fc.asyncProperty(text, text, async (phone, spid) => {
        const run = await upgrade({ registry: nt4().adapter(tern(bri('U', [phone, '555-0101'], ['01', spid]))).build(), oemDirs: [VENDOR], host: 'in-process' });
        expect(run.gui?.status).toBe('applied');
        const key = run.instanceKey('tern_isdn_u');
        expectValue(run.registry!, `${key}\\0\\0`, 'IsdnPhoneNumber').toEqual(phone);
        expectValue(run.registry!, `${key}\\0\\1`, 'IsdnSpid').toEqual(spid);
        await Promise.all(runs.splice(0).map((r) => r.cleanup()));
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('bad parameters fail the component, name the value, and leave the others alone', () => {
  test('a switch type written as REG_SZ', async () => {
    const bad = bri('U');
    const machine = nt4()
      .adapter(tern({ ...bad, 0: { ...(bad[0] as RegTree), IsdnSwitchType: '1' } }))
      .adapter(tern(bri(undefined)))
      .build();
    const run = await upgrade({ registry: machine, oemDirs: [VENDOR] });
    expect(run.status).toBe('committed');
    const [failed, ok] = run.report.components;
    expect(failed).toMatchObject({ preNT5Instance: 'TernIsdn1', status: 'failed', failure: { plugin: '"@tern/netmigrate-isdn"', hook: 'DoPreUpgradeProcessing', kind: 'hook-error' } });
    expect(failed?.failure?.message).toContain('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\TernIsdn1\\Parameters\\0 IsdnSwitchType is REG_SZ; the TernLink driver writes it as REG_DWORD');
    expect(ok).toMatchObject({ preNT5Instance: 'TernIsdn2', status: 'upgraded' });
    expect(run.answerFile.sectionNames().filter((s) => s.toLowerCase().includes('tern_isdn_u'))).toEqual([]);
  });

  test('a phone number with a line break', async () => {
    const run = await upgrade({ registry: nt4().adapter(tern(bri('U', ['555-0100\r\n', '555-0101']))).build(), oemDirs: [VENDOR], host: 'in-process' });
    expect(run.report.components[0]?.status).toBe('failed');
    expect(run.report.components[0]?.failure?.message).toContain('Services\\TernIsdn1\\Parameters\\0\\0 IsdnPhoneNumber holds the control character U+000d at position 9; an answer-file line cannot carry it');
  });
});
