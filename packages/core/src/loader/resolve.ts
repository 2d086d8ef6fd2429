import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
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
    return pathToFileURL(createRequire(join(base, 'noop.js')).resolve(ref.module)).href;
  } catch (e) {
    throw new PluginLoadError(
      ref.module,
      `the package cannot be found from ${base} (${(e as Error).message.split('\n')[0]})`,
      `install the plugin package where it can be resolved from ${base}, or name its module file`,
    );
  }
}
