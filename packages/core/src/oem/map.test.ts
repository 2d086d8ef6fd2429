import { join } from 'node:path';
import { RegValue, type RegistryBase } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { NT40 } from '../contract/constants.js';
import { discoverComponents, type DiscoveredComponent } from '../discovery/discover.js';
import { Nt4RegistryBuilder } from '../discovery/test-support/nt4-builder.js';
import { nt40Server } from '../discovery/test-support/systems.js';
import { DEFAULT_HELP_FILES, mapComponent, type MappingResult } from './map.js';
import { buildMappingIndex, type MappingIndex } from './mapping-index.js';
import { readNetmapInf } from './netmap.js';
import { ACME_DIR, DIGI_DIR, inf, vendorDir } from './test-support/vendor-dirs.js';

async function indexOf(...netmapLines: string[][]): Promise<MappingIndex> {
  const netmaps = await Promise.all(netmapLines.map((lines) => readNetmapInf(vendorDir({ 'netmap.inf': inf(...lines), 'plugin.mjs': 'export {}' }))));
  return buildMappingIndex(netmaps).index;
}

function mapAll(snapshot: RegistryBase, index: MappingIndex): Map<string, MappingResult> {
  return new Map(discoverComponents(snapshot).map((c) => [c.preNT5Instance, mapComponent(c, index, snapshot)]));
}

/** Maps the first component discovered (or the one with `instance`) on a system made by `build`. */
function only(build: (b: Nt4RegistryBuilder) => void, index: MappingIndex, instance?: string): MappingResult {
  const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
  build(b);
  const snapshot = b.snapshot();
  const all = discoverComponents(snapshot);
  const c = instance === undefined ? all[0] : all.find((x) => x.preNT5Instance === instance);
  return mapComponent(c as DiscoveredComponent, index, snapshot);
}

describe('mapComponent: the NT 4.0 server with the Digi and Acme vendor directories', async () => {
  const snapshot = nt40Server();
  const { index, diagnostics } = buildMappingIndex([await readNetmapInf(DIGI_DIR), await readNetmapInf(ACME_DIR)]);
  const results = mapAll(snapshot, index);

  it('maps every component: built-ins, vendor plugins, not supported, unmapped', () => {
    expect(diagnostics).toEqual([]);
    const plan = [...results].map(([instance, r]) => [instance, r.status, r.kind, r.nt5InfId ?? '-', r.pluginRef ?? '-']);
    expect(plan).toEqual([
      ['E100B1', 'no-mapping', 'adapter', '-', '-'],
      ['E100B2', 'no-mapping', 'adapter', '-', '-'],
      ['DataFire1', 'mapped', 'adapter', 'DATAFIRE - ISA1U', '@digi/netmigrate-datafire'],
      ['DataFire2', 'mapped', 'adapter', 'DATAFIRE - ISA', '@digi/netmigrate-datafire'],
      ['AcmeProto', 'mapped', 'protocol', 'ACME_PROTO', '@acme/netmigrate-suite'],
      ['NetBT', 'mapped', 'protocol', 'MS_NetBT', '-'],
      ['Tcpip', 'mapped', 'protocol', 'MS_TCPIP', '-'],
      ['AcmeMon', 'mapped', 'service', 'ACME_MONITOR', '@acme/netmigrate-suite'],
      ['AcmeRdr', 'not-supported', 'client', 'ACME_CLIENT', '-'],
      ['LanmanServer', 'mapped', 'service', 'MS_Server', '-'],
      ['LanmanWorkstation', 'mapped', 'client', 'MS_MSClient', '-'],
      ['NetBIOS', 'mapped', 'service', 'MS_NetBIOS', '-'],
    ]);
  });

  it('the two DataFire variants differ only by BoardType: present → its line, absent → ValueNotPresent', () => {
    expect(results.get('DataFire1')).toMatchObject({ inf: 'netdf.inf', mapping: { preId: 'DATAFIREU' }, support: { line: 18 } });
    expect(results.get('DataFire1')?.detail).toBe(
      `one-to-many via [DATAFIREU] ValueName=BoardType: 'DataFireIsaU' matched the left side of line 12 → DATAFIRE - ISA1U; plugin @digi/netmigrate-datafire (${join(DIGI_DIR, 'netmap.inf')}:18:1)`,
    );
    expect(results.get('DataFire2')?.detail).toContain('no BoardType value: ValueNotPresent matched line 15 (left side) → DATAFIRE - ISA');
    expect(results.get('DataFire2')?.support?.line).toBe(21);
  });

  it('a mapped component has no help files; unmapped and unsupported ones do', () => {
    expect(results.get('DataFire1')?.helpFiles).toBeUndefined();
    expect(results.get('E100B1')).toMatchObject({ helpFiles: DEFAULT_HELP_FILES, helpFilesSource: 'default', detail: 'no netmap.inf maps E100B in OemNetAdapters/OemAdapters/OemAsyncAdapters; the component is listed in the Compatibility Report' });
    expect(results.get('AcmeRdr')).toMatchObject({
      helpFiles: { txt: join(ACME_DIR, 'help', 'acmerdr.txt'), htm: join(ACME_DIR, 'help', 'acmerdr.htm') },
      helpFilesSource: 'netmap',
    });
  });

  it('built-ins: Windows 2000 classes, no vendor files', () => {
    expect(results.get('LanmanWorkstation')).toEqual({
      status: 'mapped',
      kind: 'client',
      nt5InfId: 'MS_MSClient',
      builtIn: true,
      detail: 'built-in: Windows 2000 upgrades LanmanWorkstation (WKSTA) itself as MS_MSClient; no vendor files are used',
    });
  });
});

describe('mapComponent: classes', () => {
  it('an adapter found in OemAsyncAdapters becomes async; an "async" adapter found in OemNetAdapters is an adapter', async () => {
    const index = await indexOf(['[OemAsyncAdapters]', 'MULTIPORT = MP_2000', '[OemNetAdapters]', 'ASYNCLIKE = AL_2000', '[OemUpgradeSupport]', 'MP_2000 = plugin.mjs', 'AL_2000 = plugin.mjs']);
    expect(only((b) => b.card({ number: 1, productName: 'Mp', serviceName: 'Mp1', infOption: 'MULTIPORT' }), index)).toMatchObject({ status: 'mapped', kind: 'asyncAdapter' });
    expect(only((b) => b.card({ number: 1, productName: 'Al', serviceName: 'Al1', infOption: 'ASYNCLIKE', class: 'asyncAdapter basic' }), index)).toMatchObject({ status: 'mapped', kind: 'adapter' });
  });

  it('protocols are not looked up among services', async () => {
    const index = await indexOf(['[OemNetServices]', 'ACMEX = X_2000', '[OemUpgradeSupport]', 'X_2000 = plugin.mjs']);
    const r = only((b) => b.software({ vendor: 'Acme', product: 'X', softwareType: 'transport', serviceName: 'AcmeX', infOption: 'ACMEX' }), index);
    expect(r).toMatchObject({ status: 'no-mapping', kind: 'protocol', detail: 'no netmap.inf maps ACMEX in OemNetProtocols; the component is listed in the Compatibility Report' });
  });

  it('a vendor entry for an in-box component does not apply', async () => {
    const index = await indexOf(['[OemNetProtocols]', 'TC = VENDOR_TCP', '[OemUpgradeSupport]', 'VENDOR_TCP = plugin.mjs']);
    const r = only((b) => b.tcpip([], { hostname: 'h' }), index, 'Tcpip');
    expect(r).toMatchObject({ status: 'mapped', builtIn: true, nt5InfId: 'MS_TCPIP', detail: expect.stringMatching(/^built-in: .*\(the entry at .*netmap\.inf:2:1 does not apply\)$/) });
  });
});

describe('mapComponent: one-to-many against registry data', () => {
  const dwordMap = ['[OemNetAdapters]', 'CARD = 0, TYPES', '[TYPES]', 'ValueName = Model', 'ValueType = 4'];
  const card = (params: RegValue[]) => (b: Nt4RegistryBuilder) => b.card({ number: 1, productName: 'Card', serviceName: 'Card1', infOption: 'CARD', params });

  it('DWORD data are compared numerically: decimal, 0x hex and 0-octal lines all match 16', async () => {
    for (const spelling of ['16', '0x10', '020', '0X00000010']) {
      const index = await indexOf([...dwordMap, `${spelling} = SIXTEEN`, '[OemUpgradeSupport]', 'SIXTEEN = plugin.mjs']);
      expect(only(card([RegValue.dword('Model', 16)]), index)).toMatchObject({ status: 'mapped', nt5InfId: 'SIXTEEN', detail: expect.stringContaining("16 (0x10) matched the left side of line 6") });
    }
  });

  it('-1 in the INF is the DWORD 0xFFFFFFFF; a number on the right side matches by reading (b)', async () => {
    const index = await indexOf([...dwordMap, '-1 = ALLONES', 'RIGHTSIDE = 7', '[OemUpgradeSupport]', 'ALLONES = plugin.mjs', 'RIGHTSIDE = plugin.mjs']);
    expect(only(card([RegValue.dword('Model', 0xffffffff)]), index)).toMatchObject({ nt5InfId: 'ALLONES' });
    expect(only(card([RegValue.dword('Model', 7)]), index)).toMatchObject({ nt5InfId: 'RIGHTSIDE' });
    expect(only(card([RegValue.dword('Model', 8)]), index)).toMatchObject({ status: 'no-match' });
  });

  it('reading (a) wins over (b) across all lines', async () => {
    // 'X' is the right side of line 6 and the left side of line 7: the left side wins.
    const index = await indexOf(['[OemNetAdapters]', 'CARD = 0, TYPES', '[TYPES]', 'ValueName = Model', 'ValueType = 1', 'A = X', 'X = B', '[OemUpgradeSupport]', 'A = plugin.mjs', 'B = plugin.mjs']);
    expect(only(card([RegValue.sz('Model', 'x')]), index)).toMatchObject({ nt5InfId: 'B' });
  });

  it('a registry value of another type than ValueType: no-match, the error at ValueType', async () => {
    const index = await indexOf([...dwordMap, '16 = SIXTEEN', '[OemUpgradeSupport]', 'SIXTEEN = plugin.mjs']);
    const r = only(card([RegValue.sz('Model', '16')]), index);
    expect(r.status).toBe('no-match');
    expect(r.problem).toEqual({
      severity: 'error',
      code: 'netmap-value-type-mismatch',
      message: 'Model is REG_SZ in the registry but ValueType is 4 (REG_DWORD); the adapter type cannot be told',
      file: r.netmap?.file,
      line: 5,
      column: 13,
      component: 'Card1',
    });
    const strings = await indexOf(['[OemNetAdapters]', 'CARD = 0, TYPES', '[TYPES]', 'ValueName = Model', 'ValueType = 1', 'a = A', '[OemUpgradeSupport]', 'A = plugin.mjs']);
    expect(only(card([RegValue.dword('Model', 1)]), strings).problem).toMatchObject({ code: 'netmap-value-type-mismatch', line: 5 });
    expect(only(card([RegValue.expandSz('Model', 'a')]), strings)).toMatchObject({ status: 'mapped', nt5InfId: 'A' });
  });

  it('a DWORD of the wrong size is a mismatch too, not a crash', async () => {
    const index = await indexOf([...dwordMap, '16 = SIXTEEN', '[OemUpgradeSupport]', 'SIXTEEN = plugin.mjs']);
    const r = only(card([RegValue.raw('Model', 4, new Uint8Array([16, 0]))]), index);
    expect(r).toMatchObject({ status: 'no-match', problem: { code: 'netmap-value-type-mismatch', line: 5 } });
  });

  it('ValueName = "" reads the key\'s default value', async () => {
    const index = await indexOf(['[OemNetAdapters]', 'CARD = 0, TYPES', '[TYPES]', 'ValueName = ""', 'ValueType = 1', 'isa = ISA', '[OemUpgradeSupport]', 'ISA = plugin.mjs']);
    expect(only(card([RegValue.sz('', 'ISA')]), index)).toMatchObject({ status: 'mapped', nt5InfId: 'ISA' });
  });

  it('no Parameters key at all counts as the value not being present', async () => {
    const index = await indexOf([...dwordMap, '16 = SIXTEEN', 'ValueNotPresent = NONE', '[OemUpgradeSupport]', 'SIXTEEN = plugin.mjs', 'NONE = plugin.mjs']);
    const r = only((b) => b.card({ number: 1, productName: 'Card', serviceName: 'Card1', infOption: 'CARD', noServiceKey: true }), index);
    expect(r).toMatchObject({ status: 'mapped', nt5InfId: 'NONE' });
  });

  it('absent value and no ValueNotPresent line: no-match, help looked up by the pre-upgrade ID', async () => {
    const dir = vendorDir({ 'netmap.inf': inf(...dwordMap, '16 = SIXTEEN', '[OemUpgradeSupport]', 'SIXTEEN = NotSupported', '[OemUpgradeHelpFiles]', 'CARD = card.txt, card.htm'), 'card.txt': 't', 'card.htm': 'h' });
    const r = only(card([]), buildMappingIndex([await readNetmapInf(dir)]).index);
    expect(r).toMatchObject({
      status: 'no-match',
      helpFiles: { txt: join(dir, 'card.txt'), htm: join(dir, 'card.htm') },
      helpFilesSource: 'netmap',
      detail: expect.stringContaining('the adapter has no Model value and [TYPES] has no ValueNotPresent line'),
    });
  });
});

describe('mapComponent: why a mapped component is not upgraded', () => {
  const svc = (b: Nt4RegistryBuilder) => b.software({ vendor: 'V', product: 'S', softwareType: 'service', serviceName: 'VSvc', infOption: 'VSVC' });

  it('no [OemUpgradeSupport] entry for the post-upgrade ID: not supported, the error at the ID', async () => {
    const index = await indexOf(['[OemNetServices]', 'VSVC =  VSVC_2000', '[OemUpgradeSupport]', 'OTHER = plugin.mjs']);
    const r = only(svc, index);
    expect(r).toMatchObject({ status: 'not-supported', nt5InfId: 'VSVC_2000', helpFilesSource: 'default', problem: { code: 'netmap-no-support-entry', line: 2, column: 9, component: 'VSvc' } });
  });

  it('the plugin module is missing', async () => {
    const netmap = await readNetmapInf(vendorDir({ 'netmap.inf': inf('[OemNetServices]', 'VSVC = VSVC_2000', '[OemUpgradeSupport]', 'VSVC_2000 = ./lib/plugin.mjs') }));
    const r = only(svc, buildMappingIndex([netmap]).index);
    expect(r).toMatchObject({ status: 'not-supported', problem: { code: 'netmap-plugin-missing', line: 4, column: 13, component: 'VSvc' } });
    expect(r.detail).toContain(`the plugin cannot run: the plugin module ${join(netmap.dir, 'lib', 'plugin.mjs')} does not exist`);
  });

  it('an entry the netmap.inf refused: no mapping, and the reason with its position', async () => {
    const index = await indexOf(['[OemNetServices]', 'VSVC = 0, SECTION', '[OemUpgradeSupport]', 'X = plugin.mjs']);
    const r = only(svc, index);
    expect(r).toMatchObject({ status: 'no-mapping', problem: { code: 'netmap-one-to-many-not-adapter', line: 2, column: 8, component: 'VSvc' } });
    expect(r.detail).toMatch(/^the entry for VSVC at .*netmap\.inf:2:8 is unusable \(one-to-many mapping is for adapters only/);
  });

  it('help files keyed by the post-upgrade ID win over ones keyed by the pre-upgrade ID', async () => {
    const dir = vendorDir({
      'netmap.inf': inf('[OemNetServices]', 'VSVC = VSVC_2000', '[OemUpgradeSupport]', 'VSVC_2000 = NotSupported', '[OemUpgradeHelpFiles]', 'VSVC = pre.txt', 'VSVC_2000 = , post.htm'),
      'pre.txt': '',
      'post.htm': '',
    });
    const r = only(svc, buildMappingIndex([await readNetmapInf(dir)]).index);
    expect(r).toMatchObject({ status: 'not-supported', helpFiles: { htm: join(dir, 'post.htm') }, helpFilesSource: 'netmap' });
    expect(r.helpFiles?.txt).toBeUndefined();
  });
});
