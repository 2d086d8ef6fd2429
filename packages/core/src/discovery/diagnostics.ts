// One diagnostic shape for everything the engine reports about its inputs (registry,
// netupg.inf, netmap.inf) and about plugins, so a command can print and count them alike.

export interface EngineDiagnostic {
  severity: 'error' | 'warning';
  /** Stable identifier, e.g. `netmap-missing-value-name` (listed in docs/decisions.md). */
  code: string;
  message: string;
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The component concerned: its pre-upgrade instance (e.g. `Elnkii02`). */
  component?: string;
  plugin?: string;
  hook?: string;
}

/** `file:line:col: severity: message [code]`, the form editors and CI annotators understand. */
export function formatDiagnostic(d: EngineDiagnostic): string {
  let where = '';
  if (d.file !== undefined) {
    where = d.file;
    if (d.line !== undefined) where += `:${d.line}`;
    if (d.line !== undefined && d.column !== undefined) where += `:${d.column}`;
    where += ': ';
  }
  const about = [
    d.component === undefined ? '' : `component ${d.component}`,
    d.plugin === undefined ? '' : `plugin ${d.plugin}`,
    d.hook === undefined ? '' : `hook ${d.hook}`,
  ].filter((s) => s !== '');
  const prefix = about.length === 0 ? '' : `${about.join(', ')}: `;
  return `${where}${d.severity}: ${prefix}${d.message} [${d.code}]`;
}

export type DiagnosticSink = (d: EngineDiagnostic) => void;
