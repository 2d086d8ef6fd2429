// The machine-readable records a run leaves in its directory, which `netmigrate report` reads:
//   <out>/netmigrate-run.json    upgrade: status, inputs, answer file, working dirs, timings, diagnostics
//   <out>/report.json            the report document of @netmigrate/report-html (help texts included)
//   <dir>/netmigrate-apply.json  apply: the target, each component, the registry changes
// (the report document is a file of its own so a hand-edited one is checked at file:line:col).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT } from './errors.js';
import { SCHEMA_VERSION } from './output.js';
import { VERSION } from './version.js';

export const RUN_RECORD = 'netmigrate-run.json';
export const REPORT_FILE = 'report.json';
export const APPLY_RECORD = 'netmigrate-apply.json';
export const TOOL = { name: 'netmigrate', version: VERSION } as const;

export interface RunRecord {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly kind: 'netmigrate-run';
  readonly tool: typeof TOOL;
  readonly command: string;
  readonly status: string;
  readonly message: string | null;
  readonly registry: string;
  readonly vendorFiles: Record<string, unknown>;
  readonly answerFilePath: string | null;
  readonly workingDirs: readonly string[];
  /** The report document's file name in the run directory, and its counts per status. */
  readonly report: { readonly file: string; readonly counts: Readonly<Record<string, number>> };
  readonly diagnostics: readonly unknown[];
  readonly timings: unknown;
}

/** JSON.parse whose syntax errors name file:line:column. */
export function parseJsonAt(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const pos = m === null ? undefined : Number(m[1]);
    if (pos === undefined) throw new CliError(`${file}: not JSON (${(e as Error).message})`, EXIT.failure, 'the file is damaged; run the command that wrote it again');
    const before = text.slice(0, pos).split(/\r\n|\n|\r/);
    throw new CliError(`${file}:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}: not JSON (${(e as Error).message})`, EXIT.failure, 'the file is damaged; run the command that wrote it again');
  }
}

/** Reads a record and checks its kind and schemaVersion. */
export async function readRecord(path: string, kind: 'netmigrate-run' | 'netmigrate-apply', missingHint: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`${path}: no such file`, EXIT.failure, missingHint);
    throw new CliError(`${path}: cannot read (${code ?? String(e)})`);
  }
  const value = parseJsonAt(text, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`${path}:1:1: expected a JSON object`, EXIT.failure, missingHint);
  const record = value as Record<string, unknown>;
  if (record.kind !== kind) throw new CliError(`${path}: "kind" is ${JSON.stringify(record.kind)}, expected "${kind}"`, EXIT.failure, missingHint);
  if (record.schemaVersion !== SCHEMA_VERSION) {
    throw new CliError(`${path}: schemaVersion ${JSON.stringify(record.schemaVersion)} is not ${SCHEMA_VERSION}`, EXIT.failure, 'use the netmigrate release that wrote the file, or run the command again with this one');
  }
  return record;
}

export const runRecordPath = (dir: string): string => join(dir, RUN_RECORD);
