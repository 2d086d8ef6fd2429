/**
 * Numeric facts of the migration-DLL contract (oemupgex.h, winerror.h, winnt.h), kept under
 * readable names. Values are the header's; names drop the NUA_ / ERROR_ prefixes only where
 * the object already says what they are.
 */

/** The plugin API this engine implements; a plugin's `apiVersion` range must admit it. */
export const ENGINE_API_VERSION = '1.0.0';

export const ERROR_SUCCESS = 0;
export const ERROR_INVALID_PARAMETER = 87;
/** winerror.h: a write or read through a handle whose key was deleted meanwhile. */
export const ERROR_KEY_DELETED = 1018;
/** winerror.h: a handle used after it was closed (the hook had returned). */
export const ERROR_INVALID_HANDLE = 6;

/** `*pdwFlags` bits a pre-upgrade hook may return (spec §6.3). */
export const NUA = {
  LoadPostUpgrade: 0x00000001,
  RequestAbortUpgrade: 0x00000002,
  AbortUpgrade: 0x00000004,
  SkipInstallInGuiMode: 0x00080000,
} as const;

export type NuaFlagName = keyof typeof NUA;

const ALL_NUA_BITS = Object.values(NUA).reduce((acc, bit) => acc | bit, 0);

/** Names of the NUA bits set in `flags`, in the header's order. */
export function nuaFlagNames(flags: number): NuaFlagName[] {
  return (Object.keys(NUA) as NuaFlagName[]).filter((name) => (flags & NUA[name]) !== 0);
}

/** Bits of `flags` that are not NUA flags (0 when every bit is known). */
export function unknownNuaBits(flags: number): number {
  return (flags & ~ALL_NUA_BITS) >>> 0;
}

/** Renders flags the way a log should show them: `LoadPostUpgrade|SkipInstallInGuiMode (0x00080001)`. */
export function formatNuaFlags(flags: number): string {
  const parts: string[] = nuaFlagNames(flags);
  const unknown = unknownNuaBits(flags);
  if (unknown !== 0) parts.push(`unknown ${hex32(unknown)}`);
  return parts.length === 0 ? `none (${hex32(flags)})` : `${parts.join('|')} (${hex32(flags)})`;
}

const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** PRODUCTTYPE (C enum order). */
export const PRODUCT_TYPE = {
  Unknown: 0,
  NtWorkstation: 1,
  NtServer: 2,
} as const;

export type ProductType = (typeof PRODUCT_TYPE)[keyof typeof PRODUCT_TYPE];

export interface ProductInfo {
  readonly productType: ProductType;
  readonly buildNumber: number;
}

/** NetUpgradeInfo: the system being upgraded and the one being installed. */
export interface NetUpgradeInfo {
  readonly from: ProductInfo;
  readonly to: ProductInfo;
}

/** Documented `From` build numbers, and the Windows 2000 release build as the target. */
export const NT351 = 1057;
export const NT40 = 1381;
export const WINDOWS_2000 = 2195;
