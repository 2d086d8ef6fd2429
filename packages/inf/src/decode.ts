// bytes ↔ text. The text is decoded once into one string; everything from the first Ctrl-Z
// on stays as raw bytes (the "trailer") because SetupAPI stops reading there and the bytes
// need not even be valid in the file's encoding.

import { Buffer } from 'node:buffer';
import { singleByteCodec } from './codepage.js';
import { InfSyntaxError, InfWriteError, describeChar } from './diagnostics.js';
import { position, splitLines } from './lines.js';

/** `utf-16le`, `utf-16be`, `utf-8`, or the WHATWG name of a single-byte code page. */
export type InfEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | (string & {});

export interface Decoded {
  text: string;
  encoding: InfEncoding;
  bom: boolean;
  /** The bytes from the first Ctrl-Z (included) to the end of the file; empty when none. */
  trailer: Uint8Array;
}

const EMPTY = new Uint8Array(0);

export function decodeBytes(bytes: Uint8Array, codepage: string, file: string | undefined): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (bytes.length >= 2 && b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, true, file);
  if (bytes.length >= 2 && b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, false, file);
  if (bytes.length >= 3 && b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes, file);
  const codec = singleByteCodec(codepage);
  const z = bytes.indexOf(0x1a);
  const body = z < 0 ? bytes : bytes.subarray(0, z);
  return { text: codec.decode(body), encoding: codec.name, bom: false, trailer: z < 0 ? EMPTY : bytes.subarray(z) };
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, file: string | undefined): Decoded {
  const body = bytes.subarray(2);
  const even = body.length & ~1;
  let all: string;
  if (littleEndian) {
    all = Buffer.from(body.buffer, body.byteOffset, even).toString('utf16le');
  } else {
    const swapped = Buffer.from(body.subarray(0, even));
    swapped.swap16();
    all = swapped.toString('utf16le');
  }
  const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
  const z = all.indexOf('\x1a');
  const text = z < 0 ? all : all.slice(0, z);
  const bad = firstLoneSurrogate(text);
  if (bad >= 0) {
    const { line, column } = lineColumn(text, bad);
    throw new InfSyntaxError({
      code: 'ERROR_GENERAL_SYNTAX',
      reason: 'unpaired-surrogate',
      message: `invalid ${encoding.toUpperCase()}: unpaired surrogate ${describeChar(text.charCodeAt(bad))}`,
      file,
      line,
      column,
    });
  }
  if (z < 0 && body.length !== even) {
    const { line, column } = lineColumn(text, text.length);
    throw new InfSyntaxError({
      code: 'ERROR_GENERAL_SYNTAX',
      reason: 'odd-byte-count',
      message: `invalid ${encoding.toUpperCase()}: the file has an odd number of bytes (${bytes.length}); the last byte is half a character`,
      file,
      line,
      column,
    });
  }
  return { text, encoding, bom: true, trailer: z < 0 ? EMPTY : bytes.subarray(2 + 2 * z) };
}

function decodeUtf8(bytes: Uint8Array, file: string | undefined): Decoded {
  const z = bytes.indexOf(0x1a, 3);
  const body = bytes.subarray(3, z < 0 ? bytes.length : z);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, bad));
    const { line, column } = lineColumn(prefix, prefix.length);
    throw new InfSyntaxError({
      code: 'ERROR_GENERAL_SYNTAX',
      reason: 'invalid-utf8',
      message: `invalid UTF-8: byte 0x${(body[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad + 3} does not start a valid sequence`,
      file,
      line,
      column,
    });
  }
  return { text, encoding: 'utf-8', bom: true, trailer: z < 0 ? EMPTY : bytes.subarray(z) };
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f; // surrogates are not UTF-8
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Index of the first unpaired surrogate in `s`, or -1. */
export function firstLoneSurrogate(s: string): number {
  const wellFormed = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (wellFormed && wellFormed.call(s)) return -1;
  const m = LONE_SURROGATE.exec(s);
  return m ? m.index : -1;
}

/** 1-based line/column of `pos` (error paths only: the line table is not built yet). */
function lineColumn(text: string, pos: number): { line: number; column: number } {
  return position(text, splitLines(text), pos);
}

const BOMS: Record<string, Uint8Array> = {
  'utf-16le': new Uint8Array([0xff, 0xfe]),
  'utf-16be': new Uint8Array([0xfe, 0xff]),
  'utf-8': new Uint8Array([0xef, 0xbb, 0xbf]),
};

export function bomBytes(encoding: InfEncoding): Uint8Array {
  return BOMS[encoding] ?? EMPTY;
}

export function isUnicode(encoding: InfEncoding): boolean {
  return encoding === 'utf-16le' || encoding === 'utf-16be' || encoding === 'utf-8';
}

/**
 * Index of the first character of `text` that cannot be written in `encoding`, with the
 * reason, or undefined when all can.
 */
export function findUnencodable(text: string, encoding: InfEncoding): { index: number; problem: 'unpaired-surrogate' | 'unencodable' } | undefined {
  if (isUnicode(encoding)) {
    const i = firstLoneSurrogate(text);
    return i < 0 ? undefined : { index: i, problem: 'unpaired-surrogate' };
  }
  const i = singleByteCodec(encoding).firstUnencodable(text);
  return i < 0 ? undefined : { index: i, problem: 'unencodable' };
}

/** Encode text (no BOM). Throws InfWriteError for characters the encoding cannot hold. */
export function encodeText(text: string, encoding: InfEncoding): Uint8Array {
  if (isUnicode(encoding)) {
    const bad = firstLoneSurrogate(text);
    if (bad >= 0) {
      throw new InfWriteError('unpaired-surrogate', `unpaired surrogate ${describeChar(text.charCodeAt(bad))} cannot be encoded in ${encoding}`, bad);
    }
    if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
    const buf = Buffer.from(text, 'utf16le');
    if (encoding === 'utf-16be') buf.swap16();
    return buf;
  }
  return singleByteCodec(encoding).encode(text);
}
