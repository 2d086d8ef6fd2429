import { RegSyntaxError } from '../model/errors.js';

export interface RegDiagnostic {
  file?: string;
  line: number;
  column: number;
  /** 'error': something in the file was not imported; 'warning': imported, but worth a look. */
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** Every diagnostic the reader emits, with its severity. */
export const DIAGNOSTIC_CODES = {
  'header-invalid': 'error', // reg import exits 1: not a registry file
  'header-unsupported': 'error', // a REGEDIT* header reg import accepts but imports nothing from
  'line-ignored': 'error', // a line that is not a key, a value or a comment
  'nul-character': 'error', // NUL in the file: reg import loses the rest of its read buffer
  'key-syntax': 'error', // [ followed by a blank, or no closing ]
  'key-invalid': 'error', // unknown root, "\" after the root, name too long: key and its values skipped
  'key-trailing-text': 'warning', // text after the closing ] (ignored)
  'key-delete-invalid': 'error', // [-...] that deletes nothing
  'value-name-syntax': 'error',
  'value-name-too-long': 'error',
  'value-missing-equals': 'error',
  'value-delete-syntax': 'error',
  'value-without-key': 'error', // no key open: before the first key, after an invalid or deleted key
  'data-type-unknown': 'error',
  'string-syntax': 'error',
  'escape-unknown': 'warning', // \q: reg import keeps the q
  'dword-syntax': 'error',
  'hex-syntax': 'error',
  'hex-continuation-broken': 'error', // a value continued with ",\" and the next line is no hex data
  'hex-continuation-eof': 'warning', // the file ends inside a continued value; the bytes so far are kept
  'string-data-odd-length': 'warning', // hex(1/2/7) data of an odd number of bytes in UTF-16 mode, kept as is
  'win31-line-ignored': 'error',
} as const satisfies Record<string, RegDiagnostic['severity']>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export class DiagnosticSink {
  readonly list: RegDiagnostic[] = [];
  readonly #file: string | undefined;
  readonly #strict: boolean;

  constructor(file: string | undefined, strict: boolean) {
    this.#file = file;
    this.#strict = strict;
  }

  add(code: DiagnosticCode, line: number, column: number, message: string): void {
    const severity = DIAGNOSTIC_CODES[code];
    const d: RegDiagnostic = { line, column, severity, code, message };
    if (this.#file !== undefined) d.file = this.#file;
    if (this.#strict && severity === 'error') throw new RegSyntaxError(d);
    this.list.push(d);
  }
}
