// The report document: one plain JSON-safe object that the HTML and Markdown renderers read
// and that `netmigrate report --format json` prints as it is. Only types come from core and
// registry, so rendering loads neither the engine nor the sandbox.

import type { EngineDiagnostic, NetUpgradeInfo, ReportEntry, ReportStatus, SectionOwner } from '@netmigrate/core';

export const REPORT_SCHEMA_VERSION = 1;

/** Every status, in the order the summary lists them (a Record so a new core status fails to compile here). */
const STATUS_ORDER: Record<ReportStatus, number> = { 'built-in': 0, upgraded: 1, 'not-supported': 2, 'no-mapping': 3, failed: 4, 'not-run': 5 };
export const STATUSES = (Object.keys(STATUS_ORDER) as ReportStatus[]).sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b]);

/** The contents of a component's help files (the report holds text, not paths that may be gone later). */
export interface HelpContent {
  /** The `.txt` help, shown as plain text. */
  readonly txt?: string;
  /** The `.htm` help, shown in a sandboxed frame where no script runs. */
  readonly htm?: string;
  /** Set when a file was cut at the size limit. */
  readonly truncated?: boolean;
}

/** One row of the compatibility report: core's entry plus its help text. */
export interface ReportComponent extends ReportEntry {
  readonly help?: HelpContent;
}

export interface AnswerFileSection {
  readonly name: string;
  readonly owner: SectionOwner;
  readonly lines: readonly string[];
}

export interface AnswerFileContent {
  /** Where it was (or would be) written. */
  readonly path?: string;
  /** `draft` for a plan, `committed` once written, `discarded` when the run stopped. */
  readonly state?: string;
  /** In file order. */
  readonly sections: readonly AnswerFileSection[];
}

/** A registry value as text: `toJSON()` of @netmigrate/registry's RegValue. */
export interface RegistryValueText {
  readonly type: string;
  readonly data: string;
}

/** One entry of `diffRegistries(before, after)`, values as text. */
export interface RegistryChange {
  readonly kind: 'keyAdded' | 'keyRemoved' | 'valueAdded' | 'valueRemoved' | 'valueChanged';
  readonly path: string;
  /** The value name for value entries; '' is the default value. */
  readonly name?: string;
  readonly before?: RegistryValueText;
  readonly after?: RegistryValueText;
}

/** One component of the post-upgrade (GUI-mode) phase. Statuses are the phase's own words. */
export interface PostUpgradeComponent {
  readonly preNT5Instance: string;
  readonly status: string;
  readonly kind?: string;
  readonly key?: string;
  readonly nt5InfId?: string;
  readonly plugin?: string;
  readonly instanceGuid?: string;
  readonly instanceKey?: string;
  readonly detail?: string;
}

export interface PostUpgradeReport {
  readonly status: string;
  readonly message?: string;
  readonly components: readonly PostUpgradeComponent[];
}

/** What `apply` adds: the target, what became of each component, and the registry changes. */
export interface ApplySection {
  readonly target?: string;
  readonly postUpgrade?: PostUpgradeReport;
  readonly registryChanges?: readonly RegistryChange[];
  readonly diagnostics?: readonly EngineDiagnostic[];
}

export interface RunSummary {
  /** `plan`, `upgrade`, `apply`, … — the command that produced the report. */
  readonly command?: string;
  /** The Winnt32 phase's status: committed, cancelled, aborted, failed. */
  readonly status: string;
  readonly message?: string;
  readonly upgradeInfo?: NetUpgradeInfo;
}

/** The whole report. `--format json` prints exactly this object. */
export interface NetmigrateReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** Shown as the page title; default "netmigrate report". */
  readonly title?: string;
  /** ISO 8601. Left out, the report has no date (so it is byte-for-byte reproducible). */
  readonly generatedAt?: string;
  readonly tool?: { readonly name: string; readonly version: string };
  readonly run: RunSummary;
  readonly components: readonly ReportComponent[];
  readonly answerFile?: AnswerFileContent;
  readonly diagnostics: readonly EngineDiagnostic[];
  readonly apply?: ApplySection;
}

/** Components per status, every status present. */
export function countStatuses(components: readonly Pick<ReportEntry, 'status'>[]): Record<ReportStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const c of components) counts[c.status]++;
  return counts;
}
