import { formatNuaFlags, NUA, unknownNuaBits } from './constants.js';
import type { HookName } from './hooks.js';
import { normalizeVendorInfo, vendorInfoProblem, type VendorInfo } from './vendor-info.js';

/**
 * What a hook gave back, checked and filled in. `flags` starts at 0 for every call (the
 * re-implementation's answer to "is *pdwFlags pre-zeroed?"), and `vendorInfo` starts as the
 * manifest's, as if NetSetup had pre-filled VENDORINFO before the call.
 */
export interface HookResult {
  readonly flags: number;
  readonly vendorInfo: Required<VendorInfo>;
  /** Only PreUpgradeInitialize fills it; empty otherwise. */
  readonly servicesNotToBeDeleted: readonly string[];
}

/** The hook returned something the contract does not allow. */
export class HookResultError extends Error {
  override readonly name = 'HookResultError';
}

const SHAPES: Record<HookName, { keys: readonly string[]; flags: number }> = {
  PreUpgradeInitialize: { keys: ['flags', 'vendorInfo', 'servicesNotToBeDeleted'], flags: NUA.RequestAbortUpgrade | NUA.AbortUpgrade },
  DoPreUpgradeProcessing: { keys: ['flags', 'vendorInfo'], flags: NUA.LoadPostUpgrade | NUA.SkipInstallInGuiMode | NUA.AbortUpgrade },
  // GUI mode has no pdwFlags.
  PostUpgradeInitialize: { keys: ['vendorInfo'], flags: 0 },
  DoPostUpgradeProcessing: { keys: ['vendorInfo'], flags: 0 },
};

const MAX_SERVICE_NAME_LENGTH = 256;

export function normalizeHookResult(hook: HookName, raw: unknown, defaults: { vendor: VendorInfo; postUpgrade: boolean }): HookResult {
  const vendorInfo = normalizeVendorInfo(defaults.vendor) as Required<VendorInfo>;
  if (raw === undefined || raw === null) return { flags: 0, vendorInfo, servicesNotToBeDeleted: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new HookResultError(`${hook} returned ${Array.isArray(raw) ? 'an array' : `a ${typeof raw}`}; return an object or nothing`);
  const shape = SHAPES[hook];
  const result = raw as Record<string, unknown>;
  const unknown = Object.keys(result).find((k) => !shape.keys.includes(k));
  if (unknown !== undefined) {
    throw new HookResultError(`${hook} returned an unknown field "${unknown}"; it may return ${shape.keys.join(', ')}`);
  }
  const flags = checkFlags(hook, result.flags, shape.flags, defaults.postUpgrade);
  let vendor = vendorInfo;
  if (result.vendorInfo !== undefined) {
    const problem = vendorInfoProblem(result.vendorInfo);
    if (problem !== undefined) throw new HookResultError(`${hook} returned ${problem.problem.replace(/^vendor\./, 'vendorInfo.')}`);
    vendor = normalizeVendorInfo(result.vendorInfo as VendorInfo) as Required<VendorInfo>;
  }
  return { flags, vendorInfo: vendor, servicesNotToBeDeleted: checkServices(hook, result.servicesNotToBeDeleted) };
}

function checkFlags(hook: HookName, flags: unknown, allowed: number, postUpgrade: boolean): number {
  if (flags === undefined) return 0;
  if (typeof flags !== 'number' || !Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) {
    throw new HookResultError(`${hook} returned flags ${String(flags)}, which is not a 32-bit unsigned integer`);
  }
  if (unknownNuaBits(flags) !== 0) throw new HookResultError(`${hook} returned flags ${formatNuaFlags(flags)} with bits that are no NUA flag`);
  const misplaced = flags & ~allowed;
  if (misplaced !== 0) {
    throw new HookResultError(
      `${hook} returned ${formatNuaFlags(misplaced)}, which ${hook} cannot set; it may set ${allowed === 0 ? 'no flags' : formatNuaFlags(allowed)}`,
    );
  }
  if ((flags & NUA.LoadPostUpgrade) !== 0 && !postUpgrade) {
    throw new HookResultError(`${hook} returned LoadPostUpgrade, but the plugin has no @PostUpgradeInitialize/@DoPostUpgradeProcessing methods to load`);
  }
  return flags;
}

function checkServices(hook: HookName, services: unknown): string[] {
  if (services === undefined) return [];
  if (!Array.isArray(services)) throw new HookResultError(`${hook} returned servicesNotToBeDeleted that is not an array of service names`);
  return services.map((s: unknown, i) => {
    if (typeof s !== 'string' || s === '' || s.length > MAX_SERVICE_NAME_LENGTH || /[\0\\/]/.test(s)) {
      throw new HookResultError(
        `${hook} returned servicesNotToBeDeleted[${i}] = ${JSON.stringify(s)}, which is not a service name (1 to ${MAX_SERVICE_NAME_LENGTH} characters, no NUL, / or \\)`,
      );
    }
    return s;
  });
}
