import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { OemFileError } from './errors.js';
import { readNetmapInf, type Netmap, type OneToManyMapping } from './netmap.js';
import { ACME_DIR, DIGI_DIR, inf, vendorDir } from './test-support/vendor-dirs.js';

const brief = (d: EngineDiagnostic) => `${d.severity} ${d.code} ${d.line}:${d.column}`;

/** A vendor directory whose netmap.inf is `lines`, plus `extra` files. */
async function netmap(lines: string[], extra: Record<string, string> = {}): Promise<Netmap> {
  return readNetmapInf(vendorDir({ 'netmap.inf': inf(...lines), ...extra }));
}

async function fatal(lines: string[]): Promise<OemFileError> {
  const err = await netmap(lines).catch((e: unknown) => e);
  if (!(err instanceof OemFileError)) throw new Error(`expected an OemFileError, got ${String(err)}`);
  return err;
}

const SUPPORT = ['[OemUpgradeSupport]', 'NEW = @v/plugin'];

describe('readNetmapInf: the vendor fixtures', () => {
  it('Digi: one one-to-many entry, four support entries naming one package', async () => {
    const n = await readNetmapInf(DIGI_DIR);
    expect(n.diagnostics).toEqual([]);
    expect(n.file).toBe(join(DIGI_DIR, 'netmap.inf'));
    expect(n.plugin).toEqual({ ref: '@digi/netmigrate-datafire', resolved: '@digi/netmigrate-datafire', refKind: 'package', inf: 'netdf.inf', line: 18, column: 23 });
    const m = n.mappings[0] as OneToManyMapping;
    expect(n.mappings).toHaveLength(1);
    expect(m).toMatchObject({ method: 'one-to-many', kind: 'adapter', section: 'OemNetAdapters', preId: 'DATAFIREU', line: 7, column: 1, mappingSection: 'DATAFIREU', mappingSectionLine: 9, valueName: 'BoardType', valueType: 1, valueTypeLine: 11, valueTypeColumn: 13 });
    expect(m.lines.map((l) => [l.left, l.right, l.line, l.column, l.rightColumn])).toEqual([
      ['DataFireIsaU', 'DATAFIRE - ISA1U', 12, 1, 19],
      ['DataFireIsa1ST', 'DATAFIRE - ISA1ST', 13, 1, 19],
      ['DataFireIsa4ST', 'DATAFIRE - ISA4ST', 14, 1, 19],
      ['ValueNotPresent', 'DATAFIRE - ISA', 15, 1, 19],
    ]);
    expect(n.support.map((s) => [s.key, s.kind, s.inf, s.line])).toEqual([
      ['DATAFIRE - ISA1U', 'plugin', 'netdf.inf', 18],
      ['DATAFIRE - ISA1ST', 'plugin', 'netdf.inf', 19],
      ['DATAFIRE - ISA4ST', 'plugin', 'netdf.inf', 20],
      ['DATAFIRE - ISA', 'plugin', 'netdf.inf', 21],
    ]);
  });

  it('Acme: protocol, service and client sections; %strings% substituted; help paths resolved against the directory', async () => {
    const n = await readNetmapInf(ACME_DIR);
    expect(n.diagnostics).toEqual([]);
    expect(n.mappings.map((m) => [m.kind, m.preId, m.method === 'one-to-one' ? m.postId : '', m.line])).toEqual([
      ['protocol', 'ACMEPROTO', 'ACME_PROTO', 7],
      ['service', 'ACMEMON', 'ACME_MONITOR', 10],
      ['client', 'ACMERDR', 'ACME_CLIENT', 13],
    ]);
    expect(n.plugin?.resolved).toBe('@acme/netmigrate-suite');
    expect(n.support.find((s) => s.key === 'ACME_CLIENT')?.kind).toBe('not-supported');
    expect(n.helpFiles).toEqual([{ key: 'ACME_CLIENT', line: 21, column: 1, txt: join(ACME_DIR, 'help', 'acmerdr.txt'), htm: join(ACME_DIR, 'help', 'acmerdr.htm') }]);
  });
});

describe('readNetmapInf: one-to-many errors', () => {
  const head = ['[OemNetAdapters]', 'CARD = 0, CARDTYPES'];

  it('a mapping method other than 0', async () => {
    const n = await netmap(['[OemNetAdapters]', 'CARD = 1, CARDTYPES', '[CARDTYPES]', 'ValueName = T', 'ValueType = 1', 'a = NEW', ...SUPPORT]);
    expect(n.mappings).toEqual([]);
    expect(n.rejected).toEqual([{ kind: 'adapter', preId: 'CARD', reason: expect.objectContaining({ code: 'netmap-unsupported-method', line: 2, column: 8, message: 'mapping method 1 is not defined; the only one-to-many method is 0' }) }]);
    expect(n.diagnostics.map(brief)).toEqual(['error netmap-unsupported-method 2:8', 'warning netmap-unused-support-entry 8:1']);
  });

  it('a mapping method that is not a number', async () => {
    const n = await netmap(['[OemNetAdapters]', 'CARD = zero , CARDTYPES', '[CARDTYPES]', 'ValueName = T', 'ValueType = 1', 'a = NEW', ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toContain('error netmap-bad-method 2:8');
  });

  it('the named section is missing', async () => {
    const n = await netmap([...head, ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toEqual(['error netmap-missing-mapping-section 2:11', 'warning netmap-unused-support-entry 4:1']);
    expect(n.diagnostics[0]?.message).toBe('CARD refers to [CARDTYPES], which is not in this file');
  });

  it('the named section is one of the top-level sections', async () => {
    const n = await netmap(['[OemNetAdapters]', 'CARD = 0, OemUpgradeSupport', ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toContain('error netmap-bad-mapping-section 2:11');
  });

  it('ValueName or ValueType missing: reported at the section header', async () => {
    const noName = await netmap([...head, '', '[CARDTYPES]', 'ValueType = 1', 'a = NEW', ...SUPPORT]);
    expect(noName.diagnostics.map(brief)).toContain('error netmap-missing-value-name 4:1');
    const noType = await netmap([...head, '[CARDTYPES]', 'ValueName = T', 'a = NEW', ...SUPPORT]);
    expect(noType.diagnostics.map(brief)).toContain('error netmap-missing-value-type 3:1');
  });

  it('ValueType not a number, not a registry type, or a type that cannot be compared', async () => {
    const cases: [string, string][] = [
      ['one', 'error netmap-bad-value-type 5:13'],
      ['99', 'error netmap-unsupported-value-type 5:13'],
      ['3', 'error netmap-unsupported-value-type 5:13'],
    ];
    for (const [type, expected] of cases) {
      const n = await netmap([...head, '[CARDTYPES]', 'ValueName = T', `ValueType = ${type}`, 'a = NEW', ...SUPPORT]);
      expect(n.diagnostics.map(brief)).toContain(expected);
      expect(n.mappings).toEqual([]);
    }
    const binary = await netmap([...head, '[CARDTYPES]', 'ValueName = T', 'ValueType = 3', 'a = NEW', ...SUPPORT]);
    expect(binary.diagnostics[0]?.message).toBe('ValueType 3 (REG_BINARY) cannot be compared with INF text; use 1 (REG_SZ), 2 (REG_EXPAND_SZ) or 4 (REG_DWORD)');
  });

  it('an empty mapping section, and bad per-type lines', async () => {
    const empty = await netmap([...head, '[CARDTYPES]', 'ValueName = T', 'ValueType = 1', ...SUPPORT]);
    expect(empty.diagnostics.map(brief)).toContain('error netmap-empty-mapping-section 3:1');
    const bad = await netmap([...head, '[CARDTYPES]', 'ValueName = T', 'ValueType = 4', 'bare', 'a = b, c', '= NEW', 'ValueNotPresent = ValueNotPresent', 'name = NEW', '0x10 = NEW', '0x10 = NEW', ...SUPPORT]);
    expect(bad.diagnostics.map(brief)).toEqual([
      'error netmap-bare-line 6:1',
      'error netmap-too-many-fields 7:8',
      'error netmap-empty-side 8:1',
      'error netmap-empty-side 9:1',
      'warning netmap-line-never-matches 10:1',
      'warning netmap-duplicate-key 12:1',
    ]);
    expect((bad.mappings[0] as OneToManyMapping).lines.map((l) => l.line)).toEqual([10, 11]);
  });

  it('one-to-many outside the adapter sections is refused (spec §5.3)', async () => {
    const n = await netmap(['[OemNetProtocols]', 'PROTO = 0, TYPES', '[TYPES]', 'ValueName = T', 'ValueType = 1', 'a = NEW', ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toContain('error netmap-one-to-many-not-adapter 2:9');
    expect(n.diagnostics.map(brief)).not.toContain('warning netmap-unknown-section 3:1');
  });
});

describe('readNetmapInf: mapping sections', () => {
  it('OemAdapters and OemNetAdapters are both adapter sections, in any case', async () => {
    const n = await netmap(['[oemadapters]', 'A = NEW', '[OEMNETADAPTERS]', 'B = NEW', ...SUPPORT]);
    expect(n.mappings.map((m) => [m.kind, m.section, m.preId])).toEqual([
      ['adapter', 'oemadapters', 'A'],
      ['adapter', 'OEMNETADAPTERS', 'B'],
    ]);
    expect(n.diagnostics).toEqual([]);
  });

  it('an empty mapping section is a warning; a file without any mapping, another', async () => {
    const n = await netmap(['[Version]', 'Signature = "$Windows NT$"', '[OemNetAdapters]', '', '[OemUpgradeSupport]']);
    expect(n.diagnostics.map(brief)).toEqual(['warning netmap-empty-section 3:1', 'warning netmap-no-mappings 1:1']);
  });

  it('bad one-to-one entries', async () => {
    const n = await netmap(['[OemNetServices]', 'bareword', 'EMPTY =', 'MANY = a, b, c', '"" = NEW', ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toEqual([
      'error netmap-entry-without-id 2:1',
      'error netmap-empty-post-upgrade-id 3:8',
      'error netmap-too-many-fields 4:14',
      'error netmap-entry-without-id 5:1',
      'warning netmap-unused-support-entry 7:1',
    ]);
  });

  it('one pre-upgrade ID mapped twice in one file (services and clients count as one class)', async () => {
    const n = await netmap(['[OemNetServices]', 'SVC = NEW', '[OemNetClients]', 'svc = NEW', '[OemNetProtocols]', 'SVC = NEW', ...SUPPORT]);
    expect(n.mappings.map((m) => [m.kind, m.line])).toEqual([
      ['service', 2],
      ['protocol', 6],
    ]);
    expect(n.diagnostics.map(brief)).toEqual(['error netmap-duplicate-id 4:1']);
    expect(n.diagnostics[0]?.message).toBe('svc is already mapped on line 2 ([OemNetServices]); this entry is ignored');
  });

  it('unknown sections are warnings at their header', async () => {
    const n = await netmap(['[OemNetServices]', 'SVC = NEW', '[AcmeSettings]', 'Speed = 10', ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toEqual(['warning netmap-unknown-section 3:1']);
  });
});

describe('readNetmapInf: [OemUpgradeSupport]', () => {
  it('a netmap.inf without [OemUpgradeSupport] is an error at 1:1, reported once', async () => {
    const n = await netmap(['[OemNetServices]', 'A = A2', 'B = B2']);
    expect(n.hasSupportSection).toBe(false);
    expect(n.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'netmap-no-upgrade-support',
        message: 'netmap.inf has no [OemUpgradeSupport] section, which is mandatory: no component it maps can be upgraded',
        file: n.file,
        line: 1,
        column: 1,
      },
    ]);
  });

  it('a post-upgrade ID without a support entry is an error at the ID', async () => {
    const n = await netmap(['[OemNetServices]', 'A =   A2', 'B = B2', '[OemUpgradeSupport]', 'B2 = @v/plugin']);
    expect(n.diagnostics.map(brief)).toEqual(['error netmap-no-support-entry 2:7']);
    expect(n.diagnostics[0]?.message).toBe('the post-upgrade ID A2 (for A) has no [OemUpgradeSupport] entry, so no plugin upgrades it');
  });

  it('…and for one-to-many, at each adapter-type line none of whose IDs has one', async () => {
    const n = await netmap(['[OemNetAdapters]', 'CARD = 0, T', '[T]', 'ValueName = X', 'ValueType = 1', 'a = NEW', 'b = ORPHAN', 'ValueNotPresent = NEW', ...SUPPORT]);
    expect(n.diagnostics.map(brief)).toEqual(['error netmap-no-support-entry 7:1']);
  });

  it('a second plugin is fatal, at the second plugin name', async () => {
    const err = await fatal(['[OemNetServices]', 'A = A2', 'B = B2', '[OemUpgradeSupport]', 'A2 = @v/plugin', 'B2 =  @v/other']);
    expect([err.code, err.line, err.column]).toEqual(['netmap-second-plugin', 6, 7]);
    expect(err.message).toBe('B2 names the plugin "@v/other", but line 5 already named "@v/plugin"; one netmap.inf has one plugin, which upgrades all its components (spec §5.5)');
  });

  it('the same plugin named by path two ways is one plugin', async () => {
    const n = await netmap(['[OemNetServices]', 'A = A2', 'B = B2', '[OemUpgradeSupport]', 'A2 = plugin.mjs, a.inf', 'B2 = .\\lib\\..\\plugin.mjs, b.inf'], { 'plugin.mjs': 'export {}' });
    expect(n.diagnostics).toEqual([]);
    expect(n.plugin).toMatchObject({ ref: 'plugin.mjs', resolved: join(n.dir, 'plugin.mjs'), refKind: 'path', inf: 'a.inf' });
    expect(n.support.map((s) => s.inf)).toEqual(['a.inf', 'b.inf']);
  });

  it('a module path that does not exist, a Windows DLL, a drive path, an invalid name: the plugin has a problem', async () => {
    const cases: [string, string][] = [
      ['./missing.mjs', 'error netmap-plugin-missing 4:6'],
      ['acme.dll', 'error netmap-plugin-is-dll 4:6'],
      ['c:\\oem\\plugin.mjs', 'error netmap-plugin-drive-path 4:6'],
      ['@scope/', 'error netmap-bad-plugin-name 4:6'],
    ];
    for (const [ref, expected] of cases) {
      const n = await netmap(['[OemNetServices]', 'A = A2', '[OemUpgradeSupport]', `A2 = ${ref}`]);
      expect(n.diagnostics.map(brief)).toEqual([expected]);
      expect(n.plugin?.problem).toEqual(n.diagnostics[0]);
    }
  });

  it('NotSupported (any case); extra fields are warnings; duplicates are errors; empty plugin is an error', async () => {
    const n = await netmap(['[OemNetServices]', 'A = A2', 'B = B2', 'C = C2', '[OemUpgradeSupport]', 'A2 = notsupported, x.inf', 'B2 = @v/p, b.inf, extra', 'B2 = @v/p', 'C2 = ', 'C2 = NotSupported']);
    expect(n.diagnostics.map(brief)).toEqual([
      'warning netmap-extra-fields 6:20',
      'warning netmap-extra-fields 7:19',
      'error netmap-duplicate-support 8:1',
      'error netmap-empty-plugin 9:6',
    ]);
    expect(n.support.map((s) => [s.key, s.kind])).toEqual([
      ['A2', 'not-supported'],
      ['B2', 'plugin'],
      ['C2', 'not-supported'],
    ]);
  });
});

describe('readNetmapInf: [OemUpgradeHelpFiles]', () => {
  it('relative paths against the netmap.inf directory; absolute POSIX paths kept; Windows paths refused', async () => {
    const dir = vendorDir({ 'msg/a.txt': 'a', 'msg/a.htm': 'a', 'b.htm': 'b' });
    writeFileSync(
      join(dir, 'netmap.inf'),
      inf('[OemNetServices]', 'A = A2', 'B = B2', 'C = C2', '[OemUpgradeSupport]', 'A2 = NotSupported', 'B2 = NotSupported', 'C2 = NotSupported', '[OemUpgradeHelpFiles]', 'A2 = msg\\a.txt, msg/a.htm', `B = c:\\i386\\b.txt, ${join(dir, 'b.htm')}`, 'C2 = \\i386\\c.txt, ""', 'A2 = other.txt'),
    );
    const n = await readNetmapInf(dir);
    expect(n.helpFiles).toEqual([
      { key: 'A2', line: 10, column: 1, txt: join(dir, 'msg', 'a.txt'), htm: join(dir, 'msg', 'a.htm') },
      { key: 'B', line: 11, column: 1, htm: join(dir, 'b.htm') },
    ]);
    expect(n.diagnostics.map(brief)).toEqual([
      'warning netmap-help-windows-path 11:5',
      'warning netmap-help-windows-path 12:6',
      'warning netmap-help-no-files 12:1',
      'error netmap-duplicate-help 13:1',
    ]);
  });

  it('a help file that does not exist, and an entry for an ID nobody maps', async () => {
    const n = await netmap(['[OemNetServices]', 'A = A2', '[OemUpgradeSupport]', 'A2 = NotSupported', '[OemUpgradeHelpFiles]', 'A2 = gone.txt', 'Z2 = gone.txt']);
    expect(n.diagnostics.map(brief)).toEqual(['warning netmap-help-file-missing 6:1', 'warning netmap-help-file-missing 7:1', 'warning netmap-unused-help-entry 7:1']);
  });
});

describe('readNetmapInf: files that cannot be used at all', () => {
  it('no netmap.inf in the directory', async () => {
    const dir = vendorDir({ 'readme.txt': '' });
    await expect(readNetmapInf(dir)).rejects.toMatchObject({ code: 'netmap-missing', file: join(dir, 'netmap.inf') });
  });

  it('INF syntax errors carry the position', async () => {
    const err = await fatal(['[OemNetServices]', 'A = B', '  [Broken']);
    expect([err.code, err.line, err.column]).toEqual(['netmap-syntax', 3, 3]);
  });

  it('NETMAP.INF in capitals is found', async () => {
    const n = await readNetmapInf(vendorDir({ 'NETMAP.INF': inf('[OemNetServices]', 'A = A2', '[OemUpgradeSupport]', 'A2 = NotSupported') }));
    expect(n.file.endsWith('NETMAP.INF')).toBe(true);
    expect(n.mappings).toHaveLength(1);
  });
});
