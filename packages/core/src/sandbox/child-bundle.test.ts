import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_SCRIPT, buildCore } from '../test-support/build.js';
import { NT4_TO_2000, PACKAGE_ROOT, tempDir, testPlugin } from '../test-support/fixtures.js';
import { sandboxRunner } from './runner-path.js';
import { SandboxedPluginHost } from './sandboxed-host.js';

beforeAll(buildCore, 120_000);

const node = (args: string[], cwd?: string) => {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, ...(cwd === undefined ? {} : { cwd }) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const esm = (code: string, ...args: string[]) => node(['--input-type=module', '-e', code, ...args]);

/** Runs core-identity.mjs through SandboxedPluginHost from the package at `root` (its dist, plain Node). */
function runIdentityPlugin(root: string) {
  const r = esm(`
import { SandboxedPluginHost } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)};
const registry = { name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [{ name: 'Card1', values: [], subkeys: [] }] };
const host = new SandboxedPluginHost({ hookTimeoutMs: 10000 });
await host.start(${JSON.stringify(join(root, 'test-plugins', 'core-identity.mjs'))}, {
  workingDir: process.argv[1], upgradeInfo: { from: { productType: 1, buildNumber: 1381 }, to: { productType: 1, buildNumber: 2195 } }, unattended: true, registry,
});
const init = await host.call({ hook: 'PreUpgradeInitialize' });
const pre = await host.call({ hook: 'DoPreUpgradeProcessing', sections: { taken: [], owned: [] }, component: {
  paramsKeyPath: 'HKEY_LOCAL_MACHINE\\\\Card1', preNT5InfId: 'CARD', preNT5Instance: 'Card1', nt5InfId: 'card', sectionName: 'params.card1.OemSection' } });
await host.stop();
console.log(JSON.stringify({ runner: host.runner, core: init.logs[0].data, writer: pre.logs[0].data }));
`, tempDir());
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { runner: { path: string; bundled: boolean; fallbackReason?: string }; core: { resolved: string; main: string }; writer: { sameCore: boolean } };
}

describe('the sandbox child bundle (dist/sandbox/child.bundle.mjs)', () => {
  it('is current after the build, so the host runs it', () => {
    expect(sandboxRunner()).toEqual({
      path: join(PACKAGE_ROOT, 'dist', 'sandbox', 'child.bundle.mjs'),
      execArgv: ['--conditions=netmigrate-sandbox'],
      bundled: true,
    });
  });

  it('exports what dist/index.js exports and, imported as a library, does not turn the process into a sandbox child', () => {
    const url = (file: string) => JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'dist', file)).href);
    const r = esm(`
const bundle = await import(${url('sandbox/child.bundle.mjs')});
const dist = await import(${url('index.js')});
console.log(JSON.stringify({ bundle: Object.keys(bundle).sort(), dist: Object.keys(dist).sort(), listeners: process.listenerCount('message') }));
`);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { bundle: string[]; dist: string[]; listeners: number };
    expect(out.bundle).toEqual(out.dist);
    expect(out.dist).toContain('SandboxedPluginHost');
    // runSandboxChild() would have taken over console.log (no output) and listened for the host.
    expect(out.listeners).toBe(0);
  });

  it('is never run stale: the host falls back to child-main.js until the bundle script rebuilds it', () => {
    // A copy of the built package, so the test can make its bundle stale without touching the real one.
    const root = join(tempDir(), 'core');
    mkdirSync(root);
    for (const part of ['package.json', 'dist', 'scripts', 'test-plugins']) cpSync(join(PACKAGE_ROOT, part), join(root, part), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    const bundle = join(root, 'dist', 'sandbox', 'child.bundle.mjs');
    const script = join(root, 'scripts', 'bundle-child.mjs');

    expect(node([script], root).status).toBe(0);
    const bundled = runIdentityPlugin(root);
    expect(bundled.runner).toEqual({ path: bundle, execArgv: ['--conditions=netmigrate-sandbox'], bundled: true });
    // The plugin's `@netmigrate/core` is the file the child runs: one copy of core.
    expect(bundled.core).toEqual({ main: bundle, resolved: pathToFileURL(bundle).href });
    expect(bundled.writer).toEqual({ sameCore: true });

    // tsc rewrote a file the bundle was made from.
    const later = new Date(Date.now() + 10_000);
    utimesSync(join(root, 'dist', 'loader', 'load.js'), later, later);
    const stale = runIdentityPlugin(root);
    expect(stale.runner).toEqual({
      path: join(root, 'dist', 'sandbox', 'child-main.js'),
      execArgv: [],
      bundled: false,
      fallbackReason: '../loader/load.js changed after child.bundle.mjs was built',
    });
    expect(stale.core).toEqual({ main: join(root, 'dist', 'sandbox', 'child-main.js'), resolved: pathToFileURL(join(root, 'dist', 'index.js')).href });
    expect(stale.writer).toEqual({ sameCore: true });

    const rebuilt = node([script], root);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toContain('was: ../loader/load.js changed after child.bundle.mjs was built');
    expect(runIdentityPlugin(root).runner.bundled).toBe(true);
    expect(node([script], root).stdout).toContain('is up to date');
  });

  it('runs a plugin tied to another installation of core with child-main.js, even in a process booted with the bundle', async () => {
    // A vendor directory with its own copy of core, built without the bundle: the export
    // condition would send the plugin's import to a file that does not exist there.
    const vendor = tempDir();
    const foreign = join(vendor, 'node_modules', '@netmigrate', 'core');
    mkdirSync(foreign, { recursive: true });
    cpSync(join(PACKAGE_ROOT, 'package.json'), join(foreign, 'package.json'));
    cpSync(join(PACKAGE_ROOT, 'dist'), join(foreign, 'dist'), { recursive: true, filter: (path) => !path.includes('child.bundle.') });
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(foreign, 'node_modules'), 'dir');
    const plugin = join(vendor, 'plugin.mjs');
    cpSync(testPlugin('core-identity.mjs'), plugin);
    const registry = { name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [] };

    const host = new SandboxedPluginHost({ hookTimeoutMs: 10_000 });
    try {
      const workingDir = tempDir();
      await host.prepare(workingDir);
      expect(host.runner?.bundled).toBe(true);
      await host.start(plugin, { workingDir, upgradeInfo: NT4_TO_2000, unattended: true, registry });
      expect(host.runner).toEqual({
        path: join(PACKAGE_ROOT, 'dist', 'sandbox', 'child-main.js'),
        execArgv: [],
        bundled: false,
        fallbackReason: `the plugin resolves @netmigrate/core to another installation (${foreign})`,
      });
      const init = await host.call({ hook: 'PreUpgradeInitialize' });
      expect(init.logs[0]?.data).toEqual({ main: join(PACKAGE_ROOT, 'dist', 'sandbox', 'child-main.js'), resolved: pathToFileURL(join(foreign, 'dist', 'index.js')).href });
    } finally {
      await host.stop();
    }
  });

  it('the bundle script refuses to run before tsc', () => {
    const root = join(tempDir(), 'core');
    mkdirSync(join(root, 'scripts'), { recursive: true });
    cpSync(BUNDLE_SCRIPT, join(root, 'scripts', 'bundle-child.mjs'));
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    const r = node([join(root, 'scripts', 'bundle-child.mjs')], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^bundle-child: dist\/sandbox is not built \(.*\); run tsc -b packages\/core first/);
  });
});
