import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PluginLoadError } from '../contract/errors.js';
import { buildCore } from '../test-support/build.js';
import { NT4_TO_2000, PACKAGE_ROOT, tempDir, testPlugin } from '../test-support/fixtures.js';
import { component, dword, hklmWithServices, sz } from '../test-support/registry.js';
import { PluginHookFailure } from './failures.js';
import type { PreUpgradeCall } from './hook-call.js';
import type { HostStartOptions } from './host.js';
import { sandboxRunner, sandboxRunnerPath, type SandboxRunner } from './runner-path.js';
import { SandboxedPluginHost } from './sandboxed-host.js';
import { behave, postStart, postUpgradeMatrix } from './test-support/post-upgrade-matrix.js';

beforeAll(buildCore, 120_000);

const hosts: SandboxedPluginHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

/**
 * Every test runs the child both ways: the one-file bundle the host takes when it is current
 * (it is, after buildCore) and child-main.js, the fallback for a missing or stale bundle.
 */
const RUNNERS: readonly [string, () => SandboxRunner][] = [
  ['the bundle', sandboxRunner],
  ['child-main.js', () => ({ path: sandboxRunnerPath(), execArgv: [], bundled: false, fallbackReason: 'chosen by the test' })],
];
let runnerFor: () => SandboxRunner = sandboxRunner;

function host(limits = {}): SandboxedPluginHost {
  const h = new SandboxedPluginHost({ hookTimeoutMs: 5000, ...limits }, runnerFor);
  hosts.push(h);
  return h;
}

const outside = join(tempDir(), 'escaped.txt');
const registry = hklmWithServices({
  Isdn01: [sz('IsdnPhoneNumber', '111-1111'), dword('IsdnSwitchType', 1)],
  ...Object.fromEntries(['ok', 'write-inside', 'write-outside', 'spawn', 'worker', 'loop', 'oom', 'crash', 'throw', 'invalid-line', 'engine-section', 'bad-flags', 'reject', 'forge-op', 'forge-flags']
    .map((b) => [b, [sz('Behaviour', b), sz('Target', outside)]])),
});

function startOptions(extra: Partial<HostStartOptions> = {}): HostStartOptions {
  return { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, registry, ...extra };
}

const pre = (instance: string, taken: string[] = ['NetAdapters']): PreUpgradeCall => ({
  hook: 'DoPreUpgradeProcessing',
  component: component(instance),
  sections: { taken, owned: [] },
});

async function failure(run: Promise<unknown>): Promise<PluginHookFailure> {
  try {
    await run;
  } catch (e) {
    if (e instanceof PluginHookFailure) return e;
    throw e;
  }
  throw new Error('expected a PluginHookFailure');
}

describe.each(RUNNERS)('SandboxedPluginHost running %s', (runnerName, runner) => {
  beforeAll(() => {
    runnerFor = runner;
  });

  it('loads a plugin in a child process and runs its hooks there', async () => {
    const h = host();
    const options = startOptions();
    const description = await h.start(testPlugin('isdn.mjs'), options);
    expect(h.runner?.bundled).toBe(runnerName === 'the bundle');
    expect(description).toMatchObject({ name: '@acme/netmigrate-isdn', version: '2.1.0', postUpgrade: true, className: 'AcmeIsdnMigration' });
    expect(h.startLogs).toEqual([{ level: 'info', message: 'constructed', data: { workingDir: options.workingDir, unattended: true } }]);

    const init = await h.call({ hook: 'PreUpgradeInitialize' });
    expect(init.result.servicesNotToBeDeleted).toEqual(['AcmeIsdnSvc']);
    expect(init.logs).toEqual([{ level: 'info', message: 'PreUpgradeInitialize from build 1381' }]);
    expect(JSON.parse(readFileSync(join(options.workingDir, 'upgrade.json'), 'utf8'))).toEqual(NT4_TO_2000);

    const out = await h.call(pre('Isdn01'));
    expect(out.result.flags).toBe(1);
    expect(out.ops).toEqual([
      { kind: 'addSection', name: 'params.isdn01.OemSection' },
      { kind: 'addLine', section: 'params.isdn01.OemSection', line: 'InfToRunAfterInstall="", isdn01.SectionToRun' },
      { kind: 'addSection', name: 'isdn01.SectionToRun' },
      { kind: 'addLine', section: 'isdn01.SectionToRun', line: 'AddReg=isdn01.SectionToRun.AddReg' },
      { kind: 'addSection', name: 'isdn01.SectionToRun.AddReg' },
      { kind: 'addLine', section: 'isdn01.SectionToRun.AddReg', line: 'HKR,0\\0,IsdnPhoneNumber,0,"111-1111"' },
      { kind: 'addLine', section: 'isdn01.SectionToRun.AddReg', line: 'HKR,0,IsdnSwitchType,0x00010001,1' },
    ]);
    expect(out.logs).toEqual([{ level: 'info', message: 'migrated Isdn01' }]);
    await h.stop();
    expect(h.alive).toBe(false);
  });

  it('gives the plugin the copy of core the child runs, not a second one', async () => {
    const h = host();
    await h.start(testPlugin('core-identity.mjs'), startOptions());
    const runner = h.runner as SandboxRunner;
    const init = await h.call({ hook: 'PreUpgradeInitialize' });
    expect(init.logs).toEqual([{
      level: 'info',
      message: 'core',
      // Bundled, the plugin's `@netmigrate/core` is the very file the child runs (one module instance).
      data: { main: runner.path, resolved: pathToFileURL(runner.bundled ? runner.path : join(PACKAGE_ROOT, 'dist', 'index.js')).href },
    }]);
    const out = await h.call(pre('Isdn01'));
    expect(out.logs).toEqual([{ level: 'info', message: 'writer', data: { sameCore: true } }]);
  });

  it('runs a plugin that imports another copy of core (its dist by path) with that copy\'s decorators and tokens', async () => {
    const h = host();
    const options = startOptions();
    await expect(h.start(testPlugin('dist-import.mjs'), options)).resolves.toMatchObject({
      name: '@test/dist-import', className: 'DistImportPlugin', hooks: { PreUpgradeInitialize: 'init', DoPreUpgradeProcessing: 'pre' },
    });
    const init = await h.call({ hook: 'PreUpgradeInitialize' });
    expect(init.logs).toEqual([{ level: 'info', message: 'injected', data: { workingDir: options.workingDir } }]);
    const out = await h.call(pre('Isdn01'));
    expect(out.result.flags).toBe(0);
    expect(out.ops).toEqual([
      { kind: 'addSection', name: 'params.isdn01.OemSection' },
      { kind: 'addLine', section: 'params.isdn01.OemSection', line: 'Instance=Isdn01' },
    ]);
  });

  it('runs under the permission model, in its own process', async () => {
    const h = host();
    await h.start(testPlugin('chaos.mjs'), startOptions());
    await expect(h.call(pre('write-inside'))).resolves.toBeDefined();
    const e = await failure(h.call(pre('spawn')));
    expect(e.kind).toBe('permission-denied');
    expect(h.alive).toBe(true);
  });

  it.each([
    ['write-outside', 'permission-denied', /^the plugin tried to write outside its working directory \(.*escaped\.txt\); it may write only inside \//, false],
    ['spawn', 'permission-denied', /^the plugin tried to start a child process, which the sandbox forbids$/, false],
    ['worker', 'permission-denied', /^the plugin tried to start a worker thread, which the sandbox forbids$/, false],
    ['throw', 'hook-error', /^threw Error: vendor bug: parameter block corrupt$/, false],
    ['reject', 'hook-error', /^threw TypeError: async failure$/, false],
    ['invalid-line', 'invalid-writer-op', /ERROR_INVALID_PARAMETER \(87\): the line contains a control character \(U\+000A at index 3\)/, false],
    ['engine-section', 'invalid-writer-op', /addLine\("NetAdapters", …\) failed with ERROR_INVALID_PARAMETER \(87\): no such section/, false],
    ['bad-flags', 'invalid-result', /^DoPreUpgradeProcessing returned flags unknown 0x00000010/, false],
    ['forge-op', 'invalid-writer-op', /^the sandbox returned an answer-file op the writer refuses: .*no such section/, false],
    ['forge-flags', 'invalid-result', /^DoPreUpgradeProcessing returned flags unknown 0x40000000/, false],
    ['loop', 'timeout', /^the hook did not finish within 800 ms; the sandbox process was killed \(SIGKILL\)$/, true],
    ['oom', 'out-of-memory', /^the plugin ran out of memory \(heap limit 32 MB\); the sandbox process died$/, true],
    ['crash', 'crash', /^the sandbox process exited with code 3$/, true],
  ] as const)('reports %s as %s with plugin, hook and component', async (behaviour, kind, detail, died) => {
    const h = host({ memoryLimitMb: 32 });
    await h.start(testPlugin('chaos.mjs'), startOptions());
    // Only the endless loop gets a short limit; the others must fail for their own reason even on a busy machine.
    const e = await failure(h.call(pre(behaviour), { timeoutMs: kind === 'timeout' ? 800 : 15_000 }));
    expect({ kind: e.kind, plugin: e.plugin, hook: e.hook, component: e.component, died: e.sandboxDied }).toEqual({
      kind, plugin: '"@test/chaos"', hook: 'DoPreUpgradeProcessing', component: behaviour, died,
    });
    expect(e.detail).toMatch(detail);
    expect(e.message).toBe(`plugin "@test/chaos", hook DoPreUpgradeProcessing, component ${behaviour}: ${e.detail}`);
    expect(h.alive).toBe(!died);
    if (died) await expect(h.call(pre('ok'))).rejects.toThrow('the sandbox of plugin "@test/chaos" is not running');
    expect(existsSync(outside)).toBe(false);
  });

  it('reports a contract violation found in the child as PluginLoadError and stops the child', async () => {
    const h = host();
    const e = await h.start(testPlugin('singleton.mjs'), startOptions()).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PluginLoadError);
    expect((e as PluginLoadError).message).toMatch(/^plugin "@test\/singleton": its module registers into tsyringe's global container: @singleton/);
    expect(h.alive).toBe(false);
  });

  it('reports invalid options from the child naming the plugin and key', async () => {
    const e = await host().start(testPlugin('options.mjs'), startOptions({ options: { retries: 'many' } })).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PluginLoadError);
    expect((e as PluginLoadError).fix).toBe('correct option "retries" in the plugin\'s section of netmigrate.ini (the plugin\'s documentation lists its options)');
  });

  it('reports a module that ends the process while loading', async () => {
    const e = await failure(host().start(testPlugin('exit-on-import.mjs'), startOptions()));
    expect(e.message).toBe(`plugin ${testPlugin('exit-on-import.mjs')}, while loading: the sandbox process exited with code 9`);
    expect(e.hook).toBe('load');
  });

  it('refuses a missing module before forking and a bad working directory', async () => {
    await expect(host().start('./missing.mjs', startOptions())).rejects.toThrow(PluginLoadError);
    await expect(host().start(testPlugin('isdn.mjs'), startOptions({ workingDir: join(tempDir(), 'nope') }))).rejects.toThrow('does not exist; create it before starting the sandbox');
  });

  it('hands an absent parameters key over empty, and refuses a key outside the snapshot as the engine\'s error', async () => {
    const h = host();
    await h.start(testPlugin('isdn.mjs'), startOptions());
    const out = await h.call(pre('NoSuchService'));
    expect(out.ops.slice(-2)).toEqual([
      { kind: 'addLine', section: 'nosuchservice.SectionToRun.AddReg', line: 'HKR,0\\0,IsdnPhoneNumber,0,""' },
      { kind: 'addLine', section: 'nosuchservice.SectionToRun.AddReg', line: 'HKR,0,IsdnSwitchType,0x00010001,0' },
    ]);
    const elsewhere = { ...pre('x'), component: { ...component('x'), paramsKeyPath: 'HKEY_CURRENT_USER\\Software\\x' } };
    await expect(h.call(elsewhere)).rejects.toThrow('HKEY_CURRENT_USER\\Software\\x is not in the registry snapshot (its root is HKEY_LOCAL_MACHINE); component x');
    expect(h.alive).toBe(true);
  });

  it('loads the plugin into a process prepared ahead of time', async () => {
    const h = host();
    const options = startOptions();
    await h.prepare(options.workingDir);
    expect(h.alive).toBe(true);
    await expect(h.start(testPlugin('isdn.mjs'), options)).resolves.toMatchObject({ name: '@acme/netmigrate-isdn' });
    await expect(host().prepare(options.workingDir).then(() => hosts.at(-1)?.start(testPlugin('isdn.mjs'), startOptions())))
      .rejects.toThrow(/^the sandbox was prepared for .*, not for /);
  });

  it('boots ahead for a working directory created afterwards, granting that directory and nothing next to it', async () => {
    const parent = tempDir();
    const workingDir = join(parent, 'oem0001');
    const beside = join(parent, 'beside.txt');
    const h = host();
    await h.prepare(workingDir);
    expect(h.alive).toBe(true);
    mkdirSync(workingDir);
    const reg = hklmWithServices({ inside: [sz('Behaviour', 'write-inside')], beside: [sz('Behaviour', 'write-outside'), sz('Target', beside)] });
    await h.start(testPlugin('chaos.mjs'), startOptions({ workingDir, registry: reg }));
    await expect(h.call(pre('inside'))).resolves.toBeDefined();
    expect(existsSync(join(workingDir, 'inside.txt'))).toBe(true);
    const e = await failure(h.call(pre('beside')));
    expect(e.kind).toBe('permission-denied');
    expect(existsSync(beside)).toBe(false);
    await expect(host().prepare(join(parent, 'missing', 'oem0001'))).rejects.toThrow(/^neither the plugin working directory .* nor its parent exists/);
  });

  it('kills a plugin that hangs while loading', async () => {
    const h = host({ startTimeoutMs: 300 });
    const dir = tempDir();
    const file = join(dir, 'hang.mjs');
    (await import('node:fs')).writeFileSync(file, 'for (;;) {}\n');
    const e = await failure(h.start(file, startOptions()));
    expect(e.kind).toBe('timeout');
    expect(e.detail).toBe('loading the plugin did not finish within 300 ms; the sandbox process was killed (SIGKILL)');
  });
});

describe('SandboxedPluginHost in GUI mode (post-upgrade hooks)', () => {
  beforeAll(() => {
    runnerFor = sandboxRunner;
  });

  postUpgradeMatrix({
    host: (limits) => host(limits),
    timeout: { behaviour: 'loop', ms: 800, detail: /^the hook did not finish within 800 ms; the sandbox process was killed \(SIGKILL\)$/, died: true },
  });

  it('runs the post-upgrade hooks with child-main.js too', async () => {
    runnerFor = RUNNERS[1]?.[1] ?? sandboxRunner;
    const h = host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    expect(h.runner?.bundled).toBe(false);
    await h.call({ hook: 'PostUpgradeInitialize' });
    const out = await h.call(behave('every-op'));
    expect(out.registryOps.map((op) => op.kind)).toEqual([
      'createKey', 'setValue', 'setValue', 'setValue', 'setValue', 'setValue', 'setValue', 'setValue', 'setValue', 'deleteValue', 'deleteKey',
    ]);
    runnerFor = sandboxRunner;
  });

  it.each([
    ['write-outside', 'permission-denied', /^the plugin tried to write outside its working directory \(.*escaped\.txt\); it may write only inside \//, false],
    ['crash', 'crash', /^the sandbox process exited with code 4$/, true],
    ['forge-registry-op', 'invalid-writer-op', /^the sandbox returned a registry op that is refused: registry op 1: createKey: path "\.\.\\\\\.\.\\\\Services\\\\Evil": key name "\.\." is refused/, false],
    ['forge-answer-op', 'invalid-writer-op', /^the sandbox returned an answer-file op the writer refuses: DoPostUpgradeProcessing cannot write to the answer file$/, false],
  ] as const)('reports %s in DoPostUpgradeProcessing as %s', async (behaviour, kind, detail, died) => {
    const h = host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const e = await failure(h.call(behave(behaviour, [sz('Target', outside)]), { timeoutMs: 15_000 }));
    expect({ kind: e.kind, hook: e.hook, component: e.component, died: e.sandboxDied }).toEqual({ kind, hook: 'DoPostUpgradeProcessing', component: 'IsdnCard2', died });
    expect(e.detail).toMatch(detail);
    expect(h.alive).toBe(!died);
    expect(existsSync(outside)).toBe(false);
  });

  it('keeps PostUpgradeInitialize inside the working directory too', async () => {
    const h = host();
    const options = postStart({ options: { initBehaviour: 'write-outside' } });
    await h.start(testPlugin('gui-mode.mjs'), options);
    const e = await failure(h.call({ hook: 'PostUpgradeInitialize' }));
    expect([e.kind, e.hook, e.component]).toEqual(['permission-denied', 'PostUpgradeInitialize', undefined]);
    expect(existsSync(join(options.workingDir, '..', 'escaped-post.txt'))).toBe(false);
  });
});
