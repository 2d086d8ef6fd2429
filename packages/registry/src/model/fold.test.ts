import { expect, test } from 'vitest';
import { compareNames, foldName, foldUnit, namesEqual } from './fold.js';

// Wine 8's registry, observed: which names are the same value, and how names sort.
test.each([
  ['É', 'é'], ['Σ', 'σ'], ['Ÿ', 'ÿ'], ['Μ', 'μ'], ['Ǆ', 'ǆ'], ['ᾈ', 'ᾀ'], ['Ꭰ', 'ꭰ'], ['ABC', 'abc'], ['Ω', 'ω'],
])('%s and %s are the same name', (a, b) => {
  expect(namesEqual(a, b)).toBe(true);
  expect(foldName(a)).toBe(foldName(b));
  expect(compareNames(a, b)).toBe(0);
});

test.each([
  ['\u212a', 'k', 'KELVIN SIGN'], ['İ', 'i', 'I WITH DOT'], ['ẞ', 'ß', 'CAPITAL SHARP S'], ['\u2126', 'ω', 'OHM SIGN'],
  ['\u212b', 'å', 'ANGSTROM SIGN'], ['ǅ', 'ǆ', 'title-case DZ'], ['ς', 'σ', 'final sigma'], ['ſ', 's', 'long s'],
  ['µ', 'μ', 'MICRO SIGN'], ['ᲀ', 'в', 'rounded ve'], ['\ua7dc', 'ƛ', 'Unicode 16 lambda (unknown to Wine 8)'], ['\ud801\udc00', '\ud801\udc28', 'non-BMP'],
])('%s and %s stay distinct (%s)', (a, b) => {
  expect(namesEqual(a, b)).toBe(false);
  expect(compareNames(a, b)).not.toBe(0);
});

test('order: folded code units, then length (so _ [ ^ ` sort before letters)', () => {
  const names = ['b', '_', '[', 'A', 'a1', 'Z', 'z0', '~', 'é', 'E', '^', '`', '{', '@', 'ab', 'aa'];
  expect(names.sort(compareNames)).toEqual(['@', '[', '^', '_', '`', 'A', 'a1', 'aa', 'ab', 'b', 'E', 'Z', 'z0', '{', '~', 'é']);
});

test('folding is idempotent and stays within the BMP unit', () => {
  for (let c = 0; c < 0x10000; c++) expect(foldUnit(foldUnit(c))).toBe(foldUnit(c));
});
