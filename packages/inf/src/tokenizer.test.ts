import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { referenceTokenize } from './test-support/reference-tokenizer.js';
import { tokenizeEntry } from './tokenizer.js';

const SCALE = Number(process.env.INF_PROPERTY_SCALE ?? '1');
const CHARS = ['a', 'B', '=', ',', '"', ';', '\\', ' ', '\t', '\r', '\n', '\0', '%', '[', 'é', '\u00a0', '😀'];

describe('optimized tokenizer', () => {
  test('agrees with the reference transcription on every output, collecting or not', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 }), fc.nat(), (text, at) => {
        const begin = text.length === 0 ? 0 : at % text.length;
        const ref = referenceTokenize(text, begin, true);
        const got = tokenizeEntry(text, begin, true);
        expect({ ...got, fieldCount: undefined }).toEqual({ ...ref, fieldCount: undefined });
        expect(got.fieldCount).toBe(ref.fields.length);
        // Without positions (how InfLine reads fields), everything else is the same.
        expect({ ...tokenizeEntry(text, begin, true, false), fieldStarts: undefined }).toEqual({ ...got, fieldStarts: undefined });
        const quick = tokenizeEntry(text, begin, false);
        expect([quick.end, quick.fieldCount, quick.eqPos, quick.commentPos, quick.continuations, quick.key === null]).toEqual([
          ref.end,
          ref.fields.length,
          ref.eqPos,
          ref.commentPos,
          ref.continuations,
          ref.key === null,
        ]);
      }),
      { numRuns: 3000 * SCALE },
    );
  }, 30_000 * SCALE);

  test('lines of the usual form (the one-pass reader) agree with the reference too', () => {
    // Mostly characters the one-pass reader accepts, so that it does the work, not the state machine.
    const usual = ['a', 'B', ',', ',', '"', ';', '\\', ' ', '\t', '\r', '\n', '%', 'x', 'y', 'z', '=', '\0', 'é'];
    const weights = usual.map((c) => ({ weight: c === '\0' || c === 'é' ? 1 : c === '=' ? 4 : 12, arbitrary: fc.constant(c) }));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(...weights), maxLength: 40 }), fc.nat(), (text, at) => {
        const begin = text.length === 0 ? 0 : at % text.length;
        const ref = referenceTokenize(text, begin, true);
        expect({ ...tokenizeEntry(text, begin, true, false), fieldCount: undefined, fieldStarts: undefined }).toEqual({ ...ref, fieldStarts: undefined });
      }),
      { numRuns: 5000 * SCALE },
    );
  }, 30_000 * SCALE);

  test('positions of the pieces of a line', () => {
    const t = tokenizeEntry('  Key = a , "b" ;c\n', 2);
    expect(t).toMatchObject({ key: 'Key', fields: ['a', 'b'], keyStart: 2, eqPos: 6, valueStart: 8, fieldStarts: [8, 12], commentPos: 16, end: 18 });
    expect(tokenizeEntry('k="open\n', 0)).toMatchObject({ fields: ['open'], unterminatedQuote: 2 });
    expect(tokenizeEntry('k=a,\\\n b\\', 0)).toMatchObject({ fields: ['a', 'b'], continuations: 1, continuationAtEof: 8, end: 9 });
  });
});
