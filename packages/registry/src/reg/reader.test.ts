import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ReadOnlyRegistryError, RegSyntaxError } from '../model/errors.js';
import { Registry } from '../model/registry.js';
import { REG_BINARY, REG_EXPAND_SZ } from '../model/types.js';
import { RegValue } from '../model/value.js';
import { RegistryStore } from '../store/store.js';
import { dump } from '../test-support/dump.js';
import { getCodepage } from './codepage.js';
import { applyRegFile, importRegFile, parseRegFile } from './read.js';
import { exportReg } from './writer.js';

const KEY = 'HKEY_CURRENT_USER\\Software\\Test';
const ansi = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf16 = (s: string, bom = true): Uint8Array => Uint8Array.from([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(s, 'utf16le')]);
const diags = (f: { warnings: { line: number; column: number; code: string }[] }): [number, number, string][] => f.warnings.map((d) => [d.line, d.column, d.code]);

describe('file encodings and headers', () => {
  test.each([
    ['empty file', new Uint8Array(), /shorter than two bytes/],
    ['one byte', ansi('R'), /shorter than two bytes/],
    ['UTF-8 with BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...ansi('REGEDIT4\r\n')]), /UTF-8 byte order mark/],
    ['UTF-16 without BOM', utf16('Windows Registry Editor Version 5.00\r\n', false), /UTF-16LE without a byte order mark/],
    ['UTF-16 big-endian', Uint8Array.from([0xfe, 0xff, 0, 0x52]), /big-endian/],
    ['plain text', ansi('hello\r\n'), /is not a registry file header/],
  ])('%s is rejected (exit code 1) with a helpful message', (_what, bytes, message) => {
    const f = parseRegFile(bytes, { fileName: 'x.reg' });
    expect([f.format, f.exitCode, f.operations]).toEqual(['unsupported', 1, []]);
    expect(diags(f)).toEqual([[1, 1, 'header-invalid']]);
    expect(f.warnings[0]!.message).toMatch(message);
    expect(() => parseRegFile(bytes, { fileName: 'x.reg', strict: true })).toThrow(/^x\.reg:1:1: /);
  });

  test('version 5 in an ANSI file and REGEDIT4 in a UTF-16 file are both read', () => {
    expect(parseRegFile(ansi(`Windows Registry Editor Version 5.00\r\n[${KEY}]\r\n`))).toMatchObject({ format: 'regedit5', encoding: 'ansi', exitCode: 0 });
    expect(parseRegFile(utf16(`REGEDIT4\r\n[${KEY}]\r\n`))).toMatchObject({ format: 'regedit4', encoding: 'utf16le', exitCode: 0 });
  });

  test('mixed CR, LF and CRLF line ends count lines correctly', () => {
    const f = parseRegFile(ansi(`REGEDIT4\r[${KEY}]\n"a"="1"\r\n\r\n\r"b"=bad\n"c"="3"`));
    expect(diags(f)).toEqual([[6, 5, 'data-type-unknown']]);
    expect(f.operations.map((o) => o.line)).toEqual([2, 3, 7]);
  });
});

describe('code pages', () => {
  test('REGEDIT4 text and hex(2)/hex(7) bytes go through the code page (default windows-1252)', () => {
    const body = `REGEDIT4\r\n[${KEY}]\r\n"\xe9"="\x80\x81\x9f"\r\n"x"=hex(2):c0,c1,00\r\n`;
    const d = importRegFile(ansi(body)).registry.key(KEY)!;
    expect(d.value('é')!.asString()).toBe('€\u0081Ÿ');
    expect(d.value('x')!.asExpandString()).toBe('ÀÁ');
    const c = importRegFile(ansi(body), { codepage: 1251 }).registry.key(KEY)!;
    expect(c.value('й')!.asString()).toBe('ЂЃџ');
    expect(c.value('x')!.asExpandString()).toBe('АБ');
  });

  test('every byte of windows-1252 maps like Windows (and back)', () => {
    const cp = getCodepage();
    expect(cp.name).toBe('windows-1252');
    expect(cp.toUnit[0x80]).toBe(0x20ac);
    expect(cp.toUnit[0x9f]).toBe(0x178);
    for (let b = 0; b < 256; b++) expect(cp.byteOf(cp.toUnit[b]!)).toBe(b);
    expect(cp.byteOf(0x4e2d)).toBe(-1);
  });

  test('names of code pages; multi-byte and unknown ones are refused', () => {
    expect(getCodepage('cp1250').name).toBe('windows-1250');
    expect(getCodepage(874).name).toBe('windows-874');
    expect(getCodepage('koi8-r').name).toBe('koi8-r');
    expect(() => getCodepage('shift_jis')).toThrow(/not a single-byte/);
    expect(() => getCodepage('no-such-page')).toThrow(/unknown code page/);
  });
});

describe('hex(1)/hex(2)/hex(7) byte interpretation', () => {
  const v5Ansi = ansi(`Windows Registry Editor Version 5.00\r\n[${KEY}]\r\n"e"=hex(2):41,00,42,00\r\n`);
  const r4Utf16 = utf16(`REGEDIT4\r\n[${KEY}]\r\n"e"=hex(2):41,42\r\n`);
  const bytes = (b: Uint8Array, hexStrings?: 'by-header' | 'by-encoding'): number[] => [...importRegFile(b, { hexStrings }).registry.key(KEY)!.value('e')!.data];

  test("by-header (default): version 5 means UTF-16LE, REGEDIT4 means code-page bytes", () => {
    expect(bytes(v5Ansi)).toEqual([0x41, 0, 0x42, 0, 0, 0]);
    expect(bytes(r4Utf16)).toEqual([0x41, 0, 0x42, 0, 0, 0]);
  });

  test('by-encoding (Wine 8): an ANSI file means code-page bytes, a UTF-16 file UTF-16LE', () => {
    expect(bytes(v5Ansi, 'by-encoding')).toEqual([0x41, 0, 0, 0, 0x42, 0, 0, 0]);
    expect(bytes(r4Utf16, 'by-encoding')).toEqual([0x41, 0x42, 0, 0]);
  });

  test('odd-length UTF-16 string data is kept as written, with a warning (Wine corrupts or crashes)', () => {
    const f = importRegFile(utf16(`Windows Registry Editor Version 5.00\r\n[${KEY}]\r\n"o"=hex(2):41,00,42\r\n"p"=hex(7):41\r\n`));
    expect([...f.registry.key(KEY)!.value('o')!.data]).toEqual([0x41, 0, 0x42]);
    expect([...f.registry.key(KEY)!.value('p')!.data]).toEqual([0x41]);
    expect(diags(f.file)).toEqual([[3, 1, 'string-data-odd-length'], [4, 1, 'string-data-odd-length']]);
    expect(() => parseRegFile(utf16(`Windows Registry Editor Version 5.00\r\n[${KEY}]\r\n"o"=hex(2):41\r\n`), { strict: true })).not.toThrow();
  });

  test('a continued value that ends up empty stays empty (Wine reads out of bounds)', () => {
    const f = importRegFile(ansi(`REGEDIT4\r\n[${KEY}]\r\n"e"=hex(2):\\\r\n;nothing\r\n`));
    expect([...f.registry.key(KEY)!.value('e')!.data]).toEqual([]);
  });
});

describe('NUL characters (reg import loses the rest of its 4 KB read)', () => {
  test('small file: everything after the NUL is gone; the line before it runs on', () => {
    for (const bytes of [ansi(`REGEDIT4\r\n[${KEY}]\r\n"a"="x\0y"\r\n"b"="ok"\r\n`), utf16(`REGEDIT4\r\n[${KEY}]\r\n"a"="x\0y"\r\n"b"="ok"\r\n`)]) {
      const { registry, file } = importRegFile(bytes);
      expect(diags(file)).toEqual([[3, 7, 'nul-character'], [3, 7, 'string-syntax']]);
      expect(file.warnings[0]!.message).toMatch(/through line 4/);
      expect(registry.key(KEY)!.values()).toEqual([]);
    }
  });

  test.each(['ansi', 'utf16'] as const)('large %s file: the rest of the first read is lost, then reading goes on', (enc) => {
    // reg import reads 2 units (BOM or the first two bytes) and then 4095; a NUL inside that
    // read loses everything up to its end, and the partial line is joined to what follows.
    const lines = ['REGEDIT4', `[${KEY}]`, '"before"="1"', '"nul"="before\0after"'];
    for (let i = 0; i < 150; i++) lines.push(`"w${String(i).padStart(3, '0')}"="${'y'.repeat(40)}"`);
    const text = lines.join('\r\n') + '\r\n';
    const readEnd = enc === 'ansi' ? 4097 : 4096 - 1; // in characters of `text` (UTF-16: after the BOM)
    const nul = text.indexOf('\0');
    const lineStart = text.lastIndexOf('\n', nul) + 1;
    const restEnd = text.indexOf('\r', readEnd);
    const joined = text.slice(lineStart, nul) + text.slice(readEnd, restEnd);
    const k = importRegFile(enc === 'ansi' ? ansi(text) : utf16(text)).registry.key(KEY)!;
    expect(k.value('before')!.asString()).toBe('1');
    expect(joined).toMatch(/^"nul"="beforey+"$/);
    expect(k.value('nul')!.asString()).toBe(joined.slice(7, -1));
    const survivors = k.values().filter((v) => v.name.startsWith('w')).map((v) => Number(v.name.slice(1)));
    const firstAfter = lines.findIndex((l, i) => i > 3 && text.indexOf(l) > readEnd) - 4;
    expect(survivors).toEqual(Array.from({ length: 150 - firstAfter }, (_, i) => firstAfter + i));
  });
});

describe('large values and the byte arena', () => {
  test('values of any size, continued over many lines, read back exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 12 }), fc.boolean(), (blobs, big) => {
        const r = new Registry();
        r.createKey(KEY);
        blobs.forEach((b, i) => r.setValue(KEY, RegValue.binary(`v${i}`, big && i === 0 ? new Uint8Array(300_000).map((_, j) => j * 7) : b)));
        for (const format of ['regedit5', 'regedit4'] as const) {
          const back = importRegFile(exportReg(r, { format }), { strict: true }).registry;
          expect(dump(back)).toEqual(dump(r));
        }
      }),
      { numRuns: 30 }, // 300 KB crosses the arena's 256 KB own-buffer threshold
    );
  });

  test('tens of thousands of small values across many arena chunks stay intact', () => {
    const lines = [`Windows Registry Editor Version 5.00`, `[${KEY}]`];
    for (let i = 0; i < 40_000; i++) lines.push(`"v${i}"=hex:${[i & 255, (i >> 8) & 255, 7].map((b) => b.toString(16).padStart(2, '0')).join(',')}`);
    const k = importRegFile(utf16(lines.join('\r\n'))).registry.key(KEY)!;
    const values = k.values();
    expect(values.length).toBe(40_000);
    values.forEach((v, i) => expect([...v.data]).toEqual([i & 255, (i >> 8) & 255, 7]));
  });
});

describe('import into an existing registry or store', () => {
  test('into a store: one savepoint rolls the whole import back', () => {
    const store = new RegistryStore();
    store.createKey(KEY);
    store.setValue(KEY, RegValue.sz('keep', 'me'));
    const before = dump(store);
    const sp = store.savepoint('import');
    importRegFile(ansi(`REGEDIT4\r\n[${KEY}]\r\n"keep"="changed"\r\n[${KEY}\\New]\r\n@=dword:1\r\n[-${KEY}]\r\n`), { into: store });
    expect(store.key(KEY)).toBeUndefined();
    store.rollbackTo(sp);
    expect(dump(store)).toEqual(before);
  });

  test('file.operations of importRegFile is produced on demand and matches parseRegFile', () => {
    const bytes = ansi(`REGEDIT4\r\n[${KEY}]\r\n"a"=hex(2):41,\\\r\n  42\r\n"b"=-\r\n[-${KEY}\\x]\r\n`);
    const { file } = importRegFile(bytes);
    const direct = parseRegFile(bytes);
    expect(file.operations.map((o) => [o.kind, o.path, o.line])).toEqual(direct.operations.map((o) => [o.kind, o.path, o.line]));
    expect(file.operations.map((o) => o.kind)).toEqual(['createKey', 'setValue', 'deleteValue', 'deleteKey']);
    expect(file.operations[1]).toMatchObject({ kind: 'setValue', line: 3 });
    const set = file.operations[1] as { value: RegValue };
    expect([set.value.type, set.value.asExpandString()]).toEqual([REG_EXPAND_SZ, 'AB']);
  });

  test('applyRegFile refuses a snapshot; strict errors without a file name say <input>', () => {
    const f = parseRegFile(ansi(`REGEDIT4\r\n[${KEY}]\r\n`));
    expect(() => applyRegFile(new Registry().snapshot() as unknown as Registry, f)).toThrow(ReadOnlyRegistryError);
    let e: unknown;
    try {
      parseRegFile(ansi(`REGEDIT4\r\n[${KEY}]\r\n"x"=hex:zz\r\n`), { strict: true });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(RegSyntaxError);
    expect((e as RegSyntaxError).message).toBe('<input>:3:9: "z" where a hex byte was expected; value ignored [hex-syntax]');
  });

  test('a value replaced by the import keeps its position and first spelling', () => {
    const r = new Registry();
    r.createKey(KEY);
    r.setValue(KEY, RegValue.sz('First', '1'));
    r.setValue(KEY, RegValue.sz('Second', '2'));
    importRegFile(ansi(`REGEDIT4\r\n[${KEY}]\r\n"FIRST"=hex:01\r\n`), { into: r });
    expect(r.key(KEY)!.values().map((v) => [v.name, v.type])).toEqual([['First', REG_BINARY], ['Second', 1]]);
  });
});

describe('key lines', () => {
  test('consecutive key lines resolve like a fresh split of each path (property)', () => {
    const comp = fc.constantFrom('A', 'a', 'AB', 'Ab', 'B', 'Services', 'services', 'x y', 'K]');
    const sep = fc.constantFrom('\\', '\\', '\\', '\\\\');
    const path = fc.tuple(fc.constantFrom('HKLM', 'HKEY_LOCAL_MACHINE', 'hkcu'), fc.array(fc.tuple(sep, comp), { maxLength: 5 }), fc.constantFrom('', '\\', '\\\\'))
      .map(([root, parts, tail]) => root + parts.map(([s, c]) => s + c).join('') + (parts.length ? tail : ''));
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 12 }), (paths) => {
        const ok = paths.filter((p) => !/^[^\\]+\\\\/.test(p)); // "\\" right after the root is an error
        const file = parseRegFile(ansi(`REGEDIT4\r\n${paths.map((p) => `[${p}]`).join('\r\n')}\r\n`));
        const roots: Record<string, string> = { hklm: 'HKEY_LOCAL_MACHINE', hkey_local_machine: 'HKEY_LOCAL_MACHINE', hkcu: 'HKEY_CURRENT_USER' };
        const naive = ok.map((p) => {
          const [root, ...rest] = p.split('\\');
          return [roots[root!.toLowerCase()], ...rest.filter((c) => c !== '')].join('\\');
        });
        expect(file.operations.map((o) => o.path)).toEqual(naive);
      }),
      { numRuns: 500 },
    );
  });
});
