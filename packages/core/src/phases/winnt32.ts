// The Winnt32 phase (spec §4.2-§4.5): discover the network components of the NT 3.51/4.0
// registry, map them through the vendors' netmap.inf files, write the built-in ones from our
// table, run each vendor plugin (PreUpgradeInitialize once, DoPreUpgradeProcessing per
// component) against the transactional AnswerFile, and commit winnt.sif only when the
// operator confirms. Decisions: docs/winnt32-phase.md.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { RegistryBase } from '@netmigrate/registry';
import { AnswerFile, type AnswerFileView, type CommitResult } from '../answer-file/answer-file.js';
import { KeyAllocator, oemSection, paramsSection, PRE_UPGRADE_SECTION, UPGRADE_SECTION, type TopLevelSection } from '../answer-file/names.js';
import { NUA, PRODUCT_TYPE, WINDOWS_2000, type NetUpgradeInfo, type ProductInfo } from '../contract/constants.js';
import type { PluginLoadError } from '../contract/errors.js';
import type { VendorInfo } from '../contract/vendor-info.js';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { discoverComponents, type DiscoveredComponent } from '../discovery/discover.js';
import type { ComponentKind } from '../discovery/kinds.js';
import { detectProduct } from '../discovery/product.js';
import type { NetmigrateEvents } from '../events/events.js';
import { mapComponent, type MappingResult } from '../oem/map.js';
import { helpFilesFor, type Netmap } from '../oem/netmap.js';
import { treeFromView } from '../registry/tree.js';
import { buildReport, withFlags, type CompatibilityReport, type HelpFiles, type ReportEntry, type ReportPlugin } from '../report/report.js';
import { PluginHookFailure } from '../sandbox/failures.js';
import type { ComponentRef } from '../sandbox/hook-call.js';
import type { HostStartOptions } from '../sandbox/host.js';
import { runPluginPreUpgrade, type ComponentReport, type PreUpgradeRunReport } from '../sandbox/session.js';
import { builtInRow, TCPIP_ADAPTER_SECTION, type AdapterEntry, type BuiltInRow } from './builtins.js';
import { HostPool, type HostKind } from './host-pool.js';
import { TransactionalRun, type PlannedComponent, type PluginRunPlan } from './plugin-run.js';
import { isFatalVendorDiagnostic, loadVendorSetup, type OemSource, type VendorPlugin } from './vendor.js';
import { createWorkingDir, leftovers, removeDirs, workingDirName } from './workdirs.js';

export type Winnt32Status = 'committed' | 'cancelled' | 'aborted' | 'failed';

/** What `confirm` is shown: the Compatibility Report and the draft that would be written. */
export interface ConfirmSummary {
  readonly report: CompatibilityReport;
  readonly answerFile: AnswerFileView;
  readonly answerFilePath: string;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly diagnostics: readonly EngineDiagnostic[];
}

/** A plugin's PreUpgradeInitialize set NUA_REQUEST_ABORT_UPGRADE (spec §4.5, §5.4). */
export interface AbortRequest {
  readonly plugin: string;
  readonly vendorInfo: Required<VendorInfo>;
  /** Its components, which are not upgraded if the run goes on. */
  readonly components: readonly string[];
  /** What the operator is told. */
  readonly message: string;
}

export interface Winnt32Options {
  /** The NT 3.51/4.0 registry (a snapshot imported from a .reg export). */
  readonly registry: RegistryBase;
  /** Where vendor files come from; without it, netupg.inf is looked for through the environment variables. */
  readonly oem?: OemSource;
  /** The $Win_nt$.~bt counterpart: holds the plugins' working directories and, by default, winnt.sif. */
  readonly workDir: string;
  /** Default `<workDir>/winnt.sif`. */
  readonly answerFilePath?: string;
  /** The installation source's i386 directory: the default help files are `<sourceDir>/winntupg/unsupmsg.*` (spec §7). */
  readonly sourceDir?: string;
  /** hParentWindow == NULL: no one answers questions; an abort request stops the run. */
  readonly unattended: boolean;
  /** Asked once everything is drafted; only `true` writes the answer file. */
  confirm(summary: ConfirmSummary): Promise<boolean> | boolean;
  /** Asked (attended runs only) when a plugin requests an abort: `true` aborts the upgrade. Without it, the run aborts. */
  askAbort?(request: AbortRequest): Promise<boolean> | boolean;
  /** `sandbox` (default): each plugin in its own restricted process. `in-process`: for a debugger only. */
  readonly host?: HostKind;
  readonly hookTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  readonly memoryLimitMb?: number;
  /** How many sandboxes boot at once (default: the number of cores). */
  readonly concurrency?: number;
  /**
   * Sandboxes the caller started booting before the run (`HostPool.prepareRun`); its kind must
   * be `host`'s, and its limits and concurrency apply instead of the options'. The run closes it.
   */
  readonly hostPool?: HostPool;
  /** The system being installed (default Windows 2000, build 2195, of the same product type). */
  readonly to?: ProductInfo;
  readonly events?: NetmigrateEvents;
  /** Keep the oemNNNN directories when nothing is committed (for a post-mortem); removed by default. */
  readonly keepWorkingDirs?: boolean;
}

export interface PluginTiming {
  readonly plugin: string;
  readonly workingDir: string;
  /** Booting the sandbox ahead of time (0 in process). */
  readonly prepareMs: number;
  /** Loading the plugin into the booted sandbox. */
  readonly startMs: number;
  /** From asking for the host to the plugin's unload. */
  readonly runMs: number;
  readonly components: readonly { readonly component: string; readonly ms: number }[];
}

export interface Winnt32Timings {
  readonly totalMs: number;
  readonly vendorFilesMs: number;
  readonly discoveryMs: number;
  readonly builtInsMs: number;
  readonly plugins: readonly PluginTiming[];
  readonly commitMs: number;
}

export interface Winnt32Result {
  readonly status: Winnt32Status;
  /** Set when committed. */
  readonly answerFilePath?: string;
  readonly commit?: CommitResult;
  readonly report: CompatibilityReport;
  /** The draft: what was (or would have been) written. */
  readonly answerFile: AnswerFileView;
  readonly upgradeInfo?: NetUpgradeInfo;
  /** The plugins' working directories that remain (after a commit). */
  readonly workingDirs: readonly string[];
  readonly diagnostics: readonly EngineDiagnostic[];
  /** Why the run did not commit, in a sentence an operator can act on. */
  readonly message?: string;
  readonly timings: Winnt32Timings;
}

/** Ends the run early with a status and a message. */
class Stop extends Error {
  constructor(
    readonly status: Exclude<Winnt32Status, 'committed'>,
    message: string,
  ) {
    super(message);
  }
}

const SECTION_OF: Record<ComponentKind, TopLevelSection> = {
  adapter: 'NetAdapters',
  asyncAdapter: 'AsyncAdapters',
  protocol: 'NetProtocols',
  service: 'NetServices',
  client: 'NetClients',
};

interface Tracked {
  readonly component: DiscoveredComponent;
  readonly mapping: MappingResult;
  /** Its key in the top-level section, once planned. */
  key?: string;
  entry?: ReportEntry;
}

interface Plan extends PluginRunPlan {
  readonly vendor: VendorPlugin;
  readonly tracked: readonly Tracked[];
}

export async function runWinnt32Phase(options: Winnt32Options): Promise<Winnt32Result> {
  return new Winnt32Run(options).run();
}

class Winnt32Run {
  private readonly events: NetmigrateEvents | undefined;
  private readonly file: AnswerFile;
  private readonly diagnostics: EngineDiagnostic[] = [];
  private readonly answerFilePath: string;
  private readonly workDir: string;
  private readonly pool: HostPool;
  private readonly createdDirs: string[] = [];
  private readonly tracked: Tracked[] = [];
  private readonly pluginTimings: PluginTiming[] = [];
  private readonly keys = new KeyAllocator();
  private upgradeInfo: NetUpgradeInfo | undefined;
  private readonly times = { vendorFilesMs: 0, discoveryMs: 0, builtInsMs: 0, commitMs: 0 };
  private readonly listenerMark: number;

  constructor(private readonly options: Winnt32Options) {
    this.events = options.events;
    this.listenerMark = options.events?.listenerFailures.length ?? 0;
    this.file = new AnswerFile(options.events === undefined ? {} : { events: options.events });
    this.workDir = resolve(options.workDir);
    this.answerFilePath = resolve(options.answerFilePath ?? join(this.workDir, 'winnt.sif'));
    const limits = {
      ...(options.hookTimeoutMs === undefined ? {} : { hookTimeoutMs: options.hookTimeoutMs }),
      ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
      ...(options.memoryLimitMb === undefined ? {} : { memoryLimitMb: options.memoryLimitMb }),
    };
    const kind = options.host ?? 'sandbox';
    if (options.hostPool !== undefined && options.hostPool.kind !== kind) throw new Error(`the host pool given runs plugins ${options.hostPool.kind}, not ${kind}`);
    this.pool = options.hostPool ?? new HostPool(kind, limits, options.concurrency);
  }

  async run(): Promise<Winnt32Result> {
    const t0 = performance.now();
    this.events?.emit('phaseStarted', { phase: 'winnt32', workDir: this.workDir, unattended: this.options.unattended, host: this.options.host ?? 'sandbox' });
    let status: Winnt32Status = 'failed';
    let message: string | undefined;
    let commit: CommitResult | undefined;
    try {
      commit = await this.execute();
      status = 'committed';
    } catch (e) {
      if (e instanceof Stop) {
        status = e.status;
        message = e.message;
      } else {
        status = 'failed';
        message = `the Winnt32 phase failed: ${(e as Error).message}`;
        this.diagnostics.push({ severity: 'error', code: 'phase-internal-error', message: (e as Error).stack ?? String(e) });
      }
      this.file.discard(status === 'cancelled' ? 'cancelled' : status === 'aborted' ? 'aborted' : 'failed');
    } finally {
      await this.pool.close();
    }
    if (status !== 'committed' && !this.options.keepWorkingDirs) await removeDirs(this.createdDirs);
    for (const f of this.events?.listenerFailures.slice(this.listenerMark) ?? []) {
      this.diagnostics.push({ severity: 'warning', code: 'event-listener-failed', message: `a listener for ${f.event} threw (ignored): ${f.error instanceof Error ? f.error.message : String(f.error)}` });
    }
    const report = this.report();
    const totalMs = performance.now() - t0;
    this.events?.emit('phaseFinished', { phase: 'winnt32', status, durationMs: totalMs, counts: report.counts });
    return {
      status,
      ...(commit === undefined ? {} : { answerFilePath: this.answerFilePath, commit }),
      report,
      answerFile: this.file.view(),
      ...(this.upgradeInfo === undefined ? {} : { upgradeInfo: this.upgradeInfo }),
      workingDirs: status === 'committed' ? [...this.createdDirs] : [],
      diagnostics: this.diagnostics,
      ...(message === undefined ? {} : { message }),
      timings: { totalMs, ...this.times, plugins: this.pluginTimings },
    };
  }

  private async execute(): Promise<CommitResult> {
    await this.checkWorkDir();

    // §4.2 step 1-2: the vendor files, and a sandbox booting for each plugin meanwhile.
    let t = performance.now();
    const vendor = await loadVendorSetup(this.options.oem);
    this.diagnostics.push(...vendor.diagnostics);
    const fatal = vendor.diagnostics.filter(isFatalVendorDiagnostic);
    if (fatal.length > 0) throw new Stop('failed', `the vendor files cannot be used, so nothing was upgraded: ${fatal.map(where).join('; ')}`);
    // Each sandbox starts booting as soon as its directory is copied; the copies run in parallel.
    const dirs = new Map<VendorPlugin, string>();
    const copies = await Promise.allSettled(
      vendor.plugins.map(async (plugin, i) => {
        const dir = await createWorkingDir(this.workDir, i + 1, plugin.netmap.dir);
        this.createdDirs.push(dir);
        dirs.set(plugin, dir);
        this.pool.prepare(dir);
      }),
    );
    const copyFailure = copies.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (copyFailure !== undefined) throw new Stop('failed', `the vendor files could not be copied to the plugins' working directories: ${(copyFailure.reason as Error).message}`);
    this.createdDirs.sort();
    this.times.vendorFilesMs = performance.now() - t;

    // Discovery and mapping run while the sandboxes boot.
    t = performance.now();
    const report = (d: EngineDiagnostic) => this.diagnostics.push(d);
    const from = detectProduct(this.options.registry, { onDiagnostic: report });
    this.upgradeInfo = { from, to: this.options.to ?? { productType: from.productType === PRODUCT_TYPE.Unknown ? PRODUCT_TYPE.NtWorkstation : from.productType, buildNumber: WINDOWS_2000 } };
    for (const component of discoverComponents(this.options.registry, { onDiagnostic: report })) {
      this.events?.emit('componentDiscovered', { kind: component.kind, preNT5InfId: component.preNT5InfId, preNT5Instance: component.preNT5Instance, builtIn: component.builtIn !== undefined });
      const mapping = mapComponent(component, vendor.index, this.options.registry);
      if (mapping.problem !== undefined) this.diagnostics.push(mapping.problem);
      this.tracked.push({ component, mapping });
      this.events?.emit('componentMapped', {
        preNT5Instance: component.preNT5Instance,
        kind: mapping.kind,
        status: mapping.builtIn ? 'built-in' : mapping.status,
        ...(mapping.nt5InfId === undefined ? {} : { nt5InfId: mapping.nt5InfId }),
        ...(mapping.netmap === undefined ? {} : { netmap: mapping.netmap.file }),
      });
    }
    const plans = await this.plan(vendor.plugins, dirs);
    this.times.discoveryMs = performance.now() - t;

    // §4.3 step 1: components with built-in upgrade support, from our table.
    t = performance.now();
    this.writeBuiltIns(plans);
    this.times.builtInsMs = performance.now() - t;

    // §4.3 steps 2-4: each plugin over its components.
    const tree = treeFromView(this.options.registry.key('HKEY_LOCAL_MACHINE') as NonNullable<ReturnType<RegistryBase['key']>>);
    const starts = new Map(plans.map((plan) => [plan, this.startOptions(plan, tree)]));
    // Each plugin loads in its sandbox while the ones before it run; the hooks keep their order.
    for (const [plan, start] of starts) this.pool.prestart(plan.workingDir, plan.module, start);
    for (const [plan, start] of starts) await this.runPlugin(plan, start);
    this.pruneTcpip(plans);
    this.writeUpgradeInfo();

    const summary: ConfirmSummary = { report: this.report(), answerFile: this.file.view(), answerFilePath: this.answerFilePath, upgradeInfo: this.upgradeInfo, diagnostics: [...this.diagnostics] };
    let confirmed: boolean;
    try {
      confirmed = (await this.options.confirm(summary)) === true;
    } catch (e) {
      throw new Stop('failed', `the confirmation callback failed (${(e as Error).message}); nothing was written`);
    }
    if (!confirmed) throw new Stop('cancelled', 'the upgrade was cancelled; no answer file was written');
    t = performance.now();
    const result = await this.file.commit(this.answerFilePath);
    this.times.commitMs = performance.now() - t;
    return result;
  }

  /** An earlier run's answer file or working directories would be overwritten or mixed in: refuse. */
  private async checkWorkDir(): Promise<void> {
    await mkdir(this.workDir, { recursive: true });
    const left = await leftovers(this.workDir, this.answerFilePath);
    if (existsSync(this.answerFilePath) && !left.includes('winnt.sif')) left.push(this.answerFilePath);
    if (left.length > 0) {
      throw new Stop('failed', `${this.workDir} holds ${left.join(', ')} from an earlier run; remove them or choose another working directory (a run never reuses another run's answer file or plugin directories)`);
    }
  }

  /**
   * Fixes every key and section name before anything is written, so that no plugin can take
   * a name the engine (or another plugin's component) will need later.
   */
  private async plan(plugins: readonly VendorPlugin[], dirs: Map<VendorPlugin, string>): Promise<Plan[]> {
    const byNetmap = new Map<Netmap, VendorPlugin>(plugins.map((p) => [p.netmap, p]));
    const components = new Map<VendorPlugin, { planned: PlannedComponent; tracked: Tracked }[]>();
    for (const tr of this.tracked) {
      const { mapping, component } = tr;
      if (mapping.builtIn) {
        const row = builtInRow(mapping.nt5InfId as string);
        if (row?.section === null) continue;
        this.tryPlan(tr, () => this.keys.allocate(mapping.nt5InfId as string));
        continue;
      }
      if (mapping.status !== 'mapped' || mapping.netmap === undefined) continue;
      const plugin = byNetmap.get(mapping.netmap);
      if (plugin === undefined) continue;
      const owner = workingDirName(plugins.indexOf(plugin) + 1);
      const key = this.tryPlan(tr, () => {
        const k = this.keys.allocate(mapping.nt5InfId as string);
        this.file.reserve(paramsSection(k), { kind: 'engine' });
        this.file.reserve(oemSection(k), { kind: 'plugin', plugin: owner });
        return k;
      });
      if (key === undefined) continue;
      const ref: ComponentRef = {
        paramsKeyPath: component.paramsPath,
        preNT5InfId: component.preNT5InfId,
        preNT5Instance: component.preNT5Instance,
        nt5InfId: mapping.nt5InfId as string,
        sectionName: oemSection(key),
      };
      const list = components.get(plugin) ?? [];
      list.push({ planned: { ref, section: SECTION_OF[mapping.kind], key, paramsSection: paramsSection(key) }, tracked: tr });
      components.set(plugin, list);
    }
    const plans: Plan[] = [];
    for (const [i, plugin] of plugins.entries()) {
      const dir = dirs.get(plugin) as string;
      const list = components.get(plugin);
      if (list === undefined) {
        // None of its components is installed: its sandbox and working directory go.
        await this.pool.discard(dir);
        await removeDirs([dir]);
        this.createdDirs.splice(this.createdDirs.indexOf(dir), 1);
        continue;
      }
      plans.push({
        owner: workingDirName(i + 1),
        module: plugin.module,
        modulePath: plugin.modulePath,
        workingDir: dir,
        components: list.map((c) => c.planned),
        vendor: plugin,
        tracked: list.map((c) => c.tracked),
      });
    }
    return plans;
  }

  /** Runs a planning step for one component; a name the answer file cannot hold fails the component. */
  private tryPlan(tr: Tracked, step: () => string): string | undefined {
    try {
      const key = step();
      tr.key = key;
      return key;
    } catch (e) {
      const message = `the answer file cannot name this component: ${(e as Error).message}`;
      tr.entry = this.entry(tr, 'failed', message, { failure: { component: tr.component.preNT5Instance, kind: 'engine', message } });
      this.diagnostics.push({ severity: 'error', code: 'phase-unusable-id', message, component: tr.component.preNT5Instance });
      return undefined;
    }
  }

  /** [Netmigrate.Upgrade] From/To: NetUpgradeInfo for PostUpgradeInitialize (docs/answer-file.md); only beside components. */
  private writeUpgradeInfo(): void {
    const info = this.upgradeInfo;
    if (info === undefined || this.file.view().sectionNames().length === 0) return;
    this.file.ensureEngineSection(UPGRADE_SECTION);
    this.file.addEngineLine(UPGRADE_SECTION, 'From', [String(info.from.productType), String(info.from.buildNumber)]);
    this.file.addEngineLine(UPGRADE_SECTION, 'To', [String(info.to.productType), String(info.to.buildNumber)]);
  }

  private writeBuiltIns(plans: readonly Plan[]): void {
    const adapters: AdapterEntry[] = plans.flatMap((p) => p.components.filter((c) => c.section === 'NetAdapters').map((c) => ({ preNT5Instance: c.ref.preNT5Instance, key: c.key })));
    for (const tr of this.tracked) {
      if (!tr.mapping.builtIn || tr.entry !== undefined) continue;
      const id = tr.mapping.nt5InfId as string;
      const row = builtInRow(id);
      if (row?.section === null) {
        tr.entry = this.entry(tr, 'built-in', `upgraded by Windows 2000 itself; its settings are written with ${row.carriedBy} (Windows 2000 has no ${id} component of its own)`);
        continue;
      }
      const key = tr.key as string;
      const section = row?.section ?? SECTION_OF[tr.mapping.kind];
      const instance = tr.component.preNT5Instance;
      const sp = this.file.savepoint(`built-in ${instance}`);
      try {
        const write = (row as BuiltInRow | undefined)?.write({
          registry: this.options.registry,
          adapters,
          ...(tr.component.boundAdapters === undefined ? {} : { boundAdapters: tr.component.boundAdapters }),
          report: (d) => this.diagnostics.push({ ...d, component: instance }),
        }) ?? { params: [], extraSections: [] };
        this.file.addTopLevelEntry(section, key, paramsSection(key), instance);
        this.file.ensureEngineSection(paramsSection(key), instance);
        let current = '';
        try {
          for (const l of write.params) {
            current = l.source;
            this.file.addEngineLine(paramsSection(key), l.key, l.fields, instance);
          }
          for (const s of write.extraSections) {
            this.file.ensureEngineSection(s.name, instance);
            for (const l of s.lines) {
              current = l.source;
              this.file.addEngineLine(s.name, l.key, l.fields, instance);
            }
          }
        } catch (e) {
          throw new Error(`${current}: ${(e as Error).message}`);
        }
        // GUI mode maps this adapter's pre-NT5 instance to its new GUID from here (docs/answer-file.md).
        this.file.addEngineLine(PRE_UPGRADE_SECTION, key, ['0x00000000', instance, tr.component.preNT5InfId, ''], instance);
        this.file.release(sp);
        const keysWritten = write.params.length + write.extraSections.reduce((n, s) => n + s.lines.length, 0);
        tr.entry = this.entry(tr, 'built-in', row === undefined
          ? `upgraded by Windows 2000 itself; the engine wrote its entry (no settings of it are carried over by our table)`
          : `upgraded by Windows 2000 itself; the engine wrote [${paramsSection(key)}]${write.extraSections.length > 0 ? ` and ${write.extraSections.length} per-adapter section(s)` : ''} with ${keysWritten} setting(s) from the registry`, { answerFileKey: key, paramsSection: paramsSection(key) });
      } catch (e) {
        this.file.rollbackTo(sp, (e as Error).message);
        this.file.release(sp);
        const message = `component ${instance} (${id}): ${(e as Error).message}`;
        tr.entry = this.entry(tr, 'failed', `the engine could not write it: ${message}`, { failure: { component: instance, kind: 'engine', message } });
        this.diagnostics.push({ severity: 'error', code: 'builtin-unwritable', message, component: instance });
      }
    }
  }

  private startOptions(plan: Plan, tree: ReturnType<typeof treeFromView>): HostStartOptions {
    return {
      workingDir: plan.workingDir,
      upgradeInfo: this.upgradeInfo as NetUpgradeInfo,
      unattended: this.options.unattended,
      registry: tree,
      resolveFrom: plan.vendor.resolveFrom,
      ...(plan.vendor.options === undefined ? {} : { options: plan.vendor.options }),
    };
  }

  private async runPlugin(plan: Plan, start: HostStartOptions): Promise<void> {
    const t = performance.now();
    const prepared = await this.pool.take(plan.workingDir);
    if (prepared.prepareError !== undefined) {
      this.diagnostics.push({ severity: 'warning', code: 'sandbox-prepare-failed', message: `booting the sandbox ahead failed (${prepared.prepareError}); it starts when the plugin loads`, plugin: plan.module });
    }
    const run = new TransactionalRun(prepared.host, this.file, plan, this.events);
    const result = await runPluginPreUpgrade({
      host: run,
      module: plan.module,
      start,
      components: plan.components.map((c) => c.ref),
      sink: run,
      ...(this.options.hookTimeoutMs === undefined ? {} : { hookTimeoutMs: this.options.hookTimeoutMs }),
    });
    this.pluginTimings.push({ plugin: run.description?.name ?? plan.module, workingDir: plan.workingDir, prepareMs: prepared.prepareMs, startMs: run.startMs, runMs: performance.now() - t, components: run.timings });
    const pluginInfo: ReportPlugin = { name: run.description?.name ?? plan.module, ...(run.description === undefined ? {} : { version: run.description.version }), module: plan.modulePath, workingDir: plan.workingDir };
    const manifestVendor = run.description?.vendor;
    const initVendor = result.init?.vendorInfo ?? manifestVendor;
    const vendorOf = (c: ComponentReport) => vendorFor(c.result?.vendorInfo, initVendor, manifestVendor);

    plan.tracked.forEach((tr, i) => {
      const c = result.components[i] as ComponentReport;
      tr.entry = this.pluginEntry(tr, plan.components[i] as PlannedComponent, c, pluginInfo, vendorOf(c));
      if (c.failure !== undefined) this.diagnostics.push(failureDiagnostic(c.failure, tr.component.preNT5Instance));
    });
    for (const late of result.lateFailures) {
      this.diagnostics.push({ severity: 'warning', code: 'plugin-late-error', message: `${late.kind}: ${late.detail}`, plugin: run.label });
    }

    if (result.abortRequested) await this.onInitAbort(run.label, result, plan, initVendor);
    const aborting = result.components.find((c) => c.result !== undefined && (c.result.flags & NUA.AbortUpgrade) !== 0);
    if (aborting !== undefined) {
      const instance = aborting.component.preNT5Instance;
      this.events?.emit('abortRequested', { plugin: run.label, hook: 'DoPreUpgradeProcessing', component: instance, flag: 'AbortUpgrade', decision: 'abort' });
      throw new Stop('aborted', `plugin ${run.label} aborted the upgrade (NUA_ABORT_UPGRADE from DoPreUpgradeProcessing, component ${instance}); no answer file was written. ${contact(vendorOf(aborting))}`);
    }
  }

  private async onInitAbort(label: string, result: PreUpgradeRunReport, plan: Plan, vendorInfo: Required<VendorInfo> | undefined): Promise<void> {
    const flags = result.init?.flags ?? 0;
    const vendor = vendorInfo ?? { companyName: label, supportNumber: '', supportUrl: '', instructionsToUser: '' };
    const components = plan.components.map((c) => c.ref.preNT5Instance);
    if ((flags & NUA.AbortUpgrade) !== 0) {
      this.events?.emit('abortRequested', { plugin: label, hook: 'PreUpgradeInitialize', flag: 'AbortUpgrade', decision: 'abort' });
      throw new Stop('aborted', `plugin ${label} aborted the upgrade (NUA_ABORT_UPGRADE from PreUpgradeInitialize); no answer file was written. ${contact(vendor)}`);
    }
    const why = `plugin ${label} asks to abort the upgrade (NUA_REQUEST_ABORT_UPGRADE from PreUpgradeInitialize) before upgrading ${components.join(', ')}`;
    const todo = `Abort, follow the vendor's instructions, then start the upgrade again: a plugin asks this when the system must change first (for example so that its adapters can be told apart, spec §5.4). ${contact(vendor)}`;
    if (this.options.unattended) {
      this.events?.emit('abortRequested', { plugin: label, hook: 'PreUpgradeInitialize', flag: 'RequestAbortUpgrade', decision: 'abort' });
      throw new Stop('aborted', `${why}. Nobody can answer in an unattended run, so the run stopped and no answer file was written. ${todo}`);
    }
    let abort = true;
    if (this.options.askAbort !== undefined) {
      try {
        abort = (await this.options.askAbort({ plugin: label, vendorInfo: vendor, components, message: `${why}. ${todo}` })) !== false;
      } catch (e) {
        this.diagnostics.push({ severity: 'warning', code: 'ask-abort-failed', message: `the abort question failed (${(e as Error).message}); the upgrade is aborted`, plugin: label });
      }
    }
    this.events?.emit('abortRequested', { plugin: label, hook: 'PreUpgradeInitialize', flag: 'RequestAbortUpgrade', decision: abort ? 'abort' : 'continue' });
    if (abort) throw new Stop('aborted', `${why}; the operator aborted the upgrade. No answer file was written. ${todo}`);
    for (const tr of plan.tracked) {
      if (tr.entry?.status === 'not-run') tr.entry = { ...tr.entry, detail: `the operator chose to go on without it after ${label} asked to abort; it is not upgraded` };
    }
  }

  /** TCP/IP's per-adapter sections follow the adapters that made it into [NetAdapters]. */
  private pruneTcpip(plans: readonly Plan[]): void {
    const tcpip = this.tracked.find((t) => t.mapping.builtIn && t.mapping.nt5InfId?.toLowerCase() === 'ms_tcpip' && t.entry?.status === 'built-in');
    const params = tcpip?.key === undefined ? undefined : paramsSection(tcpip.key);
    if (params === undefined) return;
    let removed = false;
    for (const plan of plans) {
      plan.components.forEach((c, i) => {
        if (c.section !== 'NetAdapters' || plan.tracked[i]?.entry?.status === 'upgraded') return;
        removed = this.file.removeEngineSection(TCPIP_ADAPTER_SECTION(c.key)) || removed;
      });
    }
    if (!removed) return;
    const remaining = this.file.view().sectionNames().filter((n) => n.toLowerCase().startsWith('params.ms_tcpip.'));
    if (remaining.length === 0) this.file.removeEngineValue(params, 'AdapterSections');
    else this.file.setEngineValue(params, 'AdapterSections', remaining);
  }

  private pluginEntry(tr: Tracked, planned: PlannedComponent, c: ComponentReport, plugin: ReportPlugin, vendorInfo: Required<VendorInfo> | undefined): ReportEntry {
    const vendor = vendorInfo === undefined ? {} : { vendorInfo };
    if (c.status === 'upgraded') {
      const flags = c.result?.flags ?? 0;
      return this.entry(tr, 'upgraded', `upgraded by plugin ${plugin.name}: [${planned.paramsSection}] and the sections the plugin wrote`, {
        plugin,
        ...vendor,
        ...withFlags(flags),
        answerFileKey: planned.key,
        paramsSection: planned.paramsSection,
      });
    }
    const help = this.helpFor(tr);
    if (c.status === 'not-run') {
      return this.entry(tr, 'not-run', `plugin ${plugin.name} did not process it: the run stopped at an abort request first`, { plugin, ...vendor, helpFiles: help });
    }
    const failure = c.failure as PluginHookFailure | PluginLoadError;
    return this.entry(tr, 'failed', `not upgraded: ${failure.message}; nothing of it is in the answer file`, {
      plugin,
      ...vendor,
      helpFiles: help,
      failure: failure instanceof PluginHookFailure
        ? { plugin: failure.plugin, hook: failure.hook, component: tr.component.preNT5Instance, kind: failure.kind, message: failure.message }
        : { plugin: failure.plugin, hook: 'load', component: tr.component.preNT5Instance, kind: 'load', message: failure.message },
    });
  }

  private report(): CompatibilityReport {
    return buildReport(this.tracked.map((tr) => tr.entry ?? this.mappingEntry(tr)));
  }

  /** Components no plugin and no table row handles: what the mapping said. */
  private mappingEntry(tr: Tracked): ReportEntry {
    const m = tr.mapping;
    if (m.builtIn) return this.entry(tr, 'built-in', m.detail);
    if (m.status === 'mapped') return this.entry(tr, 'not-run', `${m.detail}; the run stopped before its plugin ran`, { helpFiles: this.helpFor(tr) });
    const status = m.status === 'not-supported' ? 'not-supported' : 'no-mapping';
    return this.entry(tr, status, m.detail, { helpFiles: this.helpFor(tr) });
  }

  private entry(tr: Tracked, status: ReportEntry['status'], detail: string, extra: Partial<ReportEntry> = {}): ReportEntry {
    const { component: c, mapping: m } = tr;
    const netmap = m.netmap === undefined ? undefined : { file: m.netmap.file, ...(m.mapping === undefined ? {} : { line: m.mapping.line, column: m.mapping.column }) };
    return {
      kind: m.kind,
      preNT5InfId: c.preNT5InfId,
      preNT5Instance: c.preNT5Instance,
      ...(c.title === undefined ? {} : { title: c.title }),
      status,
      ...(m.nt5InfId === undefined ? {} : { nt5InfId: m.nt5InfId }),
      ...(netmap === undefined ? {} : { netmap }),
      ...extra,
      detail,
    };
  }

  /**
   * The vendor's [OemUpgradeHelpFiles] entry when its netmap.inf has one (absolute paths), else
   * Windows 2000's unsupmsg.txt / unsupmsg.htm from the source's winntupg directory (spec §7).
   */
  private helpFor(tr: Tracked): HelpFiles {
    const m = tr.mapping;
    const vendor = m.helpFilesSource === 'netmap' ? m.helpFiles : m.netmap === undefined ? undefined : helpFilesFor(m.netmap, m.nt5InfId, tr.component.preNT5InfId);
    // Without the source's i386 directory the defaults stay relative to it: named, not found.
    const defaults = this.options.sourceDir === undefined ? undefined : join(resolve(this.options.sourceDir), 'winntupg');
    const fallback = (file: string) => (defaults === undefined ? join('winntupg', file) : join(defaults, file));
    const exists = (p: string) => isAbsolute(p) && existsSync(p);
    const txt = vendor?.txt ?? fallback('unsupmsg.txt');
    const htm = vendor?.htm ?? fallback('unsupmsg.htm');
    return { txt, htm, source: vendor?.txt !== undefined || vendor?.htm !== undefined ? 'vendor' : 'default', exists: { txt: exists(txt), htm: exists(htm) } };
  }
}

function where(d: EngineDiagnostic): string {
  const at = d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`}: `;
  return `${at}${d.message}`;
}

function contact(v: Required<VendorInfo> | undefined): string {
  if (v === undefined) return '';
  const ways = [v.supportNumber, v.supportUrl].filter((s) => s !== '');
  const who = `Vendor: ${v.companyName}${ways.length === 0 ? '' : ` (${ways.join(', ')})`}`;
  return `${who}${who.endsWith('.') ? '' : '.'}${v.instructionsToUser === '' ? '' : ` ${v.instructionsToUser}`}`;
}

/**
 * VENDORINFO for a component: what its DoPreUpgradeProcessing returned when it returned one
 * (results are pre-filled with the manifest's), else PreUpgradeInitialize's, else the manifest's.
 */
function vendorFor(component: Required<VendorInfo> | undefined, init: Required<VendorInfo> | undefined, manifest: Required<VendorInfo> | undefined): Required<VendorInfo> | undefined {
  const same = (a: Required<VendorInfo>, b: Required<VendorInfo> | undefined) =>
    b !== undefined && a.companyName === b.companyName && a.supportNumber === b.supportNumber && a.supportUrl === b.supportUrl && a.instructionsToUser === b.instructionsToUser;
  if (component !== undefined && !same(component, manifest)) return component;
  return init ?? manifest;
}

function failureDiagnostic(f: PluginHookFailure | PluginLoadError, component: string): EngineDiagnostic {
  if (f instanceof PluginHookFailure) {
    return { severity: 'error', code: `plugin-${f.kind}`, message: f.detail, plugin: f.plugin, hook: f.hook, component };
  }
  return { severity: 'error', code: 'plugin-load', message: `${f.problem}. Fix: ${f.fix}`, plugin: f.plugin, hook: 'load', component };
}
