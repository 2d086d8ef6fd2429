import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PluginLoadError } from '../contract/errors.js';

/**
 * How a plugin is named: a module path (absolute, or relative to `resolveFrom`), a file: URL,
 * or a package name resolved from `resolveFrom` the way Node resolves a require of it.
 */
export interface PluginRef {
  readonly module: string;
  /** Directory paths and package names are resolved from; the current directory by default. */
  readonly resolveFrom?: string;
}

export function isPathRef(module: string): boolean {
  return module.startsWith('file:') || module.startsWith('.') || isAbsolute(module);
}

/** The file: URL to import for `ref`. */
export function resolvePluginUrl(ref: PluginRef): string {
  const base = ref.resolveFrom ?? process.cwd();
  if (isPathRef(ref.module)) {
    const path = ref.module.startsWith('file:') ? fileURLToPath(ref.module) : resolve(base, ref.module);
    if (!existsSync(path)) {
      throw new PluginLoadError(ref.module, `the module file ${path} does not exist`, 'check the plugin path in the plugin set or netmap.inf directory');
    }
    return pathToFileURL(path).href;
  }
  try {
    const resolved = createRequire(join(base, 'noop.js')).resolve(ref.module);
    return pathToFileURL(/\.[cm]?ts$/.test(resolved) ? javascriptEntry(resolved) ?? resolved : resolved).href;
  } catch (e) {
    throw new PluginLoadError(
      ref.module,
      `the package cannot be found from ${base} (${(e as Error).message.split('\n')[0]})`,
      `install the plugin package where it can be resolved from ${base}, or name its module file`,
    );
  }
}

/**
 * A package resolved to TypeScript source (a custom export condition such as vitest's
 * `source` is active in this process) is loaded by plain Node in the sandbox child and in GUI
 * mode: use the package's JavaScript entry instead — its `exports["."]` `import`/`default`
 * target, else `main`. Undefined when the package has none.
 */
function javascriptEntry(resolved: string): string | undefined {
  for (let dir = dirname(resolved); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: unknown };
    const dot = typeof pkg.exports === 'object' && pkg.exports !== null && '.' in pkg.exports ? (pkg.exports as Record<string, unknown>)['.'] : pkg.exports;
    const pick = (e: unknown): string | undefined => {
      if (typeof e === 'string') return e;
      if (typeof e !== 'object' || e === null) return undefined;
      const o = e as Record<string, unknown>;
      return pick(o.import) ?? pick(o.default) ?? pick(o.require) ?? pick(o.node);
    };
    const entry = pick(dot) ?? (typeof pkg.main === 'string' ? pkg.main : undefined);
    return entry === undefined || /\.[cm]?ts$/.test(entry) ? undefined : join(dir, entry);
  }
  return undefined;
}
