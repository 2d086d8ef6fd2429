// The sandbox runs plugins as built JavaScript (Node's permission model refuses the worker a
// TypeScript loader needs), so a test that runs a TypeScript plugin in the sandbox builds it
// first. Test files run in parallel processes: builds are serialized through a lock directory.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';

const STALE_LOCK_MS = 180_000;

export class BuildError extends Error {
  override readonly name = 'BuildError';
}

/**
 * `tsc -b <tsconfig>` (incremental: fast when nothing changed), then — when @netmigrate/core is
 * a source checkout (a workspace) — its sandbox child bundle, so the sandbox starts quickly
 * and never runs stale engine code. Throws BuildError with tsc's output when the build fails.
 */
export function buildForSandbox(tsconfig: string): void {
  const project = resolve(tsconfig);
  if (!existsSync(project)) throw new BuildError(`buildForSandbox: ${project} does not exist`);
  const dir = dirname(project);
  const core = corePackageDir(dir);
  // Share core's own build lock when it is a checkout: two tsc -b writing core's dist at once corrupt it.
  const lock = core !== undefined && existsSync(join(core, 'src')) ? join(core, '.tmp', 'build.lock') : join(dir, '.tmp', 'build.lock');
  withLock(lock, () => {
    const tsc = createRequire(join(dir, 'noop.js')).resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-b', project], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new BuildError(`tsc -b ${project} failed:\n${r.stdout}${r.stderr}`);
    const bundle = core === undefined ? undefined : join(core, 'scripts', 'bundle-child.mjs');
    if (bundle !== undefined && existsSync(bundle)) {
      const b = spawnSync(process.execPath, [bundle], { cwd: join(core as string, '..', '..'), encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      if (b.status !== 0) throw new BuildError(`bundling the sandbox child failed:\n${b.stdout}${b.stderr}`);
    }
  });
}

function withLock(lock: string, work: () => void): void {
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (ageMs(lock) > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new BuildError(`could not take the build lock ${lock} (remove it if no build is running)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The @netmigrate/core package a module in `dir` imports by name (its real path), as Node finds it. */
function corePackageDir(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (basename(d) !== 'node_modules') {
      const candidate = join(d, 'node_modules', '@netmigrate', 'core', 'package.json');
      if (existsSync(candidate)) {
        try {
          if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === '@netmigrate/core') return realpathSync(dirname(candidate));
        } catch {
          // unreadable: keep looking
        }
      }
    }
    if (dirname(d) === d) return undefined;
  }
}
