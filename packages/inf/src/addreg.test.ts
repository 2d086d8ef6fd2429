import { describe, expect, test } from 'vitest';
import {
  FLG_ADDREG_32BITKEY,
  FLG_ADDREG_64BITKEY,
  FLG_ADDREG_APPEND,
  FLG_ADDREG_BINVALUETYPE,
  FLG_ADDREG_DELREG_BIT,
  FLG_ADDREG_DELVAL,
  FLG_ADDREG_KEYONLY,
  FLG_ADDREG_KEYONLY_COMMON,
  FLG_ADDREG_NOCLOBBER,
  FLG_ADDREG_OVERWRITEONLY,
  FLG_ADDREG_TYPE_BINARY,
  FLG_ADDREG_TYPE_DWORD,
  FLG_ADDREG_TYPE_EXPAND_SZ,
  FLG_ADDREG_TYPE_MASK,
  FLG_ADDREG_TYPE_MULTI_SZ,
  FLG_ADDREG_TYPE_NONE,
  FLG_ADDREG_TYPE_QWORD,
  FLG_ADDREG_TYPE_SZ,
  FLG_DELREG_32BITKEY,
  FLG_DELREG_64BITKEY,
  FLG_DELREG_KEYONLY_COMMON,
  FLG_DELREG_MULTI_SZ_DELSTRING,
  FLG_DELREG_OPERATION_MASK,
  FLG_DELREG_TYPE_MULTI_SZ,
  FLG_DELREG_VALUE,
  InfFieldError,
  REG_BINARY,
  REG_DWORD,
  REG_EXPAND_SZ,
  REG_MULTI_SZ,
  REG_NONE,
  REG_QWORD,
  REG_SZ,
  addRegData,
  createSubstituter,
  parseAddRegLine,
  parseDelRegLine,
  parseInf,
  parseUlongLenient,
  regTypeFromFlags,
  regTypeName,
} from './index.js';
import { corpusFiles, latin1, readCorpus } from './test-support/helpers.js';

/** Substituted fields of the first entry of `[R]` in a one-section file. */
function fieldsOf(line: string): string[] {
  const doc = parseInf(latin1(`[R]\n${line}\n[Strings]\nQ=quoted value\n`));
  const sub = createSubstituter(doc);
  return (doc.section('R')?.lines()[0]?.fields ?? []).map((f) => sub.substitute(f));
}

test('flag constants have the values of the spec tables', () => {
  expect([FLG_ADDREG_BINVALUETYPE, FLG_ADDREG_NOCLOBBER, FLG_ADDREG_DELVAL, FLG_ADDREG_APPEND, FLG_ADDREG_KEYONLY, FLG_ADDREG_OVERWRITEONLY]).toEqual([1, 2, 4, 8, 0x10, 0x20]);
  expect([FLG_ADDREG_64BITKEY, FLG_ADDREG_KEYONLY_COMMON, FLG_ADDREG_32BITKEY, FLG_ADDREG_DELREG_BIT]).toEqual([0x1000, 0x2000, 0x4000, 0x8000]);
  expect([FLG_ADDREG_TYPE_SZ, FLG_ADDREG_TYPE_MULTI_SZ, FLG_ADDREG_TYPE_EXPAND_SZ, FLG_ADDREG_TYPE_BINARY, FLG_ADDREG_TYPE_DWORD, FLG_ADDREG_TYPE_NONE, FLG_ADDREG_TYPE_QWORD]).toEqual([
    0, 0x10000, 0x20000, 1, 0x10001, 0x20001, 0xb0001,
  ]);
  expect(FLG_ADDREG_TYPE_MASK).toBe(0xffff0001);
  expect([FLG_DELREG_VALUE, FLG_DELREG_TYPE_MULTI_SZ, FLG_DELREG_64BITKEY, FLG_DELREG_KEYONLY_COMMON, FLG_DELREG_32BITKEY, FLG_DELREG_OPERATION_MASK]).toEqual([
    0, 0x10000, 0x1000, 0x2000, 0x4000, 0xfe,
  ]);
  expect(FLG_DELREG_MULTI_SZ_DELSTRING).toBe(0x00018002);
});

describe('regTypeFromFlags', () => {
  test.each([
    [0, REG_SZ],
    [0x2, REG_SZ], // NOCLOBBER does not change the type
    [0x10000, REG_MULTI_SZ],
    [0x10008, REG_MULTI_SZ],
    [0x20000, REG_EXPAND_SZ],
    [0x1, REG_BINARY],
    [0x10001, REG_DWORD],
    [0x20001, REG_NONE],
    [0xb0001, REG_QWORD],
    [0x380001, 0x38],
    [0x30000, 3], // other high words: the type is the high word
  ])('0x%s → %i', (flags, type) => {
    expect(regTypeFromFlags(flags)).toBe(type);
  });

  test('names', () => {
    expect(regTypeName(REG_EXPAND_SZ)).toBe('REG_EXPAND_SZ');
    expect(regTypeName(0x38)).toBe('REG_0x38');
  });
});

describe('parseAddRegLine', () => {
  test('string, expand-string with %% escapes, DWORD (spec examples)', () => {
    const e = parseAddRegLine(fieldsOf('HKR,,EventMessageFile,0x00020000,"%%SystemRoot%%\\System32\\IoLogMsg.dll"'));
    expect(e).toEqual({ root: 'HKR', subkey: '', valueName: 'EventMessageFile', flags: 0x20000, regType: REG_EXPAND_SZ, values: ['%SystemRoot%\\System32\\IoLogMsg.dll'] });
    expect(addRegData(e)).toEqual({ kind: 'string', type: REG_EXPAND_SZ, value: '%SystemRoot%\\System32\\IoLogMsg.dll' });
    expect(addRegData(parseAddRegLine(fieldsOf('HKR,,TypesSupported,0x00010001,7')))).toEqual({ kind: 'dword', type: REG_DWORD, value: 7 });
    expect(addRegData(parseAddRegLine(fieldsOf('hklm,Software\\X,Name,,%Q%')))).toEqual({ kind: 'string', type: REG_SZ, value: 'quoted value' });
  });

  test('multi-string (append) stops at the first empty field', () => {
    const e = parseAddRegLine(fieldsOf('HKLM,System\\X,List,0x00010008,"a, b",c,,d'));
    expect(e.flags & FLG_ADDREG_APPEND).toBeTruthy();
    expect(addRegData(e)).toEqual({ kind: 'multi-string', type: REG_MULTI_SZ, value: ['a, b', 'c'] });
  });

  test('binary data, and a DWORD given as bytes is little-endian bytes', () => {
    expect(addRegData(parseAddRegLine(fieldsOf('HKR,,Properties, 1, 80,01,00,0xff')))).toEqual({ kind: 'binary', type: REG_BINARY, value: new Uint8Array([0x80, 1, 0, 0xff]) });
    expect(addRegData(parseAddRegLine(fieldsOf('HKR,,D,0x00010001,01,00,00,00')))).toEqual({ kind: 'binary', type: REG_DWORD, value: new Uint8Array([1, 0, 0, 0]) });
    expect(addRegData(parseAddRegLine(fieldsOf('HKR,,T,0x00380001,01,02')))).toMatchObject({ kind: 'binary', type: 0x38 });
  });

  test('DWORD data is read like wcstoul (prefix, wrap), never failing', () => {
    expect(parseUlongLenient('0x10 trailing')).toBe(16);
    expect(parseUlongLenient('-1')).toBe(0xffffffff);
    expect(parseUlongLenient('junk')).toBe(0);
    expect(addRegData(parseAddRegLine(['HKR', '', 'D', '0x10001', '']))).toEqual({ kind: 'dword', type: REG_DWORD, value: 0 });
    // Only the five-field form takes the string path; without data the binary path writes 0 bytes.
    expect(addRegData(parseAddRegLine(['HKR', '', 'D', '0x10001']))).toEqual({ kind: 'binary', type: REG_DWORD, value: new Uint8Array(0) });
  });

  test('absent fields: value name null, flags 0, no data; only the root is required', () => {
    expect(parseAddRegLine(['HKCU', 'Software\\Wine\\setupapitest'])).toEqual({ root: 'HKCU', subkey: 'Software\\Wine\\setupapitest', valueName: null, flags: 0, regType: REG_SZ, values: [] });
  });

  test('bad roots, flags and bytes are typed errors naming the field', () => {
    expect(() => parseAddRegLine(['HKEY_LOCAL_MACHINE', 'x'])).toThrow(expect.objectContaining({ name: 'InfFieldError', field: 0, code: 'ERROR_INVALID_DATA' }));
    expect(() => parseAddRegLine(['HKR', '', 'v', '0x1g'])).toThrow(expect.objectContaining({ field: 3 }));
    expect(() => addRegData(parseAddRegLine(['HKR', '', 'v', '1', '00', '100']))).toThrow(expect.objectContaining({ field: 5 }));
    expect(() => parseAddRegLine([])).toThrow(InfFieldError);
  });
});

describe('parseDelRegLine', () => {
  test.each([
    [['HKCU', 'Software\\Wine\\setupapitest'], 'delete-key', null, false],
    [['HKLM', 'Software\\X', 'Value'], 'delete-value', 'Value', false],
    [['HKLM', 'Software\\X', 'Value', '0x00002000'], 'delete-key', 'Value', true],
    [['HKLM', 'Software\\X', 'Value', '0x0000A000'], 'delete-key', 'Value', false],
    [['HKLM', 'Software\\X', 'List', '0x00018002', 'item'], 'delete-multi-sz-string', 'List', false],
    [['HKLM', 'Software\\X', 'Value', '0x00004000'], 'delete-value', 'Value', true],
    [['HKLM', 'Software\\X', '', '0'], 'delete-key', '', false],
  ] as const)('%j → %s', (fields, operation, valueName, wineIgnores) => {
    const e = parseDelRegLine(fields);
    expect(e.operation).toBe(operation);
    expect(e.valueName).toBe(valueName);
    expect(e.wineIgnores).toBe(wineIgnores);
    if (e.flags === 0) expect(e.effectiveFlags).toBe(FLG_ADDREG_DELREG_BIT);
  });
});

test('every AddReg section of the corpus INFs parses', () => {
  let entries = 0;
  for (const rel of corpusFiles().filter((f) => f.startsWith('inf/'))) {
    const doc = parseInf(readCorpus(rel));
    const sub = createSubstituter(doc);
    const addRegSections = new Set(
      doc
        .sections()
        .flatMap((s) => s.findAll('AddReg'))
        .flatMap((l) => l.fields.map((f) => sub.substitute(f)))
        .filter((n) => n !== ''),
    );
    for (const name of addRegSections) {
      for (const line of doc.section(name)?.lines() ?? []) {
        const e = parseAddRegLine(line.fields.map((f) => sub.substitute(f)));
        expect([REG_SZ, REG_MULTI_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD]).toContain(e.regType);
        expect(() => addRegData(e)).not.toThrow();
        entries++;
      }
    }
  }
  expect(entries).toBeGreaterThan(400);
});
