// Single-byte ("ANSI") code pages for files without a BOM. Decoding must be a bijection so
// that an unedited file re-encodes to its own bytes: bytes a code page leaves undefined are
// decoded to private-use characters U+F700+byte and encoded back to the same byte.

import { Buffer, isAscii } from 'node:buffer';
import { InfWriteError, describeChar } from './diagnostics.js';

/**
 * Windows-1252 bytes 0x80–0x9F. Written out by hand because Node 20's TextDecoder decodes
 * this range as Latin-1 (0x80 → U+0080 instead of €). The five bytes Windows leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value, as
 * MultiByteToWideChar and the WHATWG table do.
 */
export const CP1252_80_9F: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Single-byte encodings TextDecoder knows (WHATWG names). Anything else is refused. */
const SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8',
  'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
]);

const UNDEFINED_BASE = 0xf700;
const NON_ASCII = /[^\x00-\x7f]/;
const C1_RANGE = /[\x80-\x9f]/;
const C1_RANGE_G = /[\x80-\x9f]/g;

export class SingleByteCodec {
  /** Byte → UTF-16 code unit. */
  private readonly table: Uint16Array;
  private readonly reverse: Map<number, number>;
  private readonly latin1Above9F: boolean;

  constructor(
    /** WHATWG name, e.g. `windows-1252`. */
    readonly name: string,
    table: Uint16Array,
  ) {
    this.table = table;
    this.reverse = new Map();
    let latin1 = true;
    for (let b = 0; b < 256; b++) {
      const c = table[b] ?? 0;
      if (!this.reverse.has(c)) this.reverse.set(c, b);
      if (b >= 0xa0 && c !== b) latin1 = false;
    }
    this.latin1Above9F = latin1;
  }

  decode(bytes: Uint8Array): string {
    const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (isAscii(bytes)) return s;
    if (this.latin1Above9F) {
      // Only 0x80–0x9F differ from Latin-1: patch those few characters.
      if (!C1_RANGE.test(s)) return s;
      const t = this.table;
      return s.replace(C1_RANGE_G, (ch) => String.fromCharCode(t[ch.charCodeAt(0)] ?? 0));
    }
    const units = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) units[i] = this.table[bytes[i] ?? 0] ?? 0;
    return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  }

  /** Index of the first character this code page cannot encode, or -1. */
  firstUnencodable(text: string): number {
    if (!NON_ASCII.test(text)) return -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80 && !this.reverse.has(c)) return i;
    }
    return -1;
  }

  encode(text: string): Uint8Array {
    const out = new Uint8Array(text.length);
    if (!NON_ASCII.test(text)) {
      out.set(Buffer.from(text, 'latin1'));
      return out;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        out[i] = c;
        continue;
      }
      const b = this.reverse.get(c);
      if (b === undefined) {
        throw new InfWriteError('unencodable', `character ${describeChar(c)} cannot be encoded in ${this.name}`, i);
      }
      out[i] = b;
    }
    return out;
  }
}

const cache = new Map<string, SingleByteCodec>();

/**
 * Codec for a code page given as a WHATWG label (`windows-1252`, `cp1251`, `iso-8859-2`)
 * or a Windows code-page number (`1252`, `874`, `866`). Throws RangeError for unknown or
 * multi-byte code pages.
 */
export function singleByteCodec(label: string): SingleByteCodec {
  const trimmed = label.trim().toLowerCase();
  const asNumber = /^(?:cp)?(\d+)$/.exec(trimmed);
  let candidate = trimmed;
  if (asNumber) {
    const n = asNumber[1] ?? '';
    candidate = n === '866' ? 'ibm866' : n === '10000' ? 'macintosh' : `windows-${n}`;
  }
  let name: string;
  try {
    name = new TextDecoder(candidate).encoding;
  } catch {
    throw new RangeError(`unknown code page "${label}" (not a TextDecoder label this Node supports)`);
  }
  if (!SINGLE_BYTE.has(name)) {
    throw new RangeError(`code page "${label}" (${name}) is not a single-byte code page; only single-byte code pages are supported for files without a BOM`);
  }
  const hit = cache.get(name);
  if (hit) return hit;
  const table = new Uint16Array(256);
  if (name === 'windows-1252') {
    for (let b = 0; b < 256; b++) table[b] = b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] ?? b) : b;
  } else {
    // Every WHATWG single-byte encoding is ASCII-compatible; ICU's ibm866 swaps a few
    // control characters (0x1A, 0x1C, 0x7F), which would move Ctrl-Z, so ASCII is fixed here.
    const dec = new TextDecoder(name);
    for (let b = 0; b < 256; b++) {
      if (b < 0x80) {
        table[b] = b;
        continue;
      }
      const s = dec.decode(new Uint8Array([b]));
      table[b] = s.length === 1 && s !== '\ufffd' ? s.charCodeAt(0) : UNDEFINED_BASE + b;
    }
  }
  const codec = new SingleByteCodec(name, table);
  cache.set(name, codec);
  return codec;
}
