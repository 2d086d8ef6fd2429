import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The sandbox child as one file. `scripts/bundle-child.mjs` bundles `child-bundle-entry.js`
 * (the package's public API plus the child runner) from the tsc output into
 * `dist/sandbox/child.bundle.mjs`, because importing one file is much cheaper than importing
 * core's module graph (about 70 files) file by file. Beside it, `child.bundle.json` lists
 * every file that went into the bundle with its size and modification time; a bundle whose
 * inputs changed since is stale, and the host then runs `child-main.js` instead.
 */
export const CHILD_BUNDLE = 'child.bundle.mjs';
export const CHILD_BUNDLE_MANIFEST = 'child.bundle.json';

/**
 * The export condition under which `@netmigrate/core` resolves to the bundle. The host passes
 * `--conditions=<this>` to a child running the bundle, so a plugin's `import … from
 * '@netmigrate/core'` gets the very module the child runs: one copy of core, its decorators,
 * classes and tokens, in the child.
 */
export const CHILD_BUNDLE_CONDITION = 'netmigrate-sandbox';

/**
 * Packages the bundle does not contain but `require`s from its own location, exactly where
 * core's tsc output imports them from. A plugin importing them directly gets the same
 * instance as core: tsyringe's global container, which the loader guards while a plugin is
 * imported, and reflect-metadata's registry.
 */
export const CHILD_BUNDLE_SHARED = ['reflect-metadata', 'tsyringe'] as const;

export interface FileStamp {
  /** Relative to the bundle's directory, `/`-separated. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ChildBundleManifest {
  readonly format: 1;
  /** The bundle file itself, so a bundle rewritten without its manifest counts as stale. */
  readonly bundle: Omit<FileStamp, 'path'>;
  readonly inputs: readonly FileStamp[];
  readonly shared: readonly string[];
  readonly condition: string;
}

/** Why the bundle in `dir` (a `dist/sandbox` directory) must not be used, or undefined when it is current. */
export function childBundleProblem(dir: string): string | undefined {
  let manifest: ChildBundleManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, CHILD_BUNDLE_MANIFEST), 'utf8')) as ChildBundleManifest;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${CHILD_BUNDLE_MANIFEST} is missing` : `${CHILD_BUNDLE_MANIFEST} is unreadable (${(e as Error).message})`;
  }
  if (!isManifest(manifest)) return `${CHILD_BUNDLE_MANIFEST} is not a bundle manifest this version understands`;
  if (manifest.condition !== CHILD_BUNDLE_CONDITION || manifest.shared.join() !== CHILD_BUNDLE_SHARED.join()) {
    return `${CHILD_BUNDLE} was built with other settings`;
  }
  const bundle = stamp(join(dir, CHILD_BUNDLE));
  if (bundle === undefined) return `${CHILD_BUNDLE} is missing`;
  if (bundle.size !== manifest.bundle.size || bundle.mtimeMs !== manifest.bundle.mtimeMs) return `${CHILD_BUNDLE} does not match ${CHILD_BUNDLE_MANIFEST}`;
  for (const input of manifest.inputs) {
    const now = stamp(resolve(dir, input.path));
    if (now === undefined) return `${input.path}, which went into ${CHILD_BUNDLE}, is missing`;
    if (now.size !== input.size || now.mtimeMs !== input.mtimeMs) return `${input.path} changed after ${CHILD_BUNDLE} was built`;
  }
  return undefined;
}

function stamp(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function isManifest(m: unknown): m is ChildBundleManifest {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  const isStamp = (s: unknown) => typeof s === 'object' && s !== null && typeof (s as FileStamp).size === 'number' && typeof (s as FileStamp).mtimeMs === 'number';
  return o.format === 1 && isStamp(o.bundle) && typeof o.condition === 'string'
    && Array.isArray(o.shared) && o.shared.every((x) => typeof x === 'string')
    && Array.isArray(o.inputs) && o.inputs.length > 0 && o.inputs.every((i) => isStamp(i) && typeof (i as FileStamp).path === 'string');
}
