import { RegValue, type RegistryBase } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { NT351, NT40, PRODUCT_TYPE, WINDOWS_2000 } from '../contract/constants.js';
import type { EngineDiagnostic } from './diagnostics.js';
import { CURRENT_VERSION_PATH, PRODUCT_OPTIONS_PATH } from './paths.js';
import { detectProduct } from './product.js';
import { Nt4RegistryBuilder } from './test-support/nt4-builder.js';
import { nt351Server, nt351Workstation, nt40Server, nt40Workstation } from './test-support/systems.js';

function detect(snapshot: RegistryBase) {
  const diagnostics: EngineDiagnostic[] = [];
  const product = detectProduct(snapshot, { onDiagnostic: (d) => diagnostics.push(d) });
  return { product, codes: diagnostics.map((d) => d.code), diagnostics };
}

describe('detectProduct', () => {
  it('reads build and product type on the four systems of the test matrix', () => {
    expect(detect(nt351Workstation())).toMatchObject({ product: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT351 }, codes: [] });
    expect(detect(nt351Server())).toMatchObject({ product: { productType: PRODUCT_TYPE.NtServer, buildNumber: NT351 }, codes: [] });
    expect(detect(nt40Workstation())).toMatchObject({ product: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT40 }, codes: [] });
    expect(detect(nt40Server())).toMatchObject({ product: { productType: PRODUCT_TYPE.NtServer, buildNumber: NT40 }, codes: [] });
  });

  it('ServerNT and LanmanNT are servers, in any case', () => {
    for (const t of ['servernt', 'LANMANNT']) {
      const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' }).set(PRODUCT_OPTIONS_PATH, RegValue.sz('ProductType', t));
      expect(detect(b.snapshot()).product.productType).toBe(PRODUCT_TYPE.NtServer);
    }
  });

  it('an unknown product type or a missing ProductOptions key is Unknown, with a warning', () => {
    const odd = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' }).set(PRODUCT_OPTIONS_PATH, RegValue.sz('ProductType', 'Terminal'));
    expect(detect(odd.snapshot())).toMatchObject({ product: { productType: PRODUCT_TYPE.Unknown, buildNumber: NT40 }, codes: ['product-unknown-product-type'] });
    const none = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
    none.registry.deleteKey(PRODUCT_OPTIONS_PATH);
    expect(detect(none.snapshot())).toMatchObject({ product: { productType: PRODUCT_TYPE.Unknown }, codes: ['product-no-product-type'] });
  });

  it('a missing, non-numeric or mistyped build number is 0, with a warning', () => {
    const none = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
    none.registry.deleteValue(CURRENT_VERSION_PATH, 'CurrentBuildNumber');
    expect(detect(none.snapshot())).toMatchObject({ product: { buildNumber: 0 }, codes: ['product-no-build-number'] });
    const text = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' }).set(CURRENT_VERSION_PATH, RegValue.sz('CurrentBuildNumber', '1381 SP6'));
    expect(detect(text.snapshot())).toMatchObject({ product: { buildNumber: 0 }, codes: ['product-bad-build-number'] });
    const dword = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' }).set(CURRENT_VERSION_PATH, RegValue.dword('CurrentBuildNumber', NT40));
    expect(detect(dword.snapshot())).toMatchObject({ product: { buildNumber: 0 }, codes: ['discovery-value-type', 'product-no-build-number'] });
  });

  it('a build other than 1057 or 1381 is reported but kept', () => {
    const w2k = new Nt4RegistryBuilder({ build: WINDOWS_2000, productType: 'WinNT' });
    const r = detect(w2k.snapshot());
    expect(r.product.buildNumber).toBe(WINDOWS_2000);
    expect(r.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'product-unsupported-build',
        message: 'build 2195 is neither Windows NT 3.51 (1057) nor Windows NT 4.0 (1381), the only systems this upgrade is documented for',
      },
    ]);
  });
});
