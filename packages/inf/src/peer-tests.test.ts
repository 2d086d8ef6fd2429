// The Wine setupapi parser tests of /work/shared/corpus/peer-tests.md §1, restated as our
// own tables. Rows Wine marks (todo) follow the Windows behaviour. Strings in this file use
// JavaScript escapes, so '\\' is ONE backslash, exactly as the peer notation's `\\`.
import { describe, expect, test } from 'vitest';
import { createSubstituter, parseInf, parseIntField, parseBinaryFields, parseMultiSzFields, InfFieldError } from './index.js';
import { latin1, syntaxError } from './test-support/helpers.js';

const STD_HEADER = '[Version]\r\nSignature="$CHICAGO$"\r\n';
const A = (n: number): string => 'a'.repeat(n);
const STR_SECTION =
  '[Strings]\nfoo=aaa\nbar=bbb\nloop=%loop2%\nloop2=%loop%\nper%%cent=abcd\nper=1\ncent=2\n22=foo\n' +
  `big=${A(400)}\nmydrive="C:\\"\nverybig=${A(1200)}\n`;

describe('1a whole-file validity (INF_STYLE_WIN4: requireSignature)', () => {
  const ok = (text: string): void => {
    expect(() => parseInf(latin1(text), { requireSignature: true })).not.toThrow();
  };
  const fails = (text: string, code: string, line?: number, column?: number): void => {
    const e = syntaxError(() => parseInf(latin1(text), { requireSignature: true, fileName: 'x.inf' }));
    expect(e.code).toBe(code);
    expect(e.file).toBe('x.inf');
    if (line !== undefined) expect(e.line).toBe(line);
    if (column !== undefined) expect(e.column).toBe(column);
  };

  test.each([
    ['\r\n'],
    ['abcd\r\n'], // (todo) Windows: wrong style, Wine: expected section name
    ['[Version]\r\n'],
    ['[Version]\nSignature='],
    ['[Version]\nSignature=foo'],
  ])('%j → ERROR_WRONG_INF_STYLE', (text) => fails(text, 'ERROR_WRONG_INF_STYLE'));

  test.each([
    ['[version]\nsignature=$chicago$'],
    ['[VERSION]\nSIGNATURE=$CHICAGO$'],
    ['[Version]\nSignature=$chicago$,abcd'],
    ['[Version]\nabc=def\n[Version]\nSignature=$chicago$'],
    [`${STD_HEADER}[]`],
    [`${STD_HEADER}]`],
    [`${STD_HEADER}[${A(255)}]`],
    [`[abc]\n${STD_HEADER}`],
    [`;aa\n;bb\n${STD_HEADER}`],
    [`garbage1\ngarbage2\n[Strings]\n${STD_HEADER}`],
    [`${STD_HEADER}[Sec\0tion]\n`], // (todo) NUL in a header line is fine on Windows
  ])('%j → OK', (text) => ok(text));

  test('bad section lines, long names and text outside sections report the line', () => {
    fails(`${STD_HEADER}[ab\r\n`, 'ERROR_BAD_SECTION_NAME_LINE', 3, 1);
    fails(`${STD_HEADER}\n\n[ab\x1a]\n`, 'ERROR_BAD_SECTION_NAME_LINE', 5, 1);
    fails(`${STD_HEADER}[${A(256)}]`, 'ERROR_SECTION_NAME_TOO_LONG', 3, 1);
    fails(`abc\r\n${STD_HEADER}`, 'ERROR_EXPECTED_SECTION_NAME', 1, 1);
    fails(`;\n;\nabc\r\n${STD_HEADER}`, 'ERROR_EXPECTED_SECTION_NAME', 3, 1);
    fails(`garbage1\ngarbage2\n[abc]\n${STD_HEADER}`, 'ERROR_EXPECTED_SECTION_NAME', 1, 1);
    fails(`\ngarbage1\ngarbage2\n[abc]\n${STD_HEADER}`, 'ERROR_EXPECTED_SECTION_NAME', 2, 1);
    fails(`;c\n  garbage1\n[abc]\n${STD_HEADER}`, 'ERROR_EXPECTED_SECTION_NAME', 2, 3);
  });

  test('the NUL in a header is read as a space', () => {
    expect(parseInf(latin1(`${STD_HEADER}[Sec\0tion]\n`)).section('Sec tion')?.name).toBe('Sec tion');
  });
});

describe('1b section names', () => {
  const doc = (body: string) => parseInf(latin1(STD_HEADER + body));

  test.each([
    ['[TestSection]', 'TestSection'],
    ['[TestSection]\n', 'TestSection'],
    ['[TestSection]\r\n', 'TestSection'],
    ['[TestSection]   ', 'TestSection'],
    ['   [TestSection]', 'TestSection'],
    ['   [TestSection]   dummy', 'TestSection'],
    ['   [TestSection]   [foo]', 'TestSection'],
    [' [  Test Section  ] dummy', '  Test Section  '],
    ['[TestSection] \x1a\ndummy', 'TestSection'],
    ['[TestSection] \n\x1adummy', 'TestSection'],
    ['[Test[Section]', 'Test[Section'],
    ['[Test[S]ection]', 'Test[S'],
    ['[[[]', '[['],
    ['[]', ''],
    ['[Test"Section]', 'Test"Section'],
    ['[Test\\Section]', 'Test\\Section'],
    ['[Test\\ Section]', 'Test\\ Section'],
    ['[Test;Section]', 'Test;Section'],
    [' [Test\r\b\tSection] ', 'Test\r\b\tSection'],
  ])('%j declares section %j', (body, name) => {
    const d = doc(body);
    expect(d.section(name)?.name).toBe(name);
    expect(d.sections().map((s) => s.name)).toEqual(['Version', name]);
  });

  test('lookup is case-insensitive and keeps the first spelling', () => {
    expect(doc('[TESTSECTION]').section('TestSection')?.name).toBe('TESTSECTION');
  });

  test('a commented header is not a section; text after ] is not a second header', () => {
    expect(doc(';[TestSection]').section('TestSection')).toBeUndefined();
    expect(doc('   [TestSection]   [foo]').section('foo')).toBeUndefined();
    expect(doc('[TestSection] \x1a\ndummy').section('TestSection')?.lineCount).toBe(0);
  });

  test('sections enumerate in order of first appearance', () => {
    expect(doc('[s1]\nfoo=bar\n[s2]\nbar=foo\n[s3]\n[strings]\na=b').sections().map((s) => s.name)).toEqual(['Version', 's1', 's2', 's3', 'strings']);
  });
});

interface Row {
  input: string;
  key: string | null;
  fields: string[];
  /** The input must end the file (EOF behaviour) or brings its own [Strings]: append nothing. */
  alone?: boolean;
  note?: string;
}

const ROWS: Row[] = [
  { input: 'ab=cd', key: 'ab', fields: ['cd'] },
  { input: 'ab=cd,ef,gh,ij', key: 'ab', fields: ['cd', 'ef', 'gh', 'ij'] },
  { input: 'ab', key: 'ab', fields: ['ab'] },
  { input: 'ab,cd', key: null, fields: ['ab', 'cd'] },
  { input: 'ab,cd=ef', key: null, fields: ['ab', 'cd=ef'] },
  { input: '=abcd,ef', key: '', fields: ['abcd', 'ef'] },
  { input: 'ba\\\ncd=ef', key: 'bacd', fields: ['ef'] },
  { input: 'ab  \\  \ncd=ef', key: 'abcd', fields: ['ef'] },
  { input: 'ab\\\ncd,ef', key: null, fields: ['abcd', 'ef'] },
  { input: 'ab  \\ ;cc\ncd=ef', key: 'abcd', fields: ['ef'] },
  { input: 'ab \\ \\ \ncd=ef', key: 'abcd', fields: ['ef'] },
  { input: 'ba \\ dc=xx', key: 'ba \\ dc', fields: ['xx'] },
  { input: 'ba \\\\ \nc=d', key: 'bac', fields: ['d'] },
  { input: 'a=b\\\\c', key: 'a', fields: ['b\\\\c'] },
  { input: 'ab=cd \\ ', key: 'ab', fields: ['cd'], alone: true },
  { input: 'ba=c \\ \n \\ \n a', key: 'ba', fields: ['ca'] },
  { input: 'ba=c \\ \n \\ a', key: 'ba', fields: ['c\\ a'] },
  { input: '  \\ a= \\ b', key: '\\ a', fields: ['\\ b'] },
  { input: 'Ab"Cd"=Ef', key: 'AbCd', fields: ['Ef'] },
  { input: 'Ab"Cd=Ef"', key: 'AbCd=Ef', fields: ['AbCd=Ef'] },
  { input: 'ab"""cd,ef=gh"', key: 'ab"cd,ef=gh', fields: ['ab"cd,ef=gh'] },
  { input: 'ab""cd=ef', key: 'abcd', fields: ['ef'] },
  { input: 'ab=cd""ef', key: 'ab', fields: ['cdef'] },
  { input: 'ab=cd","ef', key: 'ab', fields: ['cd,ef'] },
  { input: 'ab=cd",ef', key: 'ab', fields: ['cd,ef'] },
  { input: 'ab=cd",ef\\\nab', key: 'ab', fields: ['cd,ef\\'] },
  { input: "HKLM,A,B,'C',D", key: null, fields: ['HKLM', 'A', 'B', "'C'", 'D'] },
  { input: ' a b = c , d \n', key: 'a b', fields: ['c', 'd'] },
  { input: ' a b = c ," d" \n', key: 'a b', fields: ['c', ' d'] },
  { input: ' a b\r = c\r\n', key: 'a b', fields: ['c'] },
  { input: 'a=b,,,c,,,d', key: 'a', fields: ['b', '', '', 'c', '', '', 'd'] },
  { input: 'a=b,"",c," ",d', key: 'a', fields: ['b', '', 'c', ' ', 'd'] },
  { input: '=,,b', key: '', fields: ['', '', 'b'] },
  { input: ',=,,b', key: null, fields: ['', '=', '', 'b'] },
  { input: 'a=\n', key: 'a', fields: [''] },
  { input: '=', key: '', fields: [''] },
  { input: 'ab=c\x1ad', key: 'ab', fields: ['c'], alone: true },
  { input: 'ab\x1a=cd', key: 'ab', fields: ['ab'], alone: true },
  { input: 'abcd=ef\x00gh', key: 'abcd', fields: ['ef gh'] },
  { input: 'foo=%bar%\n[Strings]\nbar=bbb\0\n', key: 'foo', fields: ['bbb'], alone: true },
  { input: 'foo=%bar%\n[Strings]\nbar=bbb \0\n', key: 'foo', fields: ['bbb'], alone: true },
  { input: 'foo=%bar%\n[Strings]\nbar=aaa\0bbb \0\n', key: 'foo', fields: ['aaa bbb'], alone: true },
  { input: '[Test2]\nab\n[Test]\nee=ff\n', key: 'ee', fields: ['ff'] },
  { input: '%foo%=%bar%', key: 'aaa', fields: ['bbb'] },
  { input: '%foo%xx=%bar%yy', key: 'aaaxx', fields: ['bbbyy'] },
  { input: '%% %foo%=%bar%', key: '% aaa', fields: ['bbb'] },
  { input: '%f"o"o%=ccc', key: 'aaa', fields: ['ccc'] },
  { input: 'abc=%bar;bla%', key: 'abc', fields: ['%bar'] },
  { input: 'loop=%loop%', key: 'loop', fields: ['%loop2%'] },
  { input: '%per%%cent%=100', key: '12', fields: ['100'] },
  { input: 'a=%big%', key: 'a', fields: [A(400)] },
  { input: 'a=%verybig%', key: 'a', fields: [A(1200)], note: 'Vista+; NT4–2003 keep 511 (strict lint warns)' },
  { input: `a=${'%big%'.repeat(4)}`, key: 'a', fields: [A(1600)] },
  { input: `a=${'%big%'.repeat(9)}`, key: 'a', fields: [A(3600)] },
  { input: `a=${'%big%'.repeat(11)}`, key: 'a', fields: [A(4400)], note: 'deliberate: not truncated to 4096/4097 (strict lint reports)' },
  { input: 'ab="%24%"', key: 'ab', fields: ['C:\\'] },
  { input: 'ab="%mydrive%"', key: 'ab', fields: ['C:\\'] },
  { input: 'ab="%24%\\fred"', key: 'ab', fields: ['C:\\fred'] },
  { input: 'ab="%mydrive%\\fred"', key: 'ab', fields: ['C:\\\\fred'] },
  { input: 'ab="%24%\\\\fred"', key: 'ab', fields: ['C:\\\\fred'] },
  { input: 'ab=C:\\\\FRED', key: 'ab', fields: ['C:\\\\FRED'] },
];

function parseRow(row: Row) {
  const text = `${STD_HEADER}[Test]\n${row.input}${row.alone ? '' : `\n${STR_SECTION}`}`;
  const doc = parseInf(latin1(text));
  const sub = createSubstituter(doc, { dirid: (id) => (id === 24 ? 'C:\\' : undefined) });
  const line = doc.section('Test')?.lines()[0];
  if (!line) throw new Error('no line in [Test]');
  return { doc, sub, line };
}

describe('1c line tokenizing (key and fields as SetupGetStringField returns them)', () => {
  test.each(ROWS.map((r) => [JSON.stringify(r.input).slice(0, 60), r] as const))('%s', (_name, row) => {
    const { sub, line } = parseRow(row);
    expect(line.key === null ? null : sub.substitute(line.key)).toBe(row.key);
    expect(line.fields.map((f) => sub.substitute(f))).toEqual(row.fields);
  });

  test('SetupGetLineText joins the fields with commas', () => {
    const { line } = parseRow({ input: 'ab=cd,ef,gh,ij', key: 'ab', fields: [] });
    expect(line.lineText()).toBe('cd,ef,gh,ij');
  });

  test('keys are found after substitution, not by their %token%', () => {
    const { doc } = parseRow({ input: '%foo%=%bar%', key: 'aaa', fields: [] });
    const section = doc.section('Test');
    expect(section?.find('%foo%')).toBeUndefined();
    expect(section?.find('AAA')?.fields).toEqual(['%bar%']);
  });

  test('a bare single-field line is its own key (implicitKey); a keyed one is not', () => {
    expect(parseRow({ input: 'ab', key: null, fields: [] }).line.implicitKey).toBe(true);
    expect(parseRow({ input: 'ab=ab', key: null, fields: [] }).line.implicitKey).toBe(false);
    expect(parseRow({ input: 'ab,cd', key: null, fields: [] }).line.key).toBeNull();
  });

  test('the >4095-character substitution is reported in strict mode', () => {
    const text = `${STD_HEADER}[Test]\na=${'%big%'.repeat(11)}\n${STR_SECTION}`;
    const found = parseInf(latin1(text), { strict: true }).findings.filter((f) => f.code === 'substitution-too-long');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 4, column: 3, severity: 'warning' });
  });
});

describe('1d typed field readers', () => {
  const line = (body: string, section = 'Sec') => parseInf(latin1(`${STD_HEADER}[${section}]\n${body}\n`)).section(section)?.lines()[0];

  test('SetupGetIntField', () => {
    const l = line('Key=48');
    expect(parseIntField(l?.fields[0] ?? '')).toBe(48);
    expect(() => parseIntField(l?.key ?? '')).toThrow(InfFieldError);
    expect(parseIntField(line('123=48')?.key ?? '')).toBe(123);
    expect(parseIntField('0x4')).toBe(4);
    expect(() => parseIntField(line('Field1')?.fields[0] ?? '')).toThrow(/not an integer/);
    expect(parseIntField(line('Field1,34')?.fields[1] ?? '')).toBe(34);
    expect(parseIntField(line('Field1,,Field3')?.fields[1] ?? 'x')).toBe(0);
    expect(parseIntField(line('Field1,')?.fields[1] ?? 'x')).toBe(0);
  });

  test('SetupGetIntField follows strtol: octal, sign, blanks, no trailing text', () => {
    expect(parseIntField('010')).toBe(8);
    expect(parseIntField('-0x10')).toBe(-16);
    expect(parseIntField(' +7')).toBe(7);
    expect(parseIntField('0xFFFF0001')).toBe(0xffff0001);
    for (const bad of ['08', '0x', '7 ', '1e3', '-', '0x100000000']) {
      const e = (() => {
        try {
          parseIntField(bad, 3);
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e, bad).toBeInstanceOf(InfFieldError);
      expect((e as InfFieldError).code).toBe('ERROR_INVALID_DATA');
      expect((e as InfFieldError).field).toBe(3);
    }
  });

  test('SetupGetBinaryField', () => {
    const l = line('key1=0,11,022,0xaA,0x0Ff');
    expect([...parseBinaryFields(l?.fields ?? [], 1)]).toEqual([0x11, 0x22, 0xaa, 0xff]);
    expect(() => parseBinaryFields(line('key2=123')?.fields ?? [])).toThrow(/larger than a byte/); // (todo) on Wine
    expect(() => parseBinaryFields(['1g'])).toThrow(InfFieldError);
  });

  test('SetupGetMultiSzField stops at the first empty field', () => {
    expect(parseMultiSzFields(['a', 'b', '', 'c'])).toEqual(['a', 'b']);
    expect(parseMultiSzFields(['x', 'a', 'b'], 1)).toEqual(['a', 'b']);
  });

  test('pSetupGetField: raw fields, unknown %key% verbatim, long fields kept whole', () => {
    const doc = parseInf(latin1(`${STD_HEADER}[Sec]\nRTMQFE="%RTMGFE_NAME%",SP1RTM,${A(4097)}\n[Strings]\nRTMQFE_NAME = "RTMQFE"\n`), { strict: true });
    const l = doc.section('Sec')?.lines()[0];
    expect(l?.key).toBe('RTMQFE');
    expect(l?.fields[0]).toBe('%RTMGFE_NAME%');
    expect(createSubstituter(doc).substitute(l?.fields[0] ?? '')).toBe('%RTMGFE_NAME%');
    expect(l?.fields[1]).toBe('SP1RTM');
    // Deliberate: Windows keeps 511 (NT4–2003) or 4096 (Vista+) characters; we keep all and lint.
    expect(l?.fields[2]).toHaveLength(4097);
    expect(l?.fields[3]).toBeUndefined();
    expect(doc.findings.map((f) => f.code)).toEqual(['unknown-string-key', 'field-too-long']);
  });

  test('line counting', () => {
    const doc = parseInf(latin1(`${STD_HEADER}[Sectionname]\nKeyname1=Field1,Field2,Field3\n\nKeyname2=Field4,Field5`));
    const s = doc.section('Sectionname');
    expect(s?.lineCount).toBe(2);
    expect(doc.section('Missing')).toBeUndefined();
    expect(s?.find('Keyname3')).toBeUndefined();
    expect(s?.lines()[3]).toBeUndefined();
    expect(s?.find('keyname2')?.fields).toEqual(['Field4', 'Field5']);
  });
});
