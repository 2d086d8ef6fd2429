import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InfWriteError, createSubstituter, formatField, formatLine, formatSectionHeader, parseInf } from './index.js';

/** Characters that stress quoting: INF punctuation, blanks (also Unicode ones), non-ASCII. */
const TRICKY = ['"', ',', ';', '%', '\\', '=', '[', ']', ' ', '\t', 'a', 'B', '0', 'é', '€', 'Ω', '\u00a0', '\u3000', '😀', '\u000b'];
const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 });

/** Read a written line back the way SetupAPI returns it (quote processing + substitution). */
function readBack(line: string, encoding: 'utf-16le' | 'windows-1252' = 'utf-16le') {
  const doc = parseInf(`[S]\r\n${line}\r\n`, { encoding });
  const sub = createSubstituter(doc);
  const entries = doc.section('S')?.lines() ?? [];
  expect(entries).toHaveLength(1);
  const l = entries[0];
  return { key: l?.key === null || l?.key === undefined ? null : sub.substitute(l.key), fields: (l?.fields ?? []).map((f) => sub.substitute(f)), implicitKey: l?.implicitKey };
}

describe('formatField', () => {
  test.each([
    ['plain', 'plain'],
    ['', ''],
    ['c:\\temp\\x', 'c:\\temp\\x'],
    ['inner blanks kept', 'inner blanks kept'],
    ['50%', '50%%'],
    ['%SystemRoot%\\x', '%%SystemRoot%%\\x'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['a=b', '"a=b"'],
    ['say "hi"', '"say ""hi"""'],
    [' lead', '" lead"'],
    ['trail\t', '"trail\t"'],
    ['C:\\', '"C:\\"'],
    ['[notasection]', '"[notasection]"'],
    ['100% "sure"; ok', '"100%% ""sure""; ok"'],
  ])('%j → %j', (input, expected) => {
    expect(formatField(input)).toBe(expected);
  });

  test.each([
    ['a\rb', 'carriage-return', 1],
    ['a\nb', 'line-feed', 1],
    ['ab\0', 'nul', 2],
    ['\x1a', 'ctrl-z', 0],
    ['x\ud800y', 'unpaired-surrogate', 1],
  ])('%j cannot be represented (%s)', (input, problem, index) => {
    try {
      formatField(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InfWriteError);
      expect((e as InfWriteError).problem).toBe(problem);
      expect((e as InfWriteError).index).toBe(index);
      expect((e as Error).message).toMatch(/index/);
    }
  });

  test('a trailing backslash is quoted so it does not continue the line', () => {
    expect(readBack(`a=${formatField('C:\\')},next`)).toEqual({ key: 'a', fields: ['C:\\', 'next'], implicitKey: false });
    expect(readBack(`a=${formatField('C:\\')}`).fields).toEqual(['C:\\']);
  });
});

describe('formatLine', () => {
  test('keyed, keyless, bare and empty forms read back', () => {
    expect(formatLine('Key', ['v1', 'v 2'])).toBe('Key=v1,v 2');
    expect(formatLine(null, ['HKR', '', 'Name', '0x00010001', '1'])).toBe('HKR,,Name,0x00010001,1');
    expect(formatLine(null, [''])).toBe('""');
    expect(formatLine('bare', [])).toBe('bare');
    expect(formatLine('', [''])).toBe('=');
    expect(readBack(formatLine(null, ['']))).toEqual({ key: '', fields: [''], implicitKey: true });
    expect(readBack(formatLine('bare', []))).toEqual({ key: 'bare', fields: ['bare'], implicitKey: true });
    expect(() => formatLine(null, [])).toThrow(InfWriteError);
  });

  test('property: any key and fields read back exactly (UTF-16)', () => {
    fc.assert(
      fc.property(trickyString, fc.array(trickyString, { minLength: 1, maxLength: 5 }), (key, fields) => {
        expect(readBack(formatLine(key, fields))).toEqual({ key, fields, implicitKey: false });
      }),
      { numRuns: 400 },
    );
  });

  test('property: keyless lines read back exactly; one field is also the key', () => {
    fc.assert(
      fc.property(fc.array(trickyString, { minLength: 1, maxLength: 5 }), (fields) => {
        const back = readBack(formatLine(null, fields));
        expect(back.fields).toEqual(fields);
        expect(back.key).toBe(fields.length === 1 ? fields[0] : null);
      }),
      { numRuns: 400 },
    );
  });

  test('property: same in a Windows-1252 file when the text fits the code page', () => {
    const ansi = fc.string({ unit: fc.constantFrom('"', ',', ';', '%', '\\', '=', ' ', '\t', 'x', 'é', '€', '\u00a0'), maxLength: 10 });
    fc.assert(
      fc.property(ansi, fc.array(ansi, { minLength: 1, maxLength: 4 }), (key, fields) => {
        expect(readBack(formatLine(key, fields), 'windows-1252')).toEqual({ key, fields, implicitKey: false });
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatSectionHeader', () => {
  test('names are literal between brackets; ] and line breaks are refused', () => {
    expect(formatSectionHeader('  Test Section ;"\\ ')).toBe('[  Test Section ;"\\ ]');
    expect(parseInf(`${formatSectionHeader('  a;b"c\\ ')}\r\nk=v\r\n`).sections()[0]?.name).toBe('  a;b"c\\ ');
    expect(() => formatSectionHeader('a]b')).toThrow(expect.objectContaining({ problem: 'closing-bracket', index: 1 }));
    expect(() => formatSectionHeader('a\nb')).toThrow(expect.objectContaining({ problem: 'line-feed' }));
    expect(() => formatSectionHeader('x'.repeat(256))).toThrow(expect.objectContaining({ problem: 'section-name-too-long' }));
    expect(formatSectionHeader('x'.repeat(255))).toHaveLength(257);
  });
});
