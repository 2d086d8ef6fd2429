// Every input SetupOpenInfFile refuses, with file, line and column.
import { describe, expect, test } from 'vitest';
import { SETUPAPI_ERRORS, parseInf } from './index.js';
import { latin1, syntaxError, utf16le } from './test-support/helpers.js';

const opts = { fileName: 'C:\\drv\\net.inf' };

describe('structure', () => {
  test('a section line without ] → ERROR_BAD_SECTION_NAME_LINE at the [', () => {
    const e = syntaxError(() => parseInf(latin1('[Version]\r\nSignature=$Chicago$\r\n\r\n   [Broken ; no bracket\r\nk=v\r\n'), opts));
    expect(e).toMatchObject({ code: 'ERROR_BAD_SECTION_NAME_LINE', win32Code: 0xe0000001, reason: 'missing-closing-bracket', file: 'C:\\drv\\net.inf', line: 4, column: 4 });
    expect(e.message).toMatch(/ERROR_BAD_SECTION_NAME_LINE, 0xE0000001/);
    expect(e.format()).toBe(`C:\\drv\\net.inf:4:4: ${e.message}`);
  });

  test('the ] must be on the same SetupAPI line (a continuation does not help)', () => {
    expect(syntaxError(() => parseInf(latin1('[A]\n[B\\\n]\n'))).line).toBe(2);
  });

  test('a section name over 255 characters → ERROR_SECTION_NAME_TOO_LONG', () => {
    const e = syntaxError(() => parseInf(latin1(`[A]\n\t[${'n'.repeat(256)}]\n`), opts));
    expect(e).toMatchObject({ code: 'ERROR_SECTION_NAME_TOO_LONG', win32Code: 0xe0000002, line: 2, column: 2 });
  });

  test('text before the first section → ERROR_EXPECTED_SECTION_NAME unless the file has [Strings]', () => {
    const text = '; comment\n\n  Protocol1=x\n[OemNetProtocols]\n';
    expect(syntaxError(() => parseInf(latin1(text), opts))).toMatchObject({ code: 'ERROR_EXPECTED_SECTION_NAME', win32Code: 0xe0000000, line: 3, column: 3 });
    // Newer SetupAPI tolerates it when there is a [Strings] section (lenient and strict mode alike).
    const withStrings = `${text}[Strings]\na=b\n`;
    expect(parseInf(latin1(withStrings)).sections().map((s) => s.name)).toEqual(['OemNetProtocols', 'Strings']);
    expect(parseInf(latin1(withStrings), { strict: true }).findings).toEqual([
      expect.objectContaining({ code: 'text-before-first-section', severity: 'error', line: 3, column: 3 }),
    ]);
    // Older SetupAPI (Windows 2000) never does.
    expect(syntaxError(() => parseInf(latin1(withStrings), { textBeforeFirstSection: 'reject' }))).toMatchObject({ line: 3, column: 3 });
    expect(parseInf(latin1(text), { textBeforeFirstSection: 'ignore' }).section('OemNetProtocols')?.lineCount).toBe(0);
  });

  test('a later structural error is reported before tolerated preamble text', () => {
    expect(syntaxError(() => parseInf(latin1('junk\n[A]\n[B\n')))).toMatchObject({ code: 'ERROR_BAD_SECTION_NAME_LINE', line: 3 });
  });
});

describe('encoding', () => {
  test('UTF-16LE with an odd number of bytes', () => {
    const bytes = new Uint8Array([...utf16le('[S]\r\nk=v'), 0x41]);
    const e = syntaxError(() => parseInf(bytes, opts));
    expect(e).toMatchObject({ code: 'ERROR_GENERAL_SYNTAX', win32Code: SETUPAPI_ERRORS.ERROR_GENERAL_SYNTAX, reason: 'odd-byte-count', file: opts.fileName, line: 2, column: 4 });
  });

  test('UTF-16LE with an unpaired high surrogate', () => {
    const bytes = utf16le('[S]\r\nk=\ud83d!\r\n');
    expect(syntaxError(() => parseInf(bytes, opts))).toMatchObject({ reason: 'unpaired-surrogate', line: 2, column: 3 });
  });

  test('UTF-16BE with a lone low surrogate', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('[S]\nab\udc00', 'utf16le').swap16()]));
    const e = syntaxError(() => parseInf(bytes, opts));
    expect(e).toMatchObject({ reason: 'unpaired-surrogate', line: 2, column: 3 });
    expect(e.message).toMatch(/UTF-16BE.*U\+DC00/);
  });

  test('UTF-8 with an invalid sequence', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('[S]\nké=', 'utf8'), 0xff, 0x0a]);
    const e = syntaxError(() => parseInf(bytes, opts));
    expect(e).toMatchObject({ code: 'ERROR_GENERAL_SYNTAX', reason: 'invalid-utf8', line: 2, column: 4 });
    expect(e.message).toMatch(/byte 0xff at offset 11/);
  });

  test('an odd byte after Ctrl-Z is part of the ignored trailer, not an error', () => {
    const bytes = new Uint8Array([...utf16le('[S]\r\n\x1a'), 0x41]);
    expect(parseInf(bytes).toBytes()).toEqual(bytes);
  });
});
