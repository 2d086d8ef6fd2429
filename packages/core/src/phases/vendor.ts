// Where the run's vendor files come from, in the three forms the phase accepts, down to one
// list of netmap.inf files (in order) and the plugin each one names.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { PluginLoadError } from '../contract/errors.js';
import { resolvePluginUrl, type PluginRef } from '../loader/resolve.js';
import { OemFileError } from '../oem/errors.js';
import { loadVendorFiles } from '../oem/load.js';
import { buildMappingIndex, type MappingIndex } from '../oem/mapping-index.js';
import { readNetmapInf, type Netmap } from '../oem/netmap.js';
import type { DriveMap } from '../oem/paths.js';

/** netupg.inf found through `--oem <dir>` or NETUPGRD_INIT_FILE_DIR / NET_UPGRD_INIT_FILE_DIR (spec §3). */
export interface NetupgSourceOptions {
  readonly explicitDir?: string;
  /** The environment to read the variables from (process.env by default). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly driveMap?: DriveMap;
}

/** Vendor directories given directly, each holding a netmap.inf. */
export interface NetmapDirsOptions {
  readonly netmapDirs: readonly string[];
  readonly driveMap?: DriveMap;
}

/** An integrator's plugin set: each plugin with the netmap.inf that maps its components. */
export interface PluginSetOptions {
  readonly plugins: readonly PluginSpec[];
}

export interface PluginSpec {
  /** Module path or package name (resolved from `resolveFrom`, else the current directory). */
  readonly ref: string | PluginRef;
  /** Directory of its netmap.inf; by default the module's directory. */
  readonly netmapDir?: string;
  /** The plugin's options (validated against its schema when it loads). */
  readonly options?: Readonly<Record<string, unknown>>;
}

export type OemSource = NetupgSourceOptions | NetmapDirsOptions | PluginSetOptions;

/** One plugin of the run: one netmap.inf with a usable plugin (one DLL per netmap.inf, spec §5.5). */
export interface VendorPlugin {
  readonly netmap: Netmap;
  /** As the host loads it: an absolute module path or a package name. */
  readonly module: string;
  readonly resolveFrom: string;
  /** The module file, or the reference itself when it cannot be resolved (loading then fails and says why). */
  readonly modulePath: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface VendorSetup {
  readonly netmaps: readonly Netmap[];
  readonly index: MappingIndex;
  readonly plugins: readonly VendorPlugin[];
  readonly diagnostics: readonly EngineDiagnostic[];
}

/**
 * Problems with the vendor files as a whole stop the run before any plugin runs (docs/decisions.md,
 * "Locating vendor files"); a problem with one entry only affects the components it maps.
 */
const FATAL = /^(netupg-|netmap-(missing|unreadable|syntax|second-plugin|conflicting-claim)$)/;

export function isFatalVendorDiagnostic(d: EngineDiagnostic): boolean {
  return d.severity === 'error' && FATAL.test(d.code);
}

export async function loadVendorSetup(source: OemSource | undefined): Promise<VendorSetup> {
  if (source !== undefined && 'plugins' in source) return fromPluginSet(source);
  if (source !== undefined && 'netmapDirs' in source) return fromDirs(source.netmapDirs, source.driveMap);
  const s = (source ?? {}) as NetupgSourceOptions;
  let loaded;
  try {
    loaded = await loadVendorFiles({
      explicitDir: s.explicitDir,
      env: s.env ?? process.env,
      ...(s.cwd === undefined ? {} : { cwd: s.cwd }),
      ...(s.driveMap === undefined ? {} : { driveMap: s.driveMap }),
    });
  } catch (e) {
    if (e instanceof OemFileError) return { netmaps: [], index: buildMappingIndex([]).index, plugins: [], diagnostics: [e.toDiagnostic()] };
    throw e;
  }
  return { netmaps: loaded.netmaps, index: loaded.index, plugins: pluginsOf(loaded.netmaps), diagnostics: loaded.diagnostics };
}

async function fromDirs(dirs: readonly string[], driveMap: DriveMap | undefined): Promise<VendorSetup> {
  const diagnostics: EngineDiagnostic[] = [];
  const netmaps: Netmap[] = [];
  // Read in parallel, kept in the order given (the first listed wins a conflicting claim).
  const read = await Promise.allSettled(dirs.map((dir) => readNetmapInf(resolve(dir), driveMap === undefined ? {} : { driveMap })));
  for (const r of read) {
    if (r.status === 'fulfilled') {
      netmaps.push(r.value);
      diagnostics.push(...r.value.diagnostics);
    } else if (r.reason instanceof OemFileError) diagnostics.push(r.reason.toDiagnostic());
    else throw r.reason;
  }
  const built = buildMappingIndex(netmaps);
  return { netmaps, index: built.index, plugins: pluginsOf(netmaps), diagnostics: [...diagnostics, ...built.diagnostics] };
}

async function fromPluginSet(source: PluginSetOptions): Promise<VendorSetup> {
  const diagnostics: EngineDiagnostic[] = [];
  const netmaps: Netmap[] = [];
  const plugins: VendorPlugin[] = [];
  for (const spec of source.plugins) {
    const ref: PluginRef = typeof spec.ref === 'string' ? { module: spec.ref } : spec.ref;
    const resolveFrom = resolve(ref.resolveFrom ?? process.cwd());
    const modulePath = modulePathOf(ref.module, resolveFrom);
    const dir = resolve(spec.netmapDir ?? (existsSync(modulePath) ? dirname(modulePath) : resolveFrom));
    let read: Netmap;
    try {
      read = await readNetmapInf(dir);
    } catch (e) {
      if (!(e instanceof OemFileError)) throw e;
      diagnostics.push(e.toDiagnostic());
      continue;
    }
    diagnostics.push(...read.diagnostics);
    // The integrator's module stands in for whatever [OemUpgradeSupport] names; the netmap still decides which IDs it upgrades.
    const netmap: Netmap = { ...read, plugin: { ref: ref.module, resolved: ref.module, refKind: existsSync(modulePath) ? 'path' : 'package', line: read.plugin?.line ?? 1, column: read.plugin?.column ?? 1 } };
    netmaps.push(netmap);
    plugins.push({ netmap, module: ref.module, resolveFrom, modulePath, ...(spec.options === undefined ? {} : { options: spec.options }) });
  }
  const built = buildMappingIndex(netmaps);
  return { netmaps, index: built.index, plugins, diagnostics: [...diagnostics, ...built.diagnostics] };
}

function pluginsOf(netmaps: readonly Netmap[]): VendorPlugin[] {
  return netmaps
    .filter((n) => n.plugin !== undefined && n.plugin.problem === undefined)
    .map((netmap) => {
      const module = (netmap.plugin as NonNullable<Netmap['plugin']>).resolved;
      return { netmap, module, resolveFrom: netmap.dir, modulePath: modulePathOf(module, netmap.dir) };
    });
}

function modulePathOf(module: string, resolveFrom: string): string {
  try {
    return fileURLToPath(resolvePluginUrl({ module, resolveFrom }));
  } catch (e) {
    if (e instanceof PluginLoadError) return module.startsWith('.') ? join(resolveFrom, module) : module;
    throw e;
  }
}
