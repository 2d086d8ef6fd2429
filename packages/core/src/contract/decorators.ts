import type { HookName, HookSignatures } from './hooks.js';
import type { PluginManifest } from './manifest.js';

/**
 * Decorators only record; the loader judges. A decorator that threw would turn a vendor's
 * mistake into an import failure with a stack trace instead of a message naming the fix.
 * Records live under Symbol.for keys so two copies of this module (src and dist) agree.
 */
const PLUGIN_KEY = Symbol.for('@netmigrate/core:plugin');
const HOOKS_KEY = Symbol.for('@netmigrate/core:hooks');

/** Any class, abstract or not, whatever its constructor takes. */
export type AnyClass = abstract new (...args: never[]) => unknown;

export interface PluginClassRecord {
  readonly manifest: unknown;
  /** The class the decorator received, to tell whether a later decorator replaced it. */
  readonly target: AnyClass;
}

export interface HookRecord {
  readonly hook: HookName;
  readonly method: string | symbol;
}

/** Marks a class as a migration plugin and declares its manifest. */
export function MigrationPlugin<Options>(manifest: PluginManifest<Options>) {
  return <C extends AnyClass>(target: C): void => {
    ownList<PluginClassRecord>(target, PLUGIN_KEY).push({ manifest, target });
  };
}

function hookDecorator<H extends HookName>(hook: H) {
  return () =>
    <T extends HookSignatures[H]>(target: object, method: string | symbol, _descriptor?: TypedPropertyDescriptor<T>): void => {
      ownList<HookRecord>(target, HOOKS_KEY).push({ hook, method });
    };
}

/** Winnt32 phase, once per plugin before anything else. Required. */
export const PreUpgradeInitialize = hookDecorator('PreUpgradeInitialize');
/** Winnt32 phase, once per component. Required. */
export const DoPreUpgradeProcessing = hookDecorator('DoPreUpgradeProcessing');
/** GUI mode, once per plugin. Required when the plugin takes part in GUI mode. */
export const PostUpgradeInitialize = hookDecorator('PostUpgradeInitialize');
/** GUI mode, once per component. Required when the plugin takes part in GUI mode. */
export const DoPostUpgradeProcessing = hookDecorator('DoPostUpgradeProcessing');

/** `@MigrationPlugin` records made on exactly this class (not inherited). */
export function ownPluginRecords(cls: AnyClass): readonly PluginClassRecord[] {
  return Object.hasOwn(cls, PLUGIN_KEY) ? (cls as unknown as Record<symbol, PluginClassRecord[]>)[PLUGIN_KEY] ?? [] : [];
}

/** The nearest `@MigrationPlugin` record on the class or an ancestor. */
export function inheritedPluginRecord(cls: AnyClass): PluginClassRecord | undefined {
  for (let c: unknown = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const own = ownPluginRecords(c as AnyClass);
    if (own.length > 0) return own[0];
  }
  return undefined;
}

/** Hook records per prototype level, the class's own first, then each ancestor's. */
export function hookRecordLevels(cls: AnyClass): { owner: string; records: readonly HookRecord[] }[] {
  const levels: { owner: string; records: readonly HookRecord[] }[] = [];
  for (let proto: unknown = cls.prototype; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (typeof proto !== 'object' || proto === null) break;
    if (Object.hasOwn(proto, HOOKS_KEY)) {
      const owner = (proto as { constructor?: { name: string } }).constructor?.name ?? '?';
      levels.push({ owner, records: (proto as Record<symbol, HookRecord[]>)[HOOKS_KEY] ?? [] });
    }
  }
  return levels;
}

function ownList<T>(holder: object, key: symbol): T[] {
  if (!Object.hasOwn(holder, key)) {
    Object.defineProperty(holder, key, { value: [], enumerable: false, configurable: false, writable: false });
  }
  return (holder as Record<symbol, T[]>)[key] as T[];
}
