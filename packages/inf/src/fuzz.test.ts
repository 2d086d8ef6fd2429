// Arbitrary bytes and mutated corpus files: parseInf returns a document or throws
// InfSyntaxError — never anything else — and a returned document behaves: it round-trips,
// every line tokenizes, lint runs, and an edit produces a file that parses again.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { InfFieldError, InfSyntaxError, createSubstituter, parseAddRegLine, parseInf, type ParseOptions } from './index.js';
import { corpusFiles, readCorpus } from './test-support/helpers.js';

/** INF_PROPERTY_SCALE=20 for a soak run; the default stays within a few seconds. */
const SCALE = Number(process.env.INF_PROPERTY_SCALE ?? '1');

const INTERESTING = [0x00, 0x0a, 0x0d, 0x1a, 0x20, 0x22, 0x25, 0x2c, 0x3b, 0x3d, 0x5b, 0x5c, 0x5d, 0x80, 0xbb, 0xbf, 0xd8, 0xdc, 0xef, 0xfe, 0xff];
const byteArb = fc.oneof(fc.constantFrom(...INTERESTING), fc.integer({ min: 0, max: 255 }));
const optionsArb = fc.record({
  strict: fc.boolean(),
  codepage: fc.constantFrom('windows-1252', '1251', 'windows-1253'),
  textBeforeFirstSection: fc.constantFrom('setupapi' as const, 'reject' as const, 'ignore' as const),
  requireSignature: fc.boolean(),
});

function exercise(bytes: Uint8Array, options: ParseOptions): void {
  let doc;
  try {
    doc = parseInf(bytes, options);
  } catch (e) {
    if (e instanceof InfSyntaxError) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
      return;
    }
    throw e;
  }
  expect(doc.toBytes()).toEqual(bytes);
  const sub = createSubstituter(doc, { lang: '0409', dirid: (id) => (id === 24 ? 'C:\\' : undefined) });
  for (const s of doc.sections()) {
    for (const l of s.lines()) {
      expect(l.line).toBeLessThanOrEqual(l.lastLine);
      l.fields.forEach((f) => sub.substitute(f));
      try {
        parseAddRegLine(l.fields.map((f) => sub.substitute(f)));
      } catch (e) {
        if (!(e instanceof InfFieldError)) throw e;
      }
    }
  }
  for (const f of doc.lint()) expect(f.line).toBeGreaterThanOrEqual(1);
  doc.setValue('Fuzz', 'key', 'value');
  const again = parseInf(doc.toBytes(), { ...options, requireSignature: false });
  expect(again.section('fuzz')?.find('KEY')?.fields).toEqual(['value']);
}

test('random bytes', () => {
  fc.assert(
    fc.property(fc.array(byteArb, { maxLength: 300 }), optionsArb, fc.constantFrom([], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]), (body, options, bom) => {
      exercise(new Uint8Array([...bom, ...body]), options);
    }),
    { numRuns: 600 * SCALE },
  );
}, 30_000 * SCALE);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: byteArb }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byteArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(input: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'set') b[at] = m.byte;
    else if (m.kind === 'insert') b.splice(at, 0, ...m.bytes);
    else if (m.kind === 'delete') b.splice(at, m.length);
    else if (m.kind === 'duplicate') b.splice(at, 0, ...b.slice(at, at + m.length));
    else b = b.slice(0, at);
  }
  return new Uint8Array(b);
}

test('mutated corpus files', () => {
  const files = corpusFiles().map(readCorpus);
  fc.assert(
    fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), optionsArb, (i, ms, options) => {
      exercise(mutate(files[i] as Uint8Array, ms), options);
    }),
    { numRuns: 250 * SCALE },
  );
}, 30_000 * SCALE);
