// `netmigrate report <run dir> --format html|md|json -o <file>`: renders a run directory's
// report (and the apply record, when `apply` ran for it) with @netmigrate/report-html.

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { NetmigrateReport } from '@netmigrate/report-html';
import type { CommandContext } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { writeOutput } from '../files.js';
import { APPLY_RECORD, readRecord, REPORT_FILE, RUN_RECORD } from '../run-record.js';

interface ReportFlags {
  format: string;
  output?: string;
  apply?: string;
}

const FORMATS = ['html', 'md', 'json'] as const;
const RUN_HINT = 'point at the --out directory of `netmigrate upgrade` (it holds netmigrate-run.json and report.json)';

export function registerReportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('render a run directory\'s report: one self-contained HTML file, Markdown, or the JSON report document')
    .argument('<run dir>', 'the --out directory of `netmigrate upgrade` (or its netmigrate-run.json)')
    .option('--format <format>', 'html, md or json', 'html')
    .option('-o, --output <file>', 'where to write it (default: stdout)')
    .option('--apply <record>', `an apply record (${APPLY_RECORD}, or the --target directory holding it); default: the run directory's own, when apply wrote one there`)
    .action(async (runDir: string, o: ReportFlags) => {
      if (!(FORMATS as readonly string[]).includes(o.format)) throw new CliError(`--format ${o.format}: expected html, md or json`, EXIT.failure, 'choose --format html, --format md or --format json');
      const report = await loadRunReport(ctx, runDir, o.apply);
      const { renderHtmlReport, renderMarkdownReport } = await import('@netmigrate/report-html');
      const text = o.format === 'html' ? renderHtmlReport(report) : o.format === 'md' ? renderMarkdownReport(report) : `${JSON.stringify(report, null, 2)}\n`;
      if (o.output === undefined) ctx.io.stdout(text);
      else {
        await writeOutput(o.output, ctx.io.cwd, new TextEncoder().encode(text));
        ctx.io.stderr(`report (${o.format}): ${resolve(ctx.io.cwd, o.output)}\n`);
      }
    });
}

/** The run's report document, with the apply section merged in when there is an apply record. */
export async function loadRunReport(ctx: CommandContext, runDir: string, applyArg?: string): Promise<NetmigrateReport> {
  const cwd = ctx.io.cwd;
  const given = resolve(cwd, runDir);
  const dir = existsSync(given) && statSync(given).isFile() ? dirname(given) : given;
  const record = await readRecord(join(dir, RUN_RECORD), 'netmigrate-run', RUN_HINT);
  const reportName = typeof (record.report as { file?: unknown } | undefined)?.file === 'string' ? (record.report as { file: string }).file : REPORT_FILE;
  const reportPath = join(dir, reportName);
  const { parseReportInput, ReportInputError } = await import('@netmigrate/report-html');
  let text: string;
  try {
    text = await readFile(reportPath, 'utf8');
  } catch {
    throw new CliError(`${reportPath}: no such file (named by ${join(dir, RUN_RECORD)})`, EXIT.failure, 'run the upgrade again to write the report document');
  }
  let report: NetmigrateReport;
  try {
    report = parseReportInput(text, reportPath);
  } catch (e) {
    if (e instanceof ReportInputError) throw new CliError(e.message, EXIT.failure, 'the report document was edited or written by another version; run the upgrade again');
    throw e;
  }
  const applyPath = applyArg === undefined ? join(dir, APPLY_RECORD) : existsSync(resolve(cwd, applyArg)) && statSync(resolve(cwd, applyArg)).isDirectory() ? join(resolve(cwd, applyArg), APPLY_RECORD) : resolve(cwd, applyArg);
  if (applyArg === undefined && !existsSync(applyPath)) return report;
  const applied = await readRecord(applyPath, 'netmigrate-apply', `run \`netmigrate apply … --target <dir>\` first; it writes <dir>/${APPLY_RECORD}`);
  const merged = { ...report, apply: applied.report };
  // The merged document is checked again as a whole: a damaged apply record is named.
  try {
    return parseReportInput(JSON.stringify(merged), applyPath);
  } catch (e) {
    if (e instanceof ReportInputError) throw new CliError(`${applyPath}: "report" ${e.field.replace(/^\$\.apply/, '$')}: ${e.problem}`, EXIT.failure, 'run apply again to rewrite its record');
    throw e;
  }
}
