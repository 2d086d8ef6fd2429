import { hookRecordLevels, inheritedPluginRecord, ownPluginRecords, type AnyClass } from '../contract/decorators.js';
import { PluginLoadError } from '../contract/errors.js';
import { HOOKS, POST_UPGRADE_HOOKS, REQUIRED_HOOKS, type HookName } from '../contract/hooks.js';
import type { PluginDescription, PluginManifest } from '../contract/manifest.js';
import { normalizeVendorInfo } from '../contract/vendor-info.js';
import { checkManifest } from './check-manifest.js';
import { constructorParams, type ConstructorParam } from './constructor-params.js';
import { decoratorFor, type GlobalRegistration } from './global-container-guard.js';

/** A plugin class that passed every static check: all a run needs except the instance. */
export interface InspectedPlugin {
  readonly cls: new (...args: unknown[]) => object;
  readonly manifest: PluginManifest;
  /** The name as messages quote it. */
  readonly label: string;
  readonly hooks: Readonly<Partial<Record<HookName, string | symbol>>>;
  readonly params: readonly ConstructorParam[];
  readonly description: PluginDescription;
}

const GLOBAL_FIX = 'remove the decorator; the engine registers the plugin in a fresh child container per run and hands it values through @inject(TOKEN)';

/** Finds the one `@MigrationPlugin` class a module exports and checks it against the contract. */
export function inspectPluginModule(module: Record<string, unknown>, ref: string, registrations: readonly GlobalRegistration[]): InspectedPlugin {
  const cls = findPluginClass(module, ref);
  const records = ownPluginRecords(cls);
  const manifest = checkManifest(records[0]?.manifest, ref);
  const label = JSON.stringify(manifest.name);
  if (records.length > 1) {
    throw new PluginLoadError(label, `class ${cls.name} carries @MigrationPlugin ${records.length} times`, 'keep one @MigrationPlugin with the whole manifest');
  }
  if (cls.name === '') {
    throw new PluginLoadError(
      label,
      'the @MigrationPlugin class has no name; tsyringe\'s @autoInjectable replaces a class with an anonymous subclass',
      'remove @autoInjectable and give the class a name; constructor parameters are injected through @inject(TOKEN)',
    );
  }
  const registration = registrations[0];
  if (registration !== undefined) {
    throw new PluginLoadError(label, `its module registers into tsyringe's global container: ${decoratorFor(registration)}`, GLOBAL_FIX);
  }
  const hooks = hookTable(cls, label);
  const params = constructorParams(cls, label);
  const postUpgrade = hooks.PostUpgradeInitialize !== undefined;
  return {
    cls: cls as new (...args: unknown[]) => object,
    manifest,
    label,
    hooks,
    params,
    description: {
      name: manifest.name,
      version: manifest.version,
      apiVersion: manifest.apiVersion,
      vendor: normalizeVendorInfo(manifest.vendor) as Required<PluginManifest['vendor']>,
      className: cls.name,
      hasOptions: manifest.options !== undefined,
      postUpgrade,
      hooks: Object.fromEntries(Object.entries(hooks).map(([hook, method]) => [hook, String(method)])),
    },
  };
}

function findPluginClass(module: Record<string, unknown>, ref: string): AnyClass {
  const exported = [...new Set(Object.values(module).filter((v): v is AnyClass => typeof v === 'function'))];
  const decorated = exported.filter((c) => ownPluginRecords(c).length > 0);
  if (decorated.length > 1) {
    throw new PluginLoadError(
      ref,
      `the module exports ${decorated.length} @MigrationPlugin classes (${decorated.map((c) => c.name || '(anonymous)').join(', ')})`,
      'export exactly one plugin class per module; one plugin handles all the components of its netmap.inf',
    );
  }
  const [found] = decorated;
  if (found !== undefined) return found;
  const replaced = exported.find((c) => inheritedPluginRecord(c) !== undefined);
  if (replaced !== undefined) {
    const target = inheritedPluginRecord(replaced)?.target;
    throw new PluginLoadError(
      ref,
      `the exported class ${replaced.name || '(anonymous)'} is not the class @MigrationPlugin decorated (${target?.name ?? '?'}); a decorator applied after it, such as tsyringe's @autoInjectable, replaced the class, or a subclass lacks its own @MigrationPlugin`,
      'remove @autoInjectable, or put @MigrationPlugin on the class the module exports',
    );
  }
  throw new PluginLoadError(
    ref,
    'the module exports no class decorated with @MigrationPlugin',
    'export (default or named) the plugin class and decorate it with @MigrationPlugin({ name, version, apiVersion, vendor })',
  );
}

function hookTable(cls: AnyClass, label: string): Partial<Record<HookName, string | symbol>> {
  const table: Partial<Record<HookName, string | symbol>> = {};
  for (const { owner, records } of hookRecordLevels(cls)) {
    const level: Partial<Record<HookName, string | symbol>> = {};
    const hookOfMethod = new Map<string | symbol, HookName>();
    for (const { hook, method } of records) {
      const earlier = level[hook];
      if (earlier !== undefined && earlier !== method) {
        throw new PluginLoadError(
          label,
          `${owner} has two methods for ${hook}: ${String(earlier)} and ${String(method)}`,
          `decorate exactly one method with @${hook}()`,
        );
      }
      const other = hookOfMethod.get(method);
      if (other !== undefined && other !== hook) {
        throw new PluginLoadError(label, `${owner}.${String(method)} is decorated as both ${other} and ${hook}`, 'give each hook its own method');
      }
      level[hook] = method;
      hookOfMethod.set(method, hook);
    }
    // A subclass's hook overrides its ancestor's.
    for (const hook of HOOKS) if (table[hook] === undefined && level[hook] !== undefined) table[hook] = level[hook];
  }
  for (const hook of HOOKS) {
    const method = table[hook];
    if (method !== undefined && typeof (cls.prototype as Record<string | symbol, unknown>)[method] !== 'function') {
      throw new PluginLoadError(label, `@${hook} is on ${String(method)}, which is not a method`, `put @${hook}() on an instance method`);
    }
  }
  for (const hook of REQUIRED_HOOKS) {
    if (table[hook] === undefined) {
      throw new PluginLoadError(
        label,
        `${cls.name} has no @${hook} method`,
        `add a method decorated with @${hook}(); every plugin needs PreUpgradeInitialize and DoPreUpgradeProcessing`,
      );
    }
  }
  const [init, perComponent] = POST_UPGRADE_HOOKS;
  if ((table[init] === undefined) !== (table[perComponent] === undefined)) {
    const [has, lacks] = table[init] === undefined ? [perComponent, init] : [init, perComponent];
    throw new PluginLoadError(
      label,
      `${cls.name} has @${has} but no @${lacks}`,
      `a plugin that takes part in GUI mode needs both post-upgrade hooks: add @${lacks}() or remove @${has}()`,
    );
  }
  return table;
}
