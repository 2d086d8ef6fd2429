// The post-upgrade phases: text mode, then GUI mode (spec §4.7, §4.8) against a target system,
// in one registry transaction committed atomically at the end (docs/gui-mode.md).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseInf, type InfDocument } from '@netmigrate/inf';
import { diffRegistries, RegValue, type RegDiffEntry, type RegistryStore } from '@netmigrate/registry';
import { NUA, PRODUCT_TYPE, WINDOWS_2000, NT40, type NetUpgradeInfo, type ProductType } from '../../contract/constants.js';
import { PluginLoadError } from '../../contract/errors.js';
import type { VendorInfo } from '../../contract/vendor-info.js';
import { builtInById } from '../../discovery/builtin.js';
import type { NetmigrateEvents, PostStep } from '../../events/events.js';
import { treeFromView, type RegistryTreeData } from '../../registry/tree.js';
import type { RegistryKeyView } from '../../registry/view.js';
import { PluginHookFailure } from '../../sandbox/failures.js';
import { applyRegistryOps } from '../../registry/ops.js';
import type { PluginHost, HostLimits } from '../../sandbox/host.js';
import { InProcessPluginHost } from '../../sandbox/in-process-host.js';
import { SandboxedPluginHost } from '../../sandbox/sandboxed-host.js';
import { openTargetSystem, type TargetSystem } from '../../target/target-system.js';
import { writeWinntInf } from '../text-mode.js';
import { readComponents, type GuiComponent, type InfToRun } from './components.js';
import { GuiModeError, type Where } from './errors.js';
import { loadStepInf, runStepSection } from './inf-step.js';
import { applyTcpipSettings } from './tcpip.js';
import { installComponent, instanceGuid, paramsKeyOf, serviceNameOf, type Installed } from './install.js';

/** Where the marker of an applied answer file lives, committed with the registry itself. */
export const APPLIED_MARKER_KEY = 'HKLM\\SYSTEM\\Setup\\Netmigrate';

export interface ApplyOptions {
  /** The committed answer file (winnt.sif) of the Winnt32 phase. */
  readonly answerFile: string;
  /** The target system directory; created from the Windows 2000 baseline when it has no registry yet. */
  readonly target: string;
  /**
   * Where the plugins' working directories are now (`oem0001`…). Default: the directories the
   * answer file recorded. When given, each recorded directory is looked up by its name in here.
   */
  readonly workDir?: string;
  /** hParentWindow == NULL: no UI (default true). */
  readonly unattended?: boolean;
  readonly host?: 'sandbox' | 'in-process';
  readonly limits?: HostLimits;
  readonly events?: NetmigrateEvents;
}

export type PostComponentStatus = 'installed' | 'not-installed' | 'failed' | 'not-run';

export interface PostComponentReport {
  readonly key: string;
  readonly topLevel: string;
  readonly kind: string;
  readonly infId: string;
  readonly preNT5Instance: string | undefined;
  readonly service: string;
  readonly status: PostComponentStatus;
  readonly instanceKey?: string;
  readonly instanceGuid?: string;
  readonly paramsKey?: string;
  readonly plugin?: string;
  readonly vendorInfo?: VendorInfo;
  /** What was done for it, in order (e.g. `InfToRunAfterInstall [adapter2.SectionToRun]: 5 change(s)`). */
  readonly steps: readonly string[];
}

export interface PostFailure {
  readonly step: PostStep | 'read';
  readonly message: string;
  readonly component?: string;
  readonly plugin?: string;
  readonly hook?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface ApplyResult {
  readonly status: 'applied' | 'already-applied' | 'failed';
  readonly target: TargetSystem;
  readonly winntInfPath: string | undefined;
  readonly answerFileSha256: string;
  readonly components: readonly PostComponentReport[];
  /** Pre-NT5 adapter instance → its new instance GUID (HrGetInstanceGuidOfPreNT5NetCardInstance). */
  readonly instanceGuids: Readonly<Record<string, string>>;
  /** What the phase changed in the target registry (empty unless applied). */
  readonly changes: readonly RegDiffEntry[];
  readonly failure?: PostFailure;
  readonly durationMs: number;
}

const EMPTY_HKLM: RegistryTreeData = { name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [] };

class StepFailure extends Error {
  constructor(readonly failure: PostFailure) {
    super(failure.message);
  }
}

function whereFields(w: Where | undefined): Pick<PostFailure, 'file' | 'line' | 'column'> {
  return w === undefined ? {} : { ...(w.file === undefined ? {} : { file: w.file }), line: w.line, column: w.column };
}

/** Our bookkeeping of the upgrade itself ([Netmigrate.Upgrade] From/To), when the answer file has it. */
function upgradeInfoOf(doc: InfDocument): NetUpgradeInfo {
  const product = (key: string, fallback: { productType: ProductType; buildNumber: number }) => {
    const line = doc.section('Netmigrate.Upgrade')?.find(key);
    const [type, build] = line?.fields ?? [];
    const t = Number(type);
    const b = Number(build);
    return line !== undefined && Number.isInteger(t) && Number.isInteger(b) && Object.values(PRODUCT_TYPE).includes(t as ProductType) ? { productType: t as ProductType, buildNumber: b } : fallback;
  };
  const from = product('From', { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT40 });
  return { from, to: product('To', { productType: from.productType, buildNumber: WINDOWS_2000 }) };
}

/** Runs text mode and GUI mode; never throws for bad input (the result says what failed where). */
export async function applyAnswerFile(options: ApplyOptions): Promise<ApplyResult> {
  const started = performance.now();
  const answerPath = resolve(options.answerFile);
  // Read once: the bytes hashed into the applied marker are the bytes text mode writes.
  const bytes = new Uint8Array(readFileSync(answerPath));
  const sha = createHash('sha256').update(bytes).digest('hex');
  const target = await openTargetSystem(options.target);
  const run = new GuiModeRun(options, target, sha);
  return run.execute(bytes, started);
}

/** What the run learns about one component, step by step; reported as a PostComponentReport. */
interface ComponentRecord {
  readonly c: GuiComponent;
  status: PostComponentStatus;
  readonly steps: string[];
  installed?: Installed;
  paramsKey?: string;
  plugin?: string;
  vendorInfo?: VendorInfo;
}

class GuiModeRun {
  readonly #reports = new Map<string, ComponentRecord>();
  readonly #guids: Record<string, string> = {};
  #store!: RegistryStore;
  #doc!: InfDocument;
  #text = '';

  constructor(
    private readonly options: ApplyOptions,
    private readonly target: TargetSystem,
    private readonly sha: string,
  ) {}

  async execute(answerFile: Uint8Array, started: number): Promise<ApplyResult> {
    const finish = (status: ApplyResult['status'], extra: Partial<ApplyResult> = {}): ApplyResult => ({
      status,
      target: this.target,
      winntInfPath: existsSync(this.target.winntInfPath) ? this.target.winntInfPath : undefined,
      answerFileSha256: this.sha,
      components: [...this.#reports.values()].map((r) => this.#componentReport(r)),
      instanceGuids: { ...this.#guids },
      changes: [],
      durationMs: performance.now() - started,
      ...extra,
    });
    this.#store = await this.target.openRegistry();
    const marker = this.#store.key(APPLIED_MARKER_KEY)?.value('AppliedAnswerFile');
    if (marker !== undefined) {
      const applied = marker.asString();
      if (applied === this.sha) return finish('already-applied');
      return finish('failed', { failure: { step: 'read', message: `the target ${this.target.dir} already holds another applied answer file (SHA-256 ${applied}); apply to a fresh target` } });
    }
    const before = this.#store.snapshot();
    const sp = this.#store.savepoint('gui-mode');
    let open = true;
    try {
      await this.#step('text-mode', {}, async () => {
        const tm = await writeWinntInf(answerFile, this.target);
        try {
          this.#doc = parseInf(tm.bytes, { fileName: tm.path });
        } catch (e) {
          throw new StepFailure({ step: 'read', message: (e as Error).message });
        }
        // Decoded as the parser decoded it (code page, BOM), not byte for byte as Latin-1.
        this.#text = this.#doc.text;
      });
      let components: GuiComponent[];
      try {
        components = readComponents(this.#doc);
      } catch (e) {
        if (e instanceof GuiModeError) throw new StepFailure({ step: 'read', message: e.message, ...whereFields(e.where) });
        throw e;
      }
      for (const c of components) this.#reports.set(c.key, { c, status: 'not-run', steps: [] });
      for (const c of components) if (c.before !== undefined) await this.#runInf('inf-before-install', c, c.before, undefined);
      for (const c of components) await this.#install(c);
      this.#inBoxSettings(components);
      await this.#runPlugins(components);
      for (const c of components) {
        const r = this.#reports.get(c.key)!;
        if (c.after === undefined) continue;
        if (r.installed === undefined) {
          r.steps.push(`InfToRunAfterInstall [${c.after.section}] not run: the component was not installed (NUA_SKIP_INSTALL_IN_GUI_MODE)`);
          this.#emitSkipped('inf-after-install', c.key, 'not installed');
          continue;
        }
        await this.#runInf('inf-after-install', c, c.after, r.installed.instanceKey);
      }
      this.#store.createKey(APPLIED_MARKER_KEY);
      this.#store.setValue(APPLIED_MARKER_KEY, RegValue.sz('AppliedAnswerFile', this.sha));
      this.#store.release(sp);
      open = false;
      const changes = diffRegistries(before, this.#store);
      await this.#step('commit', {}, () => this.#store.commit());
      this.options.events?.emit('targetCommitted', { registryFile: this.target.registryFile, changes: changes.length });
      return finish('applied', { changes });
    } catch (e) {
      // Nothing reached the disk (the store is committed once, at the end); the memory copy goes back too.
      if (open) {
        this.#store.rollbackTo(sp);
        this.#store.release(sp);
      }
      const failure = e instanceof StepFailure ? e.failure : { step: 'commit' as const, message: (e as Error).message };
      if (failure.component !== undefined) {
        const r = this.#reports.get(failure.component);
        if (r !== undefined) r.status = 'failed';
      }
      return finish('failed', { failure });
    }
  }

  #componentReport(r: ComponentRecord): PostComponentReport {
    return {
      key: r.c.key,
      topLevel: r.c.topLevel,
      kind: r.c.kind,
      infId: r.c.infId,
      preNT5Instance: r.c.preNT5Instance,
      service: r.installed?.service ?? serviceNameOf(r.c),
      status: r.status,
      ...(r.installed === undefined ? {} : { instanceKey: r.installed.instanceKey, instanceGuid: r.installed.instanceGuid }),
      ...(r.paramsKey === undefined ? {} : { paramsKey: r.paramsKey }),
      ...(r.plugin === undefined ? {} : { plugin: r.plugin }),
      ...(r.vendorInfo === undefined ? {} : { vendorInfo: r.vendorInfo }),
      steps: [...r.steps],
    };
  }

  async #step<T>(step: PostStep, who: { component?: string; plugin?: string }, fn: () => Promise<T> | T): Promise<T> {
    const events = this.options.events;
    events?.emit('postStepStarted', { step, ...who });
    const t = performance.now();
    try {
      const value = await fn();
      events?.emit('postStepFinished', { step, ...who, status: 'done', durationMs: performance.now() - t });
      return value;
    } catch (e) {
      events?.emit('postStepFinished', { step, ...who, status: 'failed', durationMs: performance.now() - t, detail: (e as Error).message });
      throw e;
    }
  }

  #emitSkipped(step: PostStep, component: string, detail: string): void {
    this.options.events?.emit('postStepFinished', { step, component, status: 'skipped', durationMs: 0, detail });
  }

  /** The working directory as it is now (see ApplyOptions.workDir). */
  #workingDir(c: GuiComponent): string | undefined {
    if (c.workingDir === undefined) return undefined;
    return this.options.workDir === undefined ? c.workingDir : join(resolve(this.options.workDir), basename(c.workingDir.replace(/[\\/]+$/, '')));
  }

  async #runInf(step: 'inf-before-install' | 'inf-after-install', c: GuiComponent, toRun: InfToRun, hkr: string | undefined): Promise<void> {
    const key = step === 'inf-before-install' ? 'InfToRunBeforeInstall' : 'InfToRunAfterInstall';
    await this.#step(step, { component: c.key }, () => {
      try {
        const doc = loadStepInf(toRun, c, this.#doc, this.#workingDir(c), key);
        const result = runStepSection(doc, toRun, c, this.#store, hkr, key);
        this.#reports.get(c.key)!.steps.push(`${key} ${toRun.inf === '' ? 'answer file' : toRun.inf} [${toRun.section}]: ${result.changes.length} change(s)`);
      } catch (e) {
        if (e instanceof GuiModeError) throw new StepFailure({ step, component: c.key, message: e.message, ...whereFields(e.where) });
        throw e;
      }
    });
  }

  async #install(c: GuiComponent): Promise<void> {
    const r = this.#reports.get(c.key)!;
    if ((c.flags & NUA.SkipInstallInGuiMode) !== 0) {
      r.status = 'not-installed';
      r.steps.push('not installed: its plugin returned NUA_SKIP_INSTALL_IN_GUI_MODE');
      this.#emitSkipped('install', c.key, 'NUA_SKIP_INSTALL_IN_GUI_MODE');
      return;
    }
    await this.#step('install', { component: c.key }, () => {
      const title = builtInById(c.infId)?.title ?? c.infId;
      try {
        r.installed = installComponent(this.#store, c, instanceGuid(this.sha, c.key), title);
      } catch (e) {
        throw new StepFailure({ step: 'install', component: c.key, message: `component "${c.key}" (${c.infId}) could not be installed: ${(e as Error).message}` });
      }
      r.status = 'installed';
      r.steps.push(`installed as ${r.installed.instanceKey} (service ${r.installed.service})`);
      if (c.kind === 'adapter' && c.preNT5Instance !== undefined) this.#guids[c.preNT5Instance.toLowerCase()] = r.installed.instanceGuid;
    });
  }

  /** Settings the engine itself carried for in-box components (today: TCP/IP). */
  #inBoxSettings(components: readonly GuiComponent[]): void {
    for (const c of components) {
      if (c.infId.toLowerCase() !== 'ms_tcpip' || this.#reports.get(c.key)?.installed === undefined) continue;
      // Answer-file keys compare case-insensitively (SpecificTo names an adapter's key).
      const guids = new Map([...this.#reports.values()].map((r) => [r.c.key.toLowerCase(), r.installed?.instanceGuid]));
      try {
        const written = applyTcpipSettings(this.#doc, c.paramsSection, this.#store, (key) => guids.get(key.toLowerCase()));
        this.#reports.get(c.key)!.steps.push(`TCP/IP settings: ${written.length} value(s)`);
      } catch (e) {
        if (e instanceof GuiModeError) throw new StepFailure({ step: 'install', component: c.key, message: e.message, ...whereFields(e.where) });
        throw e;
      }
    }
  }

  async #runPlugins(components: readonly GuiComponent[]): Promise<void> {
    const byModule = new Map<string, GuiComponent[]>();
    for (const c of components) {
      if (c.oemDllToLoad === undefined) continue;
      const list = byModule.get(c.oemDllToLoad.module) ?? [];
      list.push(c);
      byModule.set(c.oemDllToLoad.module, list);
    }
    for (const [module, list] of byModule) await this.#runPlugin(module, list);
  }

  async #runPlugin(module: string, list: readonly GuiComponent[]): Promise<void> {
    const firstC = list[0] as GuiComponent;
    const workingDir = this.#workingDir(firstC);
    const fail = (e: unknown, step: PostStep, c: GuiComponent | undefined): never => {
      if (e instanceof StepFailure) throw e;
      if (e instanceof PluginHookFailure) throw new StepFailure({ step, message: e.message, plugin: e.plugin, hook: e.hook, ...(e.component === undefined ? (c === undefined ? {} : { component: c.key }) : { component: c?.key ?? e.component }) });
      if (e instanceof PluginLoadError) throw new StepFailure({ step, message: e.message, plugin: e.plugin, hook: 'load', ...(c === undefined ? {} : { component: c.key }) });
      throw new StepFailure({ step, message: (e as Error).message, ...(c === undefined ? {} : { component: c.key }) });
    };
    if (workingDir === undefined || !existsSync(workingDir)) {
      fail(new Error(`OemDllToLoad ${module}: the plugin's working directory ${workingDir ?? '(none recorded)'} does not exist${this.options.workDir === undefined ? ' (pass the directory holding oem0001… as workDir / --work)' : ''}`), 'post-upgrade-initialize', firstC);
    }
    const host: PluginHost = this.options.host === 'in-process' ? new InProcessPluginHost(this.options.limits) : new SandboxedPluginHost(this.options.limits);
    let label = module;
    try {
      const start = await this.#step('post-upgrade-initialize', { plugin: module }, async () => {
        try {
          const description = await host.start(module, {
            workingDir: workingDir as string,
            upgradeInfo: upgradeInfoOf(this.#doc),
            unattended: this.options.unattended ?? true,
            registry: EMPTY_HKLM,
            answerFileText: this.#text,
            resolveFrom: dirname(module),
          });
          label = description.name;
          return await host.call({ hook: 'PostUpgradeInitialize' });
        } catch (e) {
          return fail(e, 'post-upgrade-initialize', undefined);
        }
      });
      for (const c of list) {
        const r = this.#reports.get(c.key)!;
        r.plugin = label;
        const vendorInfo = start.result.vendorInfo;
        if (vendorInfo !== undefined) r.vendorInfo = vendorInfo;
        await this.#step('post-upgrade-processing', { component: c.key, plugin: label }, async () => {
          const paramsKey = paramsKeyOf(c, r.installed);
          if (this.#store.key(paramsKey) === undefined) this.#store.createKey(paramsKey);
          r.paramsKey = paramsKey;
          try {
            const outcome = await host.call({
              hook: 'DoPostUpgradeProcessing',
              component: {
                paramsKeyPath: paramsKey,
                params: treeFromView(this.#store.key(paramsKey) as unknown as RegistryKeyView),
                preNT5Instance: c.preNT5Instance ?? '',
                nt5InfId: c.infId,
                sectionName: c.oemSection ?? `${c.paramsSection}.OemSection`,
                instanceGuids: { ...this.#guids },
              },
            });
            const applied = applyRegistryOps(this.#store, paramsKey, outcome.registryOps);
            if (outcome.result.vendorInfo !== undefined) r.vendorInfo = outcome.result.vendorInfo;
            r.steps.push(`DoPostUpgradeProcessing (${label}): ${applied.length} registry change(s) under ${paramsKey}`);
          } catch (e) {
            fail(e, 'post-upgrade-processing', c);
          }
        });
      }
    } finally {
      await host.stop();
    }
  }
}
