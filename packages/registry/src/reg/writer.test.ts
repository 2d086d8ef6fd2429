import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { KeyNotFoundError, RegFormatError } from '../model/errors.js';
import { Registry } from '../model/registry.js';
import { REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ } from '../model/types.js';
import { RegValue } from '../model/value.js';
import { importRegFile } from './read.js';
import { exportReg, exportRegTo } from './writer.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/golden/${name}`, import.meta.url)));
const text5 = (b: Uint8Array): string => {
  expect([b[0], b[1]]).toEqual([0xff, 0xfe]);
  return Buffer.from(b).subarray(2).toString('utf16le');
};
const text4 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const KEY = 'HKEY_CURRENT_USER\\Software\\Test';

function reg(...values: RegValue[]): Registry {
  const r = new Registry();
  r.createKey(KEY);
  for (const v of values) r.setValue(KEY, v);
  return r;
}

describe('version 5 output is what Wine 8 reg export writes', () => {
  test('golden: import writer-input.reg, export sorted == Wine 8 reg export', () => {
    const { registry, file } = importRegFile(fixture('writer-input.reg'));
    expect(file.warnings).toEqual([]);
    const ours = exportReg(registry, { format: 'regedit5', keys: ['HKCU\\Software\\Test'], sortValues: true });
    const wine = fixture('wine8-export.reg');
    // Compare as text first for a readable diff, then byte for byte.
    expect(text5(ours)).toEqual(text5(wine));
    expect(Buffer.compare(Buffer.from(ours), Buffer.from(wine))).toBe(0);
  });

  test('golden: Wine 8 export reads back and re-exports unchanged', () => {
    const wine = fixture('wine8-export.reg');
    const { registry } = importRegFile(wine);
    expect(Buffer.compare(Buffer.from(exportReg(registry, { format: 'regedit5', keys: [KEY], sortValues: true })), Buffer.from(wine))).toBe(0);
  });

  test('values come in creation order unless sortValues', () => {
    const r = reg(RegValue.sz('b', '1'), RegValue.sz('A', '2'), RegValue.sz('', '3'), RegValue.dword('_', 4));
    const names = (s: string): string[] => s.split('\r\n').filter((l) => /^[@"]/.test(l)).map((l) => l.slice(0, l.indexOf('=')));
    expect(names(text5(exportReg(r, { format: 'regedit5' })))).toEqual(['"b"', '"A"', '@', '"_"']);
    expect(names(text5(exportReg(r, { format: 'regedit5', sortValues: true })))).toEqual(['@', '"_"', '"A"', '"b"']);
  });

  test('layout: BOM, header, blank line, key blocks, final CRLF', () => {
    const r = reg(RegValue.dword('x', 1));
    r.createKey(`${KEY}\\Sub`);
    expect(text5(exportReg(r, { format: 'regedit5', keys: [KEY] }))).toBe(
      `Windows Registry Editor Version 5.00\r\n\r\n[${KEY}]\r\n"x"=dword:00000001\r\n\r\n[${KEY}\\Sub]\r\n\r\n`,
    );
    expect(text5(exportReg(new Registry(), { format: 'regedit5' }))).toBe('Windows Registry Editor Version 5.00\r\n\r\n');
  });

  test('without keys: every non-empty root, in regedit order, as [ROOT] blocks', () => {
    const r = new Registry();
    r.createKey('HKCC\\c');
    r.createKey('HKLM\\b');
    r.setValue('HKCR', RegValue.sz('onroot', 'x'));
    const lines = text5(exportReg(r, { format: 'regedit5' })).split('\r\n').filter((l) => l.startsWith('['));
    expect(lines).toEqual(['[HKEY_CLASSES_ROOT]', '[HKEY_LOCAL_MACHINE]', '[HKEY_LOCAL_MACHINE\\b]', '[HKEY_CURRENT_CONFIG]', '[HKEY_CURRENT_CONFIG\\c]']);
  });

  test('keys option: the key is printed as asked for (as reg export does), its subkeys as stored; a missing key throws', () => {
    const r = new Registry();
    r.createKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\Sub');
    expect(text5(exportReg(r, { format: 'regedit5', keys: ['hklm\\software\\vendor'] }))).toContain(
      '[HKEY_LOCAL_MACHINE\\software\\vendor]\r\n\r\n[HKEY_LOCAL_MACHINE\\software\\vendor\\Sub]\r\n',
    );
    expect(() => exportReg(r, { format: 'regedit5', keys: ['HKLM\\SOFTWARE\\Nope'] })).toThrow(KeyNotFoundError);
  });
});

describe('lossless forms where Wine export would not read back the same value', () => {
  const line = (v: RegValue): string => text5(exportReg(reg(v), { format: 'regedit5', keys: [KEY] })).split('\r\n')[3]!;
  const roundTrip = (v: RegValue): RegValue => importRegFile(exportReg(reg(v), { format: 'regedit5' })).registry.key(KEY)!.value(v.name)!;

  test.each([
    ['REG_SZ with an embedded NUL (Wine writes "A")', RegValue.raw('v', REG_SZ, Uint8Array.of(0x41, 0, 0, 0, 0x42, 0, 0, 0)), '"v"=hex(1):41,00,00,00,42,00,00,00'],
    ['REG_SZ of 0 bytes (Wine writes "")', RegValue.raw('v', REG_SZ, new Uint8Array()), '"v"=hex(1):'],
    ['REG_SZ of odd length', RegValue.raw('v', REG_SZ, Uint8Array.of(0x41, 0, 0x42)), '"v"=hex(1):41,00,42'],
    ['REG_DWORD of 2 bytes (Wine prints stray memory)', RegValue.raw('v', REG_DWORD, Uint8Array.of(1, 2)), '"v"=hex(4):01,02'],
    ['REG_DWORD of 5 bytes (Wine drops the 5th)', RegValue.raw('v', REG_DWORD, Uint8Array.of(1, 2, 3, 4, 5)), '"v"=hex(4):01,02,03,04,05'],
  ])('%s', (_what, v, want) => {
    expect(line(v)).toBe(want);
    const back = roundTrip(v);
    expect([back.type, [...back.data]]).toEqual([v.type, [...v.data]]);
  });

  test('unterminated string data has no lossless form: RegFormatError naming key and value, or lossy', () => {
    const v = RegValue.raw('Path', REG_EXPAND_SZ, Uint8Array.of(0x41, 0));
    let err: unknown;
    try {
      exportReg(reg(v), { format: 'regedit5' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegFormatError);
    expect((err as RegFormatError).keyPath).toBe(KEY);
    expect((err as RegFormatError).valueName).toBe('Path');
    expect((err as RegFormatError).message).toContain(`"Path" in [${KEY}]`);
  });

  test('lossy writes the nearest form', () => {
    const v = RegValue.raw('Path', REG_EXPAND_SZ, Uint8Array.of(0x41, 0));
    expect(text5(exportReg(reg(v), { format: 'regedit5', lossy: true }))).toContain('"Path"=hex(2):41,00\r\n');
  });

  test('a key name with a line break cannot be written', () => {
    const r = new Registry();
    r.createKey(`${KEY}\\a\nb`);
    expect(() => exportReg(r, { format: 'regedit5' })).toThrow(RegFormatError);
  });
});

describe('REGEDIT4 output', () => {
  test('header, code-page text, string types as code-page bytes', () => {
    const r = reg(
      RegValue.sz('café', 'prix: 5€'),
      RegValue.expandSz('Path', '%SystemRoot%\\é'),
      RegValue.multiSz('List', ['a', 'é']),
      RegValue.raw('Embedded', REG_SZ, Uint8Array.of(0x41, 0, 0, 0, 0x42, 0, 0, 0)),
      RegValue.binary('Bin', Uint8Array.of(1, 2)),
    );
    const out = exportReg(r, { format: 'regedit4' });
    expect(text4(out)).toBe(
      'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER]\r\n\r\n[HKEY_CURRENT_USER\\Software]\r\n\r\n' +
        `[${KEY}]\r\n"caf\xe9"="prix: 5\x80"\r\n"Path"=hex(2):25,53,79,73,74,65,6d,52,6f,6f,74,25,5c,e9,00\r\n` +
        '"List"=hex(7):61,00,e9,00,00\r\n"Embedded"=hex(1):41,00,42,00\r\n"Bin"=hex:01,02\r\n\r\n',
    );
    const back = importRegFile(out).registry;
    expect(back.key(KEY)!.value('café')!.asString()).toBe('prix: 5€');
    expect(back.key(KEY)!.value('Path')!.asExpandString()).toBe('%SystemRoot%\\é');
    expect(back.key(KEY)!.value('List')!.asMultiString()).toEqual(['a', 'é']);
    expect([...back.key(KEY)!.value('Embedded')!.data]).toEqual([0x41, 0, 0, 0, 0x42, 0, 0, 0]);
  });

  test.each([
    ['string data', RegValue.sz('v', 'Zhong 中'), 'v', 'U+4E2D'],
    ['a value name', RegValue.dword('名', 1), '名', 'U+540D'],
    ['hex(7) data', RegValue.multiSz('m', ['ok', 'Ω']), 'm', 'U+03A9'],
  ])('a character outside the code page in %s: RegFormatError naming key and value', (_what, v, name, cp) => {
    let err: unknown;
    try {
      exportReg(reg(v), { format: 'regedit4' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegFormatError);
    expect([(err as RegFormatError).keyPath, (err as RegFormatError).valueName]).toEqual([KEY, name]);
    expect((err as RegFormatError).message).toContain(cp);
    expect((err as RegFormatError).message).toContain('windows-1252');
  });

  test('a key name outside the code page: RegFormatError naming the key', () => {
    const r = new Registry();
    r.createKey('HKLM\\SOFTWARE\\Ключ');
    let err: unknown;
    try {
      exportReg(r, { format: 'regedit4' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegFormatError);
    expect((err as RegFormatError).keyPath).toBe('HKEY_LOCAL_MACHINE\\SOFTWARE\\Ключ');
    expect((err as RegFormatError).valueName).toBeUndefined();
  });

  test('codepage option: windows-1251 writes Cyrillic; lossy writes ? for the rest', () => {
    const r = new Registry();
    r.createKey('HKLM\\SOFTWARE\\Ключ');
    r.setValue('HKLM\\SOFTWARE\\Ключ', RegValue.sz('Имя', 'Ω'));
    const out = exportReg(r, { format: 'regedit4', codepage: 1251, lossy: true });
    const back = importRegFile(out, { codepage: 'windows-1251' }).registry;
    expect(back.key('HKLM\\SOFTWARE\\Ключ')!.value('Имя')!.asString()).toBe('?');
    expect(() => exportReg(r, { format: 'regedit4', codepage: 1251 })).toThrow(RegFormatError);
  });

  test('odd-length or unterminated string data cannot become code-page bytes', () => {
    expect(() => exportReg(reg(RegValue.raw('o', REG_MULTI_SZ, Uint8Array.of(0x41, 0, 0))), { format: 'regedit4' })).toThrow(RegFormatError);
    expect(() => exportReg(reg(RegValue.raw('u', REG_EXPAND_SZ, Uint8Array.of(0x41, 0))), { format: 'regedit4' })).toThrow(RegFormatError);
    expect(text4(exportReg(reg(RegValue.raw('e', REG_EXPAND_SZ, new Uint8Array())), { format: 'regedit4' }))).toContain('"e"=hex(2):\r\n');
  });

  test('wrapping in REGEDIT4 uses the same 77-column rule', () => {
    const out = text4(exportReg(reg(RegValue.raw('n', REG_BINARY, new Uint8Array(30))), { format: 'regedit4', keys: [KEY] }));
    const lines = out.split('\r\n');
    expect(lines[3]).toBe(`"n"=hex:${Array(23).fill('00').join(',')},\\`);
    expect(lines[4]).toBe(`  ${Array(7).fill('00').join(',')}`);
  });
});

describe('exportRegTo (streaming)', () => {
  test('the pieces put together are exactly exportReg, in both formats', () => {
    const { registry } = importRegFile(fixture('writer-input.reg'));
    for (let i = 0; i < 3000; i++) registry.setValue(KEY, RegValue.raw(`bulk${i}`, REG_BINARY, new Uint8Array(300).fill(i & 0xff)));
    for (const format of ['regedit5', 'regedit4'] as const) {
      const pieces: Uint8Array[] = [];
      const opts = { format, lossy: format === 'regedit4' } as const;
      exportRegTo(registry, opts, (c) => pieces.push(c));
      expect(pieces.length).toBeGreaterThan(1);
      expect(Buffer.compare(Buffer.concat(pieces), Buffer.from(exportReg(registry, opts)))).toBe(0);
    }
  });
});
