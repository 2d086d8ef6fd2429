// The `reg import` rules of peer-tests.md §3 (Wine programs/reg/tests/import.c, restated as
// data there) re-created as our own table. Each case is a whole .reg file; the expectations are
// what ends up under HKCU\Software\Test (or HKCR\TestW31), plus every diagnostic our reader
// must raise. `spotcheck-wine.ts` runs the same table against Wine 8.
//
// File text is written with "\n"; the tests also run it with CRLF and CR line ends. A
// diagnostic's column is given as the text the column points at (its first occurrence in that
// line), or as a number, or 'eol' for the end of the line.

export const KEY = 'HKEY_CURRENT_USER\\Software\\Test';
export const W31 = 'HKEY_CLASSES_ROOT\\TestW31';

export interface Expected {
  type: number;
  /** Data bytes as comma-separated hex. */
  hex: string;
}

export type At = string | number | 'eol';

export interface ImportCase {
  id: string;
  /** 'ansi': bytes 0-255 as written (code page 1252); 'utf16': UTF-16LE with BOM; 'both': run twice. */
  enc: 'ansi' | 'utf16' | 'both';
  text: string;
  exitCode?: 0 | 1;
  /** Values of `key` (default KEY) by name; null = must not exist. */
  values?: Record<string, Expected | null>;
  key?: string;
  /** Subkey paths relative to `key` (or absolute HKEY_... paths) that must (true) or must not (false) exist. */
  keys?: Record<string, boolean>;
  /** Every diagnostic: [line, column, code]. */
  diags?: [number, At, string][];
  /** Skip line-ending variants (the case is about a specific line end). */
  fixedEol?: boolean;
  note?: string;
}

function utf16Hex(s: string): string {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push((c & 0xff).toString(16).padStart(2, '0'), (c >> 8).toString(16).padStart(2, '0'));
  }
  return out.join(',');
}

export const sz = (s: string): Expected => ({ type: 1, hex: utf16Hex(`${s}\0`) });
export const expandSz = (s: string): Expected => ({ type: 2, hex: utf16Hex(`${s}\0`) });
/** Raw UTF-16 of s (no terminator added). */
export const utf16 = (type: number, s: string): Expected => ({ type, hex: utf16Hex(s) });
export const dword = (n: number): Expected => ({
  type: 4,
  hex: [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24].map((b) => b.toString(16).padStart(2, '0')).join(','),
});
export const hex = (type: number, h: string): Expected => ({ type, hex: h });

const R4 = `REGEDIT4\n[${KEY}]\n`;
const V5 = `Windows Registry Editor Version 5.00\n[${KEY}]\n`;
const r4 = (body: string): string => R4 + body + '\n';
const v5 = (body: string): string => V5 + body + '\n';
const header = (h: string): string => `${h}\n[${KEY}]\n"Wine"="Test"\n`;

const headerCases: ImportCase[] = [
  ...['regedit', 'regedit4', 'Regedit4', 'AREGEDIT4', '1REGEDIT4', 'Windows Registry Editor Version 4.00', 'Windows Registry Editor Version 5',
    'WINDOWS REGISTRY EDITOR VERSION 5.00', 'Windows Registry Editor version 5.00', 'Windows Registry Editor Version 5.00 '].map(
    (h, i): ImportCase => ({ id: `header-rejected-${i}`, enc: 'both', text: header(h), exitCode: 1, values: { Wine: null }, diags: [[1, 1, 'header-invalid']], note: h }),
  ),
  { id: 'header-rejected-blank-line-first', enc: 'both', text: `\nREGEDIT4\n[${KEY}]\n"Wine"="Test"\n`, exitCode: 1, values: { Wine: null }, diags: [[1, 1, 'header-invalid']] },
  ...['REGEDIT4', ' REGEDIT4', '\tREGEDIT4', 'Windows Registry Editor Version 5.00', '  Windows Registry Editor Version 5.00'].map(
    (h, i): ImportCase => ({ id: `header-ok-${i}`, enc: 'both', text: header(h), exitCode: 0, values: { Wine: sz('Test') }, note: h }),
  ),
  ...['REGEDIT', 'REGEDIT3', 'REGEDIT5', 'REGEDIT9', 'REGEDIT 4', 'REGEDIT4FOO', 'REGEDIT4 FOO', 'REGEDIT4 '].map(
    (h, i): ImportCase => ({
      id: `header-not-imported-${i}`, enc: 'both', text: header(h), exitCode: 0, values: { Wine: null }, note: h,
      // Plain REGEDIT is the Windows 3.1 format, in which these lines mean nothing.
      diags: h === 'REGEDIT' ? [[2, 1, 'win31-line-ignored'], [3, 1, 'win31-line-ignored']] : [[1, 1, 'header-unsupported']],
    }),
  ),
];

const valueCases: ImportCase[] = [
  { id: 'dword', enc: 'both', text: r4('"Wine1a"=dword:00000123'), values: { Wine1a: dword(0x123) } },
  { id: 'default-at', enc: 'both', text: r4('@="Test string"'), values: { '': sz('Test string') } },
  { id: 'default-empty-name', enc: 'both', text: r4('""="Test string 2"'), values: { '': sz('Test string 2') } },
  { id: 'empty-string', enc: 'both', text: r4('"Empty string"=""'), values: { 'Empty string': sz('') } },
  { id: 'blank-lines', enc: 'both', text: r4('"Wine1b"="Test Value"\n\n\n"Wine1c"="Test Value2"\n\n'), values: { Wine1b: sz('Test Value'), Wine1c: sz('Test Value2') } },
  { id: 'no-final-newline', enc: 'both', text: `${R4}"Wine1d"="Last line"`, values: { Wine1d: sz('Last line') } },
  {
    id: 'comments', enc: 'both',
    text: r4(';comment\n#comment\n  ;indented\n\t#tab indented\n;comment ending \\\n"Wine2a"="Value"\n#comment \\\n"Wine2b"="Value"'),
    values: { Wine2a: sz('Value'), Wine2b: sz('Value') },
  },
  {
    id: 'trailing-comment-string', enc: 'both',
    text: r4('"Wine3a"="Value";comment\n"Wine3b"="Value"#comment\n"Wine3c"="Value" ;comment\n"Wine3d"="Value" #comment'),
    values: { Wine3a: sz('Value'), Wine3b: null, Wine3c: sz('Value'), Wine3d: null },
    diags: [[4, '#', 'string-syntax'], [6, '#', 'string-syntax']],
  },
  {
    id: 'trailing-comment-dword', enc: 'both',
    text: r4('"Wine4a"=dword:02040608 ;comment\n"Wine4b"=dword:01020304 #comment\n"Wine4c"=dword:1234;5678\n"Wine4d"=dword:1234#5678'),
    values: { Wine4a: dword(0x02040608), Wine4b: null, Wine4c: dword(0x1234), Wine4d: null },
    diags: [[4, '#', 'dword-syntax'], [6, '#', 'dword-syntax']],
  },
  {
    id: 'comment-chars-in-data', enc: 'both',
    text: r4('"Wine5a"="Value;comment4"\n"Wine5b"="Value#5"\n"Wine5c"=#"Value 8"\n"Wine5d"=;"Value 9"'),
    values: { Wine5a: sz('Value;comment4'), Wine5b: sz('Value#5'), Wine5c: null, Wine5d: null },
    diags: [[5, '#', 'data-type-unknown'], [6, ';', 'data-type-unknown']],
  },
  {
    id: 'dword-digits', enc: 'both',
    text: r4([
      '"Wine6a"=dword:1', '"Wine6b"=dword:4444', '"Wine6c"=dword:', '"Wine6d"=dword:hello', '"Wine6e"=dword:123456789',
      '"Wine6f"=dword:012345678', '"Wine6g"=dword:000000001', '"Wine6h"=dword:12345678abc', '"Wine6i"=dword:12345678 abc',
      '"Wine6j"=dword:0x123', '"Wine6k"=dword:123 456', '"Wine6l"=dword:1234 5678', '"Wine6m"=dword:1234\\', '5678',
      '"Wine6n"=dword:  00000008', '"Wine6o"=dword:\t\t00000008', '"Wine6p"=dword:ffffffff', '"Wine6q"=dword:;comment',
    ].join('\n')),
    values: {
      Wine6a: dword(1), Wine6b: dword(0x4444), Wine6c: null, Wine6d: null, Wine6e: null, Wine6f: null, Wine6g: null, Wine6h: null,
      Wine6i: null, Wine6j: null, Wine6k: null, Wine6l: null, Wine6m: null, Wine6n: dword(8), Wine6o: dword(8), Wine6p: dword(0xffffffff),
      // Not in Wine's tests: no digits before the comment reads as 0 (Wine 8 does this).
      Wine6q: dword(0),
    },
    diags: [
      [5, 'eol', 'dword-syntax'], [6, 'hello', 'dword-syntax'], [7, '123456789', 'dword-syntax'], [8, '012345678', 'dword-syntax'],
      [9, '000000001', 'dword-syntax'], [10, '12345678abc', 'dword-syntax'], [11, 'abc', 'dword-syntax'], [12, 'x', 'dword-syntax'],
      [13, '456', 'dword-syntax'], [14, '5678', 'dword-syntax'], [15, '\\', 'dword-syntax'], [16, 1, 'line-ignored'],
    ],
  },
  {
    id: 'escapes', enc: 'both',
    text: r4([
      '"double\\"quote"="valid \\"or\\" not"', '"Wine7a"="\\\\0"', '"Wine7b"="\\0"', '"Wine7c"="foo"bar"', '"Wine7d"="foo""bar"',
      '"Wine7e"="Test \\', 'Value"', '"Wine7f"=Test Value"', '"Wine7g"="Test Value', 'Wine7h"="Test Value"', '"Wine7i="Test Value"',
      '"single\'quote"="Value"', '"\\\\foo\\\\bar"="Value"', '"/slash/"="Value"', '"Wine7j"="a\\nb\\rc"', '"Wine7k"="\\q"',
    ].join('\n')),
    values: {
      'double"quote': sz('valid "or" not'), Wine7a: sz('\\0'), Wine7b: null, Wine7c: null, Wine7d: null, Wine7e: null, Wine7f: null,
      Wine7g: null, 'Wine7i=': null, "single'quote": sz('Value'), '\\foo\\bar': sz('Value'), '/slash/': sz('Value'),
      // \n and \r are escapes to Wine 8 (its reg export writes them); other escaped characters stand for themselves.
      Wine7j: sz('a\nb\rc'), Wine7k: sz('q'),
    },
    diags: [
      [5, '\\0', 'string-syntax'], [6, 'bar', 'string-syntax'], [7, '"bar', 'string-syntax'], [8, '\\', 'string-syntax'], [9, 1, 'line-ignored'],
      [10, 'Test', 'data-type-unknown'], [11, 'eol', 'string-syntax'], [12, 1, 'line-ignored'], [13, 'Test', 'value-missing-equals'],
      [18, '\\q', 'escape-unknown'],
    ],
  },
  {
    id: 'whitespace', enc: 'both',
    text: r4([
      '  "Wine8a"="Value"', '"Wine8b"    \t    =    \t    "More whitespace"', '"  Wine8c  "="  Value  "', '"Wine8d"="Value"   \t  ',
      '\t"Wine8e"\t=\tdword:\t00000008\t', `  [${KEY}\\Subkey8]`, '"Wine8f"="In subkey"',
    ].join('\n')),
    values: { Wine8a: sz('Value'), Wine8b: sz('More whitespace'), '  Wine8c  ': sz('  Value  '), Wine8d: sz('Value'), Wine8e: dword(8), Wine8f: null },
    keys: { Subkey8: true },
  },
  { id: 'whitespace-default', enc: 'both', text: r4('@  =  "Test Value"'), values: { '': sz('Test Value') } },
  { id: 'whitespace-default-dword', enc: 'both', text: r4('\t@\t=\tdword:\t00000008\t'), values: { '': dword(8) } },
  {
    id: 'delete-value', enc: 'both',
    text: r4([
      '"Wine9a"="Value"', '"Wine9b"="Value"', '"Wine9c"="Value"', '"Wine9d"="Value"', '"Wine9e"="Value"', '@="Default"',
      '"Wine9a"=-', '"Wine9b" = - ', '"Wine9c"=- ;comment', '"Wine9d"=-"Test"', '"Wine9e"=- #comment', '@=-', '"Missing"=-',
    ].join('\n')),
    values: { Wine9a: null, Wine9b: null, Wine9c: null, Wine9d: sz('Value'), Wine9e: sz('Value'), '': null },
    diags: [[12, '"Test', 'value-delete-syntax'], [13, '#', 'value-delete-syntax']],
  },
];

const hexCases: ImportCase[] = [
  {
    id: 'hex-types', enc: 'both',
    text: r4([
      '"Wine10a"=hex:11,22', '"Wine10b"=hex(0):11', '"Wine10c"=hex(10):11', '"Wine10d"=hex(100):11', '"Wine10e"=hex(7fffffff):11',
      '"Wine10f"=hex(ffffffff):11', '"Wine10g"=hex(100000000):11', '"Wine10h"=hex(0x2):11', '"Wine10i"=hex(0X2):11', '"Wine10j"=hex(x2):11',
      '"Wine10k"=hex(3):11,22', '"Wine10l"=hex(4):40,30,20,10', '"Wine10m"=hex(b):01,02,03,04,05,06,07,08', '"Wine10n"=HEX:11', '"Wine10o"=hex(2:11',
    ].join('\n')),
    values: {
      Wine10a: hex(3, '11,22'), Wine10b: hex(0, '11'), Wine10c: hex(0x10, '11'), Wine10d: hex(0x100, '11'), Wine10e: hex(0x7fffffff, '11'),
      Wine10f: hex(0xffffffff, '11'), Wine10g: null, Wine10h: null, Wine10i: null, Wine10j: null, Wine10k: hex(3, '11,22'),
      Wine10l: dword(0x10203040), Wine10m: hex(11, '01,02,03,04,05,06,07,08'), Wine10n: null, Wine10o: null,
    },
    diags: [[9, 'hex(', 'data-type-unknown'], [10, 'hex(', 'data-type-unknown'], [11, 'hex(', 'data-type-unknown'], [12, 'hex(', 'data-type-unknown'],
      [16, 'HEX', 'data-type-unknown'], [17, 'hex(', 'data-type-unknown']],
  },
  {
    // Found with Wine 8, not in its tests: each byte goes through wcstoul, so a sign, 0x and leading white space pass.
    id: 'hex-wcstoul', enc: 'both',
    text: r4(['"Wine10p"=hex:0x01,0X02', '"Wine10q"=hex:+1,-0,001', '"Wine10r"=hex:01, 02', '"Wine10s"=hex:01 ,02', '"Wine10t"=hex(-1):01',
      '"Wine10u"=hex():01', '"Wine10v"=hex( 2):41,00', '"Wine10w"=hex:\v01', '"Wine10x"=hex:-1'].join('\n')),
    values: {
      Wine10p: hex(3, '01,02'), Wine10q: hex(3, '01,00,01'), Wine10r: hex(3, '01,02'), Wine10s: null, Wine10t: hex(0xffffffff, '01'),
      Wine10u: hex(0, '01'), Wine10v: utf16(2, 'A\0'), Wine10w: hex(3, '01'), Wine10x: null,
    },
    diags: [[6, ',02', 'hex-syntax'], [11, '-1', 'hex-syntax']],
  },
  {
    id: 'hex-strings-ansi', enc: 'ansi',
    text: r4(['"Wine11a"=hex(1):54,65,73,74', '"Wine11b"=hex(2):25,50,41,54,48,25', '"Wine11c"=hex(2):25,50,41,54,48,25,00', '"Wine11d"=hex(7):4c,69,6e,65',
      '"Wine11e"=hex(7):4c,69,6e,65,00,00', '"Wine11f"=hex(2):25,00,', '"Wine11g"=hex(1):e9,80'].join('\n')),
    values: {
      Wine11a: sz('Test'), Wine11b: expandSz('%PATH%'), Wine11c: expandSz('%PATH%'), Wine11d: utf16(7, 'Line\0'), Wine11e: utf16(7, 'Line\0\0'),
      Wine11f: utf16(2, '%\0'), Wine11g: sz('é€'),
    },
  },
  {
    id: 'hex-strings-unicode', enc: 'utf16',
    text: v5(['"Wine11h"=hex(2):25,00,50,00,41,00,54,00,48,00,25,00', '"Wine11i"=hex(2):25,00,50,00,41,00,54,00,48,00,25,00,00,00',
      '"Wine11j"=hex(7):4c,00,69,00,6e,00,65,00', '"Wine11k"=hex(1):41,00,00,00,42,00,00,00', '"Wine11l"=hex(7):4c,00,00,00,00,00'].join('\n')),
    values: {
      Wine11h: expandSz('%PATH%'), Wine11i: expandSz('%PATH%'), Wine11j: utf16(7, 'Line\0'), Wine11k: utf16(1, 'A\0B\0'), Wine11l: utf16(7, 'L\0\0'),
    },
  },
  {
    id: 'hex-empty', enc: 'both',
    text: r4(['"Wine12a"=hex(1):', '"Wine12b"=hex(2):', '"Wine12c"=hex:', '"Wine12d"=hex(abcd):', '"Wine12e"=hex(7):  '].join('\n')),
    values: { Wine12a: hex(1, ''), Wine12b: hex(2, ''), Wine12c: hex(3, ''), Wine12d: hex(0xabcd, ''), Wine12e: hex(7, '') },
  },
  {
    id: 'hex-bad-bytes', enc: 'both',
    text: r4(['"Wine12f"=hex:100', '"Wine12g"=hex:1a4,20', '"Wine12h"=hex:25,00,', '"Wine12i"=hex:25,,00', '"Wine12j"=hex:25 00', '"Wine12k"=hex:0g'].join('\n')),
    values: { Wine12f: null, Wine12g: null, Wine12h: hex(3, '25,00'), Wine12i: null, Wine12j: null, Wine12k: null },
    diags: [[3, '100', 'hex-syntax'], [4, '1a4', 'hex-syntax'], [6, ',00', 'hex-syntax'], [7, '00', 'hex-syntax'], [8, 'g', 'hex-syntax']],
  },
  {
    id: 'continuation', enc: 'ansi',
    text: r4([
      '"Wine13a"=hex(2):25,48,4f,4d,45,25,5c,\\', '  77,69,6e,65,00',
      '"Wine13b"=hex(2):25,48,4f,4d,45,25,5c,  \\', '  77,69,6e,65,00',
      '"Wine13c"=hex(2):25,48,4f,4d,45,25,5c,\t\\', '\t77,69,6e,65,00',
      '"Wine13d"=hex(2):\\', '  25,48,4f,4d,45,25,00',
      '"Wine13e"=hex:01,\\;comment', '  02,\\ ;comment', '  03',
    ].join('\n')),
    values: { Wine13a: expandSz('%HOME%\\wine'), Wine13b: expandSz('%HOME%\\wine'), Wine13c: expandSz('%HOME%\\wine'), Wine13d: expandSz('%HOME%'), Wine13e: hex(3, '01,02,03') },
  },
  {
    id: 'continuation-broken', enc: 'ansi',
    text: r4([
      '"Wine14a"=hex(7):4c,69,6e,65,20\\', '  ,63,6f,6e,63,61,74,00,00',
      '"Wine14b"=hex(7):4c,69,6e,65,20,\\', '  ,63,6f,6e,63,61,74,00,00',
      '"Wine14c"=hex(7):4c,69,6e,6\\', '  5,00,00',
      '"Wine14d"=hex(2):25,48\\,4f,00',
      '"Wine14e"=hex(2):\\25,48,00',
      '"Wine14f"=hex(2):25,4\\f,00',
      '"Wine14g"=hex(2):25,50,\\,41,00',
      '"Wine14h"=hex(2):,\\', '  25,00',
      '"Wine14i"=hex:01,\\#comment', '  02',
    ].join('\n')),
    values: { Wine14a: null, Wine14b: null, Wine14c: null, Wine14d: null, Wine14e: null, Wine14f: null, Wine14g: null, Wine14h: null, Wine14i: null },
    diags: [
      [3, '\\', 'hex-syntax'], [4, ',', 'line-ignored'], [6, ',', 'hex-continuation-broken'], [7, '\\', 'hex-syntax'], [8, '5', 'line-ignored'],
      [9, '\\', 'hex-syntax'], [10, '25', 'hex-syntax'], [11, '\\', 'hex-syntax'], [12, ',41', 'hex-syntax'], [13, ',', 'hex-syntax'],
      [14, '25', 'line-ignored'], [15, '#', 'hex-syntax'], [16, '02', 'line-ignored'],
    ],
  },
  {
    id: 'continuation-between-lines', enc: 'ansi',
    text: r4([
      '"Wine15a"=hex(7):4c,69,6e,65,20,\\', '  63,6f,6e,\\', '', '  63,61,74,\\', '    \t', '  00,00',
      '"Wine15b"=hex(7):4c,69,6e,65,20,\\', ';comment', '  63,6f,6e,63,61,74,00,00',
      '"Wine15c"=hex(7):4c,69,6e,65,20,\\', '#comment', '  63,6f,6e,63,61,74,00,00',
      '"Wine15d"=hex(7):4c,69,6e,65,20,\\', '  63,6f,6e,63,61,74,;comment',
      '"Wine15e"=hex:01,\\', '  02, ',
    ].join('\n')),
    values: { Wine15a: utf16(7, 'Line concat\0\0'), Wine15b: utf16(7, 'Line concat\0\0'), Wine15c: null, Wine15d: utf16(7, 'Line concat\0'), Wine15e: null },
    // Continuation lines are not trimmed: a blank after the last comma reads as a missing byte (Wine 8 agrees).
    diags: [[13, '#', 'hex-continuation-broken'], [14, '63', 'line-ignored'], [18, 'eol', 'hex-syntax']],
  },
  {
    id: 'continuation-swallows-next-line', enc: 'ansi',
    text: r4([
      '"Wine16a"=hex(2):25,50,41,\\', '"Wine16b"="Value"', '"Wine16c"="Value"',
      '"Wine16d"=hex(2):25,50,41,\\', `[${KEY}\\Subkey16]`, '"Wine16e"="Goes to the previous key"',
      '"Wine16f"=hex(2):25,50,41,20\\', '"Wine16g"="Value"',
      '"Wine16h"=hex(2):25,50,41,20\\', `[${KEY}\\Subkey16i]`,
      '"Wine16j"="In Subkey16i"',
    ].join('\n')),
    values: { Wine16a: null, Wine16b: null, Wine16c: sz('Value'), Wine16d: null, Wine16e: sz('Goes to the previous key'), Wine16f: null, Wine16g: sz('Value'), Wine16h: null, Wine16j: null },
    keys: { Subkey16: false, Subkey16i: true, [`${KEY}\\Subkey16i`]: true },
    diags: [[4, '"Wine16b', 'hex-continuation-broken'], [7, '[', 'hex-continuation-broken'], [9, '\\', 'hex-syntax'], [11, '\\', 'hex-syntax']],
  },
  {
    id: 'continuation-at-eof', enc: 'ansi', text: `${R4}"Wine17"=hex(2):25,50,41,\\\n`,
    values: { Wine17: expandSz('%PA') }, diags: [[3, 1, 'hex-continuation-eof']],
  },
];

const keyCases: ImportCase[] = [
  {
    id: 'key-roots', enc: 'both',
    text: r4([`[hkey_CURRENT_user\\Software\\Test\\Subkey20]`, '"Wine20"="Value"', '[HKEY_CURRENT_USERS\\Software\\Test\\Subkey21]', '"Wine21"="Value"',
      '[HKCU\\Software\\Test\\Subkey22]', '"Wine22"="Value"', '[HKEY_DYN_DATA\\Test]', '[]'].join('\n')),
    keys: { Subkey20: true, Subkey22: true },
    diags: [[5, 'HKEY', 'key-invalid'], [6, 1, 'value-without-key'], [9, 'HKEY', 'key-invalid'], [10, ']', 'key-invalid']],
  },
  {
    id: 'key-syntax', enc: 'both',
    text: r4([`[${KEY}\\Subkey23a`, '"Wine23a"="Goes to Test"', `${KEY}\\Subkey23b]`, `[ ${KEY}\\Subkey23c]`, '"Wine23c"="Goes to Test"',
      `[${KEY}\\Subkey23d\\`, 'Subkey23e]', `[${KEY}\\Subkey23f]  ; comment`].join('\n')),
    values: { Wine23a: sz('Goes to Test'), Wine23c: sz('Goes to Test') },
    keys: { Subkey23a: false, Subkey23b: false, Subkey23c: false, Subkey23d: false, Subkey23f: true },
    diags: [[3, '[', 'key-syntax'], [5, 'HKEY', 'line-ignored'], [6, ' ', 'key-syntax'], [8, '[', 'key-syntax'], [9, 'S', 'line-ignored']],
  },
  {
    id: 'key-names', enc: 'both',
    text: r4([`[${KEY}\\Subkey24 ]`, `[${KEY}\\Subkey25\\]`, `[${KEY}\\Subkey26\\\\]`, `[${KEY}\\Subkey27\\\\\\\\]`, `[${KEY}\\Subkey"1]`, `[${KEY}\\Subkey/2]`,
      `[${KEY}\\https://winehq.org]`, `[${KEY}\\a\\\\b]`, `[${KEY}\\last]one]`, '[HKEY_CURRENT_USER\\\\Software]', `[${KEY}\\${'k'.repeat(256)}]`, `[${KEY}\\${'k'.repeat(257)}]`].join('\n')),
    keys: {
      'Subkey24 ': true, Subkey24: false, Subkey25: true, Subkey26: true, Subkey27: true, 'Subkey"1': true, 'Subkey/2': true, 'https://winehq.org': true,
      'a\\b': true, 'last]one': true, ['k'.repeat(256)]: true,
    },
    diags: [[12, 'HKEY', 'key-invalid'], [14, 'HKEY', 'key-invalid']],
  },
  {
    id: 'key-delete', enc: 'both',
    text: r4([`[${KEY}\\Subkey30\\Deeper]`, '"Wine30"="Value"', `[${KEY}\\Subkey31]`, `[${KEY}\\Subkey32]`, `[${KEY}\\Subkey33]`,
      `[-${KEY}\\Subkey30]`, `[ -${KEY}\\Subkey31]`, `[- ${KEY}\\Subkey32]`, '"Wine32"="After a deletion"', `[-${KEY}\\Subkey33]junk`, `[-${KEY}\\NotThere]`,
      '[-HKEY_CURRENT_USER]', '[-HKEY_CURRENT_USERS\\Software]', `[-hkcu\\Software\\Test\\Subkey34]`, `[${KEY}]`, '"Wine35"="Value"'].join('\n')),
    values: { Wine32: null, Wine35: sz('Value') },
    keys: { Subkey30: false, Subkey31: true, Subkey32: true, Subkey33: false },
    diags: [[9, ' ', 'key-syntax'], [10, ' ', 'key-delete-invalid'], [11, 1, 'value-without-key'], [12, 'junk', 'key-trailing-text'], [14, 'HKEY', 'key-delete-invalid'],
      [15, 'HKEY', 'key-delete-invalid']],
  },
  {
    id: 'value-before-key', enc: 'both', text: 'REGEDIT4\n"Wine36"="Value"\n@=dword:1\n',
    diags: [[2, 1, 'value-without-key'], [3, 1, 'value-without-key']],
  },
  {
    id: 'value-name-limit', enc: 'both', text: r4(`"${'n'.repeat(16383)}"="ok"\n"${'o'.repeat(16384)}"="too long"`),
    values: { ['n'.repeat(16383)]: sz('ok') }, diags: [[4, 1, 'value-name-too-long']],
  },
];

const win31Cases: ImportCase[] = [
  {
    id: 'win31', enc: 'both', key: W31,
    text: ['REGEDIT', `${W31} = Value0`, `${W31}\\k1 =Value1`, `${W31}\\k2=Value2`, `${W31}\\k3 Value3`, `${W31}\\k4 =  Value4`, `${W31}\\k5 = Value5 `,
      `${W31}\\k6 =`, ` ${W31}\\k7 = x`, `;${W31}\\k8 = x`, `#${W31}\\k9 = x`, `hkey_classes_root\\TestW31\\k10 = x`, `${W31}\\k11\t\tValue11`, ''].join('\n'),
    values: { '': sz('Value0') },
    keys: { k1: true, 'k2=Value2': true, k3: true, k4: true, k5: true, k6: true, k7: false, k8: false, k9: false, k10: false, k11: true },
    diags: [[9, 1, 'win31-line-ignored'], [10, 1, 'win31-line-ignored'], [11, 1, 'win31-line-ignored'], [12, 1, 'win31-line-ignored']],
  },
];

export const IMPORT_CASES: ImportCase[] = [...headerCases, ...valueCases, ...hexCases, ...keyCases, ...win31Cases];

/** Values of the win31 case's subkeys, checked separately (each subkey holds one default value). */
export const WIN31_DEFAULTS: Record<string, string> = {
  k1: 'Value1', 'k2=Value2': '', k3: 'Value3', k4: ' Value4', k5: 'Value5 ', k6: '', k11: 'Value11',
};

/** The case's bytes for one encoding and line end. */
export function caseBytes(c: ImportCase, enc: 'ansi' | 'utf16', eol: '\n' | '\r\n' | '\r'): Uint8Array {
  const text = c.text.replace(/\n/g, eol);
  if (enc === 'ansi') return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
  const b = new Uint8Array(2 + text.length * 2);
  b[0] = 0xff;
  b[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    b[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    b[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return b;
}

export function encodingsOf(c: ImportCase): ('ansi' | 'utf16')[] {
  return c.enc === 'both' ? ['ansi', 'utf16'] : [c.enc];
}

/** 1-based column an expectation points at, in the case's line (as text). */
export function columnOf(line: string, at: At): number {
  if (typeof at === 'number') return at;
  if (at === 'eol') return line.length + 1;
  const i = line.indexOf(at);
  if (i < 0) throw new Error(`column marker ${JSON.stringify(at)} not found in line ${JSON.stringify(line)}`);
  return i + 1;
}
