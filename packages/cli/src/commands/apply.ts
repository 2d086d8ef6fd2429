// `netmigrate apply <winnt.sif> --target <dir>`: text mode and GUI mode against a target
// system directory (created from the Windows 2000 baseline when new), then the target's
// registry exported as a version-5 .reg file.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ApplyResult, NetmigrateEvents } from '@netmigrate/core';
import { exportReg, type RegDiffEntry } from '@netmigrate/registry';
import type { CommandContext } from '../context.js';
import { CliError, EXIT, formatLocated } from '../errors.js';
import { readInput, writeOutput } from '../files.js';
import { printJson } from '../output.js';
import { createProgress, type OutputFlags, type PhaseProgress, type StepOutcome } from '../progress.js';
import { APPLY_RECORD, RUN_RECORD, TOOL } from '../run-record.js';
import { typeName, typedData } from './reg.js';

export interface ApplyFlags extends OutputFlags {
  target: string;
  runDir?: string;
  work?: string;
  output?: string;
  json?: boolean;
  inProcess?: boolean;
  attended?: boolean;
}

const change = (d: RegDiffEntry) => ({
  kind: d.kind,
  key: d.path,
  ...(d.name === undefined ? {} : { name: d.name }),
  ...(d.before === undefined ? {} : { before: { type: typeName(d.before.type), data: typedData(d.before) } }),
  ...(d.after === undefined ? {} : { after: { type: typeName(d.after.type), data: typedData(d.after) } }),
});

/** The JSON document of `apply --json` (and of the run directory's apply report). */
export function applyDocument(r: ApplyResult, regFile: string | undefined): Record<string, unknown> {
  return {
    status: r.status,
    target: r.target.dir,
    winntInf: r.winntInfPath ?? null,
    registryStore: r.target.registryFile,
    regFile: regFile ?? null,
    answerFileSha256: r.answerFileSha256,
    components: r.components,
    instanceGuids: r.instanceGuids,
    changes: r.changes.map(change),
    failure: r.failure ?? null,
    durationMs: Math.round(r.durationMs),
  };
}

export function registerApplyCommand(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('text mode and GUI mode: apply a committed answer file (winnt.sif) to a target system directory')
    .argument('<winnt.sif>', 'the answer file the Winnt32 phase committed (netmigrate upgrade)')
    .requiredOption('--target <dir>', 'the target system directory; created from the Windows 2000 baseline when it has no registry yet')
    .option('--work <dir>', 'where the plugins\' working directories (oem0001…) are now, if they moved')
    .option('-o, --output <file>', 'where to export the target registry as a version-5 .reg (default <target>/registry.reg)')
    .option('--json', 'print one JSON document on stdout')
    .option('--in-process', 'run plugin hooks in this process instead of the sandbox (trusted plugins only)')
    .option('--attended', 'a user is present: plugins may ask (default: unattended)')
    .option('--run-dir <dir>', `also write the apply record (${APPLY_RECORD}) there, for \`netmigrate report\`; default: the answer file's directory when it is a run directory`)
    .action(async (answerFile: string, o: ApplyFlags, cmd: Command) => {
      const { result, regFile } = await applyRun(ctx, answerFile, { ...o, ...cmd.optsWithGlobals<{ color?: boolean }>() });
      if (o.json) printJson(ctx.io, applyDocument(result, regFile));
      else print(ctx, result, regFile);
      ctx.exitCode = result.status === 'failed' ? EXIT.failure : EXIT.ok;
    });
}

/** Runs text mode and GUI mode with progress, exports the registry and writes the apply record. */
export async function applyRun(ctx: CommandContext, answerFile: string, o: ApplyFlags): Promise<{ result: ApplyResult; regFile: string | undefined; records: string[] }> {
  const cwd = ctx.io.cwd;
  const bytes = await readInput(answerFile, cwd); // the file must exist and be readable: say so plainly
  // Loaded here, not at start: `netmigrate --version` and the inspection commands stay fast.
  const { applyAnswerFile, TargetSystemError, NetmigrateEvents, readComponents } = await import('@netmigrate/core');
  const { parseInf } = await import('@netmigrate/inf');
  let keys: string[] = [];
  try {
    keys = readComponents(parseInf(bytes)).map((c) => c.key);
  } catch {
    // A malformed answer file: applyAnswerFile says where; progress just has no component steps.
  }
  const progress = createProgress(ctx.io, o);
  const phase = await progress.phase(`apply: text mode and GUI mode on ${o.target}`, [
    { id: 'text-mode', title: 'text mode: $Winnt$.inf' },
    ...keys.map((k) => ({ id: `c:${k.toLowerCase()}`, title: `component ${k}` })),
    { id: 'commit', title: 'commit the target registry' },
  ]);
  const events = new NetmigrateEvents();
  watchApply(events, phase);
  let result: ApplyResult;
  try {
    result = await applyAnswerFile({
      answerFile: resolve(cwd, answerFile),
      target: resolve(cwd, o.target),
      ...(o.work === undefined ? {} : { workDir: resolve(cwd, o.work) }),
      unattended: o.attended !== true,
      host: o.inProcess === true ? 'in-process' : 'sandbox',
      events,
    });
  } catch (e) {
    await phase.end('failed', 'fail');
    if (e instanceof TargetSystemError) throw new CliError(e.message, EXIT.failure, 'point --target at an empty directory or at one netmigrate apply created');
    throw e;
  }
  for (const c of result.components) {
    const outcome: StepOutcome = c.status === 'installed' ? 'ok' : c.status === 'failed' ? 'fail' : c.status === 'not-run' ? 'skip' : 'warn';
    phase.finish(`c:${c.key.toLowerCase()}`, outcome, `component ${c.key}${c.infId.toLowerCase() === c.key.toLowerCase() ? '' : ` (${c.infId})`}: ${c.status}`);
  }
  await phase.end(`${result.status}: ${result.changes.length} registry change(s)`, result.status === 'failed' ? 'fail' : 'ok', result.status === 'failed' ? 'skip' : 'ok');
  let regFile: string | undefined;
  if (result.status !== 'failed') {
    regFile = resolve(cwd, o.output ?? join(result.target.dir, 'registry.reg'));
    await writeOutput(regFile, cwd, exportReg(await result.target.openRegistry(), { format: 'regedit5' }));
  }
  const records = await writeApplyRecords(ctx, resolve(cwd, answerFile), o, result, regFile);
  return { result, regFile, records };
}

function watchApply(events: NetmigrateEvents, phase: PhaseProgress): void {
  const stepId = (component: string | undefined, step: string) => (component === undefined ? step : `c:${component.toLowerCase()}`);
  const label: Record<string, string> = {
    'inf-before-install': 'InfToRunBeforeInstall',
    install: 'installing',
    'post-upgrade-initialize': 'PostUpgradeInitialize',
    'post-upgrade-processing': 'DoPostUpgradeProcessing',
    'inf-after-install': 'InfToRunAfterInstall',
  };
  events.on('postStepStarted', (e) => {
    // Text mode and the commit have rows of their own; say nothing until they finish.
    if (e.component === undefined && (e.step === 'text-mode' || e.step === 'commit')) return;
    phase.note(stepId(e.component, e.step), `${label[e.step] ?? e.step}${e.plugin === undefined ? '' : ` (${e.plugin})`}`);
  });
  events.on('postStepFinished', (e) => {
    if (e.component === undefined && (e.step === 'text-mode' || e.step === 'commit')) {
      phase.finish(e.step, e.status === 'failed' ? 'fail' : e.status === 'skipped' ? 'skip' : 'ok', e.detail === undefined ? undefined : `${e.step}: ${e.detail}`);
    } else if (e.status !== 'done') phase.note(stepId(e.component, e.step), `${e.step} ${e.status}${e.detail === undefined ? '' : `: ${e.detail}`}`);
  });
}

/**
 * The apply record: next to the target registry when the phase applied (a rerun that finds it
 * already applied leaves the first record alone), and in the run directory — --run-dir, or the
 * answer file's directory when it holds a run record — whatever happened.
 */
async function writeApplyRecords(ctx: CommandContext, answerFile: string, o: ApplyFlags, r: ApplyResult, regFile: string | undefined): Promise<string[]> {
  if (r.status === 'already-applied') return [];
  const { registryChangesFrom } = await import('@netmigrate/report-html');
  const record = {
    schemaVersion: 1,
    kind: 'netmigrate-apply',
    tool: TOOL,
    answerFile,
    ...applyDocument(r, regFile),
    report: {
      target: r.target.dir,
      postUpgrade: {
        status: r.status,
        ...(r.failure === undefined ? {} : { message: r.failure.line === undefined ? r.failure.message : formatLocated({ ...r.failure, message: r.failure.message.replace(/^\S+:\d+:\d+: /, '') }) }),
        components: r.components.map((c) => ({
          preNT5Instance: c.preNT5Instance ?? c.key,
          status: c.status,
          kind: c.kind,
          key: c.key,
          nt5InfId: c.infId,
          ...(c.plugin === undefined ? {} : { plugin: c.plugin }),
          ...(c.instanceGuid === undefined ? {} : { instanceGuid: c.instanceGuid }),
          ...(c.instanceKey === undefined ? {} : { instanceKey: c.instanceKey }),
          ...(c.steps.length === 0 ? {} : { detail: c.steps.join('; ') }),
        })),
      },
      registryChanges: registryChangesFrom(r.changes),
    },
  };
  const bytes = new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
  const runDir = o.runDir !== undefined ? resolve(ctx.io.cwd, o.runDir) : existsSync(join(dirname(answerFile), RUN_RECORD)) ? dirname(answerFile) : undefined;
  const targets = [...(r.status === 'applied' ? [join(r.target.dir, APPLY_RECORD)] : []), ...(runDir === undefined ? [] : [join(runDir, APPLY_RECORD)])];
  for (const t of targets) await writeOutput(t, ctx.io.cwd, bytes);
  return targets;
}

function print(ctx: CommandContext, r: ApplyResult, regFile: string | undefined): void {
  const out = (s: string) => ctx.io.stderr(`${s}\n`);
  for (const c of r.components) {
    out(`${c.status.padEnd(13)} ${c.key} (${c.infId})${c.instanceKey === undefined ? '' : ` → ${c.instanceKey}`}`);
    for (const s of c.steps) out(`              ${s}`);
  }
  if (r.status === 'already-applied') out(`already applied: ${r.target.dir} holds this answer file's result; nothing changed`);
  if (r.status === 'failed' && r.failure !== undefined) {
    const f = r.failure;
    const who = [f.component && `component ${f.component}`, f.plugin && `plugin ${f.plugin}`, f.hook && `hook ${f.hook}`].filter(Boolean).join(', ');
    out(`netmigrate: apply failed in ${f.step}${who === '' ? '' : ` (${who})`}`);
    out(`  ${f.line === undefined ? f.message : formatLocated({ ...f, message: f.message.replace(/^\S+:\d+:\d+: /, '') })}`);
    out(`  the target registry was left as it was before the run (${r.target.registryFile})`);
    out('  what to do: fix the answer file, the plugin or its INF named above and run apply again');
    return;
  }
  out(`${r.changes.length} registry change(s) in ${Math.round(r.durationMs)} ms`);
  ctx.io.stdout(`$Winnt$.inf:     ${r.winntInfPath ?? '(none)'}\n`);
  ctx.io.stdout(`target registry: ${r.target.registryFile}\n`);
  ctx.io.stdout(`exported .reg:   ${regFile ?? '(none)'}\n`);
  if (r.status === 'applied') ctx.io.stdout(`apply record:    ${join(r.target.dir, APPLY_RECORD)}\n`);
}
