// Random documents: bytes → parse → bytes is the identity, the line model re-encodes to the
// same bytes, the scanner agrees with the tokenizer on where entries end, and after any
// sequence of edits the overlay's view equals a fresh parse of the written bytes.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bomBytes, encodeText } from './decode.js';
import { InfSyntaxError, InfWriteError, parseInf, type InfDocument } from './index.js';
import { tokenizeEntry } from './tokenizer.js';

/** INF_PROPERTY_SCALE=20 runs twenty times as many cases (for soak runs; the default stays fast). */
const SCALE = Number(process.env.INF_PROPERTY_SCALE ?? '1');

type Enc = 'windows-1252' | 'utf-16le' | 'utf-16be' | 'utf-8';
const ENCODINGS: Enc[] = ['windows-1252', 'utf-16le', 'utf-16be', 'utf-8'];

// `[` is left out of entry text so a line never turns into an unterminated header.
const ENTRY_CHARS = ['a', 'b', 'K', '1', '=', ',', '"', ';', '\\', ' ', '\t', '%', ']', 'é', '€', '\0'];
const NAME_CHARS = ['s', 'T', '.', ' ', '[', ';', '"', '\\', 'é'];
const UNICODE_EXTRA = ['Ω', '😀', '\u3000'];

const ending = fc.constantFrom('\r\n', '\n', '\r');

function docArb(unicode: boolean) {
  const entryText = fc.string({ unit: fc.constantFrom(...ENTRY_CHARS, ...(unicode ? UNICODE_EXTRA : [])), minLength: 1, maxLength: 14 });
  const line = fc.oneof(
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', ' ', '\t'), fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 6 }), fc.constantFrom('', ' ; c', ' x', ']')).map(([i, n, t]) => `${i}[${n}]${t}`) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom('', '  ', '\t'), entryText).map(([i, t]) => `${i}${t}`) },
    { weight: 1, arbitrary: entryText.map((t) => `;${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t ') },
  );
  return fc.record({
    lines: fc.array(fc.tuple(line, ending), { maxLength: 14 }),
    lastEnding: fc.boolean(),
    trailer: fc.constantFrom('', '\x1a', '\x1a[Z]\nz=1\n', '\x1a\x1a'),
  }).map(({ lines, lastEnding, trailer }) => {
    let text = lines.map(([l, e]) => l + e).join('');
    if (!lastEnding && lines.length > 0) text = text.slice(0, -(lines[lines.length - 1]?.[1].length ?? 0));
    return text + trailer;
  });
}

function encode(text: string, enc: Enc): Uint8Array {
  return new Uint8Array(Buffer.concat([bomBytes(enc === 'windows-1252' ? '' : enc), encodeText(text, enc)]));
}

function open(bytes: Uint8Array): InfDocument | undefined {
  try {
    return parseInf(bytes, { textBeforeFirstSection: 'ignore' });
  } catch (e) {
    // Random text may put a `[` after a continuation-less line break inside quotes etc.
    if (e instanceof InfSyntaxError) return undefined;
    throw e;
  }
}

function view(doc: InfDocument) {
  return doc.sections().map((s) => [s.name, s.headerLines(), s.lines().map((l) => [l.line, l.lastLine, l.key, [...l.fields], l.implicitKey])]);
}

const docs = fc.constantFrom(...ENCODINGS).chain((enc) => docArb(enc !== 'windows-1252').map((text) => ({ enc, text })));

describe('random documents', () => {
  test('bytes → parse → bytes is the identity, and lines re-encode to the bytes', () => {
    let parsed = 0;
    fc.assert(
      fc.property(docs, ({ enc, text }) => {
        const bytes = encode(text, enc);
        const doc = open(bytes);
        if (!doc) return;
        parsed++;
        expect(doc.toBytes()).toEqual(bytes);
        let rebuilt = '';
        for (let n = 1; n <= doc.lineCount; n++) {
          const l = doc.physicalLine(n);
          rebuilt += l.text + { crlf: '\r\n', lf: '\n', cr: '\r', none: '' }[l.ending];
        }
        expect(rebuilt).toBe(doc.text);
        // toBytes() of an unedited document is a copy of the input, so check the real
        // invariant: the decoded text re-encodes to exactly the input (BOM + text + trailer).
        const reencoded = Buffer.concat([encode(rebuilt, enc), doc.trailer]);
        expect(reencoded.equals(Buffer.from(bytes))).toBe(true);
        // Ctrl-Z ends the logical text; everything from it on is the raw trailer.
        expect(doc.text).toBe(text.split('\x1a')[0]);
        expect(doc.trailer).toEqual(bytes.subarray(bytes.length - doc.trailer.length));
        expect(doc.trailer.length > 0).toBe(text.includes('\x1a'));
      }),
      { numRuns: 400 * SCALE },
    );
    expect(parsed).toBeGreaterThan(200 * SCALE);
  }, 30_000 * SCALE);

  test('the scanner ends every entry where the tokenizer does', () => {
    fc.assert(
      fc.property(docArb(true), (text) => {
        const doc = open(encode(text, 'utf-16le'));
        if (!doc) return;
        for (const s of doc.sections()) {
          for (const l of s.lines()) {
            const fast = tokenizeEntry(l.layout.text, l.layout.entStart[l.entry] ?? 0, false);
            const full = tokenizeEntry(l.layout.text, l.layout.entStart[l.entry] ?? 0, true);
            expect(fast.end).toBe(full.end);
            expect(fast.end).toBe(l.layout.entEnd[l.entry]);
            expect(fast.fieldCount).toBe(full.fields.length);
          }
        }
      }),
      { numRuns: 300 * SCALE },
    );
  }, 30_000 * SCALE);
});

const VALUE_CHARS = ['v', 'W', '2', ' ', ',', ';', '"', '%', '\\', '=', '['];
const value = fc.string({ unit: fc.constantFrom(...VALUE_CHARS), maxLength: 8 });
const sectionName = fc.constantFrom('A', 'a', 'B', 'Strings', 'New Section');
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), section: sectionName, key: value, value: fc.oneof(value, fc.array(value, { maxLength: 3 })) }),
  fc.record({ kind: fc.constant('append' as const), section: sectionName, key: fc.option(value, { nil: null }), fields: fc.array(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), key: fc.option(value, { nil: null }), fields: fc.array(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('addSection' as const), section: sectionName }),
  fc.record({ kind: fc.constant('removeSection' as const), section: sectionName }),
  fc.record({ kind: fc.constant('replaceSection' as const), section: sectionName, fields: fc.array(value, { minLength: 1, maxLength: 2 }) }),
);

function run(
  doc: InfDocument,
  o:
    | { kind: 'set'; section: string; key: string; value: string | string[] }
    | { kind: 'append'; section: string; key: string | null; fields: string[] }
    | { kind: 'remove'; pick: number }
    | { kind: 'replace'; pick: number; key: string | null; fields: string[] }
    | { kind: 'addSection'; section: string }
    | { kind: 'removeSection'; section: string }
    | { kind: 'replaceSection'; section: string; fields: string[] },
): void {
  const all = doc.sections().flatMap((s) => s.lines());
  switch (o.kind) {
    case 'set':
      return doc.setValue(o.section, o.key, o.value);
    case 'append':
      return doc.appendLine(o.section, o.key, o.fields);
    case 'remove': {
      const l = all[o.pick % Math.max(1, all.length)];
      if (l) doc.removeLine(l);
      return;
    }
    case 'replace': {
      const l = all[o.pick % Math.max(1, all.length)];
      if (l) doc.replaceLine(l.line, o.key, o.fields);
      return;
    }
    case 'addSection':
      doc.addSection(o.section, [], { merge: true });
      return;
    case 'removeSection':
      doc.removeSection(o.section);
      return;
    case 'replaceSection':
      doc.replaceSection(o.section, [{ key: 'k', fields: o.fields }]);
      return;
  }
}

describe('random edits', () => {
  test('after every edit the view equals a fresh parse of the written bytes, which re-writes identically', () => {
    let edits = 0;
    fc.assert(
      fc.property(docs, fc.array(op, { minLength: 1, maxLength: 8 }), ({ enc, text }, ops) => {
        const doc = open(encode(text, enc));
        if (!doc) return;
        for (const o of ops) {
          try {
            run(doc, o);
          } catch (e) {
            if (e instanceof InfWriteError && e.problem === 'no-fields') continue;
            throw e;
          }
          edits++;
          const bytes = doc.toBytes();
          const fresh = parseInf(bytes, { textBeforeFirstSection: 'ignore' });
          expect(view(doc)).toEqual(view(fresh));
          expect(fresh.toBytes()).toEqual(bytes);
          expect(fresh.encoding).toBe(doc.encoding);
        }
      }),
      { numRuns: 250 * SCALE },
    );
    expect(edits).toBeGreaterThan(500 * SCALE);
  }, 30_000 * SCALE);
});
