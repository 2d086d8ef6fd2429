// `netmigrate plan`: the Winnt32 phase as a dry run. It drafts the answer file in a temporary
// work directory, declines at the confirmation (so the engine writes nothing and removes the
// plugins' working directories), removes the directory, and shows the compatibility report
// and the draft — or its diff against an existing answer file.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AbortRequest, ConfirmSummary, CompatibilityReport } from '@netmigrate/core';
import type { CommandContext } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { readInput } from '../files.js';
import { unifiedDiff } from '../diff.js';
import { printJson } from '../output.js';
import {
  addSourceOptions,
  bootSandboxesEarly,
  decodeAnswerFile,
  type EarlyBoot,
  formatDiagnostic,
  readPhaseInputs,
  replaceInJson,
  runPhase,
  type SourceFlags,
} from '../winnt32-run.js';

export interface PlanFlags extends SourceFlags {
  answerFile?: string;
  out?: string;
  detailedExitcode?: boolean;
}

/** What a plan found; `plan --json` prints it, `demo` reuses it. */
export interface PlanOutcome {
  readonly status: 'planned' | 'failed' | 'aborted';
  readonly message?: string;
  readonly report: CompatibilityReport;
  /** Where an upgrade would write winnt.sif (paths in the draft use its directory). */
  readonly answerFilePath: string;
  readonly draft: string;
  /** Set with --answer-file: '' when the draft equals it. */
  readonly diff?: string;
  readonly changes: boolean;
  readonly abortRequests: readonly { plugin: string; components: readonly string[]; message: string }[];
  readonly document: Record<string, unknown>;
}

/** The placeholder for the work directory when a plan has no --out or --answer-file. */
export const OUT_PLACEHOLDER = '<out>';

export function registerPlanCommand(program: Command, ctx: CommandContext): void {
  addSourceOptions(
    program
      .command('plan')
      .description('dry run of the Winnt32 phase: the compatibility report and the answer file an upgrade would write (nothing is written outside a temporary directory)'),
  )
    .option('--answer-file <winnt.sif>', 'an existing answer file: show the draft as a diff against it')
    .option('--out <dir>', "the directory an upgrade would write to (its paths appear in the draft); default: --answer-file's directory")
    .option('--detailed-exitcode', 'exit 2 when there are changes (the draft differs from --answer-file, or there is no --answer-file), 0 when none')
    .action(async (o: PlanFlags, cmd: Command) => {
      const flags = { ...o, ...cmd.optsWithGlobals<{ color?: boolean }>() };
      const outcome = await planRun(ctx, flags);
      if (o.json === true) printJson(ctx.io, outcome.document);
      else printPlan(ctx, outcome, o, (await import('@netmigrate/core')).formatReport);
      const failed = outcome.status !== 'planned' || outcome.report.counts.failed > 0;
      ctx.exitCode = failed ? EXIT.failure : o.detailedExitcode === true && outcome.changes ? EXIT.changes : EXIT.ok;
    });
}

export async function planRun(ctx: CommandContext, o: PlanFlags): Promise<PlanOutcome> {
  const cwd = ctx.io.cwd;
  const outDir = o.out !== undefined ? resolve(cwd, o.out) : o.answerFile !== undefined ? dirname(resolve(cwd, o.answerFile)) : undefined;
  const workDir = await mkdtemp(join(tmpdir(), 'netmigrate-plan-'));
  let summary: ConfirmSummary | undefined;
  let draftBytes: Uint8Array | undefined;
  const abortRequests: { plugin: string; components: readonly string[]; message: string }[] = [];
  let result;
  let inputs;
  let existing: string | undefined;
  let early: EarlyBoot = {};
  try {
    // The sandboxes boot while the registry is read and the engine loads.
    early = await bootSandboxesEarly(ctx, o, workDir);
    inputs = await readPhaseInputs(ctx, o, early.pluginSet);
    existing = o.answerFile === undefined ? undefined : decodeAnswerFile(await readInput(o.answerFile, cwd));
    ({ result } = await runPhase(ctx, o, inputs, {
      ...(early.pool === undefined ? {} : { hostPool: early.pool }),
      workDir,
      unattended: false,
      title: `plan: Winnt32 phase on ${o.registry}`,
      confirm: (s) => {
        summary = s;
        draftBytes = s.answerFile.toBytes();
        return false;
      },
      // A plan goes on without a plugin that asks to abort, so it can show everything else; upgrade asks.
      askAbort: (r: AbortRequest) => {
        abortRequests.push({ plugin: r.plugin, components: r.components, message: r.message });
        return false;
      },
    }));
  } finally {
    await early.pool?.close();
    await rm(workDir, { recursive: true, force: true });
  }
  const out = outDir ?? OUT_PLACEHOLDER;
  const answerFilePath = join(out, 'winnt.sif');
  const report = replaceInJson(summary?.report ?? result.report, workDir, out);
  const draft = draftBytes === undefined ? '' : decodeAnswerFile(draftBytes).split(workDir).join(out);
  const status = summary === undefined ? (result.status === 'aborted' ? 'aborted' : 'failed') : 'planned';
  const diff = existing === undefined || status !== 'planned' ? undefined : unifiedDiff(existing, draft, { fromName: o.answerFile as string, toName: `${answerFilePath} (plan)` });
  const changes = status === 'planned' && (diff === undefined || diff !== '');
  const diagnostics = replaceInJson(result.diagnostics, workDir, out);
  const message = status === 'planned' ? undefined : (result.message ?? `the Winnt32 phase ended ${result.status}`);
  const document: Record<string, unknown> = {
    command: 'plan',
    status,
    message: message ?? null,
    changes,
    registry: inputs.registryFile,
    vendorFiles: inputs.oemDescription,
    answerFile: { path: answerFilePath, text: status === 'planned' ? draft : null, compareTo: o.answerFile === undefined ? null : resolve(cwd, o.answerFile), diff: diff ?? null },
    report,
    abortRequests,
    diagnostics,
    timings: result.timings,
  };
  return { status, ...(message === undefined ? {} : { message }), report, answerFilePath, draft, ...(diff === undefined ? {} : { diff }), changes, abortRequests, document };
}

function printPlan(ctx: CommandContext, p: PlanOutcome, o: PlanFlags, formatReport: (r: CompatibilityReport) => string): void {
  const out = (s: string) => ctx.io.stdout(`${s}\n`);
  const err = (s: string) => ctx.io.stderr(`${s}\n`);
  for (const d of (p.document.diagnostics as Parameters<typeof formatDiagnostic>[0][]) ?? []) err(formatDiagnostic(d));
  if (p.status !== 'planned') {
    throw new CliError(`plan ${p.status}: ${p.message ?? ''}`.trim(), EXIT.failure, p.status === 'aborted' ? 'follow the plugin\'s instructions above, then plan again' : 'fix the vendor files named above and plan again');
  }
  out('Compatibility report');
  out('');
  out(formatReport(p.report));
  for (const a of p.abortRequests) {
    out('');
    out(`Plugin ${a.plugin} asks to abort the upgrade (its components ${a.components.join(', ')} are not in this plan):`);
    out(a.message);
  }
  out('');
  if (p.diff !== undefined) {
    if (p.diff === '') out(`No changes: ${o.answerFile ?? ''} already holds this answer file.`);
    else {
      out(`Changes to ${o.answerFile ?? ''}:`);
      out('');
      ctx.io.stdout(p.diff);
    }
  } else {
    out(`Answer file an upgrade would write to ${p.answerFilePath}:`);
    out('');
    ctx.io.stdout(p.draft.replace(/\r\n/g, '\n'));
  }
  if (p.report.counts.failed > 0) err('what to do: fix the failing plugin or its options (netmigrate plugins check), then plan again');
}
