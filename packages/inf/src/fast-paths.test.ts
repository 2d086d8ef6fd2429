// The hand-written fast paths for the usual field forms agree with the general (regex) readers.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseByteField, parseUlongLenient } from './addreg.js';
import { InfFieldError } from './diagnostics.js';
import { parseInf } from './parse.js';

/** wcstoul(…, 0) by regex, as parseUlongLenient reads anything its fast path does not take. */
function ulongReference(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))?/.exec(s);
  const digits = m?.[2] ?? m?.[3] ?? m?.[4];
  if (!m || digits === undefined) return 0;
  let v = parseInt(digits, m[2] !== undefined ? 16 : m[3] !== undefined ? 8 : 10);
  if (v > 0xffffffff) v = 0xffffffff;
  return (m[1] === '-' ? -v : v) >>> 0;
}

function byteReference(s: string): number | 'error' {
  if (s === '') return 0;
  const m = /^(?:0[xX])?([0-9a-fA-F]+)$/.exec(s);
  if (!m) return 'error';
  const v = parseInt(m[1] ?? '', 16);
  return v > 0xff ? 'error' : v;
}

const unit = fc.constantFrom(...'0123456789abcdefABCDEFxXg -+ \t'.split(''), '\u00a0', '٣');
const numberish = fc.oneof(
  fc.string({ unit, maxLength: 12 }),
  fc.nat().map((n) => String(n)),
  fc.nat().map((n) => `0x${n.toString(16)}`),
  fc.bigInt({ min: 0n, max: 1n << 40n }).map((n) => `0X${n.toString(16).toUpperCase()}`),
  fc.integer({ min: 0, max: 300 }).map((n) => n.toString(16)),
);

describe('fast paths', () => {
  test('parseUlongLenient agrees with the regex reader', () => {
    fc.assert(fc.property(numberish, (s) => {
        expect(parseUlongLenient(s)).toBe(ulongReference(s));
      }), { numRuns: 5000 });
    for (const s of ['123456789', '1234567890', '4294967296', '0xffffffff', '0x1ffffffff', '0x', '0x1g', '09', '007', '1 ']) {
      expect(parseUlongLenient(s), s).toBe(ulongReference(s));
    }
  });

  test('parseByteField agrees with the regex reader', () => {
    fc.assert(
      fc.property(numberish, (s) => {
        const want = byteReference(s);
        if (want === 'error') expect(() => parseByteField(s, 5)).toThrow(InfFieldError);
        else expect(parseByteField(s, 5)).toBe(want);
      }),
      { numRuns: 5000 },
    );
  });

  test('InfSection.forEachLine hands over the entries lines() returns, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a=1', 'HKR,,x,0,"y"', '; c', '', 'k = "q;" ; c', 'b,\\', '  c'), { maxLength: 12 }), (body) => {
        const doc = parseInf(['[S]', ...body, '[T]', 'z=1', '[s]', ...body].join('\r\n'));
        const section = doc.section('s')!;
        const seen: [number, string | null, readonly string[]][] = [];
        section.forEachLine((l) => seen.push([l.line, l.key, l.fields]));
        expect(seen).toEqual(section.lines().map((l) => [l.line, l.key, l.fields]));
      }),
      { numRuns: 300 },
    );
  });

  test('InfSection.forEachEntry hands over the same entries and fields as lines(), positions included', () => {
    // Simple lines, quotes, continuations, NUL and non-ASCII characters (the state machine), many fields.
    const piece = fc.constantFrom('HKR', ',', ' ', '"', '""', 'a\\b', '\\', '=', ';', 'x', 'ä', '\0', '%s%', '\t', '0x10');
    const entry = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.integer({ min: 0, max: 70 }), (body, wide) => {
        const lines = [...body, Array.from({ length: wide }, (_, i) => `f${i}`).join(',')];
        const doc = parseInf(['[S]', ...lines, '[T]', 'z=1', '[s]', ...lines.slice().reverse()].join('\r\n'));
        const section = doc.section('s')!;
        const seen: [number, string[], number][] = [];
        section.forEachEntry((e) => seen.push([e.line, [...e.fields], e.toLine().vline]));
        expect(seen).toEqual(section.lines().map((l) => [l.line, [...l.fields], l.vline]));
      }),
      { numRuns: 300 },
    );
  });
});
