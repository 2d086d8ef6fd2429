import { describe, expect, test } from 'vitest';
import { parseInf } from './index.js';
import { latin1 } from './test-support/helpers.js';

const lint = (text: string) =>
  parseInf(latin1(text), { strict: true, fileName: 'a.inf' }).findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`);

describe('strict mode findings', () => {
  test('lenient mode reports nothing; strict mode names the file', () => {
    const text = '[A]\nk="open\n';
    expect(parseInf(latin1(text)).findings).toEqual([]);
    expect(parseInf(latin1(text), { strict: true, fileName: 'a.inf' }).findings[0]).toMatchObject({ file: 'a.inf', line: 2, column: 3 });
  });

  test.each([
    ['[A] trailing words\n[B] ; a comment is fine\n[C]   \n', ['1:5 warning text-after-section-name']],
    ['[A]\nk="open, still open\nj=ok\n', ['2:3 warning unterminated-quote']],
    ['[A]\nk=a\0b\nj=\0\0\n', ['2:4 warning nul-character', '3:3 warning nul-character']],
    ['[A]\nk=1\rj=2\n', ['2:4 warning lone-cr']],
    [`[A]\nk=${'x'.repeat(512)}\nj=${'y'.repeat(4096)}\n`, ['2:3 warning field-truncated-w2k', '3:3 error field-too-long']],
    ['[A]\nk=a,\\', ['2:5 warning continuation-at-eof']],
    ['[A]\nk=1\nK=2\n', ['3:1 warning duplicate-key']],
    ['[A]\nk=%undefined%,%%,%11%\\x\n[Strings]\nother=1\n', ['2:3 warning unknown-string-key']],
    [`[Strings]\nlong="${'s'.repeat(600)}"\n`, ['2:6 warning string-value-too-long-w2k', '2:6 warning field-truncated-w2k']],
    ['junk\n[A]\n[Strings]\n', ['1:1 error text-before-first-section']],
    ['[A]\nk=1\n\x1aleftover', ['3:1 warning content-after-ctrl-z']],
  ])('%j', (text, expected) => {
    expect(lint(text).sort()).toEqual([...expected].sort());
  });

  test('directives that repeat and models sections are not duplicate keys', () => {
    const text =
      '[Install]\nAddReg=a\nAddReg=b\nCopyFiles=c\ncopyfiles=d\n' +
      '[Manufacturer]\n%M%=Models,NTx86\n[Models.NTx86]\n%Dev%=Install,PCI\\VEN_1\n%Dev%=Install,PCI\\VEN_2\n' +
      '[Strings]\nM=Maker\nDev=Device\n';
    expect(lint(text)).toEqual([]);
  });

  test('a key defined only in a localized strings section counts as known', () => {
    expect(lint('[A]\nk=%loc%\n[Strings.0407]\nloc=Hallo\n')).toEqual([]);
  });

  test('duplicate [Strings] keys are reported (only the first is used)', () => {
    expect(lint('[Strings]\nname=One\nNAME=Two\n')).toEqual(['3:1 warning duplicate-key']);
  });

  test('lint() checks the document as edited', () => {
    const doc = parseInf(latin1('[A]\nk=1\n'));
    expect(doc.lint()).toEqual([]);
    doc.setValue('A', 'K2', '%nope%');
    doc.setValue('A', 'k2', 'x');
    expect(doc.lint()).toEqual([]);
    doc.appendLine('A', 'k', ['again']);
    expect(doc.lint()).toEqual([expect.objectContaining({ line: 4, column: 1, code: 'duplicate-key' })]);
  });
});
