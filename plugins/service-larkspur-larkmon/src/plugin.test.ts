// The LarkMon plugin through the vendor test kit: its AddReg section (a multi-string, an
// unexpanded path) in the answer file and in the new registry, LarkMon 1.x reported as not
// supported with Larkspur's help files, and the abort request on an ambiguous configuration.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetmigrateEvents, type AbortRequest } from '@netmigrate/core';
import { buildForSandbox, expectSection, expectValue, matchGolden, nt4, reg, runUpgrade, type RegTree, type SoftwareSpec, type UpgradeRun } from '@netmigrate/testing';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TIDY_INSTRUCTIONS } from './index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VENDOR = join(ROOT, 'vendor');
const GOLDEN = join(ROOT, 'fixtures', 'golden');
const PLUGIN = join(VENDOR, 'larkmon.mjs');
const PARAMS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters';

const runs: UpgradeRun[] = [];
afterEach(async () => {
  await Promise.all(runs.splice(0).map((r) => r.cleanup()));
});

async function upgrade(...args: Parameters<typeof runUpgrade>): Promise<UpgradeRun> {
  const run = await runUpgrade(...args);
  runs.push(run);
  return run;
}

const SETTINGS: RegTree = {
  Collectors: ['mon1.corp.example', 'mon2.corp.example'],
  LogDirectory: reg.expandSz('%SystemRoot%\\Larkspur\\Logs'),
  PollInterval: 30,
  Community: 'public',
};

/** LarkMon as its NT 4.0 INF (OEMNSVLM.INF) registers it: option LARKMON for 2.x, LARKMON1 for 1.x. */
const larkmon = (params: RegTree = SETTINGS, infOption = 'LARKMON'): SoftwareSpec => ({
  vendor: 'Larkspur', service: 'LarkMon', infOption, infName: 'OEMNSVLM.INF', title: 'LarkMon Network Monitor Agent', serviceType: 0x10, params,
});

const machine = (params?: RegTree, infOption?: string) =>
  nt4().adapter({ service: 'E100B', tcpip: { dhcp: true } }).tcpip({ domain: 'corp.example' }).workstation().service(larkmon(params, infOption)).build();

/** The 1.x fallback naming a server that is not a collector: which one the agent reports to is unknowable. */
const AMBIGUOUS: RegTree = { ...SETTINGS, CollectorHost: 'oldmon.corp.example' };

/** Whether this engine hands PreUpgradeInitialize the registry (else the plugin can only abort from DoPreUpgradeProcessing). */
let initSeesRegistry = false;

beforeAll(async () => {
  buildForSandbox(join(ROOT, 'tsconfig.json'));
  const events = new NetmigrateEvents();
  events.on('abortRequested', (e) => {
    initSeesRegistry = e.hook === 'PreUpgradeInitialize';
  });
  const probe = await runUpgrade({ registry: machine(AMBIGUOUS), oemDirs: [VENDOR], host: 'in-process', events });
  await probe.cleanup();
}, 300_000);

describe('LarkMon 2.x', () => {
  test('a multi-string, an unexpanded path, a DWORD and a string: in the answer file, then in the new registry', async () => {
    const run = await upgrade({ registry: machine(), oemDirs: [VENDOR] });
    expect(run.status).toBe('committed');
    expect(run.report.components.find((c) => c.preNT5Instance === 'LarkMon')).toMatchObject({ kind: 'service', nt5InfId: 'LSP_LarkMon', status: 'upgraded', flags: 0 });
    expectSection(run.answerFile, 'NetServices').toContainLines(['LSP_LarkMon=params.LSP_LarkMon']);
    expectSection(run.answerFile, 'params.LSP_LarkMon.OemSection').toHaveLines(['InfToRunAfterInstall="",LSP_LarkMon.SectionToRun']);
    expectSection(run.answerFile, 'LSP_LarkMon.SectionToRun.AddReg').toHaveLines([
      'HKLM,"SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters",Collectors,0x00010000,"mon1.corp.example","mon2.corp.example"',
      'HKLM,"SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters",LogDirectory,0x00020000,"%%SystemRoot%%\\Larkspur\\Logs"',
      'HKLM,"SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters",PollInterval,0x00010001,30',
      'HKLM,"SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters",Community,0,"public"',
    ]);
    matchGolden(run.answerFile.bytes, join(GOLDEN, 'larkmon.sif'), { normalize: run.normalize });

    expect(run.gui?.status).toBe('applied');
    expect(run.gui?.components.find((c) => c.key === 'LSP_LarkMon')).toMatchObject({ status: 'installed', service: 'LarkMon' });
    const target = run.registry!;
    expectValue(target, PARAMS_KEY, 'Collectors').toEqual(['mon1.corp.example', 'mon2.corp.example']);
    expectValue(target, PARAMS_KEY, 'LogDirectory').toEqual(reg.expandSz('%SystemRoot%\\Larkspur\\Logs'));
    expectValue(target, PARAMS_KEY, 'PollInterval').toEqual(30);
    expectValue(target, PARAMS_KEY, 'Community').toEqual('public');
  });

  test('any collector list and log directory reach the new registry unchanged', async () => {
    const text = fc.string({ unit: fc.constantFrom(...'abz09.-_ %\\",;:é'.split(''), '%%', '%SystemRoot%', '""'), minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 4 }), text, async (collectors, logDirectory) => {
        const run = await upgrade({ registry: machine({ Collectors: collectors, LogDirectory: reg.expandSz(logDirectory) }), oemDirs: [VENDOR], host: 'in-process' });
        expect(run.gui?.status).toBe('applied');
        expectValue(run.registry!, PARAMS_KEY, 'Collectors').toEqual(collectors);
        expectValue(run.registry!, PARAMS_KEY, 'LogDirectory').toEqual(reg.expandSz(logDirectory));
        await Promise.all(runs.splice(0).map((r) => r.cleanup()));
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  test('no Collectors: the 1.x CollectorHost the agent reported to becomes the one collector', async () => {
    const run = await upgrade({ registry: machine({ CollectorHost: 'oldmon.corp.example' }), oemDirs: [VENDOR], host: 'in-process' });
    expectValue(run.registry!, PARAMS_KEY, 'Collectors').toEqual(['oldmon.corp.example']);
  });

  test('a CollectorHost that is one of the Collectors is no ambiguity', async () => {
    const run = await upgrade({ registry: machine({ ...SETTINGS, CollectorHost: 'MON2.corp.example' }), oemDirs: [VENDOR], host: 'in-process' });
    expect(run.status).toBe('committed');
    expectValue(run.registry!, PARAMS_KEY, 'Collectors').toEqual(['mon1.corp.example', 'mon2.corp.example']);
  });
});

describe('LarkMon 1.x is NotSupported', () => {
  test('reported with Larkspur\'s help files (txt and htm); nothing of it in the answer file; the rest is upgraded', async () => {
    const run = await upgrade({ registry: machine({ CollectorHost: 'oldmon.corp.example' }, 'LARKMON1'), oemDirs: [VENDOR] });
    expect(run.status).toBe('committed');
    expect(run.report.components.find((c) => c.preNT5Instance === 'LarkMon')).toMatchObject({
      preNT5InfId: 'LARKMON1',
      nt5InfId: 'LSP_LarkMon1',
      status: 'not-supported',
      helpFiles: { txt: join(VENDOR, 'larkmon1.txt'), htm: join(VENDOR, 'larkmon1.htm'), source: 'vendor', exists: { txt: true, htm: true } },
    });
    expect(run.answerFile.hasSection('NetServices')).toBe(false);
    expect(run.report.counts['built-in']).toBeGreaterThan(0);
  });
});

describe('an ambiguous configuration (README: "When LarkMon asks to abort")', () => {
  test('unattended: the upgrade stops, no answer file, the operator is told what to do', async () => {
    const run = await upgrade({ registry: machine(AMBIGUOUS), oemDirs: [VENDOR] });
    expect(run.status).toBe('aborted');
    expect(run.message).toContain('@larkspur/netmigrate-larkmon');
    expect(run.message).toContain(initSeesRegistry ? 'NUA_REQUEST_ABORT_UPGRADE' : 'NUA_ABORT_UPGRADE');
    expect(run.message).toContain(TIDY_INSTRUCTIONS);
    expect(run.message).toContain('+1 555 0163');
    expect(run.pre.answerFilePath).toBeUndefined();
    expect(run.gui).toBeUndefined();
  });

  test('attended: the operator is asked from PreUpgradeInitialize; going on leaves LarkMon out and upgrades the rest', async ({ skip }) => {
    // Needs an engine that hands PreUpgradeInitialize the registry (see the README).
    if (!initSeesRegistry) skip();
    const asked: AbortRequest[] = [];
    const run = await upgrade({ registry: machine(AMBIGUOUS), oemDirs: [VENDOR], unattended: false, askAbort: (r) => (asked.push(r), false) });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ plugin: '"@larkspur/netmigrate-larkmon"', components: ['LarkMon'], vendorInfo: { instructionsToUser: TIDY_INSTRUCTIONS } });
    expect(run.status).toBe('committed');
    expect(run.report.components.find((c) => c.preNT5Instance === 'LarkMon')?.status).toBe('not-run');
    expect(run.answerFile.hasSection('NetServices')).toBe(false);
  });

  test.each([
    ['use-collectors', ['mon1.corp.example', 'mon2.corp.example']],
    ['merge', ['mon1.corp.example', 'mon2.corp.example', 'oldmon.corp.example']],
  ] as const)('option ambiguousCollectors=%s decides instead of asking', async (policy, collectors) => {
    const run = await upgrade({ registry: machine(AMBIGUOUS), plugins: [{ ref: PLUGIN, netmapDir: VENDOR, options: { ambiguousCollectors: policy } }] });
    expect(run.status).toBe('committed');
    expectValue(run.registry!, PARAMS_KEY, 'Collectors').toEqual([...collectors]);
  });
});

describe('bad input', () => {
  test.each([
    ['PollInterval written as REG_SZ', { ...SETTINGS, PollInterval: '30' }, `${PARAMS_KEY.replace('HKLM', 'HKEY_LOCAL_MACHINE')} PollInterval is REG_SZ; LarkMon 2.x writes it as REG_DWORD`],
    ['Collectors written as REG_SZ', { ...SETTINGS, Collectors: 'mon1' }, 'Parameters Collectors is REG_SZ; LarkMon 2.x writes it as REG_MULTI_SZ'],
    ['a log directory with a line break', { ...SETTINGS, LogDirectory: reg.expandSz('C:\\logs\r\n') }, 'Parameters LogDirectory holds a control character'],
  ])('%s fails the component with the value named', async (_what, params, message) => {
    const run = await upgrade({ registry: machine(params), oemDirs: [VENDOR], host: 'in-process', guiMode: false });
    const entry = run.report.components.find((c) => c.preNT5Instance === 'LarkMon');
    expect(entry?.status).toBe('failed');
    expect(entry?.failure?.message).toContain(message);
  });

  test('an unknown policy is refused at load, naming the option', async () => {
    const run = await upgrade({ registry: machine(), plugins: [{ ref: PLUGIN, netmapDir: VENDOR, options: { ambiguousCollectors: 'ask-later' } }], host: 'in-process' });
    const entry = run.report.components.find((c) => c.preNT5Instance === 'LarkMon');
    expect(entry).toMatchObject({ status: 'failed', failure: { kind: 'load' } });
    expect(entry?.failure?.message).toMatch(/option "ambiguousCollectors"/);
  });
});
