import { describe, expect, test } from 'vitest';
import { InfWriteError, parseInf, type InfDocument } from './index.js';
import { latin1, readCorpus, utf16le } from './test-support/helpers.js';

/** Parse ANSI text, edit, and return the written file as text (one byte per char). */
function edit(input: string, fn: (doc: InfDocument) => void): string {
  const doc = parseInf(latin1(input), { textBeforeFirstSection: 'ignore' });
  fn(doc);
  return Buffer.from(doc.toBytes()).toString('latin1');
}

describe('setValue', () => {
  test('a new key goes after the last non-blank line of the section', () => {
    expect(edit('[A]\nk1=v1\n\n[B]\nx=1\n', (d) => d.setValue('A', 'k2', 'v2'))).toBe('[A]\nk1=v1\nk2=v2\n\n[B]\nx=1\n');
  });

  test('it uses the file’s dominant line ending', () => {
    expect(edit('[A]\r\nk1=v1\r\n\r\n[B]\nx=1\r\n', (d) => d.setValue('A', 'k2', 'v2'))).toBe('[A]\r\nk1=v1\r\nk2=v2\r\n\r\n[B]\nx=1\r\n');
  });

  test('a missing section is created at the end, after a blank line', () => {
    expect(edit('[A]\nk=1\n', (d) => d.setValue('New', 'k', 'v'))).toBe('[A]\nk=1\n\n[New]\nk=v\n');
    expect(edit('[A]\nk=1\n\n', (d) => d.setValue('New', 'k', 'v'))).toBe('[A]\nk=1\n\n[New]\nk=v\n');
    expect(edit('', (d) => d.setValue('New', 'k', 'v'))).toBe('[New]\r\nk=v\r\n');
  });

  test('a last line without ending gets one before anything is appended', () => {
    expect(edit('[A]\nk=1', (d) => d.setValue('A', 'n', '2'))).toBe('[A]\nk=1\nn=2\n');
    expect(edit('[A]\r\nk=1', (d) => d.setValue('B', 'n', '2'))).toBe('[A]\r\nk=1\r\n\r\n[B]\r\nn=2\r\n');
    // A lone CR is not a line break for SetupAPI: it becomes CRLF.
    expect(edit('[A]\nk=1\r', (d) => d.setValue('A', 'n', '2'))).toBe('[A]\nk=1\r\nn=2\n');
  });

  test('new content goes before a Ctrl-Z trailer', () => {
    expect(edit('[A]\nk=1\n\x1agarbage\n', (d) => d.setValue('A', 'n', '2'))).toBe('[A]\nk=1\nn=2\n\x1agarbage\n');
    expect(edit('[A]\nk=1\x1a', (d) => d.setValue('B', 'n', '2'))).toBe('[A]\nk=1\n\n[B]\nn=2\n\x1a');
  });

  test('an existing key (case-insensitive) is replaced in place, keeping layout and comment', () => {
    expect(edit('[A]\n  KEY = old ; why\nz=1\n', (d) => d.setValue('a', 'key', 'new'))).toBe('[A]\n  KEY = new ; why\nz=1\n');
    expect(edit('[A]\nOemSection=params.x;Identifies\n', (d) => d.setValue('A', 'oemsection', 'y'))).toBe('[A]\nOemSection=y;Identifies\n');
    expect(edit('[A]\n"My Key"=1\n', (d) => d.setValue('A', 'my key', '2'))).toBe('[A]\n"My Key"=2\n');
  });

  test('all physical lines of a continued entry are replaced', () => {
    expect(edit('[A]\nk=a,\\\n  b,\\\n  c\nz=1\n', (d) => d.setValue('A', 'K', 'x'))).toBe('[A]\nk=x\nz=1\n');
  });

  test('the first match is replaced, as SetupFindFirstLine finds it', () => {
    expect(edit('[A]\nk=1\nk=2\n', (d) => d.setValue('A', 'k', '3'))).toBe('[A]\nk=3\nk=2\n');
  });

  test('a key is matched after string substitution', () => {
    expect(edit('[A]\n%k%=1\n[Strings]\nk=Real\n', (d) => d.setValue('A', 'real', '2'))).toBe('[A]\n%k%=2\n[Strings]\nk=Real\n');
  });

  test('the last occurrence of a merged section receives new keys', () => {
    expect(edit('[A]\na=1\n[B]\nb=1\n[a]\nc=1\n\n', (d) => d.setValue('A', 'd', '4'))).toBe('[A]\na=1\n[B]\nb=1\n[a]\nc=1\nd=4\n\n');
  });

  test('an empty section gets its first line right after the header', () => {
    expect(edit('[UserData]\r\n\r\n[Gui]\r\nx=1\r\n', (d) => d.setValue('UserData', 'k', 'v'))).toBe('[UserData]\r\nk=v\r\n\r\n[Gui]\r\nx=1\r\n');
    expect(edit('[N]\n  ; note\n  ;\n[P]\n', (d) => d.setValue('N', 'k', 'v'))).toBe('[N]\n  ; note\n  ;\nk=v\n[P]\n');
  });

  test('indentation and spacing around = follow the section’s entries', () => {
    expect(edit('[U]\n    TimeZone=35\n', (d) => d.setValue('U', 'New', '1'))).toBe('[U]\n    TimeZone=35\n    New=1\n');
    expect(edit('[D]\nAutoPartition = 1\n', (d) => d.setValue('D', 'New', '1'))).toBe('[D]\nAutoPartition = 1\nNew = 1\n');
  });

  test('values are quoted and escaped; a list becomes several fields', () => {
    expect(edit('[A]\n', (d) => d.setValue('A', 'k', ['a', 'b c', 'x,y', '50%']))).toBe('[A]\nk=a,b c,"x,y",50%%\n');
    const doc = parseInf(latin1('[A]\n'));
    doc.setValue('A', 'k', []);
    expect(doc.section('A')?.find('k')?.fields).toEqual(['']);
  });

  test('a value that cannot be written changes nothing', () => {
    const input = latin1('[A]\nk=1\n');
    const doc = parseInf(input);
    expect(() => doc.setValue('New', 'k', 'a\nb')).toThrow(InfWriteError);
    expect(() => doc.setValue('A', 'k', 'Ω')).toThrow(expect.objectContaining({ problem: 'unencodable' }));
    expect(() => doc.setValue('A]', 'k', 'v')).toThrow(expect.objectContaining({ problem: 'closing-bracket' }));
    expect(doc.version).toBe(0);
    expect(doc.toBytes()).toEqual(input);
  });

  test('UTF-16LE files stay UTF-16LE with BOM; untouched bytes are identical', () => {
    const input = utf16le('[A]\r\nk=1\r\n[B]\r\nΩ=2\r\n');
    const doc = parseInf(input);
    doc.setValue('A', 'k', 'Ω€');
    const out = doc.toBytes();
    expect(Buffer.from(out).equals(Buffer.from(utf16le('[A]\r\nk=Ω€\r\n[B]\r\nΩ=2\r\n')))).toBe(true);
  });

  test('a winnt.sif from the corpus: only the appended line is new', () => {
    const bytes = readCorpus('unattend/unattended-sf_lib_unattend.txt');
    const doc = parseInf(bytes);
    doc.setValue('Networking', 'InstallDefaultComponents', 'No');
    doc.setValue('NetAdapters', 'Adapter1', 'params.Adapter1');
    const out = Buffer.from(doc.toBytes()).toString('latin1');
    const expected = Buffer.from(bytes)
      .toString('latin1')
      .replace('InstallDefaultComponents=Yes', 'InstallDefaultComponents=No')
      .concat('\r\n[NetAdapters]\r\nAdapter1=params.Adapter1\r\n');
    expect(out).toBe(expected);
  });
});

describe('lines and sections', () => {
  test('appendLine writes keyless AddReg lines with the section’s indentation', () => {
    expect(edit('[R]\n  HKR,,a,0,"x"\n\n', (d) => d.appendLine('R', null, ['HKR', 'Ndi\\params', 'b', '0x00010001', '1']))).toBe(
      '[R]\n  HKR,,a,0,"x"\n  HKR,Ndi\\params,b,0x00010001,1\n\n',
    );
    expect(edit('[R]\n', (d) => d.appendLine('Other', 'bare', []))).toBe('[R]\n\n[Other]\nbare\n');
  });

  test('removeLine removes every physical line of the entry', () => {
    expect(
      edit('[A]\na=1\nk=a,\\\n  b\nz=1\n', (d) => {
        const line = d.section('A')?.find('k');
        if (line) d.removeLine(line);
      }),
    ).toBe('[A]\na=1\nz=1\n');
    expect(edit('[A]\na=1\nb=2\n', (d) => d.removeLine(3))).toBe('[A]\na=1\n');
  });

  test('replaceLine keeps indentation and a trailing comment', () => {
    expect(
      edit('[A]\n\tHKR,,x,0,1 ; keep\n', (d) => {
        const line = d.section('A')?.lines()[0];
        if (line) d.replaceLine(line, null, ['HKR', '', 'y', '0', '2']);
      }),
    ).toBe('[A]\n\tHKR,,y,0,2 ; keep\n');
    expect(edit('[A]\nold=1\n', (d) => d.replaceLine(2, 'new', ['v']))).toBe('[A]\nnew=v\n');
  });

  test('line handles go stale after an edit; numbers must name an entry start', () => {
    const doc = parseInf(latin1('[A]\na=1\nb=2\n'));
    const [a, b] = doc.section('A')?.lines() ?? [];
    if (!a || !b) throw new Error('fixture');
    doc.removeLine(a);
    expect(() => doc.removeLine(b)).toThrow(/stale/);
    expect(doc.section('A')?.lines().map((l) => [l.line, l.key])).toEqual([[2, 'b']]);
    expect(() => doc.removeLine(1)).toThrow(/no entry starts on line 1/);
    expect(() => doc.removeLine(9)).toThrow(RangeError);
    const other = parseInf(latin1('[A]\nb=2\n')).section('A')?.lines()[0];
    if (other) expect(() => doc.removeLine(other)).toThrow(/another document/);
  });

  test('addSection refuses duplicates unless merging', () => {
    const doc = parseInf(latin1('[A]\na=1\n'));
    expect(() => doc.addSection('a')).toThrow(/already exists/);
    doc.addSection('a', [{ key: 'b', fields: ['2'] }], { merge: true });
    expect(Buffer.from(doc.toBytes()).toString('latin1')).toBe('[A]\na=1\n\n[a]\nb=2\n');
    expect(doc.section('A')?.lines().map((l) => l.key)).toEqual(['a', 'b']);
    expect(doc.section('A')?.headerLines()).toEqual([1, 4]);
  });

  test('removeSection removes every occurrence up to the next header', () => {
    expect(edit('; head\n[A]\na=1\n; about B\n[B]\nb=1\n[a]\nc=1\n', (d) => expect(d.removeSection('A')).toBe(true))).toBe('; head\n[B]\nb=1\n');
    expect(edit('[A]\n', (d) => expect(d.removeSection('Z')).toBe(false))).toBe('[A]\n');
  });

  test('replaceSection keeps the header and the blank lines after the body', () => {
    expect(
      edit('[A]\n  a=1\n  ; c\n\n[B]\nb=1\n[A]\nz=9\n', (d) => d.replaceSection('A', [{ key: 'n', fields: ['1'] }, { key: null, fields: ['x', 'y'] }])),
    ).toBe('[A]\n  n=1\n  x,y\n\n[B]\nb=1\n');
    expect(edit('[A]', (d) => d.replaceSection('A', [{ key: 'n', fields: ['1'] }]))).toBe('[A]\r\nn=1\r\n');
  });

  test('edits are an overlay: the logical view follows them', () => {
    const doc = parseInf(latin1('[A]\na=1\n[B]\nb=1\n'));
    doc.setValue('A', 'a2', '2');
    doc.setValue('C', 'c', '3');
    doc.removeSection('B');
    expect(doc.isEdited).toBe(true);
    expect(doc.sections().map((s) => [s.name, s.lines().map((l) => [l.line, l.key, ...l.fields])])).toEqual([
      ['A', [[2, 'a', '1'], [3, 'a2', '2']]],
      ['C', [[5, 'c', '3']]],
    ]);
    // [B]'s range ran up to [C]'s header, so the blank line added before [C] went with it.
    expect(doc.text).toBe('[A]\na=1\na2=2\n[C]\nc=3\n');
    expect(doc.lineCount).toBe(5);
  });

  test('a section object follows its section across edits', () => {
    const doc = parseInf(latin1('[A]\na=1\n'));
    const a = doc.section('A');
    doc.setValue('A', 'b', '2');
    expect(a?.lines().map((l) => l.key)).toEqual(['a', 'b']);
    doc.removeSection('A');
    expect(a?.lines()).toEqual([]);
  });
});
