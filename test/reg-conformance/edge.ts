// Hand-written edge cases: inputs a random generator rarely hits but where a re-implementation
// easily parts from Wine (limits, NULs, wcstoul-style number parsing, case folding beyond
// ASCII, long lines). Like the generated cases they only state the input; Wine's export is
// the expected result. Each imports under HKCU\Software\NmConf\<id> (Win3.1: HKCR\NmConf\<id>).

import { HKCR_TEST_ROOT, HKCU_TEST_ROOT } from './generate.js';
import type { GeneratedCase } from './generate.js';
import { BOM, concatBytes, encodeUtf16le, latin1ToBytes } from './text.js';

interface Edge {
  name: string;
  enc: 'ansi' | 'utf16';
  win31?: boolean;
  /** Lines after the header; `$K` is the case root key path (without brackets). */
  lines?: string[];
  header?: string;
  eol?: string;
  finalNewline?: boolean;
  /** Builds the file's bytes itself (for files no header + lines layout can express). */
  raw?: (root: string) => Uint8Array;
}

const V4 = 'REGEDIT4';
const V5 = 'Windows Registry Editor Version 5.00';

const hexOf = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join(',');
const seq = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i) & 0xff);

const EDGES: Edge[] = [
  {
    name: 'nul-in-ansi-file',
    enc: 'ansi',
    lines: ['[$K]', '"before"="1"', '"nul"="x\0y"', '"after"="3"', '[$K\\Later]', '"v"="4"'],
  },
  {
    name: 'nul-in-utf16-file',
    enc: 'utf16',
    header: V5,
    lines: ['[$K]', '"before"="1"', '"nul"="x\0y"', '"after"="3"', '[$K\\Later]', '"v"="4"'],
  },
  {
    name: 'long-lines-ansi',
    enc: 'ansi',
    lines: ['[$K]', `"bin"=hex:${hexOf(seq(3000, (i) => i * 7))}`, `"str"="${'0123456789'.repeat(600)}"`, '"after"=dword:1'],
  },
  {
    name: 'long-lines-utf16',
    enc: 'utf16',
    header: V5,
    lines: ['[$K]', `"multi"=hex(7):${hexOf(seq(5000, (i) => (i % 2 ? 0 : 0x41 + (i % 23))))},00,00`, `"str"="${'ab\\\\"c\\"'.repeat(900)}"`],
  },
  {
    name: 'name-length-limits',
    enc: 'ansi',
    lines: [
      '[$K]',
      `"${'v'.repeat(16383)}"="longest value name"`,
      `"${'w'.repeat(16384)}"="one too long"`,
      `[$K\\${'k'.repeat(255)}]`,
      `[$K\\${'l'.repeat(256)}]`,
      '"in256"="1"',
      `[$K\\${'m'.repeat(257)}]`,
      '"in257"="2"',
      `[$K\\${'d\\'.repeat(60)}deep]`,
      '"deep"="3"',
    ],
  },
  {
    name: 'dword-edges',
    enc: 'ansi',
    lines: [
      '[$K]',
      '"empty-comment"=dword:;c',
      '"blank-comment"=dword: ;c',
      '"eleven"=dword:00000000001',
      '"upper"=dword:FFFFFFFF',
      '"semi"=dword:ffffffff ;',
      '"tabs"=dword:\t1\t',
      '"plus"=dword:+1',
      '"neg"=dword:-1',
      '"space-in"=dword:1 2',
      '"eight-zero-one"=dword:000000001',
    ],
  },
  {
    name: 'hex-token-edges',
    enc: 'ansi',
    lines: [
      '[$K]',
      '"plus"=hex:+1,+ff',
      '"prefix"=hex:0x1f,0X2e',
      '"padded"=hex:00ff,000000000000000001',
      '"minus-zero"=hex:-0,01',
      '"minus-one"=hex:-1',
      '"tab-after-comma"=hex:01,\t02',
      '"blank-before"=hex: 01',
      '"blank-before-comma"=hex:01 ,02',
      '"trailing-comma"=hex:ff,',
      '"double-comma"=hex:01,,02',
      '"x-alone"=hex:0x',
      '"overflow"=hex:100000000000000000000',
      '"semi-empty"=hex:;c',
      '"hex-type-blank"=hex( 2):41,00',
      '"hex-type-plus"=hex(+2):41,00',
      '"hex-type-neg"=hex(-1):01',
      '"hex-type-long"=hex(0000000000002):41,00',
      '"hex-type-upper"=HEX:01',
      '"dword-upper"=DWORD:1',
    ],
  },
  {
    name: 'key-path-edges',
    enc: 'ansi',
    lines: [
      '[$K]',
      '"root"="1"',
      '[HKEY_CURRENT_USER\\\\Software\\NmConf\\edge-key-path-edges\\after-root]',
      '"a"="2"',
      '[$K\\a]garbage after bracket',
      '"b"="3"',
      '[$K\\b]x]',
      '"c"="4"',
      '[]',
      '"after-empty"="5"',
      '[$K\\c]',
      '[-]',
      '"after-empty-delete"="6"',
      '[',
      '"after-lone-bracket"="7"',
      '[$K\\d\\.]',
      '[$K\\d\\..]',
      '[$K\\e]',
      '"e"="8"',
      '[-$K\\e\\]',
      '[$K\\f]',
      '[-hkey_current_user\\Software\\NmConf\\edge-key-path-edges\\F]',
      '[$K\\g]',
      '[-HKCU\\Software\\NmConf\\edge-key-path-edges\\g]',
      '[$K\\h]',
      '"after-delete-of-other"="9"',
      '[-$K\\nonexistent]',
      '"after-delete-of-missing"="10"',
    ],
  },
  {
    name: 'value-syntax-edges',
    enc: 'ansi',
    lines: [
      '"before-any-key"="1"',
      '[$K]',
      '"a\\"="b"',
      '"ends-escaped-backslash"="abc\\\\"',
      '"ends-escaped-quote"="abc\\"',
      '"x" = "spaces around"',
      '@=-',
      '@="default"',
      '""=-',
      '"deleted-later"="x"',
      '"deleted-later"=-',
      '"DELETED-LATER"="re-added in other case"',
      '"re"="1"',
      '"RE"=-',
      '\f"formfeed"="lead"',
      '\v"vtab"="lead"',
      '\xa0"nbsp"="lead"',
      'REGEDIT4',
      '"after-second-header"="ok"',
      '"str-then-semi"="v";',
      '"str-then-hash-no-blank"="v"#',
      '"quoted-semicolon"="a;b#c"',
      '"undefined-cp1252"="\x81\x8d\x8f\x90\x9d"',
      '"euro"="\x80\x99\x9f"',
      '"hex2-cp1252"=hex(2):80,81,8d,9f,41,00',
      '"hex7-cp1252"=hex(7):80,00,9f,00,00',
      '"hex1-cp1252"=hex(1):e9,80,00',
    ],
  },
  {
    name: 'case-folding-names',
    enc: 'utf16',
    header: V5,
    lines: [
      '[$K]',
      ...['İ', 'i', 'I', 'ı', 'K', 'k', '\u212a', 'ß', 'ẞ', 'Σ', 'σ', 'ς', 'ǅ', 'ǆ', 'Ǆ', 'Ω', '\u2126', 'Å', '\u212b', 'ÿ', 'Ÿ', 'µ', 'Μ', '𐐀', '𐐨', 'ǰ', 'ŉ', 'Ꭰ', 'ꭰ', 'ᲀ', 'в'].map(
        (n, i) => `"${n}"="${i}"`,
      ),
      ...['İ', 'i', '\u212a', 'k', 'ẞ', 'ß', 'ς', 'Σ', 'ǅ', 'Ǆ', '𐐀', '𐐨', 'Ꭰ', 'ꭰ'].map((n) => `[$K\\keys\\${n}]`),
    ],
  },
  {
    name: 'lone-surrogates',
    enc: 'utf16',
    header: V5,
    lines: ['[$K]', '"\ud800"="high alone"', '"\udc00x"="low alone \ud83d"', '"pair"="\ud83d\ude00"', '[$K\\\udbff]', '"k"="1"'],
  },
  {
    name: 'line-break-variety',
    enc: 'utf16',
    header: V5,
    eol: '\r\r\n',
    lines: ['[$K]', '"a"=hex:01,\\', '  02,\\', '', '  03', '"b"="2"'],
  },
  {
    name: 'header-only-no-newline',
    enc: 'ansi',
    header: V4,
    lines: [],
    finalNewline: false,
  },
  {
    name: 'continuation-edges',
    enc: 'ansi',
    lines: [
      '[$K]',
      '"swallow-key"=hex:01,\\',
      '[$K\\swallowed]',
      '"kept"="1"',
      '"big-token"=hex:01,\\',
      '  deadbeef',
      '"after-big"="2"',
      '"comma-start"=hex:01,\\',
      '  ,02',
      '"after-comma-start"="3"',
      '"split-byte"=hex:01,7\\',
      '  5,00',
      '"after-split"="4"',
      '"hash-after-backslash"=hex:01,\\#c',
      '  02',
      '"after-hash"="5"',
      '"dword-word"=hex:01,\\',
      '  dword:1',
      '"after-dword-word"="6"',
      '"blank-continuation"=hex(7):41,00,\\',
      '\t',
      '  42,00,00',
      '"eof"=hex:0a,0b,\\',
    ],
    finalNewline: false,
  },
  {
    name: 'win31-edges',
    enc: 'ansi',
    win31: true,
    header: 'REGEDIT',
    lines: [
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges = root',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\tab\tseparated',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\vtab\vseparated',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\nbsp\xa0separated',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\quotes = "quoted" \\back\\slash\\',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\eq==two equals',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\blanks =   three blanks',
      'HKEY_CLASSES_ROOTX\\NmConf\\edge-win31-edges\\prefix = not a root',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\\xe9\x80 = cp1252 \x80',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\trail\\ = trailing backslash',
      'HKEY_CLASSES_ROOT\\NmConf\\edge-win31-edges\\semi ; not a comment',
      '[HKEY_CURRENT_USER\\Software\\NmConf\\edge-win31-edges]',
    ],
  },
];

/**
 * Every character of the BMP blocks that hold cased letters. A fixed list, not one derived from
 * the runtime's Unicode tables, so the generated file is the same on every Node version.
 */
const CASED_BLOCKS: readonly [number, number][] = [
  [0x41, 0x7e], [0xa0, 0x24f], [0x250, 0x2af], [0x370, 0x52f], [0x531, 0x587], [0x10a0, 0x10ff],
  [0x13a0, 0x13fd], [0x1c80, 0x1cbf], [0x1e00, 0x1fff], [0x2100, 0x218f], [0x24b6, 0x24e9],
  [0x2c00, 0x2d2f], [0xa640, 0xa69f], [0xa720, 0xa7ff], [0xab70, 0xabbf], [0xff21, 0xff5a],
];

function casedCharacters(): number[] {
  return CASED_BLOCKS.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
}

EDGES.push(
  {
    // One value per character of the cased blocks, in code point order: the names Wine merges,
    // and the order it sorts them in, are its case folding.
    name: 'case-folding-bmp',
    enc: 'utf16',
    header: V5,
    lines: ['[$K]', ...casedCharacters().map((c) => {
      const ch = String.fromCharCode(c);
      const name = ch === '"' || ch === '\\' ? `\\${ch}` : ch;
      return `"${name}"="${c.toString(16).padStart(4, '0')}"`;
    })],
  },
  {
    // The C runtime's errno stays ERANGE after one overflowing number, and Wine's hex(N) check
    // reads errno: from then on hex(ffffffff) (and hex(-1)) lines are rejected.
    name: 'sticky-overflow',
    enc: 'ansi',
    lines: [
      '[$K]',
      '"neg-before"=hex(-1):01',
      '"max-before"=hex(ffffffff):02',
      '"overflow"=hex:100000000000000000000',
      '"max-after"=hex(ffffffff):03',
      '"neg-after"=hex(-1):04',
      '"fffffffe-after"=hex(fffffffe):05',
      '[$K\\next-key]',
      '"max-next-key"=hex(ffffffff):06',
    ],
  },
);

const utf16 = (text: string): Uint8Array => concatBytes(BOM, encodeUtf16le(text));
const swapBytePairs = (b: Uint8Array): Uint8Array => b.map((_x, i) => b[i ^ 1] ?? 0);

EDGES.push(
  {
    // Past reg import's first 4 KB read: a NUL drops the rest of that read, not the rest of the file.
    name: 'nul-in-large-ansi-file',
    enc: 'ansi',
    lines: [
      '[$K]',
      ...Array.from({ length: 120 }, (_, i) => `"v${String(i).padStart(3, '0')}"="${'x'.repeat(40)}"`),
      '"nul"="before\0after"',
      ...Array.from({ length: 120 }, (_, i) => `"w${String(i).padStart(3, '0')}"="${'y'.repeat(40)}"`),
    ],
  },
  {
    name: 'utf16-odd-trailing-byte',
    enc: 'utf16',
    raw: (root) => concatBytes(utf16(`${V5}\r\n\r\n[${root}]\r\n"a"="1"\r\n"b"="2"`), Uint8Array.of(0x41)),
  },
  {
    name: 'utf16-bom-inside',
    enc: 'utf16',
    raw: (root) => utf16(`${V5}\r\n[${root}]\r\n\ufeff"bom-first"="1"\r\n"bom-in-name\ufeff"="2"\r\n"bom-in-data"="\ufeff"\r\n`),
  },
  { name: 'utf8-bom', enc: 'ansi', raw: (root) => concatBytes(Uint8Array.of(0xef, 0xbb, 0xbf), latin1ToBytes(`${V4}\r\n[${root}]\r\n"a"="1"\r\n`)) },
  { name: 'utf16-big-endian-bom', enc: 'utf16', raw: (root) => swapBytePairs(utf16(`${V5}\r\n[${root}]\r\n"a"="1"\r\n`)) },
  { name: 'bom-only', enc: 'utf16', raw: () => Uint8Array.of(0xff, 0xfe) },
  { name: 'empty-file', enc: 'ansi', raw: () => new Uint8Array(0) },
  { name: 'one-byte-file', enc: 'ansi', raw: () => Uint8Array.of(0x52) },
);

export function edgeCases(): GeneratedCase[] {
  return EDGES.map((e) => {
    const id = `edge-${e.name}`;
    const root = e.win31 ? `${HKCR_TEST_ROOT}\\${id}` : `${HKCU_TEST_ROOT}\\${id}`;
    if (e.raw) return { id, group: 'edge', exportKey: root, bytes: e.raw(root), tags: [`edge-${e.name}`] };
    const eol = e.eol ?? '\r\n';
    const body = e.lines ?? [];
    const lines = [e.header ?? V4, '', ...body.map((l) => l.replaceAll('$K', root))];
    if (body.length === 0) lines.pop();
    const text = lines.join(eol) + (e.finalNewline === false ? '' : eol);
    // ANSI edge files are written byte by byte: '\x80' in the text is the byte 0x80.
    const bytes = e.enc === 'ansi' ? latin1ToBytes(text) : concatBytes(BOM, encodeUtf16le(text));
    return { id, group: 'edge', exportKey: root, bytes, tags: [`edge-${e.name}`] };
  });
}
