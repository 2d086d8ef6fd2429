import type { VendorInfo } from './vendor-info.js';

/**
 * A Standard Schema (v1) for the plugin's options: zod 4, valibot and arktype schemas all are
 * one. The engine only calls `~standard.validate`, so it needs none of those libraries itself.
 */
export interface OptionsSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    validate(value: unknown): OptionsValidation<Output> | Promise<OptionsValidation<Output>>;
  };
}

export type OptionsValidation<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly OptionsIssue[] };

export interface OptionsIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** What `@MigrationPlugin` declares. */
export interface PluginManifest<Options = unknown> {
  /** Package-style name, e.g. `@acme/netmigrate-isdn`. */
  readonly name: string;
  /** The plugin's own version (semver). */
  readonly version: string;
  /** The engine API versions the plugin works with, as a semver range (e.g. `^1`). */
  readonly apiVersion: string;
  /** VENDORINFO returned on the plugin's behalf when a hook gives none. */
  readonly vendor: VendorInfo;
  /** Schema of the settings an integrator gives the plugin in netmigrate.ini. */
  readonly options?: OptionsSchema<Options>;
}

/**
 * A plugin as the engine lists it: the manifest without its schema (which is code, and cannot
 * cross to another process) plus which method implements each hook. Plain data throughout.
 */
export interface PluginDescription {
  readonly name: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly vendor: Required<VendorInfo>;
  /** Name of the exported class. */
  readonly className: string;
  readonly hasOptions: boolean;
  /** Whether the plugin takes part in GUI mode (has both post-upgrade hooks). */
  readonly postUpgrade: boolean;
  /** Method name per hook; post-upgrade hooks are absent when `postUpgrade` is false. */
  readonly hooks: Readonly<Partial<Record<'PreUpgradeInitialize' | 'DoPreUpgradeProcessing' | 'PostUpgradeInitialize' | 'DoPostUpgradeProcessing', string>>>;
}
