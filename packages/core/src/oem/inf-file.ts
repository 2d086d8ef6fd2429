// Reading a vendor INF (netupg.inf, netmap.inf): SetupAPI's syntax via @netmigrate/inf in
// strict mode, so what SetupAPI would silently drop or alter is reported as a warning.

import { readFile } from 'node:fs/promises';
import { InfSyntaxError, parseInf, type InfDocument, type InfLine, type Substituter } from '@netmigrate/inf';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { OemFileError } from './errors.js';
import { entryColumns, fieldColumn, type EntryColumns } from './positions.js';

export interface LoadedInf {
  doc: InfDocument;
  /** Strict-mode findings as warnings or errors, code `inf-<finding>`. */
  diagnostics: EngineDiagnostic[];
}

/**
 * `kind` names the file in codes: `netmap` → `netmap-unreadable`, `netmap-syntax`.
 * `dropFindings`: finding codes the caller reports itself with more context.
 */
export async function loadInf(file: string, kind: 'netupg' | 'netmap', dropFindings: readonly string[] = []): Promise<LoadedInf> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new OemFileError(`${kind}-unreadable`, file, `cannot read ${kind}.inf: ${(e as Error).message}`);
  }
  let doc: InfDocument;
  try {
    doc = parseInf(bytes, { fileName: file, strict: true });
  } catch (e) {
    if (e instanceof InfSyntaxError) throw new OemFileError(`${kind}-syntax`, file, e.message, e.line, e.column);
    throw e;
  }
  const diagnostics: EngineDiagnostic[] = doc.findings
    .filter((f) => !dropFindings.includes(f.code))
    .map((f) => ({ severity: f.severity, code: `inf-${f.code}`, message: f.message, file, line: f.line, column: f.column }));
  return { doc, diagnostics };
}

/** An entry with its text substituted (%strkey%) and the position of each part. */
export interface Entry {
  line: InfLine;
  lineNo: number;
  /** null for a bare line (no `=`). */
  key: string | null;
  fields: string[];
  cols: EntryColumns;
}

export function entriesOf(doc: InfDocument, sectionName: string, sub: Substituter): Entry[] {
  const section = doc.section(sectionName);
  if (!section) return [];
  return section.lines().map((line) => ({
    line,
    lineNo: line.line,
    key: line.implicitKey || line.key === null ? null : sub.substitute(line.key),
    fields: line.fields.map((f) => sub.substitute(f)),
    cols: entryColumns(doc, line),
  }));
}

export function at(file: string, e: Entry, field?: number): { file: string; line: number; column: number } {
  return { file, line: e.lineNo, column: field === undefined ? e.cols.key : fieldColumn(e.cols, field) };
}
