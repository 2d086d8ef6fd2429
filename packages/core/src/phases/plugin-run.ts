// One plugin's part of the Winnt32 phase against the transactional AnswerFile: every
// DoPreUpgradeProcessing runs inside a savepoint that also holds the engine's entry for the
// component, so a hook that throws, times out or kills its sandbox leaves nothing of the
// component behind — and neither does a plugin whose ops are refused while staging.

import type { AnswerFile, Savepoint } from '../answer-file/answer-file.js';
import { PRE_UPGRADE_SECTION, type TopLevelSection } from '../answer-file/names.js';
import type { AnswerFileOp } from '../answer/writer.js';
import { NUA } from '../contract/constants.js';
import type { PluginDescription } from '../contract/manifest.js';
import type { NetmigrateEvents } from '../events/events.js';
import { PluginHookFailure } from '../sandbox/failures.js';
import type { ComponentRef, PreUpgradeCall } from '../sandbox/hook-call.js';
import type { CallOptions, HookCallOutcome, HostStartOptions, PluginHost } from '../sandbox/host.js';
import type { PreUpgradeSink } from '../sandbox/session.js';

/** A plugin-handled component as planned before any plugin runs: its keys are fixed then. */
export interface PlannedComponent {
  readonly ref: ComponentRef;
  readonly section: TopLevelSection;
  readonly key: string;
  readonly paramsSection: string;
}

export interface PluginRunPlan {
  /** Owner of the plugin's sections in the answer file: its working directory's name, unique per run. */
  readonly owner: string;
  /** The module as the host loads it (absolute path or package name). */
  readonly module: string;
  /** The resolved module file: OemDllToLoad for components that ask for GUI mode. */
  readonly modulePath: string;
  readonly workingDir: string;
  readonly components: readonly PlannedComponent[];
}

export interface ComponentTiming {
  readonly component: string;
  readonly ms: number;
}

/**
 * Wraps the plugin's host for `runPluginPreUpgrade`: opens the component's savepoint and
 * writes the engine's entry before the hook runs, rolls everything back when the call fails,
 * and is the sink that stages the hook's ops (closing the savepoint) when it succeeded.
 */
export class TransactionalRun implements PluginHost, PreUpgradeSink {
  #description: PluginDescription | undefined;
  #label: string;
  #pending: { sp: Savepoint; planned: PlannedComponent; outcome: HookCallOutcome; started: number } | undefined;
  #startMs = 0;
  #loaded = false;
  readonly timings: ComponentTiming[] = [];

  constructor(
    private readonly inner: PluginHost,
    private readonly file: AnswerFile,
    private readonly plan: PluginRunPlan,
    private readonly events: NetmigrateEvents | undefined,
  ) {
    this.#label = plan.module;
  }

  get description(): PluginDescription | undefined {
    return this.#description;
  }

  /** The plugin's name as failures and the answer file's ownership quote it. */
  get label(): string {
    return this.#label;
  }

  /** Time the first start took (fork, if not prepared, and loading the plugin). */
  get startMs(): number {
    return this.#startMs;
  }

  // ---- PluginHost --------------------------------------------------------------------

  get alive(): boolean {
    return this.inner.alive;
  }

  get startLogs() {
    return this.inner.startLogs;
  }

  get lateFailure() {
    return this.inner.lateFailure;
  }

  async start(module: string, options: HostStartOptions): Promise<PluginDescription> {
    const t = performance.now();
    const description = await this.inner.start(module, options);
    if (!this.#loaded) {
      this.#loaded = true;
      this.#startMs = performance.now() - t;
      this.#description = description;
      this.#label = JSON.stringify(description.name);
      this.events?.emit('pluginLoaded', {
        plugin: description.name,
        version: description.version,
        module: this.plan.modulePath,
        workingDir: this.plan.workingDir,
        components: this.plan.components.map((c) => c.ref.preNT5Instance),
      });
    }
    return description;
  }

  async call(call: PreUpgradeCall, options?: CallOptions): Promise<HookCallOutcome> {
    if (call.hook !== 'DoPreUpgradeProcessing') return this.inner.call(call, options);
    this.#abandonPending('the previous component was never staged');
    const planned = this.plan.components.find((c) => c.ref.preNT5Instance === call.component.preNT5Instance);
    if (planned === undefined) throw new Error(`engine: component ${call.component.preNT5Instance} is not in the plan of ${this.#label}`);
    const started = performance.now();
    const sp = this.file.savepoint(`component ${planned.ref.preNT5Instance}`);
    const instance = planned.ref.preNT5Instance;
    try {
      // The entry NetSetup writes for a vendor component (spec §8.3), inside the savepoint.
      this.file.addTopLevelEntry(planned.section, planned.key, planned.paramsSection, instance);
      this.file.addEngineLine(planned.paramsSection, 'InfID', [planned.ref.nt5InfId], instance);
      this.file.addEngineLine(planned.paramsSection, 'OemSection', [planned.ref.sectionName], instance);
      const outcome = await this.inner.call(call, options);
      this.#pending = { sp, planned, outcome, started };
      return outcome;
    } catch (e) {
      this.#undo(sp, e);
      this.timings.push({ component: instance, ms: performance.now() - started });
      throw e;
    }
  }

  async stop(): Promise<void> {
    this.#abandonPending('the plugin stopped before the component was staged');
    await this.inner.stop();
  }

  // ---- PreUpgradeSink ----------------------------------------------------------------

  sectionNames(): Iterable<string> {
    const { taken, owned } = this.file.scopeFor(this.plan.owner);
    return [...taken, ...owned];
  }

  stage(component: ComponentRef, ops: readonly AnswerFileOp[]): void {
    const pending = this.#pending;
    if (pending === undefined || pending.planned.ref.preNT5Instance !== component.preNT5Instance) {
      throw new Error(`engine: ops for ${component.preNT5Instance} arrived without its call`);
    }
    this.#pending = undefined;
    const { sp, planned, outcome, started } = pending;
    const instance = planned.ref.preNT5Instance;
    try {
      this.file.applyPluginOps(this.plan.owner, instance, ops, this.#label);
      const flags = outcome.result.flags;
      if ((flags & NUA.LoadPostUpgrade) !== 0) this.file.addEngineLine(planned.paramsSection, 'OemDllToLoad', [this.plan.modulePath], instance);
      // What GUI mode needs and the documented sections cannot hold (docs/answer-file.md).
      this.file.addEngineLine(PRE_UPGRADE_SECTION, planned.key, [hex(flags), instance, planned.ref.preNT5InfId, this.plan.workingDir], instance);
      this.file.release(sp);
    } catch (e) {
      this.#undo(sp, e);
      // A PluginHookFailure is what runPluginPreUpgrade reports as this component's failure.
      throw new PluginHookFailure({
        kind: 'invalid-writer-op',
        detail: `the answer file refused what the hook wrote: ${(e as Error).message}`,
        plugin: this.#label,
        hook: 'DoPreUpgradeProcessing',
        component: instance,
        sandboxDied: false,
        logs: outcome.logs,
      });
    } finally {
      this.timings.push({ component: instance, ms: performance.now() - started });
    }
  }

  #undo(sp: Savepoint, reason: unknown): void {
    this.file.rollbackTo(sp, reason instanceof Error ? reason.message : String(reason));
    this.file.release(sp);
  }

  #abandonPending(why: string): void {
    if (this.#pending === undefined) return;
    const { sp } = this.#pending;
    this.#pending = undefined;
    this.#undo(sp, new Error(why));
  }
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
