import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PluginLoadError } from '../contract/errors.js';
import { buildCore } from '../test-support/build.js';
import { NT4_TO_2000, tempDir, testPlugin } from '../test-support/fixtures.js';
import { component, hklmWithServices, sz } from '../test-support/registry.js';
import { MemorySink } from '../test-support/sink.js';
import { PluginHookFailure } from './failures.js';
import { InProcessPluginHost } from './in-process-host.js';
import { SandboxedPluginHost } from './sandboxed-host.js';
import { runPluginPreUpgrade } from './session.js';

beforeAll(buildCore, 120_000);

const outside = join(tempDir(), 'escaped.txt');

/** Three components of the chaos plugin: the middle one misbehaves as told. */
function scenario(behaviour: string) {
  const workingDir = tempDir();
  const registry = hklmWithServices({
    Alpha1: [sz('Behaviour', 'ok')],
    Bad2: [sz('Behaviour', behaviour), sz('Target', outside)],
    Gamma3: [sz('Behaviour', 'ok')],
  });
  const sink = new MemorySink({ NetAdapters: ['alpha1=params.alpha1'], 'params.alpha1': ['InfID=alpha1'] });
  return {
    workingDir,
    sink,
    input: {
      module: testPlugin('chaos.mjs'),
      start: { workingDir, upgradeInfo: NT4_TO_2000, unattended: true, registry },
      components: [component('Alpha1'), component('Bad2'), component('Gamma3')],
      sink,
      // Short only for the endless loop; the other failures must show their own kind on a busy machine.
      hookTimeoutMs: behaviour === 'loop' ? 1000 : 15_000,
    },
  };
}

describe('runPluginPreUpgrade in the sandbox', () => {
  it.each([
    ['write-outside', 'permission-denied', 0],
    ['spawn', 'permission-denied', 0],
    ['loop', 'timeout', 1],
    ['oom', 'out-of-memory', 1],
    ['crash', 'crash', 1],
    ['throw', 'hook-error', 0],
    ['invalid-line', 'invalid-writer-op', 0],
  ] as const)('stops %s, reports it, rolls it back, and upgrades the other components', async (behaviour, kind, restarts) => {
    const { input, sink, workingDir } = scenario(behaviour);
    const report = await runPluginPreUpgrade({ host: new SandboxedPluginHost({ memoryLimitMb: 32 }), ...input });

    expect(report.components.map((c) => [c.component.preNT5Instance, c.status])).toEqual([['Alpha1', 'upgraded'], ['Bad2', 'failed'], ['Gamma3', 'upgraded']]);
    const failure = report.components[1]?.failure as PluginHookFailure;
    expect(failure).toBeInstanceOf(PluginHookFailure);
    expect([failure.kind, failure.plugin, failure.hook, failure.component]).toEqual([kind, '"@test/chaos"', 'DoPreUpgradeProcessing', 'Bad2']);
    // Rolled back: Bad2 wrote its section before failing, and none of it reached the draft.
    expect(sink.lines('params.bad2.OemSection')).toBeUndefined();
    expect(sink.staged.map((s) => s.component)).toEqual(['Alpha1', 'Gamma3']);
    expect(sink.lines('params.gamma3.OemSection')).toEqual(['Instance=Gamma3']);
    expect(sink.lines('NetAdapters')).toEqual(['alpha1=params.alpha1']);
    // A killed sandbox is started again, and PreUpgradeInitialize runs again before Gamma3.
    expect(report.restarts).toBe(restarts);
    expect(readFileSync(join(workingDir, 'init-count.txt'), 'utf8')).toBe('x'.repeat(1 + restarts));
    expect(existsSync(outside)).toBe(false);
  });

  it('survives an error the plugin raises after its hook returned', async () => {
    const { input, sink } = scenario('ok');
    const registry = hklmWithServices({ Late1: [sz('Behaviour', 'write-outside-async'), sz('Target', outside)], Next2: [sz('Behaviour', 'ok')] });
    const report = await runPluginPreUpgrade({
      ...input,
      host: new SandboxedPluginHost(),
      start: { ...input.start, registry },
      components: [component('Late1'), component('Next2')],
    });
    expect(report.components.map((c) => c.status)).toEqual(['upgraded', 'upgraded']);
    expect(report.lateFailures.map((f) => f.kind)).toEqual(['permission-denied']);
    expect(report.restarts).toBe(1);
    expect(sink.staged.map((s) => s.component)).toEqual(['Late1', 'Next2']);
    expect(existsSync(outside)).toBe(false);
  });

  it('lets a plugin add lines to a section it created for an earlier component', async () => {
    const sink = new MemorySink({ NetAdapters: [] });
    const registry = hklmWithServices({ A1: [], B2: [] });
    const components = [component('A1', 'shared'), component('B2', 'shared')];
    const report = await runPluginPreUpgrade({
      host: new SandboxedPluginHost(),
      module: testPlugin('chaos.mjs'),
      start: { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, registry },
      components,
      sink,
    });
    expect(report.components.map((c) => c.status)).toEqual(['upgraded', 'upgraded']);
    expect(sink.lines('params.shared.OemSection')).toEqual(['Instance=A1', 'Instance=B2']);
    expect(sink.staged[1]?.ops).toEqual([{ kind: 'addLine', section: 'params.shared.OemSection', line: 'Instance=B2' }]);
  });

  it('does not process components after PreUpgradeInitialize requests an abort', async () => {
    const sink = new MemorySink();
    const report = await runPluginPreUpgrade({
      host: new SandboxedPluginHost(),
      module: testPlugin('abort.mjs'),
      start: { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, registry: hklmWithServices({ A1: [] }) },
      components: [component('A1')],
      sink,
    });
    expect(report.abortRequested).toBe(true);
    expect(report.init?.flags).toBe(2);
    expect(report.components.map((c) => c.status)).toEqual(['not-run']);
    expect(sink.staged).toEqual([]);
  });

  it('fails every component of a plugin that cannot load', async () => {
    const report = await runPluginPreUpgrade({
      host: new SandboxedPluginHost(),
      module: testPlugin('registry-decorator.mjs'),
      start: { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, registry: hklmWithServices({ A1: [], B2: [] }) },
      components: [component('A1'), component('B2')],
      sink: new MemorySink(),
    });
    expect(report.plugin).toBe(testPlugin('registry-decorator.mjs'));
    expect(report.components.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(report.components[0]?.failure).toBeInstanceOf(PluginLoadError);
  });
});

describe('runPluginPreUpgrade in process (debugging)', () => {
  it('runs the same plugin and rolls back a failing component the same way', async () => {
    const { input, sink } = scenario('throw');
    const report = await runPluginPreUpgrade({ host: new InProcessPluginHost(), ...input });
    expect(report.components.map((c) => c.status)).toEqual(['upgraded', 'failed', 'upgraded']);
    expect(report.components[1]?.failure?.message).toBe('plugin "@test/chaos", hook DoPreUpgradeProcessing, component Bad2: threw Error: vendor bug: parameter block corrupt');
    expect(sink.staged.map((s) => s.component)).toEqual(['Alpha1', 'Gamma3']);
  });
});
