// runUpgrade: the whole network upgrade of one NT machine in a temporary directory, as a
// vendor's test needs it — the Winnt32 phase (runWinnt32Phase of @netmigrate/core), text mode
// (comments stripped, $Winnt$.inf in the target's System32) and the GUI-mode phase against a
// target system — returning the answer file, the Compatibility Report and the target registry.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  applyAnswerFile, createTargetSystem, runWinnt32Phase,
  type AbortRequest, type ApplyResult, type CompatibilityReport, type ConfirmSummary, type EngineDiagnostic, type HostKind, type NetmigrateEvents,
  type OemSource, type PluginSpec, type Winnt32Result, type Winnt32Status,
} from '@netmigrate/core';
import { importRegFile, RegistryBase, type RegistryStore } from '@netmigrate/registry';
import { AnswerFileText } from './answer-file.js';
import { NtFixture } from './builder.js';

/** The NT machine: a fixture, a registry (or snapshot), the bytes of a .reg export, or its path. */
export type RegistryInput = NtFixture | RegistryBase | Uint8Array | string;

export interface RunUpgradeOptions {
  readonly registry: RegistryInput;
  /** Vendor directories, each with its netmap.inf (what netupg.inf would list). */
  readonly oemDirs?: readonly string[];
  /** An integrator's plugin set: module (path or package name), its netmap.inf directory, its options. */
  readonly plugins?: readonly PluginSpec[];
  /** A directory holding netupg.inf (the `--oem <dir>` form). */
  readonly netupgDir?: string;
  /** The operator's answer on the Compatibility Report page; default `true` (commit). */
  readonly confirm?: boolean | ((summary: ConfirmSummary) => boolean | Promise<boolean>);
  /** Default `true`: no user (hParentWindow NULL), an abort request stops the run. */
  readonly unattended?: boolean;
  /** Attended runs: the operator's answer when a plugin requests an abort (`true` aborts; default `true`). */
  readonly askAbort?: boolean | ((request: AbortRequest) => boolean | Promise<boolean>);
  /** `sandbox` (default, as in production: the plugin must be built JavaScript) or `in-process` (a debugger; TypeScript sources under vitest). */
  readonly host?: HostKind;
  readonly hookTimeoutMs?: number;
  /** The installation source's i386 directory (default help files). */
  readonly sourceDir?: string;
  readonly events?: NetmigrateEvents;
  /**
   * Changes the target's registry (the Windows 2000 baseline) before GUI mode runs, e.g. to put
   * back keys an in-place upgrade carries over from NT 4.0 that an InfToRunBeforeInstall
   * section deletes. Committed before applyAnswerFile opens the target.
   */
  readonly prepareTarget?: (registry: RegistryStore) => void | Promise<void>;
  /** Run text mode and GUI mode after a committed Winnt32 phase; default `true`. */
  readonly guiMode?: boolean;
  /** Where the temporary directory is made; default the OS's. */
  readonly tmpDir?: string;
}

export interface RunDirs {
  /** The temporary directory holding everything below; `cleanup()` removes it. */
  readonly root: string;
  /** The Winnt32 work directory ($Win_nt$.~bt): winnt.sif and the plugins' oem0001, … */
  readonly work: string;
  /** The Windows 2000 system being installed: a target directory (@netmigrate/core's createTargetSystem). */
  readonly target: string;
}

export interface UpgradeRun {
  /** The Winnt32 phase's status: `committed`, `cancelled`, `aborted` or `failed`. */
  readonly status: Winnt32Status;
  /** Why the run did not commit, in the engine's words. */
  readonly message?: string;
  /** winnt.sif as committed, else the draft that would have been written. */
  readonly answerFile: AnswerFileText;
  /** `$Winnt$.inf` as text mode left it (committed runs with guiMode). */
  readonly textModeAnswerFile?: AnswerFileText;
  readonly report: CompatibilityReport;
  readonly diagnostics: readonly EngineDiagnostic[];
  /** Everything runWinnt32Phase returned. */
  readonly pre: Winnt32Result;
  /** GUI mode's result (applyAnswerFile's); undefined when it did not run (not committed, or guiMode false). */
  readonly gui?: ApplyResult;
  /**
   * The target registry as committed after GUI mode: the Windows 2000 baseline with the upgrade
   * applied, or the baseline alone when GUI mode failed (it rolls everything back).
   */
  readonly registry?: RegistryStore;
  readonly dirs: RunDirs;
  /**
   * The registry key GUI mode installed the component with answer-file key `key` as (an
   * adapter's `…\Class\{4D36E972-…}\<nnnn>`, HKR of its InfToRunAfterInstall section).
   * Throws, saying why, when GUI mode did not run or did not install it.
   */
  instanceKey(key: string): string;
  /** Replaces this run's machine-specific paths with placeholders, for golden files. */
  normalize(text: string): string;
  /** Removes the temporary directory. */
  cleanup(): Promise<void>;
}

/** A bad runUpgrade call. */
export class RunUpgradeError extends Error {
  override readonly name = 'RunUpgradeError';
}

export async function runUpgrade(options: RunUpgradeOptions): Promise<UpgradeRun> {
  const registry = toRegistry(options.registry);
  const oem = oemSource(options);
  const root = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'netmigrate-run-'));
  const dirs: RunDirs = { root, work: join(root, 'winnt32'), target: join(root, 'target') };
  const unattended = options.unattended ?? true;
  const confirm = options.confirm ?? true;
  const askAbort = options.askAbort ?? true;
  let pre: Winnt32Result;
  try {
    pre = await runWinnt32Phase({
      registry,
      ...(oem === undefined ? { oem: { netmapDirs: [] } } : { oem }),
      workDir: dirs.work,
      unattended,
      confirm: typeof confirm === 'function' ? confirm : () => confirm,
      askAbort: typeof askAbort === 'function' ? askAbort : () => askAbort,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.hookTimeoutMs === undefined ? {} : { hookTimeoutMs: options.hookTimeoutMs }),
      ...(options.sourceDir === undefined ? {} : { sourceDir: options.sourceDir }),
      ...(options.events === undefined ? {} : { events: options.events }),
    });
  } catch (e) {
    await rm(root, { recursive: true, force: true });
    throw e;
  }
  const answerFile = pre.answerFilePath === undefined
    ? new AnswerFileText(pre.answerFile.toBytes(), 'winnt.sif (draft, not written)')
    : new AnswerFileText(new Uint8Array(readFileSync(pre.answerFilePath)), pre.answerFilePath);

  let textModeAnswerFile: AnswerFileText | undefined;
  let gui: ApplyResult | undefined;
  let target: RegistryStore | undefined;
  if (pre.status === 'committed' && pre.answerFilePath !== undefined && (options.guiMode ?? true)) {
    try {
      ({ gui, target, textModeAnswerFile } = await postUpgrade(options, dirs, pre.answerFilePath, unattended));
    } catch (e) {
      await rm(root, { recursive: true, force: true });
      throw e;
    }
  }

  const replacements = placeholders(root, pre.report);
  return {
    status: pre.status,
    ...(pre.message === undefined ? {} : { message: pre.message }),
    answerFile,
    ...(textModeAnswerFile === undefined ? {} : { textModeAnswerFile }),
    report: pre.report,
    diagnostics: pre.diagnostics,
    pre,
    ...(gui === undefined ? {} : { gui }),
    ...(target === undefined ? {} : { registry: target }),
    dirs,
    instanceKey: (key) => instanceKeyOf(gui, key),
    normalize: (text) => replacements.reduce((t, [from, to]) => t.split(from).join(to), text),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Text mode and GUI mode: applyAnswerFile writes $Winnt$.inf into the target, then upgrades its registry. */
async function postUpgrade(options: RunUpgradeOptions, dirs: RunDirs, answerFilePath: string, unattended: boolean): Promise<{ gui: ApplyResult; target: RegistryStore; textModeAnswerFile: AnswerFileText | undefined }> {
  if (options.prepareTarget !== undefined) {
    const store = await (await createTargetSystem(dirs.target)).openRegistry();
    await options.prepareTarget(store);
    await store.commit();
  }
  const gui = await applyAnswerFile({
    answerFile: answerFilePath,
    target: dirs.target,
    workDir: dirs.work,
    unattended,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.hookTimeoutMs === undefined ? {} : { limits: { hookTimeoutMs: options.hookTimeoutMs } }),
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  const textModeAnswerFile = gui.winntInfPath === undefined ? undefined : new AnswerFileText(new Uint8Array(readFileSync(gui.winntInfPath)), gui.winntInfPath);
  return { gui, target: await gui.target.openRegistry(), textModeAnswerFile };
}

function instanceKeyOf(gui: ApplyResult | undefined, key: string): string {
  if (gui === undefined) throw new RunUpgradeError(`instanceKey(${key}): GUI mode did not run (the Winnt32 phase did not commit, or guiMode is false)`);
  const c = gui.components.find((x) => x.key.toLowerCase() === key.toLowerCase());
  if (c === undefined) throw new RunUpgradeError(`instanceKey(${key}): the answer file lists no such component (it lists ${gui.components.map((x) => x.key).join(', ') || 'none'})`);
  if (c.instanceKey === undefined) {
    const why = gui.failure === undefined ? c.steps.join('; ') : `GUI mode failed at ${gui.failure.step}: ${gui.failure.message}`;
    throw new RunUpgradeError(`instanceKey(${key}): the component was not installed (status ${c.status}${why === '' ? '' : `: ${why}`})`);
  }
  return c.instanceKey;
}

function toRegistry(input: RegistryInput): RegistryBase {
  if (input instanceof NtFixture) return input.registry;
  if (input instanceof RegistryBase) return input;
  if (input instanceof Uint8Array) return importStrict(input, 'registry.reg');
  if (typeof input === 'string') {
    const path = resolve(input);
    if (!existsSync(path)) throw new RunUpgradeError(`runUpgrade: the registry file ${path} does not exist`);
    return importStrict(new Uint8Array(readFileSync(path)), path);
  }
  throw new RunUpgradeError('runUpgrade: `registry` must be a fixture (nt4()…build()), a Registry or snapshot, the bytes of a .reg file, or its path');
}

/** A fixture file with a line reg import would skip is a mistake in the test: stop at it. */
function importStrict(bytes: Uint8Array, fileName: string): RegistryBase {
  const { registry, file } = importRegFile(bytes, { fileName, strict: true });
  if (file.exitCode !== 0) throw new RunUpgradeError(`runUpgrade: ${fileName} is not a registry file (no REGEDIT4 or version 5 header)`);
  return registry.snapshot();
}

function oemSource(options: RunUpgradeOptions): OemSource | undefined {
  const given = (['oemDirs', 'plugins', 'netupgDir'] as const).filter((k) => options[k] !== undefined);
  if (given.length > 1) throw new RunUpgradeError(`runUpgrade: give one of oemDirs, plugins and netupgDir, not ${given.join(' and ')}`);
  if (options.oemDirs !== undefined) return { netmapDirs: options.oemDirs.map((d) => resolve(d)) };
  if (options.plugins !== undefined) return { plugins: options.plugins };
  if (options.netupgDir !== undefined) return { explicitDir: resolve(options.netupgDir) };
  return undefined;
}

/** Longest first, so a plugin module inside the run's directory is not half-replaced. */
function placeholders(root: string, report: CompatibilityReport): [string, string][] {
  const pairs = new Map<string, string>([[root, '<run>']]);
  for (const c of report.components) {
    if (c.plugin !== undefined && !c.plugin.module.startsWith(root)) pairs.set(c.plugin.module, `<plugin ${c.plugin.name}>`);
    if (c.netmap !== undefined) pairs.set(join(c.netmap.file, '..'), `<vendor ${c.plugin?.name ?? c.preNT5InfId}>`);
  }
  return [...pairs].sort((a, b) => b[0].length - a[0].length);
}
