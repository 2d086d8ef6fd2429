import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHILD_BUNDLE, CHILD_BUNDLE_CONDITION, childBundleProblem } from './child-bundle.js';

/** What the sandbox forks, and why. */
export interface SandboxRunner {
  /** The script the child runs. */
  readonly path: string;
  /** Node flags the script needs besides the sandbox's own (sandboxExecArgv). */
  readonly execArgv: readonly string[];
  /** true: the one-file bundle child.bundle.mjs; false: child-main.js and core's module graph. */
  readonly bundled: boolean;
  /** Why the bundle is not used, when it is not. */
  readonly fallbackReason?: string;
}

/**
 * The bundle (dist/sandbox/child.bundle.mjs) when it is there and current, else child-main.js
 * (always current: see sandboxRunnerPath). A missing or stale bundle is never run: the
 * fallback behaves the same and only starts slower.
 */
export function sandboxRunner(here: string = import.meta.url): SandboxRunner {
  const main = sandboxRunnerPath(here);
  const dir = dirname(main);
  const problem = childBundleProblem(dir);
  if (problem !== undefined) return { path: main, execArgv: [], bundled: false, fallbackReason: problem };
  return { path: join(dir, CHILD_BUNDLE), execArgv: [`--conditions=${CHILD_BUNDLE_CONDITION}`], bundled: true };
}

/**
 * `runner` narrowed to one plugin module. The export condition that hands a bundled child's
 * plugin the bundle applies to whichever installation of `@netmigrate/core` the plugin
 * resolves; so the bundle is used only for a plugin that resolves this very package (or no
 * core at all). A plugin tied to another installation gets child-main.js and imports that
 * installation's dist, as it would without the bundle.
 */
export function sandboxRunnerForPlugin(runner: SandboxRunner, pluginFile: string): SandboxRunner {
  if (!runner.bundled) return runner;
  const sandboxDir = dirname(runner.path);
  const core = corePackageFor(pluginFile);
  // A plugin that cannot import core by name never meets the condition.
  if (core === undefined || core === realpathSync(join(sandboxDir, '..', '..'))) return runner;
  return {
    path: join(sandboxDir, 'child-main.js'),
    execArgv: [],
    bundled: false,
    fallbackReason: `the plugin resolves @netmigrate/core to another installation (${core})`,
  };
}

/**
 * The directory (real path) of the `@netmigrate/core` package a module at `file` imports by
 * name, found as Node's resolver finds it: the package the file belongs to when that is core
 * (a self-reference), else the nearest node_modules/@netmigrate/core above it. By directory
 * and not by export condition, so the engine's own conditions (`source` under vitest) do not
 * change the answer.
 */
function corePackageFor(file: string): string | undefined {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { name, exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; exports?: unknown };
        if (name === CORE_PACKAGE && exports !== undefined) return real(dir);
      } catch {
        // unreadable: no self-reference
      }
      break;
    }
    if (dirname(dir) === dir || basename(dir) === 'node_modules') break;
  }
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (basename(dir) !== 'node_modules') {
      const candidate = real(join(dir, 'node_modules', ...CORE_PACKAGE.split('/')));
      if (candidate !== undefined) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const CORE_PACKAGE = '@netmigrate/core';

/**
 * The script the sandbox forks. It is always the built JavaScript: Node 20 runs module
 * loader hooks (the only way to execute TypeScript on import) on a worker thread, and the
 * permission model refuses the sandbox workers, so the child cannot run src/*.ts itself.
 *
 * From dist, the runner sits next to this module. From src (vitest, `source` condition) it is
 * the package's dist build, which must exist and be newer than every source file; otherwise
 * the sandbox would silently run old code.
 */
export function sandboxRunnerPath(here: string = import.meta.url): string {
  const self = fileURLToPath(here);
  if (!self.endsWith('.ts')) return join(self, '..', 'child-main.js');
  const packageRoot = join(self, '..', '..', '..');
  const runner = join(packageRoot, 'dist', 'sandbox', 'child-main.js');
  const buildInfo = join(packageRoot, 'tsconfig.tsbuildinfo');
  if (!existsSync(runner) || !existsSync(buildInfo)) {
    throw new Error(`the sandbox runner ${runner} is not built; run \`tsc -b packages/core\` (the sandbox child runs the built JavaScript)`);
  }
  const built = statSync(buildInfo).mtimeMs;
  const newer = newestSource(join(packageRoot, 'src'));
  if (newer !== undefined && newer.mtimeMs > built) {
    throw new Error(`the sandbox runner build is older than ${newer.path}; run \`tsc -b packages/core\` again`);
  }
  return runner;
}

function newestSource(dir: string): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? entry.name === 'test-support' ? undefined : newestSource(path)
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? { path, mtimeMs: statSync(path).mtimeMs } : undefined;
    if (candidate !== undefined && (newest === undefined || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}
