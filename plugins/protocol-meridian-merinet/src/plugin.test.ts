// The MeriNet plugin through the vendor test kit: its sections and its INF in the Winnt32
// phase, and in GUI mode the settings written into the new registry per adapter GUID and the
// helper driver's keys deleted before the install.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForSandbox, expectKey, expectSection, expectValue, matchGolden, nt4, runUpgrade, type RegTree, type SoftwareSpec, type UpgradeRun } from '@netmigrate/testing';
import { NUA } from '@netmigrate/core';
import { RegValue } from '@netmigrate/registry';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { UPGRADE_INF } from './index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VENDOR = join(ROOT, 'vendor');
const ETHERNET = join(ROOT, 'fixtures', 'ethernet-vendor');
const GOLDEN = join(ROOT, 'fixtures', 'golden');
/** The module netmap.inf names: what GUI mode loads (OemDllToLoad). */
const PLUGIN = join(VENDOR, 'merinet.mjs');
const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

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

const PARAMS: RegTree = {
  NodeName: 'WS01',
  MaxPacketSize: 1514,
  RetransmitTimeout: 500,
  WindowSize: 8,
  HelperDriver: 'MeriHlp',
  Adapters: {
    E100B1: { FrameType: 0, NetworkNumber: 0x1234 },
    E100B2: { FrameType: 2, NetworkNumber: 0xabcd0001 },
    Elnk31: { FrameType: 1, NetworkNumber: 7 },
  },
};

const merinet = (params: RegTree = PARAMS, extra: Partial<SoftwareSpec> = {}): SoftwareSpec => ({
  vendor: 'Meridian', service: 'MeriNet', infOption: 'MERINET', infName: 'OEMNXPMN.INF', title: 'MeriNet Transport', bind: ['E100B1', 'E100B2', 'Elnk31'], params, ...extra,
});

/**
 * Two Ethernet cards with a vendor mapping (so they get instance GUIDs in GUI mode), a 3Com
 * card without one, MeriNet bound to all three, and its NT 4.0 helper driver.
 */
function machine(params: RegTree = PARAMS) {
  return nt4()
    .adapter({ service: 'E100B', infOption: 'E100B', title: 'Intel EtherExpress PRO/100B', manufacturer: 'Intel' })
    .adapter({ service: 'E100B', infOption: 'E100B', title: 'Intel EtherExpress PRO/100B', manufacturer: 'Intel' })
    .adapter({ service: 'Elnk3', infOption: 'ELNK3', title: '3Com Etherlink III', manufacturer: '3Com' })
    .protocol(merinet(params))
    .key('SYSTEM\\CurrentControlSet\\Services\\MeriHlp', { ErrorControl: 1, ImagePath: 'System32\\drivers\\merihlp.sys', Start: 1, Type: 1 })
    .key('SOFTWARE\\Meridian\\MeriHlp\\CurrentVersion', { ServiceName: 'MeriHlp', SoftwareType: 'driver', Title: 'MeriNet Helper' })
    .build();
}

/** What an in-place upgrade carries over from NT 4.0 into the new registry (our target starts from the baseline). */
function carriedOver(store: Parameters<NonNullable<Parameters<typeof runUpgrade>[0]['prepareTarget']>>[0]): void {
  for (const [path, value] of [
    [`${SERVICES}\\MeriHlp`, RegValue.dword('Start', 1)],
    ['HKLM\\SOFTWARE\\Meridian\\MeriHlp\\CurrentVersion', RegValue.sz('ServiceName', 'MeriHlp')],
    ['HKLM\\SOFTWARE\\Meridian\\MeriNet\\CurrentVersion', RegValue.sz('ServiceName', 'MeriNet')],
  ] as const) {
    store.createKey(path);
    store.setValue(path, value);
  }
}

describe('Winnt32 phase', () => {
  test('settings and bindings in its own sections, the helper-driver INF in its working directory, GUI mode requested', async () => {
    const run = await upgrade({ registry: machine(), oemDirs: [ETHERNET, VENDOR], guiMode: false });
    expect(run.status).toBe('committed');
    const entry = run.report.components.find((c) => c.preNT5Instance === 'MeriNet');
    expect(entry).toMatchObject({ kind: 'protocol', nt5InfId: 'MRD_MeriNet', status: 'upgraded', flags: NUA.LoadPostUpgrade, flagNames: ['LoadPostUpgrade'] });
    expectSection(run.answerFile, 'NetProtocols').toHaveLines(['MRD_MeriNet=params.MRD_MeriNet']);
    expectSection(run.answerFile, 'params.MRD_MeriNet').toHaveValue('OemDllToLoad', PLUGIN);
    expectSection(run.answerFile, 'params.MRD_MeriNet.OemSection').toHaveLines([
      `InfToRunBeforeInstall=${UPGRADE_INF},MRD_MeriNet.RemoveHelper`,
      'NodeName="WS01"',
      'MaxPacketSize=1514',
      'RetransmitTimeout=500',
      'WindowSize=8',
      'Adapters=MRD_MeriNet.Adapter.E100B1,MRD_MeriNet.Adapter.E100B2,MRD_MeriNet.Adapter.Elnk31',
    ]);
    expectSection(run.answerFile, 'MRD_MeriNet.Adapter.E100B2').toHaveLines(['PreNT5Instance="E100B2"', 'FrameType=2', 'NetworkNumber=0xabcd0001']);
    matchGolden(run.answerFile.bytes, join(GOLDEN, 'merinet.sif'), { normalize: run.normalize });
    const workingDir = entry?.plugin?.workingDir as string;
    expect(readFileSync(join(workingDir, UPGRADE_INF), 'latin1')).toContain('[MRD_MeriNet.RemoveHelper.DelReg]\r\nHKLM,"SYSTEM\\CurrentControlSet\\Services\\MeriHlp"\r\nHKLM,"SOFTWARE\\Meridian\\MeriHlp"\r\n');
  });

  test('no bindings: no Adapters line and no adapter sections', async () => {
    const run = await upgrade({ registry: nt4().protocol(merinet({ NodeName: 'SOLO' }, { bind: [] })).build(), oemDirs: [VENDOR], guiMode: false, host: 'in-process' });
    expectSection(run.answerFile, 'params.MRD_MeriNet.OemSection').toHaveLines(['NodeName="SOLO"']);
  });
});

describe('GUI mode', () => {
  test('global settings into Services\\MeriNet\\Parameters, each binding under Adapters\\{GUID}; the helper driver is gone before the install', async () => {
    const run = await upgrade({ registry: machine(), oemDirs: [ETHERNET, VENDOR], prepareTarget: carriedOver });
    expect(run.gui?.status).toBe('applied');
    const target = run.registry!;
    const params = `${SERVICES}\\MeriNet\\Parameters`;
    expectValue(target, params, 'NodeName').toEqual('WS01');
    expectValue(target, params, 'MaxPacketSize').toEqual(1514);
    expectValue(target, params, 'RetransmitTimeout').toEqual(500);
    expectValue(target, params, 'WindowSize').toEqual(8);
    const guids = run.gui?.instanceGuids ?? {};
    const e1 = guids.e100b1 as string;
    const e2 = guids.e100b2 as string;
    expect(e1).toMatch(/^\{[0-9A-F-]{36}\}$/i);
    expect(guids.elnk31).toBeUndefined();
    expectKey(target, `${params}\\Adapters`).toHaveSubkeys([e1, e2]);
    expectValue(target, `${params}\\Adapters\\${e1}`, 'FrameType').toEqual(0);
    expectValue(target, `${params}\\Adapters\\${e1}`, 'NetworkNumber').toEqual(0x1234);
    expectValue(target, `${params}\\Adapters\\${e2}`, 'NetworkNumber').toEqual(0xabcd0001);
    // InfToRunBeforeInstall: the helper's keys went; MeriNet's own software key stayed.
    expectKey(target, `${SERVICES}\\MeriHlp`).toBeAbsent();
    expectKey(target, 'HKLM\\SOFTWARE\\Meridian\\MeriHlp').toBeAbsent();
    expectKey(target, 'HKLM\\SOFTWARE\\Meridian\\MeriNet\\CurrentVersion').toExist();
    const report = run.gui?.components.find((c) => c.key === 'MRD_MeriNet');
    expect(report).toMatchObject({ status: 'installed', plugin: '@meridian/netmigrate-merinet', paramsKey: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MeriNet\\Parameters' });
    expect(report?.steps[0]).toBe(`InfToRunBeforeInstall ${UPGRADE_INF} [MRD_MeriNet.RemoveHelper]: 2 change(s)`);
  });

  test('option removeHelperDriver: false keeps the helper (no INF, no InfToRunBeforeInstall)', async () => {
    const run = await upgrade({
      registry: machine(),
      plugins: [{ ref: join(ETHERNET, 'ethernet.mjs'), netmapDir: ETHERNET }, { ref: PLUGIN, netmapDir: VENDOR, options: { removeHelperDriver: false } }],
      prepareTarget: carriedOver,
    });
    expect(run.gui?.status).toBe('applied');
    expectSection(run.answerFile, 'params.MRD_MeriNet.OemSection').toContainLines(['NodeName="WS01"']).toHaveValue('InfToRunBeforeInstall', undefined);
    const workingDir = run.report.components.find((c) => c.preNT5Instance === 'MeriNet')?.plugin?.workingDir as string;
    expect(existsSync(join(workingDir, UPGRADE_INF))).toBe(false);
    expectKey(run.registry!, `${SERVICES}\\MeriHlp`).toExist();
  });
});

describe('bad input', () => {
  test('an option of the wrong type is refused at load, naming the plugin and the key', async () => {
    const run = await upgrade({ registry: machine(), plugins: [{ ref: PLUGIN, netmapDir: VENDOR, options: { removeHelperDriver: 'yes' } }] });
    const entry = run.report.components.find((c) => c.preNT5Instance === 'MeriNet');
    expect(entry).toMatchObject({ status: 'failed', failure: { kind: 'load' } });
    expect(entry?.failure?.message).toMatch(/^plugin "@meridian\/netmigrate-merinet": .*option "removeHelperDriver"/);
  });

  test.each([
    ['a frame type written as REG_SZ', { ...PARAMS, Adapters: { E100B1: { FrameType: '2' } } }, 'Services\\MeriNet\\Parameters\\Adapters\\E100B1 FrameType has registry type 1 (4 bytes); MeriNet 3.x writes it as REG_DWORD (4)'],
    ['a helper driver that is no service name', { ...PARAMS, HelperDriver: '..\\Tcpip' }, 'Services\\MeriNet\\Parameters HelperDriver is "..\\\\Tcpip", which is no service name'],
    ['a node name with a line break', { ...PARAMS, NodeName: 'WS\n01' }, 'Services\\MeriNet\\Parameters NodeName holds a control character'],
  ])('%s fails the component with the value named', async (_what, params, message) => {
    const run = await upgrade({ registry: machine(params), oemDirs: [VENDOR], host: 'in-process', guiMode: false });
    const entry = run.report.components.find((c) => c.preNT5Instance === 'MeriNet');
    expect(entry?.status).toBe('failed');
    expect(entry?.failure?.message).toContain(message);
    expect(run.answerFile.hasSection('NetProtocols')).toBe(false);
  });
});
