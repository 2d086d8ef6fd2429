import type { Codepage } from './codepage.js';

export type RegFormat = 'regedit4' | 'regedit5' | 'win31' | 'unsupported';

export interface HeaderInfo {
  format: RegFormat;
  encoding: 'utf16le' | 'ansi';
  /** What Wine's reg import returns for this file: 1 = rejected outright. */
  exitCode: 0 | 1;
  /** Byte offset where line 2 starts (input.length when there is none). */
  bodyStart: number;
  /** The header line as read (for messages). */
  text: string;
  /** Why the header is not a usable one. */
  problem?: string;
}

const V5 = 'Windows Registry Editor Version 5.00';

function lineEnd(input: Uint8Array, from: number, step: 1 | 2): number {
  for (let i = from; i + step - 1 < input.length; i += step) {
    const c = step === 2 ? input[i]! | (input[i + 1]! << 8) : input[i]!;
    if (c === 10 || c === 13 || c === 0) return i;
  }
  return input.length - ((input.length - from) % step);
}

function nextLine(input: Uint8Array, end: number, step: 1 | 2): number {
  const at = (i: number): number => (step === 2 ? input[i]! | (input[i + 1]! << 8) : input[i]!);
  if (end >= input.length) return input.length;
  let i = end;
  // A NUL ends the header text; the line itself still ends at CR/LF.
  while (i + step - 1 < input.length && at(i) !== 10 && at(i) !== 13) i += step;
  if (i + step - 1 >= input.length) return input.length;
  if (at(i) === 13 && i + 2 * step - 1 < input.length && at(i + step) === 10) return i + 2 * step;
  return i + step;
}

/**
 * Reads line 1 the way reg import does. A UTF-16LE file starts with the BOM FF FE; anything
 * else is read as ANSI text, whose first two bytes reg import takes verbatim before looking for
 * the end of the line (so a line break within them spoils the header).
 */
export function readHeader(input: Uint8Array, cp: Codepage): HeaderInfo {
  if (input.length < 2) {
    return { format: 'unsupported', encoding: 'ansi', exitCode: 1, bodyStart: input.length, text: '', problem: 'the file is shorter than two bytes' };
  }
  const utf16 = input[0] === 0xff && input[1] === 0xfe;
  let text: string;
  let bodyStart: number;
  if (utf16) {
    const end = lineEnd(input, 2, 2);
    text = Buffer.from(input.buffer, input.byteOffset + 2, end - 2).toString('utf16le');
    bodyStart = nextLine(input, end, 2);
  } else {
    const end = lineEnd(input, 2, 1);
    text = String.fromCharCode(input[0]!, input[1]!);
    for (let i = 2; i < end; i++) text += String.fromCharCode(cp.toUnit[input[i]!]!);
    bodyStart = nextLine(input, end, 1);
  }
  return { ...classifyHeader(text, input), bodyStart };
}

/** What reg import makes of header line `text` (for ANSI files: the first two bytes verbatim + the rest of line 1). */
export function classifyHeader(text: string, input: Uint8Array): Omit<HeaderInfo, 'bodyStart'> {
  const utf16 = input[0] === 0xff && input[1] === 0xfe;
  const encoding = utf16 ? 'utf16le' : 'ansi';
  const t = text.replace(/^[ \t]+/, '');
  const base = { encoding, text } as const;
  if (t === 'REGEDIT') return { ...base, format: 'win31', exitCode: 0 };
  if (t === 'REGEDIT4') return { ...base, format: 'regedit4', exitCode: 0 };
  if (t === V5) return { ...base, format: 'regedit5', exitCode: 0 };
  if (t.startsWith('REGEDIT')) {
    return {
      ...base, format: 'unsupported', exitCode: 0,
      problem: `header ${JSON.stringify(text)} starts with REGEDIT but is no known version; reg import accepts the file and imports nothing`,
    };
  }
  let problem = `${JSON.stringify(text.slice(0, 60))} is not a registry file header (expected "${V5}" or "REGEDIT4")`;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) problem = 'UTF-8 byte order mark: reg import reads ANSI text or UTF-16LE with a BOM, not UTF-8';
  else if (input[0] === 0xfe && input[1] === 0xff) problem = 'UTF-16 big-endian byte order mark: only UTF-16LE is read';
  else if (input[1] === 0 && input.length > 3 && input[3] === 0) problem = 'looks like UTF-16LE without a byte order mark: reg import rejects such files';
  return { ...base, format: 'unsupported', exitCode: 1, problem };
}
