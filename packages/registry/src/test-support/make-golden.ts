// Regenerates fixtures/golden/ from a real Wine 8 (run by hand; the tests only read the files):
//   node --import ./packages/registry/src/test-support/ts-loader.mjs packages/registry/src/test-support/make-golden.ts
// writer-input.reg is built here; wine8-export.reg is what `reg export` writes after
// `reg import writer-input.reg`. The writer test asserts our export equals it byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Wine } from './wine.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden');
const KEY = 'HKEY_CURRENT_USER\\Software\\Test';

function hexList(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(',');
}
function utf16(s: string): number[] {
  const b: number[] = [];
  for (let i = 0; i < s.length; i++) b.push(s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8);
  return b;
}
const seq = (n: number, start = 0): number[] => Array.from({ length: n }, (_, i) => (start + i * 7) & 0xff);

export function writerInput(): string {
  const lines: string[] = ['Windows Registry Editor Version 5.00', ''];
  const key = (p: string): void => {
    lines.push('', `[${p}]`);
  };
  key(KEY);
  lines.push(
    '@="The default value"',
    '"String"="Hello, World!"',
    '"Empty"=""',
    '"double\\"quote"="\\"Hello, World!\\""',
    '"Backslash"="Use \\\\\\\\ to escape a backslash"',
    '"Lines"="one\\ntwo\\r\\nthree"',
    '"Non-ASCII"="café 中文 😀 ÿ"',
    '"@"="a value named @"',
    '"DWORD"=dword:00000100',
    '"DWORD max"=dword:ffffffff',
    `"QWORD"=hex(b):${hexList([1, 2, 3, 4, 5, 6, 7, 8])}`,
    `"Binary"=hex:${hexList([0x11, 0x22, 0x33, 0x44])}`,
    '"Binary empty"=hex:',
    '"None"=hex(0):',
    `"None with data"=hex(0):${hexList([1, 2])}`,
    `"Expand"=hex(2):${hexList(utf16('%SystemRoot%\\system32\0'))}`,
    '"Expand empty"=hex(2):',
    `"Multiple strings"=hex(7):${hexList(utf16('Line1\0Line2\0Line3\0\0'))}`,
    '"Multi empty"=hex(7):',
    '"DWORD empty"=hex(4):',
    `"Big endian"=hex(5):${hexList([0, 0, 1, 0])}`,
    `"Link"=hex(6):${hexList(utf16('\\Registry\\Machine\\Software'))}`,
    `"Resource list"=hex(8):${hexList(seq(40))}`,
    `"Full resource"=hex(9):${hexList(seq(30, 3))}`,
    `"Requirements"=hex(a):${hexList(seq(50, 5))}`,
    `"Type 100"=hex(100):${hexList([0xaa])}`,
    `"Type abcd"=hex(abcd):${hexList([0xbb, 0xcc])}`,
    `"Type max"=hex(ffffffff):${hexList([0xdd])}`,
  );
  // Wrap points: names of every length 0..80 in front of 60 bytes.
  for (let n = 1; n <= 80; n++) lines.push(`"${'n'.repeat(n)}"=hex:${hexList(seq(60, n))}`);
  lines.push(`"${'w'.repeat(200)}"=hex:${hexList(seq(10))}`);
  lines.push(`"\\"\\\\"=hex:${hexList(seq(40))}`);
  lines.push(`"😀x"=hex:${hexList(seq(40))}`);
  lines.push(`"Long binary"=hex:${hexList(seq(1000, 9))}`);
  // Subkeys created out of order: reg export sorts them case-insensitively (lower-cased units).
  for (const name of ['b', '_', '[', 'A', 'a1', 'Z', 'z0', '~', 'é', 'E', '^', '`', '{', '@', 'ab', 'aa', 'Subkey2', 'Subkey1', 'É1', 'σ', 'Σ2', 'trailing ', 'with]bracket', 'quote"d', 'x.y']) {
    key(`${KEY}\\${name}`);
  }
  key(`${KEY}\\Subkey1\\Deep\\Deeper`);
  lines.push('"Leaf"=dword:00000001');
  key(`${KEY}\\Subkey1\\Another`);
  lines.push('@=""');
  return lines.join('\r\n') + '\r\n';
}

function utf16File(text: string): Uint8Array {
  return Uint8Array.from([0xff, 0xfe, ...utf16(text)]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const wine = new Wine();
  mkdirSync(out, { recursive: true });
  const input = utf16File(writerInput());
  writeFileSync(join(out, 'writer-input.reg'), input);
  wine.deleteKey('HKCU\\Software\\Test');
  const r = wine.import(input);
  if (r.status !== 0) throw new Error(`wine reg import failed: ${r.output}`);
  const exported = wine.export('HKCU\\Software\\Test');
  if (!exported) throw new Error('wine reg export failed');
  writeFileSync(join(out, 'wine8-export.reg'), exported);
  console.log(`wrote ${join(out, 'writer-input.reg')} and wine8-export.reg (${exported.length} bytes)`);
}
