// The system being upgraded: build number and workstation/server, as NetUpgradeInfo.From
// carries them to PreUpgradeInitialize (spec §6.2).

import type { RegistryBase } from '@netmigrate/registry';
import { NT351, NT40, PRODUCT_TYPE, type ProductInfo, type ProductType } from '../contract/constants.js';
import type { DiagnosticSink, EngineDiagnostic } from './diagnostics.js';
import { CURRENT_VERSION_PATH, PRODUCT_OPTIONS_PATH } from './paths.js';
import { readString } from './read-values.js';

/**
 * ProductOptions\ProductType → PRODUCTTYPE. LanmanNT is a domain controller and ServerNT a
 * member or stand-alone server: both are NT Server.
 */
const PRODUCT_TYPES: ReadonlyMap<string, ProductType> = new Map([
  ['winnt', PRODUCT_TYPE.NtWorkstation],
  ['servernt', PRODUCT_TYPE.NtServer],
  ['lanmannt', PRODUCT_TYPE.NtServer],
]);

export interface DetectProductOptions {
  onDiagnostic?(d: EngineDiagnostic): void;
}

/**
 * Reads `CurrentBuildNumber` (REG_SZ, e.g. "1381") and `ProductType`. What cannot be read
 * becomes 0 / PRODUCT_TYPE.Unknown with a warning; so does a build other than NT 3.51 (1057)
 * or NT 4.0 (1381), the only sources the upgrade documents.
 */
export function detectProduct(snapshot: RegistryBase, options: DetectProductOptions = {}): ProductInfo {
  const report: DiagnosticSink = (d) => options.onDiagnostic?.(d);
  const ctx = { report };
  const cv = snapshot.key(CURRENT_VERSION_PATH);
  const buildText = readString(ctx, cv, 'CurrentBuildNumber');
  let buildNumber = 0;
  if (buildText === undefined) {
    report({ severity: 'warning', code: 'product-no-build-number', message: `${CURRENT_VERSION_PATH} has no CurrentBuildNumber; the build is reported as 0` });
  } else if (!/^\s*\d+\s*$/.test(buildText)) {
    report({ severity: 'warning', code: 'product-bad-build-number', message: `CurrentBuildNumber "${buildText}" is not a number; the build is reported as 0` });
  } else {
    buildNumber = Number.parseInt(buildText, 10);
    if (buildNumber !== NT351 && buildNumber !== NT40) {
      report({
        severity: 'warning',
        code: 'product-unsupported-build',
        message: `build ${buildNumber} is neither Windows NT 3.51 (${NT351}) nor Windows NT 4.0 (${NT40}), the only systems this upgrade is documented for`,
      });
    }
  }
  const typeText = readString(ctx, snapshot.key(PRODUCT_OPTIONS_PATH), 'ProductType');
  let productType: ProductType = PRODUCT_TYPE.Unknown;
  if (typeText === undefined) {
    report({ severity: 'warning', code: 'product-no-product-type', message: `${PRODUCT_OPTIONS_PATH} has no ProductType; the product type is reported as unknown` });
  } else {
    const t = PRODUCT_TYPES.get(typeText.trim().toLowerCase());
    if (t === undefined) {
      report({ severity: 'warning', code: 'product-unknown-product-type', message: `ProductType "${typeText}" is none of WinNT, ServerNT, LanmanNT; the product type is reported as unknown` });
    } else productType = t;
  }
  return { productType, buildNumber };
}
