// Errors the command reports: what happened, where, and what to do. Each carries the exit
// code the command documents for it.

export const EXIT = {
  ok: 0,
  /** Error; for `inf check` findings, for `reg diff` differences. */
  failure: 1,
  /** `inf check` / `reg diff` only: the comparison or check could not run at all. */
  trouble: 2,
  /** `plan --detailed-exitcode` only: the plan has changes (an upgrade would write something new). */
  changes: 2,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

interface Located {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:col: message` — the shape editors and CI annotators understand. */
export function formatLocated(d: Located, fallbackFile?: string): string {
  const file = d.file ?? fallbackFile ?? '<input>';
  const where = d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : file;
  return `${where}: ${d.message}`;
}

export function isLocatedError(e: unknown): e is Error & Located {
  return e instanceof Error && typeof (e as { line?: unknown }).line === 'number';
}
