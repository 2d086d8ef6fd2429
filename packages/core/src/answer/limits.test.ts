import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineProblem, MAX_FIELD_LENGTH, MAX_LINE_LENGTH, MAX_SECTION_NAME_LENGTH, sectionNameProblem } from './limits.js';

describe('section names', () => {
  it.each([
    'params.adapter2.OemSection',
    'adapter2.SectionToRun.AddReg',
    'name with inner spaces',
    'x'.repeat(MAX_SECTION_NAME_LENGTH),
    'Ünïcödé 名前',
  ])('accepts %j', (name) => {
    expect(sectionNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'the section name is empty'],
    ['x'.repeat(256), 'the section name is 256 characters long, over the INF limit of 255'],
    ['a\nb', 'control character (U+000A at index 1)'],
    ['a\rb', 'control character (U+000D at index 1)'],
    ['a\0b', 'control character (U+0000 at index 1)'],
    ['a\u001ab', 'control character (U+001A at index 1)'],
    ['a\tb', 'control character (U+0009 at index 1)'],
    ['NetAdapters]\n[x', 'control character'],
    ['a]b', 'contains "]"'],
    ['[a', 'contains "["'],
    ['a;b', 'contains ";"'],
    ['%key%', 'contains "%"'],
    ['"q"', 'contains """'],
    [' padded', 'leading or trailing blanks'],
    ['padded ', 'leading or trailing blanks'],
    ['trailing\\', 'ends with a backslash'],
    ['lone \ud800 surrogate', 'unpaired UTF-16 surrogate'],
  ])('refuses %j', (name, message) => {
    expect(sectionNameProblem(name)).toContain(message);
  });

  it('refuses what is not a string', () => {
    expect(sectionNameProblem(42)).toBe('a section name must be a string, got a number');
    expect(sectionNameProblem(null)).toBe('a section name must be a string, got null');
  });
});

describe('lines', () => {
  it.each([
    'InfToRunAfterInstall="", adapter2.SectionToRun',
    'HKR,0\\0,IsdnPhoneNumber,0,"111-1111"',
    'HKR,0,IsdnSwitchType,0x00010001,1',
    'key = "value ; not a comment"',
    'bare value',
    'Path="c:\\temp\\"',
    'x=1 ; a comment is allowed (text mode strips it)',
    'tab\tseparated',
    'unterminated "quote ends at the end of the line \\',
    `k=${'v'.repeat(MAX_FIELD_LENGTH)}`,
  ])('accepts %j', (line) => {
    expect(lineProblem(line)).toBeUndefined();
  });

  it.each([
    ['a\nb', 'control character (U+000A at index 1); one call adds exactly one line'],
    ['a\r', 'control character (U+000D at index 1)'],
    ['a\0', 'control character (U+0000 at index 1)'],
    ['a\u001a', 'control character (U+001A at index 1)'],
    ['[NetAdapters]', 'starts with "["'],
    ['   [x]', 'starts with "["'],
    ['', 'holds no entry'],
    ['   ', 'holds no entry'],
    ['; only a comment', 'holds no entry'],
    ['AddReg=a.AddReg \\', 'ends with a backslash'],
    ['AddReg=a \\\\  ; comment after the continuation', 'ends with a backslash'],
    ['"quoted"\\', 'ends with a backslash'],
    [`k=${'v'.repeat(MAX_FIELD_LENGTH + 1)}`, `field 2 of the line is ${MAX_FIELD_LENGTH + 1} characters long, over the INF limit of ${MAX_FIELD_LENGTH}`],
    [`${'k'.repeat(MAX_FIELD_LENGTH + 1)}=v`, 'field 1 of the line'],
    ['x'.repeat(MAX_LINE_LENGTH + 1), `over the limit of ${MAX_LINE_LENGTH}`],
    ['a \udc00', 'unpaired UTF-16 surrogate'],
  ])('refuses %j', (line, message) => {
    expect(lineProblem(line)).toContain(message);
  });

  it('counts fields with quotes protecting commas', () => {
    const quoted = `k="${'a,'.repeat(2000)}"`; // one 4002-character field, not 2000 short ones
    expect(lineProblem(quoted)).toBeUndefined();
    expect(lineProblem(`k="${'a,'.repeat(2047)}"`)).toContain('field 2');
  });

  it('never accepts a line that an INF parser would read as more than one line or as a header', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (line) => {
        if (lineProblem(line) !== undefined) return;
        expect(line).not.toMatch(/[\r\n\0\u001a]/);
        expect(line.trimStart().startsWith('[')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
