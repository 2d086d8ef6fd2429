import type { AnswerFileReader, AnswerFileWriter } from '../answer/writer.js';
import type { RegistryKeyView, WritableRegistryKey } from '../registry/view.js';
import type { NetUpgradeInfo } from './constants.js';
import type { VendorInfo } from './vendor-info.js';

/** The four entry points, spelled as the DLL exports were (spec §6.1). */
export const HOOKS = ['PreUpgradeInitialize', 'DoPreUpgradeProcessing', 'PostUpgradeInitialize', 'DoPostUpgradeProcessing'] as const;
export type HookName = (typeof HOOKS)[number];

export const REQUIRED_HOOKS = ['PreUpgradeInitialize', 'DoPreUpgradeProcessing'] as const satisfies readonly HookName[];
export const POST_UPGRADE_HOOKS = ['PostUpgradeInitialize', 'DoPostUpgradeProcessing'] as const satisfies readonly HookName[];

/** A hook may answer synchronously or asynchronously, and may return nothing. */
export type HookReturn<T> = T | void | Promise<T | void>;

export interface PreUpgradeInitContext {
  /** The plugin's temporary directory: the only place it may write, kept for GUI mode. */
  readonly workingDir: string;
  readonly upgradeInfo: NetUpgradeInfo;
  /** hParentWindow == NULL: no user is there to answer questions. */
  readonly unattended: boolean;
  /**
   * The pre-upgrade registry (HKEY_LOCAL_MACHINE), read-only — a DLL could read it in
   * PreUpgradeInitialize too, and deciding to request an abort (spec §5.4) may need it.
   */
  readonly registry: RegistryKeyView;
}

/** PostUpgradeInitialize's context: no pre-upgrade registry any more. */
export interface PostUpgradeInitContext {
  readonly workingDir: string;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
}

export interface PreUpgradeInitResult {
  /** NUA flags; only RequestAbortUpgrade and AbortUpgrade mean something here. */
  readonly flags?: number;
  readonly vendorInfo?: VendorInfo;
  /** NetUpgradeData.mszServicesNotToBeDeleted: NT service names setup must keep. */
  readonly servicesNotToBeDeleted?: readonly string[];
}

export interface PreUpgradeComponent {
  /** The component's pre-upgrade parameters key, read-only. */
  readonly params: RegistryKeyView;
  readonly preNT5InfId: string;
  /** Service name, plus the instance number for adapters. */
  readonly preNT5Instance: string;
  readonly nt5InfId: string;
  /** The OEM section the plugin should create: params.<post-upgrade ID>.OemSection. */
  readonly sectionName: string;
  readonly unattended: boolean;
}

export interface PreUpgradeResult {
  /** NUA flags; LoadPostUpgrade, SkipInstallInGuiMode and AbortUpgrade mean something here. */
  readonly flags?: number;
  readonly vendorInfo?: VendorInfo;
}


export interface PostUpgradeInitResult {
  readonly vendorInfo?: VendorInfo;
}

export interface PostUpgradeComponent {
  /** The component's parameters key in the new registry, writable. */
  readonly params: WritableRegistryKey;
  readonly preNT5Instance: string;
  readonly nt5InfId: string;
  readonly sectionName: string;
  readonly unattended: boolean;
  /** HrGetInstanceGuidOfPreNT5NetCardInstance: the adapter's new instance GUID, or undefined. */
  instanceGuidOf(preNT5Instance: string): string | undefined;
}

export interface PostUpgradeResult {
  readonly vendorInfo?: VendorInfo;
}

/** The signature each hook decorator accepts, so a TypeScript plugin is checked at compile time. */
export interface HookSignatures {
  PreUpgradeInitialize: (ctx: PreUpgradeInitContext) => HookReturn<PreUpgradeInitResult>;
  DoPreUpgradeProcessing: (component: PreUpgradeComponent, answer: AnswerFileWriter) => HookReturn<PreUpgradeResult>;
  PostUpgradeInitialize: (ctx: PostUpgradeInitContext) => HookReturn<PostUpgradeInitResult>;
  DoPostUpgradeProcessing: (component: PostUpgradeComponent, answer: AnswerFileReader) => HookReturn<PostUpgradeResult>;
}
