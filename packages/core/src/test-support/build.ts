import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './fixtures.js';

const REPO_ROOT = join(PACKAGE_ROOT, '..', '..');
const LOCK = join(PACKAGE_ROOT, '.tmp', 'build.lock');
const STALE_LOCK_MS = 120_000;
export const BUNDLE_SCRIPT = join(PACKAGE_ROOT, 'scripts', 'bundle-child.mjs');

/**
 * Builds packages/core (tsc -b, incremental, then the sandbox child's one-file bundle) so the
 * sandbox child has current JavaScript to run. Test files run in parallel processes, so builds
 * are serialized through a lock directory; a build that finds nothing to do takes about a
 * second (the bundle script leaves a current bundle alone).
 */
export function buildCore(): void {
  mkdirSync(join(PACKAGE_ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (ageMs(LOCK) > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`could not take ${LOCK}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
    const r = spawnSync(tsc, ['-b', join(PACKAGE_ROOT, 'tsconfig.json')], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tsc -b packages/core failed:\n${r.stdout}${r.stderr}`);
    const b = spawnSync(process.execPath, [BUNDLE_SCRIPT], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    if (b.status !== 0) throw new Error(`bundling the sandbox child failed:\n${b.stdout}${b.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
