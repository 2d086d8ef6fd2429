import type { DependencyContainer } from '../di.js';
import { PluginLoadError } from '../contract/errors.js';
import type { HookName } from '../contract/hooks.js';
import type { PluginDescription } from '../contract/manifest.js';
import { importWithoutGlobalRegistrations } from './global-container-guard.js';
import { inspectPluginModule, type InspectedPlugin } from './inspect.js';
import { instantiatePlugin, type PluginRunContext } from './instantiate.js';
import { resolveOptions } from './options.js';
import { resolvePluginUrl, type PluginRef } from './resolve.js';

export interface LoadPluginOptions extends Omit<PluginRunContext, 'options'> {
  /** The plugin's settings from netmigrate.ini, before validation. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly resolveFrom?: string;
}

/** A plugin instance for one run. */
export interface LoadedPlugin {
  readonly description: PluginDescription;
  /** The plugin's name as messages quote it. */
  readonly label: string;
  /** Calls the method behind `hook` with `args`; throws when the plugin has no such hook. */
  invoke(hook: HookName, ...args: unknown[]): Promise<unknown>;
  /** Disposes the run's child container. */
  unload(): Promise<void>;
}

/** Imports a plugin module and runs every static check; no constructor, no hook runs. */
export async function inspectPlugin(ref: PluginRef): Promise<InspectedPlugin> {
  const url = resolvePluginUrl(ref);
  let imported;
  try {
    imported = await importWithoutGlobalRegistrations(url);
  } catch (e) {
    if (e instanceof PluginLoadError) throw e;
    throw new PluginLoadError(ref.module, `importing the module failed: ${describe(e)}`, 'fix the error in the plugin module (it is evaluated before any hook runs)');
  }
  return inspectPluginModule(imported.module, ref.module, imported.registrations);
}

/**
 * The manifest and hook table of a plugin, for listing (`netmigrate plugins list`). Evaluates
 * the module in this process; use a sandboxed host's `start` for plugins not yet trusted.
 */
export async function readPluginManifest(ref: PluginRef): Promise<PluginDescription> {
  return (await inspectPlugin(ref)).description;
}

/** Imports, checks, validates options and instantiates a plugin in a fresh child container. */
export async function loadPlugin(module: string, options: LoadPluginOptions): Promise<LoadedPlugin> {
  const inspected = await inspectPlugin({ module, ...(options.resolveFrom === undefined ? {} : { resolveFrom: options.resolveFrom }) });
  const resolvedOptions = await resolveOptions(inspected.manifest, inspected.label, options.options);
  let built: { instance: object; scope: DependencyContainer };
  try {
    built = instantiatePlugin(inspected, { ...options, options: resolvedOptions });
  } catch (e) {
    if (e instanceof PluginLoadError) throw e;
    throw new PluginLoadError(inspected.label, `the constructor of ${inspected.cls.name} threw: ${describe(e)}`, 'make the constructor only store what it is given; do work in PreUpgradeInitialize');
  }
  const { instance, scope } = built;
  return {
    description: inspected.description,
    label: inspected.label,
    async invoke(hook, ...args) {
      const method = inspected.hooks[hook];
      if (method === undefined) throw new Error(`plugin ${inspected.label} has no ${hook} hook`);
      const fn = (instance as Record<string | symbol, (...a: unknown[]) => unknown>)[method] as (...a: unknown[]) => unknown;
      return await fn.apply(instance, args);
    },
    async unload() {
      await scope.dispose();
    },
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
