import { formatNuaFlags, nuaFlagNames, type NuaFlagName } from '../contract/constants.js';
import type { VendorInfo } from '../contract/vendor-info.js';

/**
 * What became of one installed network component in the Winnt32 phase:
 * - `built-in`: Windows 2000 upgrades it itself; the engine wrote its entry from our table;
 * - `upgraded`: its plugin's DoPreUpgradeProcessing succeeded and its sections are in the draft;
 * - `not-supported`: its netmap.inf maps it but marks it NotSupported;
 * - `no-mapping`: no netmap.inf maps its pre-upgrade ID (or a one-to-many section matched no line);
 * - `failed`: its plugin (or, for a built-in, the engine) failed; nothing of it is in the draft;
 * - `not-run`: its plugin never processed it (the run stopped at an abort request first).
 */
export type ReportStatus = 'built-in' | 'upgraded' | 'not-supported' | 'no-mapping' | 'failed' | 'not-run';

export const REPORT_STATUSES: readonly ReportStatus[] = ['built-in', 'upgraded', 'not-supported', 'no-mapping', 'failed', 'not-run'];

/** The Help message files shown for a component (spec §5.6, §7): both versions, the UI picks one. */
export interface HelpFiles {
  readonly txt: string;
  readonly htm: string;
  /** `vendor`: [OemUpgradeHelpFiles] of its netmap.inf; `default`: winntupg\unsupmsg.*. */
  readonly source: 'vendor' | 'default';
  /** Which of the two files exist on disk. */
  readonly exists: { readonly txt: boolean; readonly htm: boolean };
}

export interface ReportFailure {
  readonly plugin?: string;
  readonly hook?: string;
  readonly component: string;
  /** PluginHookFailure kinds, plus `load` (PluginLoadError), `answer-file` (refused at staging), `engine`. */
  readonly kind: string;
  readonly message: string;
}

export interface ReportPlugin {
  readonly name: string;
  readonly version?: string;
  /** The module the plugin was loaded from (OemDllToLoad when it asks for GUI mode). */
  readonly module: string;
  /** Its working directory (oem0001, …). */
  readonly workingDir: string;
}

export interface ReportEntry {
  readonly kind: string;
  readonly preNT5InfId: string;
  readonly preNT5Instance: string;
  readonly title?: string;
  readonly status: ReportStatus;
  readonly nt5InfId?: string;
  /** Its key in the top-level section and its parameters section, when it has an entry. */
  readonly answerFileKey?: string;
  readonly paramsSection?: string;
  /** netmap.inf that mapped it, with the line of the mapping. */
  readonly netmap?: { readonly file: string; readonly line?: number; readonly column?: number };
  readonly plugin?: ReportPlugin;
  readonly vendorInfo?: Required<VendorInfo>;
  /** pdwFlags DoPreUpgradeProcessing returned (0 when none). */
  readonly flags?: number;
  readonly flagNames?: readonly NuaFlagName[];
  readonly helpFiles?: HelpFiles;
  readonly failure?: ReportFailure;
  /** One sentence on why the component has this status. */
  readonly detail: string;
}

export interface CompatibilityReport {
  readonly components: readonly ReportEntry[];
  readonly counts: Readonly<Record<ReportStatus, number>>;
}

export function buildReport(entries: readonly ReportEntry[]): CompatibilityReport {
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const e of entries) counts[e.status]++;
  return { components: entries, counts };
}

export function withFlags(flags: number): { flags: number; flagNames: NuaFlagName[] } {
  return { flags, flagNames: nuaFlagNames(flags) };
}

const LABEL: Record<ReportStatus, string> = {
  'built-in': 'built in',
  upgraded: 'upgraded by plugin',
  'not-supported': 'NOT SUPPORTED',
  'no-mapping': 'NO MAPPING',
  failed: 'FAILED',
  'not-run': 'not run',
};

/** The compatibility report as an operator reads it (the wizard page of spec §4.2, as text). */
export function formatReport(report: CompatibilityReport): string {
  const out: string[] = [];
  for (const e of report.components) {
    const id = e.nt5InfId === undefined ? e.preNT5InfId : `${e.preNT5InfId} → ${e.nt5InfId}`;
    out.push(`${LABEL[e.status].padEnd(18)} ${e.kind.padEnd(12)} ${e.preNT5Instance} (${id})${e.title === undefined ? '' : ` — ${e.title}`}`);
    out.push(`${' '.repeat(19)}${e.detail}`);
    if (e.plugin !== undefined) out.push(`${' '.repeat(19)}plugin ${e.plugin.name}${e.plugin.version === undefined ? '' : ` ${e.plugin.version}`}, working directory ${e.plugin.workingDir}`);
    if (e.flags !== undefined && e.flags !== 0) out.push(`${' '.repeat(19)}flags ${formatNuaFlags(e.flags)}`);
    if (e.vendorInfo !== undefined) {
      const v = e.vendorInfo;
      const contact = [v.supportNumber, v.supportUrl].filter((s) => s !== '').join(', ');
      out.push(`${' '.repeat(19)}vendor ${v.companyName}${contact === '' ? '' : ` (${contact})`}`);
      if (v.instructionsToUser !== '') out.push(`${' '.repeat(19)}${v.instructionsToUser}`);
    }
    if (e.helpFiles !== undefined) out.push(`${' '.repeat(19)}help: ${e.helpFiles.txt}, ${e.helpFiles.htm}${e.helpFiles.source === 'default' ? ' (default)' : ''}`);
  }
  const totals = REPORT_STATUSES.filter((s) => report.counts[s] > 0).map((s) => `${report.counts[s]} ${LABEL[s].toLowerCase()}`);
  out.push('', totals.length === 0 ? 'no network components found' : totals.join(', '));
  return out.join('\n');
}
