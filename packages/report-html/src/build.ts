// Turns what the phases return (live objects: the AnswerFile view, RegValue instances, help
// file paths) into the plain NetmigrateReport the renderers and `--format json` use.

import { readFile } from 'node:fs/promises';
import type { AnswerFileView, EngineDiagnostic, HelpFiles, NetUpgradeInfo, ReportEntry } from '@netmigrate/core';
import { getCodepage, type RegDiffEntry } from '@netmigrate/registry';
import { REPORT_SCHEMA_VERSION, type AnswerFileSection, type ApplySection, type HelpContent, type NetmigrateReport, type RegistryChange, type ReportComponent } from './input.js';

/** What the report needs of runWinnt32Phase's result (a Winnt32Result fits). */
export interface Winnt32Outcome {
  readonly status: string;
  readonly report: { readonly components: readonly ReportEntry[] };
  readonly answerFile: Pick<AnswerFileView, 'sectionNames' | 'lines' | 'sectionOwner' | 'state'>;
  readonly diagnostics: readonly EngineDiagnostic[];
  readonly message?: string;
  readonly answerFilePath?: string;
  readonly upgradeInfo?: NetUpgradeInfo;
}

export interface BuildReportOptions {
  /** The command that ran: plan, upgrade, apply. */
  readonly command?: string;
  readonly title?: string;
  /** ISO 8601; omit for a reproducible report. */
  readonly generatedAt?: string;
  readonly tool?: { readonly name: string; readonly version: string };
  /** Where the answer file would be written (a plan has no answerFilePath of its own). */
  readonly answerFilePath?: string;
  readonly apply?: ApplySection;
  /** Read each component's help files into the report (default true). */
  readonly readHelp?: boolean;
  /** Per help file; longer files are cut (default 256 KiB). */
  readonly helpLimitBytes?: number;
}

const DEFAULT_HELP_LIMIT = 256 * 1024;

/**
 * The report of a Winnt32 run. Help files are read now, while the vendor directories still
 * exist; one that cannot be read becomes a warning in the report's diagnostics.
 */
export async function buildReportInput(run: Winnt32Outcome, options: BuildReportOptions = {}): Promise<NetmigrateReport> {
  const diagnostics: EngineDiagnostic[] = [...run.diagnostics];
  const limit = options.helpLimitBytes ?? DEFAULT_HELP_LIMIT;
  const components: ReportComponent[] = [];
  for (const entry of run.report.components) {
    const help = options.readHelp === false || entry.helpFiles === undefined ? undefined : await readHelp(entry.helpFiles, limit, entry.preNT5Instance, diagnostics);
    components.push(help === undefined ? { ...entry } : { ...entry, help });
  }
  const path = run.answerFilePath ?? options.answerFilePath;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    ...(options.tool === undefined ? {} : { tool: options.tool }),
    run: {
      ...(options.command === undefined ? {} : { command: options.command }),
      status: run.status,
      ...(run.message === undefined ? {} : { message: run.message }),
      ...(run.upgradeInfo === undefined ? {} : { upgradeInfo: run.upgradeInfo }),
    },
    components,
    answerFile: { ...(path === undefined ? {} : { path }), state: run.answerFile.state, sections: answerFileSections(run.answerFile) },
    diagnostics,
    ...(options.apply === undefined ? {} : { apply: options.apply }),
  };
}

/** The answer file's sections in file order, each with the engine or plugin that owns it. */
export function answerFileSections(view: Pick<AnswerFileView, 'sectionNames' | 'lines' | 'sectionOwner'>): AnswerFileSection[] {
  return view.sectionNames().map((name) => ({ name, owner: view.sectionOwner(name) ?? { kind: 'engine' }, lines: view.lines(name) ?? [] }));
}

/** diffRegistries' entries with their values as text. */
export function registryChangesFrom(diff: readonly RegDiffEntry[]): RegistryChange[] {
  return diff.map((d) => {
    const text = (v: RegDiffEntry['before']) => {
      if (v === undefined) return undefined;
      const { type, data } = v.toJSON();
      return { type, data };
    };
    const before = text(d.before);
    const after = text(d.after);
    return {
      kind: d.kind,
      path: d.path,
      ...(d.name === undefined ? {} : { name: d.name }),
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    };
  });
}

async function readHelp(files: HelpFiles, limit: number, component: string, diagnostics: EngineDiagnostic[]): Promise<HelpContent | undefined> {
  const out: { txt?: string; htm?: string; truncated?: boolean } = {};
  for (const kind of ['txt', 'htm'] as const) {
    if (!files.exists[kind]) continue;
    try {
      const bytes = await readFile(files[kind]);
      const cut = bytes.length > limit;
      if (cut) out.truncated = true;
      out[kind] = decodeHelp(bytes.subarray(0, limit), cut);
    } catch (e) {
      diagnostics.push({ severity: 'warning', code: 'report-help-unreadable', message: `the help file could not be read for the report: ${(e as Error).message}`, file: files[kind], component });
    }
  }
  return out.txt === undefined && out.htm === undefined ? undefined : out;
}

/**
 * Help files of the NT era are ANSI (Windows-1252); newer ones may be UTF-8 or UTF-16 with a
 * BOM. Valid UTF-8 is taken as UTF-8, anything else as Windows-1252, which decodes every byte.
 */
export function decodeHelp(bytes: Uint8Array, cut = false): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    // A file cut at the limit may end inside a character: streaming leaves that tail out.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    // Not TextDecoder('windows-1252'): Node 20 reads 0x80-0x9F as Latin-1 there (0x80 is €).
    const { toUnit } = getCodepage(1252);
    let out = '';
    for (const b of bytes) out += String.fromCharCode(toUnit[b] as number);
    return out;
  }
}
