// `netmigrate upgrade --out <dir>`: the Winnt32 phase for real. The draft is shown and the
// operator confirms on a terminal (or passes --yes); only then are winnt.sif, the plugins'
// working directories and the run record (netmigrate-run.json, report.json) left in <dir>.

import { existsSync } from 'node:fs';
import { readdir, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AbortRequest, ConfirmSummary, CompatibilityReport, Winnt32Result } from '@netmigrate/core';
import type { CommandContext } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { writeOutput } from '../files.js';
import { printJson } from '../output.js';
import { REPORT_FILE, RUN_RECORD, TOOL, type RunRecord } from '../run-record.js';
import { addSourceOptions, decodeAnswerFile, formatDiagnostic, phaseDocument, readPhaseInputs, runPhase, type PhaseInputs, type SourceFlags } from '../winnt32-run.js';

export interface UpgradeFlags extends SourceFlags {
  out: string;
  yes?: boolean;
}

export interface UpgradeOutcome {
  readonly result: Winnt32Result;
  readonly outDir: string;
  /** Set when committed. */
  readonly runRecord?: string;
  readonly reportFile?: string;
  readonly document: Record<string, unknown>;
}

const NO_TTY_HINT = 'run it on a terminal to review and confirm, or pass --yes for an unattended run (review it first with `netmigrate plan`)';

export function registerUpgradeCommand(program: Command, ctx: CommandContext): void {
  addSourceOptions(
    program
      .command('upgrade')
      .description('the Winnt32 phase: draft the answer file, confirm, then write winnt.sif, the working directories and the run record to --out'),
  )
    .requiredOption('--out <dir>', 'the run directory (the $Win_nt$.~bt counterpart): winnt.sif, oem0001…, netmigrate-run.json, report.json')
    .option('-y, --yes', 'unattended: commit without asking; a plugin that requests an abort stops the run')
    .action(async (o: UpgradeFlags, cmd: Command) => {
      const flags = { ...o, ...cmd.optsWithGlobals<{ color?: boolean }>() };
      const outcome = await upgradeRun(ctx, flags);
      const r = outcome.result;
      if (o.json === true) printJson(ctx.io, outcome.document);
      else {
        for (const d of r.diagnostics) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
        if (r.status === 'committed') {
          ctx.io.stdout(`answer file:  ${r.answerFilePath ?? ''}\n`);
          for (const dir of r.workingDirs) ctx.io.stdout(`working dir:  ${dir}\n`);
          ctx.io.stdout(`run record:   ${outcome.runRecord ?? ''}\n`);
          ctx.io.stdout(`next:         netmigrate apply ${r.answerFilePath ?? ''} --target <dir>; netmigrate report ${outcome.outDir} --format html -o report.html\n`);
        }
      }
      if (r.status !== 'committed') {
        const what = r.status === 'cancelled' ? 'not confirmed: nothing was written' : `${r.status}: nothing was written`;
        const message = `upgrade ${what}${r.message === undefined || r.status === 'cancelled' ? '' : ` — ${r.message}`}`;
        if (o.json === true) ctx.exitCode = EXIT.failure;
        else throw new CliError(message, EXIT.failure, r.status === 'cancelled' ? 'run it again and answer yes to write the answer file' : 'fix what is named above and run the upgrade again');
      }
    });
}

export async function upgradeRun(ctx: CommandContext, o: UpgradeFlags, answer?: (question: string) => Promise<string>): Promise<UpgradeOutcome> {
  const io = ctx.io;
  const ask = answer ?? (o.yes === true || !io.stdinIsTTY ? undefined : io.prompt);
  if (o.yes !== true && ask === undefined) {
    throw new CliError('upgrade asks for confirmation, and stdin is not a terminal: nothing was done', EXIT.failure, NO_TTY_HINT);
  }
  const inputs = await readPhaseInputs(ctx, o);
  const outDir = resolve(io.cwd, o.out);
  const existed = existsSync(outDir);
  const { formatReport } = await import('@netmigrate/core');
  const { result } = await runPhase(ctx, o, inputs, {
    workDir: outDir,
    unattended: o.yes === true,
    title: `upgrade: Winnt32 phase on ${o.registry}`,
    confirm: async (summary) => {
      if (o.yes === true) return true;
      showDraft(ctx, summary, formatReport);
      const reply = await (ask as (q: string) => Promise<string>)(`Write the answer file to ${summary.answerFilePath}? Type "yes" to confirm: `);
      return /^\s*y(es)?\s*$/i.test(reply);
    },
    ...(o.yes === true || ask === undefined
      ? {}
      : {
          askAbort: async (request: AbortRequest) => {
            io.stderr(`\nPlugin ${request.plugin} asks to abort the upgrade (components ${request.components.join(', ')}):\n${request.message}\n`);
            const reply = await ask(`Abort the upgrade? [Y/n] (n: go on without ${request.plugin}) `);
            return !/^\s*no?\s*$/i.test(reply);
          },
        }),
  });
  let runRecord: string | undefined;
  let reportFile: string | undefined;
  if (result.status === 'committed') {
    ({ runRecord, reportFile } = await writeRunRecord(ctx, 'upgrade', inputs, result, outDir));
  } else if (!existed) {
    // The engine created --out and removed what it put there; an empty directory is ours to remove too.
    if (existsSync(outDir) && (await readdir(outDir)).length === 0) await rmdir(outDir);
  }
  const document = { command: 'upgrade', ...phaseDocument(result), answerFilePath: result.answerFilePath ?? null, runRecord: runRecord ?? null, reportFile: reportFile ?? null };
  return { result, outDir, ...(runRecord === undefined ? {} : { runRecord }), ...(reportFile === undefined ? {} : { reportFile }), document };
}

function showDraft(ctx: CommandContext, s: ConfirmSummary, formatReport: (r: CompatibilityReport) => string): void {
  const out = (t: string) => ctx.io.stderr(`${t}\n`);
  out('');
  out('Compatibility report');
  out('');
  out(formatReport(s.report));
  out('');
  out(`Answer file to be written to ${s.answerFilePath}:`);
  out('');
  ctx.io.stderr(decodeAnswerFile(s.answerFile.toBytes()).replace(/\r\n/g, '\n'));
  out('');
}

/** Saves the report document (help files read now) and the run record in the run directory. */
export async function writeRunRecord(ctx: CommandContext, command: string, inputs: PhaseInputs, result: Winnt32Result, outDir: string): Promise<{ runRecord: string; reportFile: string }> {
  const { buildReportInput } = await import('@netmigrate/report-html');
  const report = await buildReportInput(result, { command, tool: TOOL, ...(result.answerFilePath === undefined ? {} : { answerFilePath: result.answerFilePath }) });
  const reportFile = join(outDir, REPORT_FILE);
  await writeOutput(reportFile, ctx.io.cwd, new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`));
  const record: RunRecord = {
    schemaVersion: 1,
    kind: 'netmigrate-run',
    tool: TOOL,
    command,
    status: result.status,
    message: result.message ?? null,
    registry: inputs.registryFile,
    vendorFiles: inputs.oemDescription,
    answerFilePath: result.answerFilePath ?? null,
    workingDirs: result.workingDirs,
    report: { file: REPORT_FILE, counts: result.report.counts },
    diagnostics: result.diagnostics,
    timings: result.timings,
  };
  const runRecord = join(outDir, RUN_RECORD);
  await writeOutput(runRecord, ctx.io.cwd, new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
  return { runRecord, reportFile };
}
