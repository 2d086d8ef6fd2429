import { sectionKey } from '../answer/recorder.js';
import type { AnswerFileOp } from '../answer/writer.js';
import { NUA } from '../contract/constants.js';
import { PluginLoadError } from '../contract/errors.js';
import type { PluginDescription } from '../contract/manifest.js';
import type { HookResult } from '../contract/results.js';
import type { LogEntry } from '../contract/tokens.js';
import { PluginHookFailure, SandboxLostError, type FailureInfo } from './failures.js';
import type { ComponentRef } from './hook-call.js';
import type { HostStartOptions, PluginHost } from './host.js';

/** Where a component's answer-file ops go once its hook succeeded: the engine's AnswerFile draft. */
export interface PreUpgradeSink {
  /** Every section the answer file holds now (the engine's and every plugin's). */
  sectionNames(): Iterable<string>;
  /** Stages one component's ops, which already passed validation. */
  stage(component: ComponentRef, ops: readonly AnswerFileOp[]): void;
}

export type ComponentStatus = 'upgraded' | 'failed' | 'not-run';

export interface ComponentReport {
  readonly component: ComponentRef;
  readonly status: ComponentStatus;
  readonly result?: HookResult;
  readonly ops?: readonly AnswerFileOp[];
  readonly failure?: PluginHookFailure | PluginLoadError;
  readonly logs: readonly LogEntry[];
}

export interface PreUpgradeRunReport {
  /** The plugin's name, quoted, or its module reference when it never loaded. */
  readonly plugin: string;
  readonly description?: PluginDescription;
  /** The first PreUpgradeInitialize's result. */
  readonly init?: HookResult;
  /** PreUpgradeInitialize asked to abort the upgrade: no component was processed. */
  readonly abortRequested: boolean;
  readonly components: readonly ComponentReport[];
  /** How many times the sandbox was started again after it died. */
  readonly restarts: number;
  /** Errors the plugin raised outside any call (reported by the child before it exited). */
  readonly lateFailures: readonly FailureInfo[];
}

export interface PreUpgradeRunInput {
  readonly host: PluginHost;
  readonly module: string;
  readonly start: HostStartOptions;
  readonly components: readonly ComponentRef[];
  readonly sink: PreUpgradeSink;
  readonly hookTimeoutMs?: number;
}

const ABORT = NUA.RequestAbortUpgrade | NUA.AbortUpgrade;

/**
 * One plugin's Winnt32 phase: load, PreUpgradeInitialize, then DoPreUpgradeProcessing once per
 * component. A component whose hook fails contributes nothing (its ops are dropped before
 * they reach the sink: that is the rollback) and the others go on. When the sandbox died the
 * plugin is loaded afresh and PreUpgradeInitialize runs again before the next component,
 * because the state it set up died with the process. The plugin is unloaded after its last
 * component.
 */
export async function runPluginPreUpgrade(input: PreUpgradeRunInput): Promise<PreUpgradeRunReport> {
  const run = new PreUpgradeRun(input);
  try {
    return await run.execute();
  } finally {
    await input.host.stop();
  }
}

type Refusal = PluginHookFailure | PluginLoadError;
const isRefusal = (e: unknown): e is Refusal => e instanceof PluginHookFailure || e instanceof PluginLoadError;

class PreUpgradeRun {
  private readonly reports: ComponentReport[] = [];
  private readonly lateFailures: FailureInfo[] = [];
  /** Sections this plugin created for components that succeeded. */
  private readonly owned: string[] = [];
  private readonly timing: { timeoutMs?: number };
  private restarts = 0;
  private plugin: string;
  private description: PluginDescription | undefined;
  private init: HookResult | undefined;

  constructor(private readonly input: PreUpgradeRunInput) {
    this.plugin = input.module;
    this.timing = input.hookTimeoutMs === undefined ? {} : { timeoutMs: input.hookTimeoutMs };
  }

  async execute(): Promise<PreUpgradeRunReport> {
    const { host, module, start, components } = this.input;
    try {
      this.description = await host.start(module, start);
      this.plugin = JSON.stringify(this.description.name);
      this.init = (await host.call({ hook: 'PreUpgradeInitialize' }, this.timing)).result;
    } catch (e) {
      if (!isRefusal(e)) throw e;
      return this.report(components.map((component) => ({ component, status: 'failed', failure: e, logs: [] })));
    }
    if ((this.init.flags & ABORT) !== 0) {
      return this.report(components.map((component) => ({ component, status: 'not-run', logs: [] })), true);
    }
    for (const [index, component] of components.entries()) {
      const outcome = await this.runComponent(component);
      if ('restartFailed' in outcome) {
        const failure = outcome.restartFailed;
        this.reports.push(...components.slice(index).map((c): ComponentReport => ({ component: c, status: 'failed', failure, logs: [] })));
        break;
      }
      this.reports.push(outcome);
    }
    this.noteLateFailure();
    return this.report(this.reports);
  }

  /** Runs one component; a call the sandbox never ran (it died of an earlier error) is tried once more. */
  private async runComponent(component: ComponentRef): Promise<ComponentReport | { restartFailed: Refusal }> {
    const { host, sink } = this.input;
    const ownedKeys = new Set(this.owned.map(sectionKey));
    const taken = [...sink.sectionNames()].filter((name) => !ownedKeys.has(sectionKey(name)));
    const call = { hook: 'DoPreUpgradeProcessing', component, sections: { taken, owned: [...this.owned] } } as const;
    for (let attempt = 1; ; attempt++) {
      if (!host.alive) {
        try {
          await this.restart();
        } catch (e) {
          if (!isRefusal(e)) throw e;
          return { restartFailed: e };
        }
      }
      try {
        const outcome = await host.call(call, this.timing);
        sink.stage(component, outcome.ops);
        for (const op of outcome.ops) if (op.kind === 'addSection') this.owned.push(op.name);
        return { component, status: 'upgraded', result: outcome.result, ops: outcome.ops, logs: outcome.logs };
      } catch (e) {
        if (e instanceof PluginHookFailure) return { component, status: 'failed', failure: e, logs: e.logs };
        if (!(e instanceof SandboxLostError)) throw e;
        if (attempt > 1) return { component, status: 'failed', failure: this.lost(component, e), logs: [] };
      }
    }
  }

  private async restart(): Promise<void> {
    const { host, module, start } = this.input;
    this.noteLateFailure();
    this.restarts++;
    await host.stop();
    await host.start(module, start);
    await host.call({ hook: 'PreUpgradeInitialize' }, this.timing);
  }

  private noteLateFailure(): void {
    const late = this.input.host.lateFailure;
    if (late !== undefined && !this.lateFailures.includes(late)) this.lateFailures.push(late);
  }

  private lost(component: ComponentRef, e: SandboxLostError): PluginHookFailure {
    return new PluginHookFailure({
      kind: 'crash',
      detail: `the sandbox died twice before the hook could run (${e.message})`,
      plugin: this.plugin,
      hook: 'DoPreUpgradeProcessing',
      component: component.preNT5Instance,
      sandboxDied: true,
    });
  }

  private report(components: readonly ComponentReport[], abortRequested = false): PreUpgradeRunReport {
    return {
      plugin: this.plugin,
      ...(this.description === undefined ? {} : { description: this.description }),
      ...(this.init === undefined ? {} : { init: this.init }),
      abortRequested,
      components,
      restarts: this.restarts,
      lateFailures: this.lateFailures,
    };
  }
}
