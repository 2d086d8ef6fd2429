import { mkdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { CHILD_BUNDLE_CONDITION, CHILD_BUNDLE_SHARED, type ChildBundleManifest } from './child-bundle.js';
import { sandboxRunner, sandboxRunnerForPlugin, sandboxRunnerPath } from './runner-path.js';

/** A package layout with src/sandbox/runner-path.ts, optionally built. */
function fakePackage(built: boolean) {
  const root = tempDir();
  mkdirSync(join(root, 'src', 'sandbox'), { recursive: true });
  const source = join(root, 'src', 'sandbox', 'runner-path.ts');
  writeFileSync(source, '');
  if (built) {
    mkdirSync(join(root, 'dist', 'sandbox'), { recursive: true });
    writeFileSync(join(root, 'dist', 'sandbox', 'child-main.js'), '');
    writeFileSync(join(root, 'tsconfig.tsbuildinfo'), '');
    // Sources a minute old, the build half a minute: later writes are clearly newer.
    const sourceTime = new Date(Date.now() - 60_000);
    const buildTime = new Date(Date.now() - 30_000);
    utimesSync(source, sourceTime, sourceTime);
    utimesSync(join(root, 'tsconfig.tsbuildinfo'), buildTime, buildTime);
  }
  return { root, source, url: pathToFileURL(source).href };
}

describe('sandboxRunnerPath', () => {
  it('uses the sibling child-main.js when running from dist', () => {
    expect(sandboxRunnerPath('file:///opt/app/node_modules/@netmigrate/core/dist/sandbox/runner-path.js')).toBe(
      '/opt/app/node_modules/@netmigrate/core/dist/sandbox/child-main.js',
    );
  });

  it('uses the package build when running from src', () => {
    const pkg = fakePackage(true);
    expect(sandboxRunnerPath(pkg.url)).toBe(join(pkg.root, 'dist', 'sandbox', 'child-main.js'));
  });

  it('refuses a missing build, saying how to make one', () => {
    const pkg = fakePackage(false);
    expect(() => sandboxRunnerPath(pkg.url)).toThrow(`the sandbox runner ${join(pkg.root, 'dist', 'sandbox', 'child-main.js')} is not built; run \`tsc -b packages/core\``);
  });

  it('refuses a build older than a source file, ignoring tests', () => {
    const pkg = fakePackage(true);
    writeFileSync(join(pkg.root, 'src', 'sandbox', 'new.test.ts'), '');
    expect(sandboxRunnerPath(pkg.url)).toBe(join(pkg.root, 'dist', 'sandbox', 'child-main.js'));
    writeFileSync(join(pkg.root, 'src', 'sandbox', 'edited.ts'), '');
    expect(() => sandboxRunnerPath(pkg.url)).toThrow(`the sandbox runner build is older than ${join(pkg.root, 'src', 'sandbox', 'edited.ts')}`);
  });
});

/** A built dist/sandbox with a bundle made from dist/index.js and a file outside the package, as bundle-child.mjs writes it. */
function bundledPackage() {
  const root = tempDir();
  const sandbox = join(root, 'dist', 'sandbox');
  mkdirSync(sandbox, { recursive: true });
  writeFileSync(join(sandbox, 'child-main.js'), '');
  const index = join(root, 'dist', 'index.js');
  writeFileSync(index, 'export {};\n');
  const dependency = join(tempDir(), 'dependency.js');
  writeFileSync(dependency, 'module.exports = 1;\n');
  const bundle = join(sandbox, 'child.bundle.mjs');
  writeFileSync(bundle, '// bundled\n');
  const stamp = (path: string) => ({ size: statSync(path).size, mtimeMs: statSync(path).mtimeMs });
  const input = (path: string) => ({ path: relative(sandbox, path).split(sep).join('/'), ...stamp(path) });
  const writeManifest = (overrides: Record<string, unknown> = {}) => {
    const manifest: ChildBundleManifest = {
      format: 1,
      bundle: stamp(bundle),
      inputs: [input(index), input(dependency)],
      shared: [...CHILD_BUNDLE_SHARED],
      condition: CHILD_BUNDLE_CONDITION,
      ...overrides,
    };
    writeFileSync(join(sandbox, 'child.bundle.json'), JSON.stringify(manifest));
  };
  writeManifest();
  const url = pathToFileURL(join(sandbox, 'runner-path.js')).href;
  return { root, sandbox, index, bundle, dependency, url, writeManifest, dependencyPath: input(dependency).path };
}

describe('sandboxRunner', () => {
  it('runs the bundle, with the export condition that makes the plugin import it too, when it is current', () => {
    const pkg = bundledPackage();
    expect(sandboxRunner(pkg.url)).toEqual({ path: pkg.bundle, execArgv: ['--conditions=netmigrate-sandbox'], bundled: true });
  });

  it.each([
    ['the manifest is missing', (pkg: Pkg) => rmSync(join(pkg.sandbox, 'child.bundle.json')), 'child.bundle.json is missing'],
    ['the bundle is missing', (pkg: Pkg) => rmSync(pkg.bundle), 'child.bundle.mjs is missing'],
    // tsc rewrote an input with the same size: the bundle holds the old code.
    ['an input is newer', (pkg: Pkg) => utimesSync(pkg.index, new Date(Date.now() + 5_000), new Date(Date.now() + 5_000)), '../index.js changed after child.bundle.mjs was built'],
    ['an input changed', (pkg: Pkg) => writeFileSync(pkg.index, 'export const added = 1;\n'), '../index.js changed after child.bundle.mjs was built'],
    ['an input is gone', (pkg: Pkg) => rmSync(pkg.index), '../index.js, which went into child.bundle.mjs, is missing'],
    ['a dependency it inlined changed', (pkg: Pkg) => writeFileSync(pkg.dependency, 'module.exports = 2;\n'), (pkg: Pkg) => `${pkg.dependencyPath} changed after child.bundle.mjs was built`],
    ['the bundle was rewritten without its manifest', (pkg: Pkg) => writeFileSync(pkg.bundle, '// another build\n'), 'child.bundle.mjs does not match child.bundle.json'],
    ['the manifest is truncated', (pkg: Pkg) => writeFileSync(join(pkg.sandbox, 'child.bundle.json'), '{ "format": 1'), /^child\.bundle\.json is unreadable \(/],
    ['the manifest has another format', (pkg: Pkg) => pkg.writeManifest({ format: 2 }), 'child.bundle.json is not a bundle manifest this version understands'],
    ['the manifest lists no inputs', (pkg: Pkg) => pkg.writeManifest({ inputs: [] }), 'child.bundle.json is not a bundle manifest this version understands'],
    ['it was built with other shared packages', (pkg: Pkg) => pkg.writeManifest({ shared: ['tsyringe'] }), 'child.bundle.mjs was built with other settings'],
  ] as const)('falls back to child-main.js, saying why, when %s', (_what, spoil, reason) => {
    const pkg = bundledPackage();
    expect(sandboxRunner(pkg.url).bundled).toBe(true);
    spoil(pkg);
    const runner = sandboxRunner(pkg.url);
    expect({ path: runner.path, execArgv: runner.execArgv, bundled: runner.bundled }).toEqual({ path: join(pkg.sandbox, 'child-main.js'), execArgv: [], bundled: false });
    if (typeof reason === 'function') expect(runner.fallbackReason).toBe(reason(pkg));
    else if (typeof reason === 'string') expect(runner.fallbackReason).toBe(reason);
    else expect(runner.fallbackReason).toMatch(reason);
  });

  it('from src, checks the dist build against the sources first', () => {
    const pkg = fakePackage(true);
    expect(sandboxRunner(pkg.url)).toEqual({ path: join(pkg.root, 'dist', 'sandbox', 'child-main.js'), execArgv: [], bundled: false, fallbackReason: 'child.bundle.json is missing' });
    writeFileSync(join(pkg.root, 'src', 'sandbox', 'edited.ts'), '');
    expect(() => sandboxRunner(pkg.url)).toThrow('the sandbox runner build is older than');
  });
});

describe('sandboxRunnerForPlugin', () => {
  /** Writes `file` (and its directories) under `root`. */
  const put = (root: string, file: string, text = '') => {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  it('keeps the bundle for a plugin that imports this core, or none', () => {
    const pkg = bundledPackage();
    writeFileSync(join(pkg.root, 'package.json'), JSON.stringify({ name: '@netmigrate/core', exports: { '.': './dist/index.js' } }));
    const runner = sandboxRunner(pkg.url);
    expect(runner.bundled).toBe(true);
    // Inside the package: a self-reference.
    expect(sandboxRunnerForPlugin(runner, put(pkg.root, 'test-plugins/p.mjs'))).toBe(runner);
    // Through a (symlinked) node_modules, from a package of its own.
    const app = tempDir();
    put(app, 'package.json', JSON.stringify({ name: '@acme/plugins' }));
    mkdirSync(join(app, 'node_modules', '@netmigrate'), { recursive: true });
    symlinkSync(pkg.root, join(app, 'node_modules', '@netmigrate', 'core'), 'dir');
    expect(sandboxRunnerForPlugin(runner, put(app, 'lib/deep/p.mjs'))).toBe(runner);
    // Core cannot be resolved at all: the condition never applies.
    expect(sandboxRunnerForPlugin(runner, put(tempDir(), 'p.mjs'))).toBe(runner);
  });

  it('falls back to child-main.js for a plugin that resolves another installation of core', () => {
    const pkg = bundledPackage();
    const vendor = tempDir();
    put(vendor, 'node_modules/@netmigrate/core/package.json', JSON.stringify({ name: '@netmigrate/core', exports: { '.': './dist/index.js' } }));
    expect(sandboxRunnerForPlugin(sandboxRunner(pkg.url), put(vendor, 'plugin.mjs'))).toEqual({
      path: join(pkg.sandbox, 'child-main.js'),
      execArgv: [],
      bundled: false,
      fallbackReason: `the plugin resolves @netmigrate/core to another installation (${join(vendor, 'node_modules', '@netmigrate', 'core')})`,
    });
  });

  it('leaves child-main.js alone', () => {
    const runner = { path: '/x/dist/sandbox/child-main.js', execArgv: [], bundled: false, fallbackReason: 'no bundle' };
    expect(sandboxRunnerForPlugin(runner, put(tempDir(), 'p.mjs'))).toBe(runner);
  });
});

type Pkg = ReturnType<typeof bundledPackage>;
