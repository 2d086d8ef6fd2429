// Seeded generator of .reg files for the Wine conformance suite.
//
// Every case imports under its own root (HKCU\Software\NmConf\<id>, or HKCR\NmConf\<id> for the
// Windows 3.1 format, which can only address HKEY_CLASSES_ROOT). The generator writes what a
// person or a tool might write; it never predicts what Wine makes of it — the recorded
// `reg export` is the oracle.
//
// Inputs on which Wine 8 itself has undefined behaviour (it reads memory it never wrote, so
// its export changes from run to run) are never generated; docs/conformance.md lists them:
//  - REG_DWORD data of 1-3 bytes (reg export prints 4 bytes from a stale buffer);
//  - hex(1)/hex(2)/hex(7) data of odd length, or of no bytes at all when ended by EOF, in a
//    file with a BOM (the importer's NUL-termination writes past the data);
//  - NUL characters inside the text of a file.
//
// "Quirk" cases isolate the inputs where Windows and Wine 8 disagree or where Wine 8 goes
// beyond the documented format, so a deliberate difference can be listed by case id without
// hiding anything else (see differences.ts).

import { Prng, caseSeed } from './prng.js';
import { BOM, concatBytes, encodeCp1252, encodeUtf16le, isCp1252 } from './text.js';

export const GENERATOR_SEED = 0x4e4d5245; // "NMRE"
export const REGULAR_CASES = 220;
export const QUIRK_CASES_EACH = 3;
export const WIN31_CASES = 8;

export const HKCU_TEST_ROOT = 'HKEY_CURRENT_USER\\Software\\NmConf';
export const HKCR_TEST_ROOT = 'HKEY_CLASSES_ROOT\\NmConf';

export type CaseGroup = 'generated' | 'quirk' | 'header' | 'win31' | 'edge';
export type Encoding = 'ansi' | 'utf16';
export type Dialect = 'regedit4' | 'regedit5';

/** Inputs where Wine 8 and documented Windows behaviour part ways; each gets its own cases. */
export const QUIRKS = [
  'v5-ansi-hex-strings', // v5 header in an ANSI file with hex(1)/(2)/(7) data written as UTF-16LE bytes
  'regedit4-utf16-hex-strings', // REGEDIT4 header in a UTF-16 file with hex(1)/(2)/(7) ANSI bytes
  'dword-long', // REG_DWORD given as hex(4) with 5-8 bytes
  'sz-embedded-nul', // REG_SZ given as hex(1) with a NUL inside the string
  'short-root', // key lines naming the hive HKCU instead of HKEY_CURRENT_USER
  'nr-escape', // \n and \r escapes in quoted names and strings
  'unknown-escape', // a backslash before any other character, e.g. \t
] as const;
export type Quirk = (typeof QUIRKS)[number];

export interface GeneratedCase {
  id: string;
  group: CaseGroup;
  /** The key handed to `reg export`: the case's own root. */
  exportKey: string;
  bytes: Uint8Array;
  /** Features the file exercises (for coverage counts in the docs and test names). */
  tags: string[];
}

const EOLS = { crlf: '\r\n', lf: '\n', cr: '\r' } as const;
type Eol = keyof typeof EOLS | 'mixed';

const HEADER_4 = 'REGEDIT4';
const HEADER_5 = 'Windows Registry Editor Version 5.00';

// ---------------------------------------------------------------------------------------------
// Word pools

const WORDS = [
  'Parameters', 'Linkage', 'Tcpip', 'NetBT', 'NodeType', 'IPAddress', 'SubnetMask', 'DefaultGateway',
  'EnableDHCP', 'Bind', 'Export', 'Route', 'ServiceName', 'Title', 'Description', 'Driver', 'Ndi',
  'params', 'Interfaces', 'Adapters', 'MTU', 'KeepAliveTime', 'alpha', 'Beta', 'gamma', 'DELTA',
  'x', 'Y', 'z1', 'Z2', 'a', 'B', '_under', '~tilde', 'zeta', 'Omega', 'NameServer', 'Domain',
  'InfPath', 'ProviderName', 'Start', 'Type', 'ErrorControl', 'Group', 'ImagePath', 'DependOnService',
];
const KEY_WORDS = [
  'Parameters', 'Linkage', 'Tcpip', 'NetBT', 'Adapters', 'Interfaces', 'Ndi', 'params', 'Enum', 'Security',
  'Sub Key', 'a', 'B', 'c', '_under', '~tilde', 'Z9', '0001', '0002', '0010',
  '{4D36E972-E325-11CE-BFC1-08002BE10318}', 'Key.With.Dots', 'semi;colon', 'hash#', 'eq=ual', 'quote"in',
  'slash/in', 'at@', 'brace{', 'x y  z', "apos'", 'Services', 'NetworkCards', 'MS_TCPIP',
];
const ANSI_EXTRA = ['é', 'Ü', 'ß', 'ñ', '€', '™', 'œ', 'Ÿ', '©', '±', 'µ', '¿', 'Å', 'ø', 'Þ', 'ý'];
const ANSI_WORDS = ['Réseau', 'Ärger', 'Straße', '€uro', 'naïve', 'Œuvre', 'Ñandú', 'Þorn'];
const UNI_EXTRA = ['α', 'Ω', 'Ж', 'ж', '中', '文', 'ネ', '한', 'ğ', 'Ł', '€', '😀', 'Ё', 'ŝ', 'Δ', 'ω'];
const UNI_WORDS = ['Сеть', '网络', 'Δίκτυο', 'ネットワーク', 'Ağ', 'Łącze', '😀key', 'Ωmega'];
const DATA_SNIPPETS = [
  '%SystemRoot%\\System32\\drivers\\tcpip.sys', 'C:\\Program Files\\Net Tools', '\\\\server\\share\\path',
  'C:\\', '10.0.0.1', '255.255.255.0', 'Hello, World!', 'say "hi"', 'semi;colon', 'hash # mark',
  'a=b', '[not a key]', '@', "it's", 'tab\there', '  leading and trailing  ', '{guid}', 'x', '',
  '%PATH%;%WINDIR%', 'MS_TCPIP', 'Local Area Connection',
];

// ---------------------------------------------------------------------------------------------
// One file under construction

interface Options {
  enc: Encoding;
  dialect: Dialect;
  quirk?: Quirk | undefined;
}

class FileBuilder {
  readonly lines: string[] = [];
  readonly tags = new Set<string>();
  /** Subkey paths created so far, relative to the case root, as first spelled. */
  readonly keys: string[] = [];
  /** Value names written so far per key path (lower-cased key). */
  readonly names = new Map<string, string[]>();
  currentKey: string | null = null;

  constructor(
    readonly rng: Prng,
    readonly opts: Options,
    readonly root: string,
  ) {}

  get quirk(): Quirk | undefined {
    return this.opts.quirk;
  }

  tag(t: string): void {
    this.tags.add(t);
  }

  push(line: string): void {
    this.lines.push(line);
  }

  /** Text characters allowed in this file: Windows-1252 for ANSI files, any Unicode otherwise. */
  extraChar(): string {
    return this.rng.pick(this.opts.enc === 'ansi' ? ANSI_EXTRA : UNI_EXTRA);
  }

  word(pool: readonly string[] = WORDS): string {
    const r = this.rng;
    if (r.chance(0.12)) {
      this.tag('non-ascii');
      return r.pick(this.opts.enc === 'ansi' ? ANSI_WORDS : UNI_WORDS);
    }
    return r.pick(pool);
  }
}

// ---------------------------------------------------------------------------------------------
// Quoted text (names and REG_SZ data)

/** Escapes for a quoted .reg string: the two documented escapes, plus the quirk ones. */
function quote(b: FileBuilder, text: string): string {
  const pieces = [...text].map((ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === '"') return '\\"';
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    return ch;
  });
  if (b.quirk === 'unknown-escape' && b.rng.chance(0.5)) {
    // Wine keeps the character after an unknown escape and drops the backslash.
    pieces.splice(b.rng.int(0, pieces.length), 0, b.rng.pick(['\\t', '\\a', '\\%', "\\'", '\\x', '\\ ']));
    b.tag('unknown-escape');
  }
  return `"${pieces.join('')}"`;
}

function randomText(b: FileBuilder, maxParts = 3): string {
  const r = b.rng;
  const parts: string[] = [];
  const n = r.int(1, maxParts);
  for (let i = 0; i < n; i++) {
    const kind = r.weighted([
      ['word', 5],
      ['snippet', 3],
      ['special', 2],
      ['extra', 1],
    ] as const);
    if (kind === 'word') parts.push(b.word());
    else if (kind === 'snippet') parts.push(r.pick(DATA_SNIPPETS));
    else if (kind === 'special') {
      const s = r.pick(['"', '\\', ';', '#', '=', '[', ']', '@', "'", '/', ',', '\\\\', '""', '\t', ' ']);
      if (s.includes('\\')) b.tag('backslash');
      if (s.includes('"')) b.tag('quote-char');
      parts.push(s);
    } else {
      b.tag('non-ascii');
      parts.push(b.extraChar());
    }
  }
  if (b.quirk === 'nr-escape' && r.chance(0.6)) {
    parts.splice(r.int(0, parts.length), 0, r.pick(['\n', '\r', '\r\n']));
    b.tag('nr-escape');
  }
  return parts.join(r.chance(0.5) ? ' ' : '');
}

function valueName(b: FileBuilder, key: string): string {
  const r = b.rng;
  const existing = b.names.get(key.toLowerCase()) ?? [];
  if (existing.length > 0 && r.chance(0.12)) {
    // Same name again, maybe in another case: the later value replaces the earlier one.
    const prev = r.pick(existing);
    b.tag('value-overwrite');
    return r.chance(0.5) ? prev : flipCase(b, prev);
  }
  let name: string;
  const kind = r.weighted([
    ['word', 10],
    ['numbered', 3],
    ['text', 3],
    ['spaces', 1],
    ['long', 1],
  ] as const);
  if (kind === 'word') name = b.word();
  else if (kind === 'numbered') name = `${b.word()}${r.int(0, 99)}`;
  else if (kind === 'text') name = randomText(b, 2);
  else if (kind === 'spaces') name = `  ${b.word()}  `;
  else name = Array.from({ length: r.int(8, 20) }, () => b.word()).join('');
  if (name === '') name = 'e';
  existing.push(name);
  b.names.set(key.toLowerCase(), existing);
  return name;
}

/** Swaps letter case where that keeps one character the file's encoding can hold. */
function flipCase(b: FileBuilder, s: string): string {
  return [...s]
    .map((c) => {
      const f = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      if ([...f].length !== 1 || f.toLowerCase() !== c.toLowerCase()) return c;
      return b.opts.enc === 'ansi' && !isCp1252(f) ? c : f;
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Value data

type HexKind = 'binary' | 'hex3' | 'none' | 'sz' | 'expand' | 'multi' | 'dword' | 'qword' | 'odd';

const ODD_TYPES = ['5', '6', '8', '9', 'a', 'A', '100', 'abcd', 'ABCD', '7fffffff', 'ffffffff', '0000c', '20', 'B'];

/** Bytes of a string for hex(1)/(2)/(7) as this file's importer reads them. */
function stringBytes(b: FileBuilder, text: string, wide: boolean): number[] {
  if (wide) return [...encodeUtf16le(text)];
  return [...encodeCp1252(text)];
}

/**
 * Whether hex(1)/(2)/(7) data appears in this file, and as which bytes. Regular cases only
 * use the combinations where Windows and Wine agree: REGEDIT4 + ANSI (one byte per char)
 * and version 5 + BOM (UTF-16LE). The others belong to quirk cases.
 */
function hexStringMode(b: FileBuilder): 'narrow' | 'wide' | null {
  const { enc, dialect } = b.opts;
  if (enc === 'ansi' && dialect === 'regedit4') return 'narrow';
  if (enc === 'utf16' && dialect === 'regedit5') return 'wide';
  if (enc === 'ansi' && b.quirk === 'v5-ansi-hex-strings') return 'wide';
  if (enc === 'utf16' && b.quirk === 'regedit4-utf16-hex-strings') return 'narrow';
  return null;
}

function stringForHex(b: FileBuilder, kind: 'sz' | 'expand'): string {
  const t = kind === 'expand' ? `%${b.rng.pick(['SystemRoot', 'PATH', 'USERPROFILE', 'windir'])}%\\${b.word()}` : randomText(b, 2);
  return b.opts.enc === 'ansi' || hexStringMode(b) === 'narrow' ? toCp1252(t) : t;
}

function toCp1252(t: string): string {
  return [...t].map((c) => (isCp1252(c) ? c : '?')).join('');
}

function hexData(b: FileBuilder, kind: HexKind): { type: string; bytes: number[] } {
  const r = b.rng;
  const mode = hexStringMode(b);
  const wide = mode === 'wide';
  const unicodeFile = b.opts.enc === 'utf16';
  const nul = wide ? [0, 0] : [0];
  switch (kind) {
    case 'binary':
    case 'hex3':
    case 'none': {
      const len = r.weighted([
        [0, 1],
        [r.int(1, 8), 4],
        [r.int(9, 40), 3],
        [r.int(41, 300), 2],
      ] as const);
      if (len > 40) b.tag('long-hex');
      const type = kind === 'binary' ? '' : kind === 'hex3' ? '3' : '0';
      return { type, bytes: r.bytes(len) };
    }
    case 'sz':
    case 'expand': {
      if (!mode) return hexData(b, 'binary');
      let bytes = stringBytes(b, stringForHex(b, kind), wide);
      if (b.quirk === 'sz-embedded-nul' && kind === 'sz') {
        bytes = [...bytes, ...nul, ...stringBytes(b, 'after', wide)];
        b.tag('sz-embedded-nul');
      }
      // Terminated as regedit writes it, or not (the importer then adds the NUL).
      if (r.chance(0.7)) bytes.push(...nul);
      else b.tag('string-unterminated');
      if (r.chance(0.08)) bytes = [];
      return { type: kind === 'sz' ? '1' : r.pick(['2', '2', '02']), bytes: evenIfUnicode(unicodeFile, bytes) };
    }
    case 'multi': {
      if (!mode) return hexData(b, 'binary');
      const items = Array.from({ length: r.int(0, 4) }, () => stringForHex(b, 'sz'));
      let bytes: number[] = [];
      for (const it of items) bytes.push(...stringBytes(b, it, wide), ...nul);
      const end = r.weighted([
        ['double', 6],
        ['single', 2],
        ['none', 1],
      ] as const);
      if (end === 'double' || items.length === 0) bytes.push(...nul);
      if (end === 'none' && bytes.length >= nul.length) bytes = bytes.slice(0, bytes.length - nul.length);
      if (end !== 'double') b.tag('multi-sz-short-terminator');
      if (bytes.length === 0 && r.chance(0.5)) bytes = [...nul, ...nul];
      return { type: '7', bytes: evenIfUnicode(unicodeFile, bytes) };
    }
    case 'dword': {
      if (b.quirk === 'dword-long') {
        b.tag('dword-long');
        return { type: '4', bytes: r.bytes(r.int(5, 8)) };
      }
      return { type: r.pick(['4', '4', '04']), bytes: r.chance(0.15) ? [] : r.bytes(4) };
    }
    case 'qword':
      return { type: r.pick(['b', 'b', 'B', '0b']), bytes: r.chance(0.1) ? [] : r.chance(0.85) ? r.bytes(8) : r.bytes(r.int(1, 12)) };
    case 'odd': {
      b.tag('odd-type');
      return { type: r.pick(ODD_TYPES), bytes: r.bytes(r.int(0, 12)) };
    }
  }
}

/** A BOM'd file's importer writes a NUL past odd-length string data; never generate that. */
function evenIfUnicode(unicodeFile: boolean, bytes: number[]): number[] {
  return unicodeFile && bytes.length % 2 === 1 ? [...bytes, 0] : bytes;
}

function hexToken(b: FileBuilder, byte: number, style: 'lower' | 'upper' | 'mixed'): string {
  const two = byte.toString(16).padStart(2, '0');
  if (style === 'lower') return two;
  if (style === 'upper') return two.toUpperCase();
  const r = b.rng;
  const v = r.weighted([
    ['lower', 5],
    ['upper', 2],
    ['short', byte < 16 ? 2 : 0],
    ['zero-padded', 1],
  ] as const);
  if (v === 'upper') return two.toUpperCase();
  if (v === 'short') return byte.toString(16);
  if (v === 'zero-padded') return `0${two}`;
  return two;
}

const JUNK_LINES = ['', '   ', '\t', '; comment between continuation lines', '  ;indented comment', ' \t '];

/**
 * Emits `head` followed by the hex bytes, on one line or wrapped with `,\` continuations in
 * one of several styles.
 */
function emitHex(b: FileBuilder, head: string, type: string, bytes: number[], tail: string, allowEofContinuation: boolean): void {
  const r = b.rng;
  const prefix = `${head}${type === '' ? 'hex:' : `hex(${type}):`}`;
  const style = r.weighted([
    ['lower', 14],
    ['upper', 3],
    ['mixed', 3],
  ] as const);
  if (style !== 'lower') b.tag('hex-case-or-width');
  const tokens = bytes.map((x) => hexToken(b, x, style));
  const trailingComma = tokens.length > 0 && r.chance(0.1) ? ',' : '';
  if (trailingComma) b.tag('hex-trailing-comma');

  const wrap = tokens.length === 0 ? 'single' : r.weighted([
    ['single', tokens.length > 30 ? 2 : 8],
    ['export', tokens.length > 20 ? 6 : 1],
    ['random', 4],
    ['lead-break', 0.5],
  ] as const);

  if (wrap === 'single') {
    b.push(`${prefix}${tokens.join(',')}${trailingComma}${tail}`);
    return;
  }
  b.tag('continuation');
  if (wrap === 'export') {
    // The layout reg export itself writes: break once the line reaches 77 columns.
    let line = prefix;
    const out: string[] = [];
    tokens.forEach((t, i) => {
      line += t;
      if (i === tokens.length - 1) return;
      line += ',';
      if (line.length >= 77) {
        out.push(`${line}\\`);
        line = '  ';
      }
    });
    out.push(`${line}${trailingComma}${tail}`);
    for (const l of out) b.push(l);
    return;
  }
  let line = prefix;
  if (wrap === 'lead-break') {
    b.tag('continuation-lead-break');
    b.push(`${line}\\`);
    line = '  ';
  }
  tokens.forEach((t, i) => {
    line += t;
    if (i === tokens.length - 1) return;
    line += ',';
    if (r.chance(0.15)) {
      const sp = r.pick(['', '', ' ', '\t', '  ']);
      const after = r.pick(['', '', '', ' ', ' ;comment after backslash', ';c']);
      if (after.includes(';')) b.tag('continuation-comment');
      b.push(`${line}${sp}\\${after}`);
      while (r.chance(0.25)) {
        b.tag('continuation-junk-lines');
        b.push(r.pick(JUNK_LINES));
      }
      line = r.pick(['  ', '  ', '', '\t', '    ', ' ']);
    }
  });
  if (allowEofContinuation && r.chance(0.5)) {
    // Ends on a continuation: handled by the caller putting this value last in the file.
    b.push(`${line},\\`);
    b.tag('continuation-at-eof');
    return;
  }
  b.push(`${line}${trailingComma}${tail}`);
}

// ---------------------------------------------------------------------------------------------
// Lines

function dwordText(b: FileBuilder): string {
  const r = b.rng;
  const v = r.weighted([
    [r.int(0, 0xffffffff), 3],
    [r.int(0, 255), 2],
    [0, 1],
  ] as const);
  let digits = v.toString(16);
  const form = r.weighted([
    ['padded', 6],
    ['short', 2],
    ['upper', 1],
    ['blanks', 1],
  ] as const);
  if (form === 'padded') digits = digits.padStart(8, '0');
  if (form === 'upper') digits = digits.padStart(8, '0').toUpperCase();
  if (form !== 'padded') b.tag('dword-form');
  return form === 'blanks' ? `dword:${r.pick(['  ', '\t', ' \t'])}${digits}` : `dword:${digits}`;
}

function nameToken(b: FileBuilder, name: string | null): string {
  if (name === null) return b.rng.chance(0.8) ? '@' : '""';
  return quote(b, name);
}

function eqSep(b: FileBuilder): [string, string] {
  if (!b.rng.chance(0.1)) return ['', ''];
  b.tag('blanks-around-equals');
  return [b.rng.pick([' ', '\t', '  \t  ']), b.rng.pick([' ', '\t', ' \t '])];
}

function trailing(b: FileBuilder, hashAllowed: boolean): string {
  const r = b.rng;
  const t = r.weighted([
    ['', 20],
    [' ;comment', 2],
    [';comment', 1],
    ['  ', 1],
    ['\t', 0.5],
    [' #hash', hashAllowed ? 0.7 : 0],
  ] as const);
  if (t.includes(';')) b.tag('trailing-comment');
  if (t.includes('#')) b.tag('trailing-hash');
  return t;
}

function emitValue(b: FileBuilder, key: string, allowEofContinuation: boolean): void {
  const r = b.rng;
  const name = r.chance(0.1) ? null : valueName(b, key);
  if (name === null) b.tag('default-value');
  const indent = r.chance(0.06) ? r.pick([' ', '\t', '  ']) : '';
  const [s1, s2] = eqSep(b);
  const head = `${indent}${nameToken(b, name)}${s1}=${s2}`;
  const mode = hexStringMode(b);
  const kind = r.weighted([
    ['string', 10],
    ['dword', 5],
    ['binary', 4],
    ['hex3', 1],
    ['none', 1],
    ['sz', mode ? 2 : 0],
    ['expand', mode ? 3 : 0],
    ['multi', mode ? 4 : 0],
    ['dword-hex', 1],
    ['qword', 2],
    ['odd', 1.5],
  ] as const);
  b.tag(`type-${kind}`);
  if (kind === 'string') {
    const text = r.chance(0.1) ? '' : r.chance(0.05) ? 'long '.repeat(r.int(20, 80)) : randomText(b);
    b.push(`${head}${quote(b, text)}${trailing(b, true)}`);
    return;
  }
  if (kind === 'dword') {
    b.push(`${head}${dwordText(b)}${trailing(b, true)}`);
    return;
  }
  const hk: HexKind = kind === 'dword-hex' ? 'dword' : kind;
  const { type, bytes } = hexData(b, hk);
  // Continuation at EOF only for types the importer does not NUL-terminate (see the header).
  const stringType = ['1', '2', '02', '7'].includes(type);
  const eofOk = allowEofContinuation && bytes.length > 0 && !stringType;
  // Empty string-type data followed by a comment makes Wine NUL-terminate a zero-length buffer.
  const tail = stringType && bytes.length === 0 ? '' : trailing(b, false);
  emitHex(b, head, type, bytes, tail, eofOk);
}

/** Lines Wine's `reg import` skips or only partly takes; the file goes on after them. */
function badLine(b: FileBuilder, key: string): string {
  const r = b.rng;
  const n = quote(b, valueName(b, key));
  b.tag('bad-line');
  return r.pick([
    `${n}=#"value"`,
    `${n}="unterminated`,
    `"unterminated name=1`,
    `bare=value`,
    `${n}=dword:123456789`,
    `${n}=dword:0x12`,
    `${n}=dword:`,
    `${n}=dword:hello`,
    `${n}=dword:12 34`,
    `${n}=dword:1234#5678`,
    `${n}=dword:1234\\`,
    `${n}=hex:1a4,00`,
    `${n}=hex:01,,02`,
    `${n}=hex:01 02`,
    `${n}=hex(0x2):41,00`,
    `${n}=hex(x2):41,00`,
    `${n}=hex(100000000):01`,
    `${n}=hex(2)41,00`,
    `${n}=hex:25,48\\,4f`,
    `${n}="a"b"`,
    `${n}="a""b"`,
    `${n}="bad escape \\0 here"`,
    `${n}="trailing" #comment`,
    `${n}="trailing" text`,
    `${n}=str:"abc"`,
    `${n}=-"x"`,
    `${n} "no equals"`,
    `@ "no equals"`,
    `garbage line without structure`,
    `=;"Value 9"`,
    `HKEY_CLASSES_ROOT\\NmConf\\${b.root.split('\\').pop() ?? ''} = win31 style line in a v4/v5 file`,
    `${n}=hex:01,02\\`,
  ]);
}

function commentLine(b: FileBuilder): string {
  const r = b.rng;
  b.tag('comment-line');
  const text = r.pick([' a comment', ' [HKEY_CURRENT_USER\\not\\a\\key]', ' "x"="not a value"', ' ends in backslash \\', '', ' = ;']);
  const indent = r.chance(0.2) ? r.pick([' ', '\t', '   ']) : '';
  const mark = r.chance(0.75) ? ';' : '#';
  if (mark === '#') b.tag('hash-comment');
  return `${indent}${mark}${text}`;
}

function deleteValueLine(b: FileBuilder, key: string): string {
  const r = b.rng;
  const existing = b.names.get(key.toLowerCase()) ?? [];
  b.tag('value-delete');
  const name = existing.length > 0 && r.chance(0.8) ? r.pick(existing) : `${b.word()}Missing`;
  const form = r.weighted([
    ['=-', 6],
    [' = - ', 1],
    ['=-;c', 1],
    ['=- #c', 0.5],
  ] as const);
  return `${r.chance(0.15) ? '@' : quote(b, name)}${form}`;
}

// ---------------------------------------------------------------------------------------------
// Keys

function subkeySegment(b: FileBuilder): string {
  const r = b.rng;
  let seg = b.word(KEY_WORDS);
  if (r.chance(0.05)) {
    seg = `${seg}${b.extraChar()}`;
    b.tag('non-ascii');
  }
  return seg;
}

function newSubkeyPath(b: FileBuilder): string {
  const r = b.rng;
  const parent = b.keys.length > 0 && r.chance(0.4) ? r.pick(b.keys) : '';
  const depth = r.weighted([
    [1, 6],
    [2, 3],
    [3, 1],
  ] as const);
  const segs = Array.from({ length: depth }, () => subkeySegment(b));
  return parent === '' ? segs.join('\\') : `${parent}\\${segs.join('\\')}`;
}

function hiveName(b: FileBuilder): string {
  const r = b.rng;
  if (b.quirk === 'short-root' && r.chance(0.7)) {
    b.tag('short-root');
    return r.pick(['HKCU', 'hkcu', 'HkCu']);
  }
  if (r.chance(0.1)) {
    b.tag('hive-case');
    return r.pick(['hkey_current_user', 'Hkey_Current_User', 'HKEY_current_USER']);
  }
  return 'HKEY_CURRENT_USER';
}

/** `[...]` for a path below the case root ('' = the root itself), with optional decorations. */
function keyLine(b: FileBuilder, rel: string, del = false): string {
  const r = b.rng;
  const full = `${hiveName(b)}${b.root.slice('HKEY_CURRENT_USER'.length)}${rel === '' ? '' : `\\${rel}`}`;
  let path = full;
  if (r.chance(0.05)) {
    path += r.pick(['\\', '\\\\']);
    b.tag('key-trailing-backslash');
  }
  if (r.chance(0.04) && rel !== '') {
    path = path.replace(/\\([^\\]*)$/, '\\\\$1');
    b.tag('key-double-backslash');
  }
  const indent = r.chance(0.06) ? r.pick([' ', '\t']) : '';
  const after = r.weighted([
    ['', 20],
    [' ; comment after key', 1],
    ['  ', 1],
    [' ; see [brackets]', 0.3],
  ] as const);
  if (after.includes(';')) b.tag('key-trailing-comment');
  return `${indent}[${del ? '-' : ''}${path}]${after}`;
}

function openKey(b: FileBuilder): string {
  const r = b.rng;
  const choice = r.weighted([
    ['new', b.keys.length < 8 ? 6 : 1],
    ['reopen', b.keys.length > 0 ? 2 : 0],
    ['root', 1.5],
  ] as const);
  if (choice === 'root') {
    b.push(keyLine(b, ''));
    return '';
  }
  if (choice === 'reopen') {
    const k = r.pick(b.keys);
    b.tag('key-reopen');
    const spelled = r.chance(0.4) ? flipCase(b, k) : k;
    if (spelled !== k) b.tag('key-case');
    b.push(keyLine(b, spelled));
    return k;
  }
  const k = newSubkeyPath(b);
  if (!b.keys.some((x) => x.toLowerCase() === k.toLowerCase())) b.keys.push(k);
  b.push(keyLine(b, k));
  return k;
}

/** Key lines Wine skips (current key unchanged) or that close the current key. */
function badKeyLine(b: FileBuilder): 'kept' | 'closed' {
  const r = b.rng;
  b.tag('bad-key-line');
  const rel = newSubkeyPath(b);
  const form = r.pick(['blank-after-bracket', 'no-close', 'unknown-root', 'blank-delete', 'no-open'] as const);
  switch (form) {
    case 'blank-after-bracket':
      b.push(`[ HKEY_CURRENT_USER${b.root.slice('HKEY_CURRENT_USER'.length)}\\${rel}]`);
      return 'kept';
    case 'no-close':
      b.push(`[HKEY_CURRENT_USER${b.root.slice('HKEY_CURRENT_USER'.length)}\\${rel}`);
      return 'kept';
    case 'no-open':
      b.push(`HKEY_CURRENT_USER${b.root.slice('HKEY_CURRENT_USER'.length)}\\${rel}]`);
      return 'kept';
    case 'blank-delete':
      b.push(`[- HKEY_CURRENT_USER${b.root.slice('HKEY_CURRENT_USER'.length)}\\${rel}]`);
      return 'kept';
    case 'unknown-root':
      b.push(`[HKEY_CURRENT_USERS${b.root.slice('HKEY_CURRENT_USER'.length)}\\${rel}]`);
      return 'closed';
  }
}

// ---------------------------------------------------------------------------------------------
// Whole files

function header(dialect: Dialect): string {
  return dialect === 'regedit4' ? HEADER_4 : HEADER_5;
}

function body(b: FileBuilder): void {
  const r = b.rng;
  const blocks = r.weighted([
    [1, 2],
    [r.int(2, 4), 5],
    [r.int(5, 8), 2],
  ] as const);
  let key: string | null = null;
  let eofValueUsed = false;
  for (let blk = 0; blk < blocks; blk++) {
    const last = blk === blocks - 1;
    if (blk > 0 && r.chance(0.06)) {
      const st = badKeyLine(b);
      if (st === 'closed') key = null;
    } else if (blk > 0 && b.keys.length > 0 && r.chance(0.12)) {
      const victim = r.pick(b.keys);
      b.tag('key-delete');
      b.push(keyLine(b, r.chance(0.3) ? flipCase(b, victim) : victim, true));
      b.keys.splice(0, b.keys.length, ...b.keys.filter((k) => !k.toLowerCase().startsWith(victim.toLowerCase())));
      key = null; // values after a deleted key go nowhere
    } else {
      key = openKey(b);
    }
    if (r.chance(0.7)) b.push('');
    const nValues = r.weighted([
      [0, 1],
      [r.int(1, 4), 5],
      [r.int(5, 10), 3],
    ] as const);
    for (let v = 0; v < nValues; v++) {
      const ctxKey = key ?? '(closed)';
      const what = r.weighted([
        ['value', 20],
        ['comment', 2],
        ['blank', 1.5],
        ['bad', 1.5],
        ['delete', 1.2],
        ['swallow', 0.4],
        ['hash-abort', 0.3],
        ['broken-continuation', 0.3],
      ] as const);
      const lastLine = last && v === nValues - 1;
      if (what === 'value') emitValue(b, ctxKey, lastLine && !eofValueUsed);
      else if (what === 'comment') b.push(commentLine(b));
      else if (what === 'blank') b.push(r.pick(['', ' ', '\t', '  \t']));
      else if (what === 'bad') b.push(badLine(b, ctxKey));
      else if (what === 'delete') b.push(deleteValueLine(b, ctxKey));
      else if (what === 'swallow') {
        // A value ending in ",\" followed by a new value line: Wine drops both.
        b.tag('continuation-swallow');
        b.push(`${quote(b, valueName(b, ctxKey))}=hex:${r.bytes(r.int(1, 4)).map((x) => x.toString(16).padStart(2, '0')).join(',')},\\`);
        if (r.chance(0.4)) b.push(r.pick(JUNK_LINES));
        emitValue(b, ctxKey, false);
      } else if (what === 'hash-abort') {
        b.tag('continuation-hash-abort');
        b.push(`${quote(b, valueName(b, ctxKey))}=hex:01,02,\\`);
        b.push('# a hash line ends the value');
        emitValue(b, ctxKey, false);
      } else {
        // Backslash glued to the last byte: the value is dropped, its next line is plain junk.
        b.tag('continuation-broken');
        b.push(`${quote(b, valueName(b, ctxKey))}=hex:01,02\\`);
        b.push('  03,04');
      }
      eofValueUsed ||= lastLine;
    }
    if (r.chance(0.1)) b.push(commentLine(b));
  }
  if (r.chance(0.015)) {
    // The whole case root deleted at the end: reg export then finds no key.
    b.tag('root-delete');
    b.push(keyLine(b, '', true));
  }
}

function pickEol(r: Prng): Eol {
  return r.weighted([
    ['crlf', 12],
    ['lf', 4],
    ['cr', 1.5],
    ['mixed', 2],
  ] as const);
}

function joinLines(r: Prng, lines: readonly string[], eol: Eol, finalNewline: boolean): string {
  let out = '';
  lines.forEach((l, i) => {
    out += l;
    if (i < lines.length - 1 || finalNewline) out += eol === 'mixed' ? r.pick(['\r\n', '\n', '\r']) : EOLS[eol];
  });
  return out;
}

function encodeFile(text: string, enc: Encoding): Uint8Array {
  if (/\0/.test(text)) throw new Error('generator produced a NUL character');
  return enc === 'ansi' ? encodeCp1252(text) : concatBytes(BOM, encodeUtf16le(text));
}

function finish(b: FileBuilder, headerLine: string, r: Prng): { bytes: Uint8Array; tags: string[] } {
  const eol = pickEol(r);
  b.tag(`eol-${eol}`);
  const finalNewline = !r.chance(0.12);
  if (!finalNewline) b.tag('no-final-newline');
  const blankAfterHeader = r.chance(0.85);
  const lines = [headerLine, ...(blankAfterHeader ? [''] : []), ...b.lines];
  return { bytes: encodeFile(joinLines(r, lines, eol, finalNewline), b.opts.enc), tags: [...b.tags].sort() };
}

function regularCase(index: number): GeneratedCase {
  const id = `gen-${String(index).padStart(3, '0')}`;
  const r = new Prng(caseSeed(GENERATOR_SEED, index));
  const kind = r.weighted([
    ['regedit4-ansi', 40],
    ['v5-utf16', 38],
    ['v5-ansi', 18],
    ['regedit4-utf16', 4],
  ] as const);
  const opts: Options = {
    enc: kind.endsWith('utf16') ? 'utf16' : 'ansi',
    dialect: kind.startsWith('regedit4') ? 'regedit4' : 'regedit5',
  };
  const root = `${HKCU_TEST_ROOT}\\${id}`;
  const b = new FileBuilder(r, opts, root);
  b.tag(`header-${kind}`);
  if (r.chance(0.25)) b.push(commentLine(b));
  body(b);
  let head = header(opts.dialect);
  if (r.chance(0.04)) {
    head = `${r.pick([' ', '\t', '  '])}${head}`;
    b.tag('header-leading-blank');
  }
  const { bytes, tags } = finish(b, head, r);
  return { id, group: 'generated', exportKey: root, bytes, tags };
}

function quirkCase(quirk: Quirk, n: number, index: number): GeneratedCase {
  const id = `quirk-${quirk}-${n}`;
  const r = new Prng(caseSeed(GENERATOR_SEED ^ 0x51, index));
  const opts: Options =
    quirk === 'v5-ansi-hex-strings'
      ? { enc: 'ansi', dialect: 'regedit5', quirk }
      : quirk === 'regedit4-utf16-hex-strings'
        ? { enc: 'utf16', dialect: 'regedit4', quirk }
        : { enc: r.chance(0.5) ? 'ansi' : 'utf16', dialect: r.chance(0.5) ? 'regedit4' : 'regedit5', quirk };
  if (quirk === 'dword-long' || quirk === 'sz-embedded-nul') {
    // These need hex(1)/hex(4) data that both Windows and Wine read the same way otherwise.
    opts.dialect = opts.enc === 'ansi' ? 'regedit4' : 'regedit5';
  }
  const root = `${HKCU_TEST_ROOT}\\${id}`;
  const b = new FileBuilder(r, opts, root);
  b.tag(`quirk-${quirk}`);
  b.push(keyLine(b, ''));
  // A few values of the quirk's own kind first, then an ordinary body.
  for (let i = 0; i < 4; i++) {
    const name = quote(b, valueName(b, ''));
    if (quirk === 'v5-ansi-hex-strings' || quirk === 'regedit4-utf16-hex-strings') {
      const { type, bytes } = hexData(b, r.pick(['sz', 'expand', 'multi'] as const));
      emitHex(b, `${name}=`, type, bytes, '', false);
    } else if (quirk === 'dword-long') {
      const { type, bytes } = hexData(b, 'dword');
      emitHex(b, `${name}=`, type, bytes, '', false);
    } else if (quirk === 'sz-embedded-nul') {
      const { type, bytes } = hexData(b, 'sz');
      emitHex(b, `${name}=`, type, bytes, '', false);
    } else {
      emitValue(b, '', false);
    }
  }
  body(b);
  const { bytes, tags } = finish(b, header(opts.dialect), r);
  return { id, group: 'quirk', exportKey: root, bytes, tags };
}

/** Header variants: valid with odd spacing, "fuzzy" (accepted, nothing imported) and rejected. */
const HEADER_VARIANTS: readonly { name: string; head: string; enc: Encoding | 'utf16-no-bom'; dialect: Dialect }[] = [
  { name: 'fuzzy-regedit4-foo', head: 'REGEDIT4 FOO', enc: 'ansi', dialect: 'regedit4' },
  { name: 'fuzzy-regedit5', head: 'REGEDIT5', enc: 'ansi', dialect: 'regedit4' },
  { name: 'fuzzy-trailing-blank', head: 'REGEDIT4 ', enc: 'ansi', dialect: 'regedit4' },
  { name: 'win31-header-v4-body', head: 'REGEDIT', enc: 'ansi', dialect: 'regedit4' },
  { name: 'invalid-lowercase', head: 'regedit4', enc: 'ansi', dialect: 'regedit4' },
  { name: 'invalid-v5-short', head: 'Windows Registry Editor Version 5', enc: 'ansi', dialect: 'regedit5' },
  { name: 'invalid-v5-case', head: 'WINDOWS REGISTRY EDITOR VERSION 5.00', enc: 'utf16', dialect: 'regedit5' },
  { name: 'invalid-v5-trailing-blank', head: `${HEADER_5} `, enc: 'utf16', dialect: 'regedit5' },
  { name: 'invalid-blank-line-first', head: `\r\n${HEADER_4}`, enc: 'ansi', dialect: 'regedit4' },
  { name: 'invalid-utf16-without-bom', head: HEADER_5, enc: 'utf16-no-bom', dialect: 'regedit5' },
  { name: 'valid-tab-v5', head: `\t${HEADER_5}`, enc: 'utf16', dialect: 'regedit5' },
  { name: 'valid-blanks-v4', head: ` \t${HEADER_4}`, enc: 'ansi', dialect: 'regedit4' },
];

function headerCase(index: number): GeneratedCase {
  const v = HEADER_VARIANTS[index];
  if (!v) throw new Error(`no header variant ${index}`);
  const id = `header-${v.name}`;
  const r = new Prng(caseSeed(GENERATOR_SEED ^ 0x48, index));
  const enc: Encoding = v.enc === 'ansi' ? 'ansi' : 'utf16';
  const root = `${HKCU_TEST_ROOT}\\${id}`;
  const b = new FileBuilder(r, { enc, dialect: v.dialect }, root);
  b.tag(`header-case-${v.name}`);
  b.push(keyLine(b, ''));
  body(b);
  const text = joinLines(r, [v.head, '', ...b.lines], 'crlf', true);
  const bytes = v.enc === 'utf16-no-bom' ? encodeUtf16le(text) : encodeFile(text, enc);
  return { id, group: 'header', exportKey: root, bytes, tags: [...b.tags].sort() };
}

/** Windows 3.1 files: `REGEDIT`, then `HKEY_CLASSES_ROOT\path = value` lines. */
function win31Case(index: number): GeneratedCase {
  const id = `win31-${String(index).padStart(2, '0')}`;
  const r = new Prng(caseSeed(GENERATOR_SEED ^ 0x31, index));
  const enc: Encoding = index % 4 === 3 ? 'utf16' : 'ansi';
  const root = `${HKCR_TEST_ROOT}\\${id}`;
  const lines: string[] = [];
  const tags = new Set<string>([`win31-${enc}`]);
  const paths = [''];
  const n = r.int(3, 10);
  for (let i = 0; i < n; i++) {
    const kind = r.weighted([
      ['set', 8],
      ['ignored', 2],
      ['blank', 1],
    ] as const);
    const path = r.chance(0.3) ? r.pick(paths) : [r.pick(paths), r.pick(['Sub', 'CLSID', '{5e9ddec7-5767-11cf-beab-00aa006c3606}', 'a', 'B', 'Local.Server32', 'x_y'])].filter((s) => s !== '').join('\\');
    if (!paths.includes(path)) paths.push(path);
    const key = `HKEY_CLASSES_ROOT\\NmConf\\${id}${path === '' ? '' : `\\${path}`}`;
    const extra = enc === 'ansi' ? r.pick(ANSI_EXTRA) : r.pick(UNI_EXTRA);
    const value = r.pick(['Simple Object Server', 'value with trailing blank ', '', ' leading blank', `quotes "kept"`, 'semi;colon', `${extra}${extra}`, 'C:\\path\\file.exe', '= starts with equals']);
    if (kind === 'set') {
      const sep = r.pick([' = ', '=', ' ', '\t', '  =  ', '= ', ' =', '=  ', '']);
      tags.add(`win31-sep-${JSON.stringify(sep)}`);
      lines.push(sep === '' ? key : `${key}${sep}${value}`);
    } else if (kind === 'ignored') {
      tags.add('win31-ignored-line');
      lines.push(r.pick([` ${key} = leading blank`, `${key.toLowerCase()} = lower-case root`, `; ${key} = comment`, `# comment`, `[${key}]`, `"x"="v4 style value"`]));
    } else lines.push('');
  }
  // The root must exist for `reg export`: make the first line set its default value.
  lines.unshift(`HKEY_CLASSES_ROOT\\NmConf\\${id} = ${id}`);
  const text = joinLines(r, ['REGEDIT', ...lines], r.chance(0.5) ? 'crlf' : 'lf', true);
  return { id, group: 'win31', exportKey: root, bytes: encodeFile(text, enc), tags: [...tags].sort() };
}

/** All generated cases, in a fixed order. Pure: the same call always gives the same bytes. */
export function generateCases(): GeneratedCase[] {
  const cases: GeneratedCase[] = [];
  for (let i = 0; i < REGULAR_CASES; i++) cases.push(regularCase(i));
  let qi = 0;
  for (const q of QUIRKS) for (let n = 0; n < QUIRK_CASES_EACH; n++) cases.push(quirkCase(q, n, qi++));
  for (let i = 0; i < HEADER_VARIANTS.length; i++) cases.push(headerCase(i));
  for (let i = 0; i < WIN31_CASES; i++) cases.push(win31Case(i));
  return cases;
}
