// What `plan`, `upgrade` and `demo` share: reading the NT 4.0 registry and the vendor files
// options, running the Winnt32 phase with progress, and printing its outcome.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AbortRequest, ConfirmSummary, EngineDiagnostic, OemSource, ReportEntry, ReportStatus, Winnt32Result } from '@netmigrate/core';
import type { HostPool } from '@netmigrate/core/host-pool';
import type { RegistrySnapshot } from '@netmigrate/registry';
import type { CommandContext } from './context.js';
import { CliError, EXIT, formatLocated, isLocatedError } from './errors.js';
import { readInput } from './files.js';
import { PluginSetError, pluginSpecs, readPluginSet, type PluginSet } from './plugin-set.js';
import { createProgress, type OutputFlags, type PhaseProgress, type Progress, type StepOutcome } from './progress.js';

export interface SourceFlags extends OutputFlags {
  registry: string;
  oem?: string;
  netmapDir?: string[];
  plugins?: string;
  source?: string;
  lenient?: boolean;
  inProcess?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options every Winnt32-phase command takes. */
export function addSourceOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--registry <nt4.reg>', 'the NT 3.51/4.0 registry, exported with regedit (REGEDIT4 or version 5)')
    .option('--oem <dir>', 'a directory with netupg.inf listing the vendor directories (spec §3); default: NETUPGRD_INIT_FILE_DIR / NET_UPGRD_INIT_FILE_DIR')
    .option('--netmap-dir <dir>', 'a vendor directory holding a netmap.inf (repeatable, in order)', collect)
    .option('--plugins <netmigrate.ini>', "an integrator's plugin set (docs/plugin-sets.md)")
    .option('--source <i386 dir>', 'the installation source: default help files are <dir>/winntupg/unsupmsg.{txt,htm}')
    .option('--lenient', 'skip .reg lines that cannot be read (with a warning) instead of stopping')
    .option('--in-process', 'run plugin hooks in this process instead of the sandbox (trusted plugins only)')
    .option('--json', 'print one JSON document on stdout and nothing else there (no progress; warnings on stderr)');
}

export interface PhaseInputs {
  readonly registryFile: string;
  readonly registry: RegistrySnapshot;
  readonly oem: OemSource;
  /** The vendor-file choice, for the run record. */
  readonly oemDescription: Record<string, unknown>;
  readonly pluginSet?: PluginSet;
  readonly sourceDir?: string;
}

export async function readPluginSetOrFail(file: string, cwd: string): Promise<PluginSet> {
  try {
    return await readPluginSet(file, cwd);
  } catch (e) {
    if (e instanceof PluginSetError) throw new CliError(e.message, EXIT.failure, e.hint);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`, EXIT.failure, 'check the path of the plugin set (--plugins)');
    throw e;
  }
}

export interface EarlyBoot {
  readonly pool?: HostPool;
  /** The plugin set read to count its plugins, for readPhaseInputs. */
  readonly pluginSet?: PluginSet;
}

/**
 * Starts booting the plugins' sandboxes for a run in `workDir` before the registry is read and
 * the engine is loaded, when the vendor files tell how many plugins there are without the
 * engine (a plugin set, --netmap-dir). Otherwise (--oem, the environment, --in-process, or
 * flags readPhaseInputs will refuse) nothing: the engine boots them once it read the vendor
 * files. Problems are left for readPhaseInputs to report.
 */
export async function bootSandboxesEarly(ctx: CommandContext, flags: SourceFlags, workDir: string): Promise<EarlyBoot> {
  if (flags.inProcess === true || [flags.oem, flags.netmapDir?.length, flags.plugins].filter(Boolean).length !== 1) return {};
  let pluginSet: PluginSet | undefined;
  let count = flags.netmapDir?.length ?? 0;
  if (flags.plugins !== undefined) {
    try {
      pluginSet = await readPluginSet(flags.plugins, ctx.io.cwd);
    } catch {
      return {};
    }
    count = pluginSpecs(pluginSet).length;
  }
  if (count === 0) return pluginSet === undefined ? {} : { pluginSet };
  const { HostPool } = await import('@netmigrate/core/host-pool');
  const pool = new HostPool('sandbox', {});
  pool.prepareRun(workDir, count);
  return { pool, ...(pluginSet === undefined ? {} : { pluginSet }) };
}

/**
 * Reads the registry and settles where vendor files come from; every problem is a CliError naming the file.
 * `pluginSet` is --plugins already read (bootSandboxesEarly).
 */
export async function readPhaseInputs(ctx: CommandContext, flags: SourceFlags, pluginSet?: PluginSet): Promise<PhaseInputs> {
  const cwd = ctx.io.cwd;
  const given = [flags.oem && '--oem', flags.netmapDir?.length && '--netmap-dir', flags.plugins && '--plugins'].filter(Boolean);
  if (given.length > 1) throw new CliError(`${given.join(' and ')} both name vendor files`, EXIT.failure, 'give one of --oem, --netmap-dir (repeatable) or --plugins');
  const bytes = await readInput(flags.registry, cwd);
  const { importRegFile } = await import('@netmigrate/registry');
  let registry: RegistrySnapshot;
  try {
    const imported = importRegFile(bytes, { fileName: flags.registry, strict: flags.lenient !== true });
    for (const w of imported.file.warnings) ctx.io.stderr(`${formatLocated({ ...w, message: `warning: ${w.message}` }, flags.registry)}\n`);
    registry = imported.registry.snapshot();
  } catch (e) {
    if (isLocatedError(e)) throw new CliError(/^\S.*:\d+:\d+: /.test(e.message) ? e.message : formatLocated(e, flags.registry), EXIT.failure, 'fix that line of the .reg export, or pass --lenient to skip unreadable lines as `reg import` does');
    throw e;
  }
  const sourceDir = flags.source === undefined ? undefined : resolve(cwd, flags.source);
  const base = { registryFile: resolve(cwd, flags.registry), registry, ...(sourceDir === undefined ? {} : { sourceDir }) };
  if (flags.plugins !== undefined) {
    const set = pluginSet ?? (await readPluginSetOrFail(flags.plugins, cwd));
    return { ...base, oem: { plugins: pluginSpecs(set) }, oemDescription: { plugins: resolve(cwd, flags.plugins) }, pluginSet: set };
  }
  if (flags.netmapDir !== undefined && flags.netmapDir.length > 0) {
    const dirs = flags.netmapDir.map((d) => resolve(cwd, d));
    return { ...base, oem: { netmapDirs: dirs }, oemDescription: { netmapDirs: dirs } };
  }
  if (flags.oem !== undefined) {
    const dir = resolve(cwd, flags.oem);
    return { ...base, oem: { explicitDir: dir, env: ctx.io.env, cwd }, oemDescription: { oem: dir } };
  }
  return { ...base, oem: { env: ctx.io.env, cwd }, oemDescription: { env: pickEnv(ctx.io.env) } };
}

function pickEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['NETUPGRD_INIT_FILE_DIR', 'NET_UPGRD_INIT_FILE_DIR']) if (env[k] !== undefined) out[k] = env[k];
  return out;
}

export interface PhaseRun {
  readonly workDir: string;
  readonly answerFilePath?: string;
  readonly unattended: boolean;
  readonly confirm: (summary: ConfirmSummary) => Promise<boolean> | boolean;
  readonly askAbort?: (request: AbortRequest) => Promise<boolean> | boolean;
  readonly title: string;
  /** Sandboxes booting since bootSandboxesEarly; the phase takes them and closes the pool. */
  readonly hostPool?: HostPool;
}

const OUTCOME: Record<ReportStatus, StepOutcome> = { 'built-in': 'ok', upgraded: 'ok', 'not-supported': 'warn', 'no-mapping': 'warn', failed: 'fail', 'not-run': 'skip' };

export function entryTitle(e: ReportEntry): string {
  const id = e.nt5InfId === undefined ? e.preNT5InfId : `${e.preNT5InfId} → ${e.nt5InfId}`;
  return `${e.kind} ${e.preNT5Instance} (${id}): ${e.status}${e.plugin === undefined ? '' : ` by ${e.plugin.name}`}`;
}

/**
 * Runs the Winnt32 phase with a progress task per component. The phase's progress ends before
 * `confirm` or `askAbort` runs, so a prompt never fights the live display.
 */
export async function runPhase(ctx: CommandContext, flags: OutputFlags & { inProcess?: boolean }, inputs: PhaseInputs, run: PhaseRun): Promise<{ result: Winnt32Result; progress: Progress }> {
  const { runWinnt32Phase, NetmigrateEvents, discoverComponents } = await import('@netmigrate/core');
  const progress = createProgress(ctx.io, flags);
  // Quiet progress (--json) shows no steps, so it needs no discovery pass of its own.
  const components = progress.mode === 'quiet' ? [] : discoverComponents(inputs.registry);
  const steps = components.map((c) => ({ id: c.preNT5Instance.toLowerCase(), title: `${c.kind} ${c.preNT5Instance} (${c.preNT5InfId})` }));
  let phase: PhaseProgress | undefined = await progress.phase(run.title, steps);
  const id = (instance: string | undefined) => instance?.toLowerCase();
  const note = (instance: string | undefined, text: string) => {
    if (phase !== undefined) phase.note(id(instance), text);
    else progress.line(`  ${instance === undefined ? '' : `${instance}: `}${text}`);
  };
  const events = new NetmigrateEvents();
  events.on('componentMapped', (e) => note(e.preNT5Instance, e.status === 'built-in' ? 'built in' : `${e.status}${e.nt5InfId === undefined ? '' : ` → ${e.nt5InfId}`}`));
  events.on('pluginLoaded', (e) => {
    for (const c of e.components) note(c, `plugin ${e.plugin} ${e.version} loaded`);
  });
  events.on('sectionAdded', (e) => {
    if (e.writer.component !== undefined) note(e.writer.component, `[${e.section}]${e.writer.by === 'plugin' ? ` by ${e.writer.plugin}` : ''}`);
  });
  events.on('savepointUndone', (e) => note(undefined, `${e.label} rolled back: ${e.reason}`));
  events.on('abortRequested', (e) => note(e.component, `plugin ${e.plugin} (${e.hook}) set ${e.flag}: ${e.decision === 'abort' ? 'the upgrade stops' : 'going on without it'}`));
  const endPhase = async (entries: readonly ReportEntry[], summary: string, outcome: StepOutcome, open: StepOutcome) => {
    if (phase === undefined) return;
    for (const e of entries) phase.finish(e.preNT5Instance.toLowerCase(), OUTCOME[e.status], entryTitle(e));
    const p = phase;
    phase = undefined;
    await p.end(summary, outcome, open);
  };
  const result = await runWinnt32Phase({
    registry: inputs.registry,
    oem: inputs.oem,
    workDir: run.workDir,
    ...(run.answerFilePath === undefined ? {} : { answerFilePath: run.answerFilePath }),
    ...(inputs.sourceDir === undefined ? {} : { sourceDir: inputs.sourceDir }),
    unattended: run.unattended,
    host: flags.inProcess === true ? 'in-process' : 'sandbox',
    ...(run.hostPool === undefined ? {} : { hostPool: run.hostPool }),
    events,
    confirm: async (summary) => {
      await endPhase(summary.report.components, `drafted: ${countsText(summary.report.counts)}`, summary.report.counts.failed > 0 ? 'warn' : 'ok', 'skip');
      return run.confirm(summary);
    },
    ...(run.askAbort === undefined
      ? {}
      : {
          askAbort: async (request: AbortRequest) => {
            await endPhase([], `plugin ${request.plugin} asks to abort the upgrade`, 'warn', 'skip');
            return (run.askAbort as NonNullable<PhaseRun['askAbort']>)(request);
          },
        }),
  });
  await endPhase(result.report.components, result.message ?? result.status, result.status === 'failed' || result.status === 'aborted' ? 'fail' : 'ok', 'skip');
  return { result, progress };
}

export function countsText(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  return parts.length === 0 ? 'no network components' : parts.join(', ');
}

/** A diagnostic as `file:line:col: severity: message [code] (component …, plugin …)`. */
export function formatDiagnostic(d: EngineDiagnostic): string {
  const who = [d.component && `component ${d.component}`, d.plugin && `plugin ${d.plugin}`, d.hook && `hook ${d.hook}`].filter(Boolean).join(', ');
  const where = d.file === undefined ? '' : `${d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`}: `;
  return `${where}${d.severity}: ${d.message} [${d.code}]${who === '' ? '' : ` (${who})`}`;
}

/** The Winnt32 phase's plain outcome (JSON-safe): what `--json` and the run record carry. */
export function phaseDocument(result: Winnt32Result): Record<string, unknown> {
  return {
    status: result.status,
    message: result.message ?? null,
    report: result.report,
    diagnostics: result.diagnostics,
    workingDirs: result.workingDirs,
    timings: result.timings,
  };
}

/** Replaces every occurrence of `from` in the strings of a JSON value. */
export function replaceInJson<T>(value: T, from: string, to: string): T {
  if (from === '') return value;
  const esc = (s: string) => JSON.stringify(s).slice(1, -1);
  return JSON.parse(JSON.stringify(value).split(esc(from)).join(esc(to))) as T;
}

/** Windows-1252 text of an answer file (what winnt.sif holds). */
export function decodeAnswerFile(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes);
}
