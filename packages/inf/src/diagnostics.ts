// Errors and findings. Syntax errors carry the SetupAPI error SetupOpenInfFile would
// report, so a caller can compare with Windows; findings (strict mode) use stable codes.

/** SetupAPI error names and codes (setupapi.h: APPLICATION_ERROR_MASK | ERROR_SEVERITY_ERROR | n). */
export const SETUPAPI_ERRORS = {
  ERROR_EXPECTED_SECTION_NAME: 0xe0000000,
  ERROR_BAD_SECTION_NAME_LINE: 0xe0000001,
  ERROR_SECTION_NAME_TOO_LONG: 0xe0000002,
  ERROR_GENERAL_SYNTAX: 0xe0000003,
  ERROR_WRONG_INF_STYLE: 0xe0000100,
  ERROR_SECTION_NOT_FOUND: 0xe0000101,
  ERROR_LINE_NOT_FOUND: 0xe0000102,
} as const;

export type SetupApiErrorName = keyof typeof SETUPAPI_ERRORS;

/** A problem found by strict mode (or reported by `lint()`). Line and column are 1-based. */
export interface InfDiagnostic {
  file?: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** Stable identifier, e.g. `unterminated-quote`; see README "Strict mode". */
  code: string;
  message: string;
}

export interface SyntaxErrorInit {
  code: SetupApiErrorName;
  /** Short stable sub-reason, e.g. `missing-closing-bracket`, `unpaired-surrogate`. */
  reason: string;
  message: string;
  file?: string | undefined;
  line: number;
  column: number;
}

/** The file cannot be opened the way SetupAPI opens it. Line and column are 1-based. */
export class InfSyntaxError extends Error {
  override readonly name = 'InfSyntaxError';
  /** SetupAPI error name, e.g. `ERROR_BAD_SECTION_NAME_LINE`. */
  readonly code: SetupApiErrorName;
  /** The numeric SetupAPI error, e.g. 0xE0000001. */
  readonly win32Code: number;
  readonly reason: string;
  readonly file: string | undefined;
  readonly line: number;
  readonly column: number;

  constructor(init: SyntaxErrorInit) {
    const hex = SETUPAPI_ERRORS[init.code].toString(16).toUpperCase();
    super(`${init.message} (${init.code}, 0x${hex})`);
    this.code = init.code;
    this.win32Code = SETUPAPI_ERRORS[init.code];
    this.reason = init.reason;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
  }

  /** `file:line:col: message`, the form editors and CI annotators understand. */
  format(): string {
    return `${this.file ?? '<input>'}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** A typed field reader (parseIntField, parseBinaryField, parseAddRegLine, …) rejected its input. */
export class InfFieldError extends Error {
  override readonly name = 'InfFieldError';
  /** SetupAPI reports these as Win32 ERROR_INVALID_DATA (13). */
  readonly code = 'ERROR_INVALID_DATA';
  readonly win32Code = 13;
  constructor(
    message: string,
    /** Index of the offending field in the array given to the reader, when there is one. */
    readonly field?: number,
  ) {
    super(message);
  }
}

export type WriteProblem =
  | 'carriage-return'
  | 'line-feed'
  | 'nul'
  | 'ctrl-z'
  | 'unpaired-surrogate'
  | 'closing-bracket'
  | 'section-name-too-long'
  | 'unencodable'
  | 'no-fields';

/** A string (or line) that no INF text can represent so that SetupAPI reads it back unchanged. */
export class InfWriteError extends Error {
  override readonly name = 'InfWriteError';
  constructor(
    readonly problem: WriteProblem,
    message: string,
    /** Index of the offending character in the string, when there is one. */
    readonly index?: number,
  ) {
    super(message);
  }
}

/** `U+00A0` style name of a UTF-16 code unit, for messages. */
export function describeChar(c: number): string {
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex}`;
}
