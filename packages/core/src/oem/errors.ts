import type { EngineDiagnostic } from '../discovery/diagnostics.js';

/** A vendor file that cannot be used at all (missing, unreadable, not INF syntax, two plugins). */
export class OemFileError extends Error {
  override readonly name = 'OemFileError';

  constructor(
    /** Stable identifier, e.g. `netmap-syntax` (docs/decisions.md). */
    readonly code: string,
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }

  /** `file:line:col: message`. */
  format(): string {
    const at = this.line === undefined ? this.file : `${this.file}:${this.line}${this.column === undefined ? '' : `:${this.column}`}`;
    return `${at}: ${this.message}`;
  }

  toDiagnostic(): EngineDiagnostic {
    const d: EngineDiagnostic = { severity: 'error', code: this.code, message: this.message, file: this.file };
    if (this.line !== undefined) d.line = this.line;
    if (this.column !== undefined) d.column = this.column;
    return d;
  }
}
