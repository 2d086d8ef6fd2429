import type { RegValue } from '../model/value.js';
import type { RegDiagnostic } from './diagnostics.js';
import type { RegFormat } from './header.js';

export type RegOperation =
  | { kind: 'createKey'; path: string; line: number }
  | { kind: 'deleteKey'; path: string; line: number }
  | { kind: 'setValue'; path: string; value: RegValue; line: number }
  | { kind: 'deleteValue'; path: string; name: string; line: number };

export interface RegFile {
  format: RegFormat;
  encoding: 'utf16le' | 'ansi';
  /** What the file does, in file order (key paths with the full root name). */
  operations: RegOperation[];
  /** Every line or value that was not imported (severity 'error') and every oddity (severity 'warning'). */
  warnings: RegDiagnostic[];
  /** What Wine's `reg import` exits with for this file: 1 when it is not a registry file at all. */
  exitCode: 0 | 1;
}
