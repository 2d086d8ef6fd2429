import { describe, expect, it } from 'vitest';
import { buildMappingIndex } from './mapping-index.js';
import { readNetmapInf, type Netmap } from './netmap.js';
import { inf, vendorDir } from './test-support/vendor-dirs.js';

const read = (...lines: string[]): Promise<Netmap> => readNetmapInf(vendorDir({ 'netmap.inf': inf(...lines) }));

describe('buildMappingIndex', () => {
  it('two netmap.inf files claiming one pre-upgrade ID: an error naming both positions; the first listed keeps it', async () => {
    const a = await read('[OemNetAdapters]', 'ISDN = ISDN_A', '[OemUpgradeSupport]', 'ISDN_A = NotSupported');
    const b = await read('[Version]', 'Signature = "$Windows NT$"', '[OemAsyncAdapters]', '  isdn = ISDN_B', '[OemUpgradeSupport]', 'ISDN_B = NotSupported');
    const { index, diagnostics } = buildMappingIndex([a, b]);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'netmap-conflicting-claim',
        message: `isdn is mapped by two netmap.inf files: ${a.file}:2:1 ([OemNetAdapters]) and ${b.file}:4:3 ([OemAsyncAdapters]); the first listed is used`,
        file: b.file,
        line: 4,
        column: 3,
      },
    ]);
    expect(index.find('asyncAdapter', 'ISDN')?.netmap).toBe(a);
    expect(index.find('adapter', 'Isdn')?.mapping).toMatchObject({ kind: 'adapter', line: 2 });
  });

  it('an NT4 service claimed as a service by one vendor and as a client by another is a conflict', async () => {
    const a = await read('[OemNetServices]', 'RDR = RDR_SVC', '[OemUpgradeSupport]', 'RDR_SVC = NotSupported');
    const b = await read('[OemNetClients]', 'RDR = RDR_CLIENT', '[OemUpgradeSupport]', 'RDR_CLIENT = NotSupported');
    const { index, diagnostics } = buildMappingIndex([b, a]);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['netmap-conflicting-claim', a.file, 2, 1]]);
    expect(index.find('service', 'RDR')?.mapping.kind).toBe('client');
  });

  it('one ID in different classes is no conflict', async () => {
    const a = await read('[OemNetProtocols]', 'ACME = ACME_P', '[OemUpgradeSupport]', 'ACME_P = NotSupported');
    const b = await read('[OemNetServices]', 'ACME = ACME_S', '[OemUpgradeSupport]', 'ACME_S = NotSupported');
    const { index, diagnostics } = buildMappingIndex([a, b]);
    expect(diagnostics).toEqual([]);
    expect([index.find('protocol', 'ACME')?.netmap, index.find('service', 'ACME')?.netmap]).toEqual([a, b]);
    expect(index.find('adapter', 'ACME')).toBeUndefined();
    expect(index.all().map((c) => c.mapping.preId)).toEqual(['ACME', 'ACME']);
  });

  it('the same netmap.inf given twice is read once', async () => {
    const a = await read('[OemNetProtocols]', 'ACME = ACME_P', '[OemUpgradeSupport]', 'ACME_P = NotSupported');
    const { index, diagnostics } = buildMappingIndex([a, { ...a }]);
    expect(diagnostics).toEqual([{ severity: 'warning', code: 'netmap-listed-twice', message: `${a.file} is read once although it was given twice`, file: a.file }]);
    expect(index.netmaps).toEqual([a]);
  });

  it('keeps refused entries for explanations', async () => {
    const a = await read('[OemNetAdapters]', 'CARD = 2, X', '[OemUpgradeSupport]');
    const { index } = buildMappingIndex([a]);
    expect(index.find('adapter', 'CARD')).toBeUndefined();
    expect(index.findRejected('asyncAdapter', 'card')?.rejected.reason).toMatchObject({ code: 'netmap-unsupported-method', line: 2, column: 8 });
  });
});
