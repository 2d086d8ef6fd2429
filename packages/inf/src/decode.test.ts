import { describe, expect, test } from 'vitest';
import { CP1252_80_9F, singleByteCodec } from './codepage.js';
import { firstInvalidUtf8 } from './decode.js';
import { InfWriteError, parseInf } from './index.js';
import { latin1, utf16le } from './test-support/helpers.js';

describe('encodings', () => {
  const body = '[S]\r\nk=Grüße €\r\n';

  test('UTF-16LE, UTF-16BE and UTF-8 with BOM decode and round-trip', () => {
    const le = utf16le(body);
    const be = new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()]));
    const u8 = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]));
    for (const [bytes, enc] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
      [u8, 'utf-8'],
    ] as const) {
      const doc = parseInf(bytes);
      expect(doc.encoding).toBe(enc);
      expect(doc.hasBom).toBe(true);
      expect(doc.section('s')?.find('k')?.fields).toEqual(['Grüße €']);
      expect(doc.toBytes()).toEqual(bytes);
      doc.setValue('S', 'n', 'Ω');
      const again = parseInf(doc.toBytes());
      expect(again.encoding).toBe(enc);
      expect(again.section('S')?.find('n')?.fields).toEqual(['Ω']);
    }
  });

  test('no BOM: Windows-1252 by default, including 0x80–0x9F', () => {
    const bytes = new Uint8Array([...latin1('[S]\nk='), 0x80, 0x93, 0x94, 0x81, 0xe9, 0x0a]);
    const doc = parseInf(bytes);
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.section('S')?.find('k')?.fields).toEqual(['€“”\u0081é']);
    expect(doc.toBytes()).toEqual(bytes);
  });

  test('the hand-written 1252 table: distinct, and Latin-1 elsewhere', () => {
    expect(CP1252_80_9F).toHaveLength(32);
    expect(new Set(CP1252_80_9F).size).toBe(32);
    expect(CP1252_80_9F[0]).toBe(0x20ac);
    expect(CP1252_80_9F[0x9f - 0x80]).toBe(0x0178);
    const all = new Uint8Array(256).map((_, i) => i);
    const codec = singleByteCodec('windows-1252');
    const text = codec.decode(all);
    expect(text.charCodeAt(0xa0)).toBe(0xa0);
    expect(text.charCodeAt(0x8a)).toBe(0x160);
    expect(codec.encode(text)).toEqual(all);
  });

  test('a configurable code page decodes and encodes through its own table', () => {
    const bytes = new Uint8Array([...latin1('[S]\nk='), 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]); // "Привет" in 1251
    const doc = parseInf(bytes, { codepage: '1251' });
    expect(doc.encoding).toBe('windows-1251');
    expect(doc.section('S')?.find('k')?.fields).toEqual(['Привет']);
    doc.setValue('S', 'k2', 'Мир');
    expect([...doc.toBytes().slice(bytes.length)]).toEqual([...latin1('k2='), 0xcc, 0xe8, 0xf0, 0x0a]);
    expect(() => doc.setValue('S', 'k3', '€uro')).not.toThrow(); // 0x88 in 1251
    expect(() => doc.setValue('S', 'k4', 'ü')).toThrow(InfWriteError);
  });

  test('bytes a code page leaves undefined still round-trip', () => {
    const bytes = new Uint8Array([...latin1('[S]\nk='), 0xaa, 0xd2, 0x0a]); // undefined in windows-1253
    const doc = parseInf(bytes, { codepage: 'windows-1253' });
    expect(doc.toBytes()).toEqual(bytes);
    doc.setValue('S', 'n', 'Ω');
    expect(doc.toBytes().subarray(0, bytes.length)).toEqual(bytes);
  });

  test('unknown and multi-byte code pages are refused clearly', () => {
    expect(() => parseInf(latin1('[S]\n'), { codepage: 'no-such' })).toThrow(/unknown code page/);
    expect(() => parseInf(latin1('[S]\n'), { codepage: 'shift_jis' })).toThrow(/not a single-byte code page/);
  });

  test('string input picks the code page when it fits, else UTF-16LE with BOM', () => {
    expect(parseInf('[S]\nk=é\n').encoding).toBe('windows-1252');
    const doc = parseInf('[S]\nk=Ω\n');
    expect(doc.encoding).toBe('utf-16le');
    expect([...doc.toBytes().subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(parseInf(doc.toBytes()).section('S')?.find('k')?.fields).toEqual(['Ω']);
    expect(() => parseInf('[S]\nk=Ω\n', { encoding: 'windows-1252' })).toThrow(InfWriteError);
  });
});

describe('Ctrl-Z', () => {
  test('ends the logical file; the bytes after it are kept', () => {
    const bytes = latin1('[S]\nk=1\x1a[T]\nj=2\n\xff');
    const doc = parseInf(bytes, { strict: true });
    expect(doc.sections().map((s) => s.name)).toEqual(['S']);
    expect(doc.text).toBe('[S]\nk=1');
    expect(doc.trailer).toEqual(latin1('\x1a[T]\nj=2\n\xff'));
    expect(doc.toBytes()).toEqual(bytes);
    expect(doc.findings).toEqual([expect.objectContaining({ code: 'content-after-ctrl-z', line: 2, column: 4 })]);
  });

  test('in UTF-16 the trailer is kept raw, even when it is not valid UTF-16', () => {
    const bytes = new Uint8Array([...utf16le('[S]\r\nk=1\r\n\x1a'), 0x00, 0xd8, 0x41]);
    const doc = parseInf(bytes);
    expect(doc.section('S')?.lineCount).toBe(1);
    expect(doc.toBytes()).toEqual(bytes);
  });
});

describe('line endings', () => {
  test('each physical line keeps its own ending', () => {
    const doc = parseInf(latin1('[S]\r\na=1\nb=2\rc=3'));
    expect([1, 2, 3, 4].map((n) => doc.physicalLine(n))).toEqual([
      { text: '[S]', ending: 'crlf' },
      { text: 'a=1', ending: 'lf' },
      { text: 'b=2', ending: 'cr' },
      { text: 'c=3', ending: 'none' },
    ]);
  });

  test('a lone CR is a blank to SetupAPI, so the next physical line continues the entry', () => {
    const s = parseInf(latin1('[S]\na=1\rb=2\n')).section('S');
    expect(s?.lines().map((l) => [l.line, l.lastLine, l.key, ...l.fields])).toEqual([[2, 3, 'a', '1\rb=2']]);
  });
});

test('firstInvalidUtf8 finds overlong, surrogate and truncated sequences', () => {
  expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc3, 0xa9]))).toBe(-1);
  expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
  expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
  expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
  expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
});

test('toBytes returns a copy, also when the input was a Buffer', () => {
  const input = Buffer.from('[S]\nk=1\n\x1atail');
  const doc = parseInf(input);
  const out = doc.toBytes();
  out[0] = 0x41;
  doc.trailer[1] = 0x41;
  expect(doc.toBytes()[0]).toBe(0x5b);
  expect(Buffer.from(doc.trailer).toString('latin1')).toBe('\x1atail');
  expect(input[0]).toBe(0x5b);
});
