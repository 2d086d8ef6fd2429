// The documentation's own netmap.inf samples (fixtures/netmap, byte-exact copies), read as a
// vendor's netmap.inf and mapped against NT4 registries.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegValue, type RegistrySnapshot } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { NT40 } from '../contract/constants.js';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { discoverComponents, type DiscoveredComponent } from '../discovery/discover.js';
import { Nt4RegistryBuilder } from '../discovery/test-support/nt4-builder.js';
import { OemFileError } from './errors.js';
import { DEFAULT_HELP_FILES, mapComponent } from './map.js';
import { buildMappingIndex } from './mapping-index.js';
import { readNetmapInf, type OneToManyMapping } from './netmap.js';
import { NETMAP_SAMPLES, sampleDir, vendorDir } from './test-support/vendor-dirs.js';

const brief = (d: EngineDiagnostic) => `${d.severity} ${d.code} ${d.line}:${d.column}`;
const sample = (name: string) => readFileSync(join(NETMAP_SAMPLES, name));

function system(build: (b: Nt4RegistryBuilder) => void): { snapshot: RegistrySnapshot; components: DiscoveredComponent[] } {
  const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
  build(b);
  const snapshot = b.snapshot();
  return { snapshot, components: discoverComponents(snapshot) };
}

/** Two DataFire cards: one with the given BoardType (undefined = the value is absent). */
function datafire(boardType: string | undefined) {
  return system((b) =>
    b.card({ number: 1, productName: 'DataFire', serviceName: 'DataFire1', infOption: 'DATAFIREU', params: boardType === undefined ? [RegValue.dword('IOBaseAddress', 0x300)] : [RegValue.sz('BoardType', boardType)] }),
  );
}

describe('documentation sample: Help files (msdocs_netmap_helpfiles_example.inf)', async () => {
  const netmap = await readNetmapInf(sampleDir('msdocs_netmap_helpfiles_example.inf'));
  const { index } = buildMappingIndex([netmap]);
  const { snapshot, components } = system((b) => {
    b.software({ vendor: 'Abc', product: 'Protocol1', softwareType: 'transport', serviceName: 'AbcProt1', infOption: 'Protocol1' });
    b.software({ vendor: 'Abc', product: 'Protocol2', softwareType: 'transport', serviceName: 'AbcProt2', infOption: 'Protocol2' });
  });

  it('reads despite the unterminated quote, and reports every published slip where it stands', () => {
    expect(netmap.mappings.map((m) => [m.kind, m.preId, m.method === 'one-to-one' ? m.postId : '', m.line])).toEqual([
      ['protocol', 'Protocol1', 'Protoco1_2000', 5],
      ['protocol', 'Protocol2', 'Protocol2_2000', 6],
    ]);
    expect(netmap.diagnostics.map(brief)).toEqual([
      'warning inf-unterminated-quote 2:11',
      'error netmap-plugin-is-dll 10:11',
      'warning netmap-help-file-missing 13:1',
      'warning netmap-help-file-missing 13:1',
      'warning netmap-support-keyed-by-pre-id 9:1',
      'warning netmap-support-keyed-by-pre-id 10:1',
      'warning netmap-unused-help-entry 13:1',
    ]);
    expect(netmap.plugin).toMatchObject({ ref: 'abc_upgrade.dll', inf: 'abc.inf', line: 10, column: 11 });
    expect(netmap.diagnostics.find((d) => d.code === 'netmap-unused-help-entry')?.message).toBe('Protoco11 is not an ID mapped in this file; its help files are never shown');
  });

  it('Protocol1 = NotSupported, keyed by the pre-upgrade ID: not supported, default help (the help entry is keyed Protoco11)', () => {
    const r = mapComponent(components[0] as DiscoveredComponent, index, snapshot);
    expect(r).toMatchObject({ status: 'not-supported', kind: 'protocol', nt5InfId: 'Protoco1_2000', helpFiles: DEFAULT_HELP_FILES, helpFilesSource: 'default', support: { key: 'Protocol1', line: 9 } });
    expect(r.problem).toBeUndefined();
    expect(r.detail).toBe(`one-to-one via [OemNetProtocols] at ${netmap.file}:5:1: Protocol1 = Protoco1_2000; [OemUpgradeSupport] at ${netmap.file}:9:1 says NotSupported`);
  });

  it('Protocol2 = abc_upgrade.dll: a DLL cannot run here, so it is not upgraded and the error travels with it', () => {
    const r = mapComponent(components[1] as DiscoveredComponent, index, snapshot);
    expect(r).toMatchObject({ status: 'not-supported', nt5InfId: 'Protocol2_2000', problem: { code: 'netmap-plugin-is-dll', file: netmap.file, line: 10, column: 11, component: 'AbcProt2' } });
    expect(r.pluginRef).toBeUndefined();
  });
});

describe('documentation sample: one-to-many (msdocs_netmap_one_to_many_example.inf)', async () => {
  const netmap = await readNetmapInf(sampleDir('msdocs_netmap_one_to_many_example.inf'));
  const { index } = buildMappingIndex([netmap]);
  const mapFor = (boardType: string | undefined) => {
    const { snapshot, components } = datafire(boardType);
    return mapComponent(components[0] as DiscoveredComponent, index, snapshot);
  };

  it('reads [OemAdapters] and its DATAFIREU section; the missing [OemUpgradeSupport] is the one error', () => {
    const m = netmap.mappings[0] as OneToManyMapping;
    expect(m).toMatchObject({ kind: 'adapter', section: 'OemAdapters', preId: 'DATAFIREU', valueName: 'BoardType', valueType: 1, valueTypeLine: 6, valueTypeColumn: 14 });
    expect(m.lines.map((l) => `${l.left}=${l.right}@${l.line}`)).toEqual([
      'DataFireIsaU=DATAFIRE - ISA1U@7',
      'DataFireIsa1ST=DATAFIRE - ISA1ST@8',
      'DataFireIsa4ST=DATAFIRE - ISA4ST@9',
      'DataFireIsaGeneric=ValueNotPresent@10',
    ]);
    expect(netmap.diagnostics.map(brief)).toEqual(['error netmap-no-upgrade-support 1:1']);
  });

  it('reading (a): the registry data on the left, as the prose says', () => {
    const r = mapFor('DataFireIsaU');
    expect(r).toMatchObject({ status: 'not-supported', nt5InfId: 'DATAFIRE - ISA1U', problem: { code: 'netmap-no-upgrade-support', line: 1, column: 1, component: 'DataFire1' } });
    expect(r.detail).toBe(
      "one-to-many via [DATAFIREU] ValueName=BoardType: 'DataFireIsaU' matched the left side of line 7 → DATAFIRE - ISA1U; netmap.inf has no [OemUpgradeSupport] section, which is mandatory: not upgraded",
    );
  });

  it('reading (b): ValueNotPresent stands on the right, so an absent value takes the left side', () => {
    expect(mapFor(undefined)).toMatchObject({ nt5InfId: 'DataFireIsaGeneric', detail: expect.stringContaining('no BoardType value: ValueNotPresent matched line 10 (right side) → DataFireIsaGeneric') });
  });

  it('reading (b) for data: a value equal to a right side (case-insensitively) takes the left', () => {
    expect(mapFor('datafire - isa4st')).toMatchObject({ nt5InfId: 'DataFireIsa4ST', detail: expect.stringContaining("'datafire - isa4st' matched the right side of line 9") });
  });

  it('a value matching no line: no-match, listed with the default help files', () => {
    const r = mapFor('DataFirePci');
    expect(r.nt5InfId).toBeUndefined();
    expect(r).toMatchObject({
      status: 'no-match',
      helpFiles: DEFAULT_HELP_FILES,
      detail: `one-to-many via [DATAFIREU] ValueName=BoardType (${netmap.file}:2:1): 'DataFirePci' matched no line of [DATAFIREU]`,
    });
  });

  it('with an [OemUpgradeSupport] appended, both readings map to a plugin', async () => {
    const dir = vendorDir({ 'plugin.mjs': 'export {}' });
    const support = '\n[OemUpgradeSupport]\nDATAFIRE - ISA1U = ./plugin.mjs\nDataFireIsaGeneric = ./plugin.mjs\n';
    writeFileSync(join(dir, 'netmap.inf'), Buffer.concat([sample('msdocs_netmap_one_to_many_example.inf'), Buffer.from(support)]));
    const completed = await readNetmapInf(dir);
    // Two lines have IDs with no support entry: reported at those lines.
    expect(completed.diagnostics.map(brief)).toEqual(['error netmap-no-support-entry 8:1', 'error netmap-no-support-entry 9:1']);
    const idx = buildMappingIndex([completed]).index;
    for (const [boardType, id] of [['DataFireIsaU', 'DATAFIRE - ISA1U'], [undefined, 'DataFireIsaGeneric']] as const) {
      const { snapshot, components } = datafire(boardType);
      expect(mapComponent(components[0] as DiscoveredComponent, idx, snapshot)).toMatchObject({ status: 'mapped', nt5InfId: id, pluginRef: join(dir, 'plugin.mjs') });
    }
  });
});

describe('documentation sample: one-to-one (msdocs_netmap_one_to_one_example.inf)', () => {
  it('on its own the line stands before any section: not a usable netmap.inf (file:1:1)', async () => {
    const dir = sampleDir('msdocs_netmap_one_to_one_example.inf');
    const err = await readNetmapInf(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OemFileError);
    expect(err).toMatchObject({ code: 'netmap-syntax', file: join(dir, 'netmap.inf'), line: 1, column: 1 });
  });

  it('placed in [OemNetServices], netservice maps to netservice_2000 and its plugin', async () => {
    const dir = vendorDir({ 'plugin.mjs': 'export {}' });
    writeFileSync(
      join(dir, 'netmap.inf'),
      Buffer.concat([Buffer.from('[OemNetServices]\n'), sample('msdocs_netmap_one_to_one_example.inf'), Buffer.from('[OemUpgradeSupport]\nnetservice_2000 = plugin.mjs, netsvc.inf\n')]),
    );
    const netmap = await readNetmapInf(dir);
    expect(netmap.diagnostics).toEqual([]);
    const { snapshot, components } = system((b) => b.software({ vendor: 'V', product: 'NetService', softwareType: 'service', serviceName: 'NetSvc', infOption: 'netservice' }));
    expect(mapComponent(components[0] as DiscoveredComponent, buildMappingIndex([netmap]).index, snapshot)).toMatchObject({
      status: 'mapped',
      kind: 'service',
      nt5InfId: 'netservice_2000',
      pluginRef: join(dir, 'plugin.mjs'),
      inf: 'netsvc.inf',
      mapping: { line: 2, column: 1 },
    });
  });
});
