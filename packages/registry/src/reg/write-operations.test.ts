import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RegValue } from '../model/value.js';
import { REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ } from '../model/types.js';
import type { RegOperation } from './operations.js';
import { parseRegFile } from './read.js';
import { writeRegOperations } from './write-operations.js';

const ROOT = 'HKEY_CURRENT_USER\\Software\\NmOps';

/** Text a REGEDIT4 file can carry (Windows-1252 printable), including the characters that need escaping. */
const ansiText = fc.string({ unit: fc.constantFrom(...'abcXYZ 09\\"=;,[]%@-_\u00e9\u00df\u20ac'.split('')), maxLength: 12 });
const wideText = fc.string({ unit: fc.oneof(fc.constantFrom('\\', '"', '=', ';', ' ', '\n', '\r'), fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c))), maxLength: 12 });

function values(text: fc.Arbitrary<string>): fc.Arbitrary<RegValue> {
  return fc.oneof(
    fc.tuple(text, text).map(([n, s]) => RegValue.sz(n, s)),
    fc.tuple(text, text).map(([n, s]) => RegValue.expandSz(n, s)),
    fc.tuple(text, fc.array(text.filter((s) => s.length > 0), { maxLength: 3 })).map(([n, l]) => RegValue.multiSz(n, l)),
    fc.tuple(text, fc.integer({ min: 0, max: 0xffffffff })).map(([n, d]) => RegValue.dword(n, d)),
    fc.tuple(text, fc.uint8Array({ maxLength: 60 })).map(([n, b]) => RegValue.binary(n, b)),
  );
}

function operations(text: fc.Arbitrary<string>): fc.Arbitrary<RegOperation[]> {
  const path = fc.constantFrom(ROOT, `${ROOT}\\A`, `${ROOT}\\A\\B`, `${ROOT}\\Other key`);
  const op: fc.Arbitrary<RegOperation> = fc.oneof(
    fc.tuple(path, values(text)).map(([p, value]) => ({ kind: 'setValue' as const, path: p, value, line: 0 })),
    fc.tuple(path, text).map(([p, name]) => ({ kind: 'deleteValue' as const, path: p, name, line: 0 })),
    path.map((p) => ({ kind: 'deleteKey' as const, path: p, line: 0 })),
    path.map((p) => ({ kind: 'createKey' as const, path: p, line: 0 })),
  );
  return fc.array(op, { maxLength: 12 });
}

/** What an operation means, without its line number. */
function meaning(ops: readonly RegOperation[]): unknown[] {
  return ops.map((o) => {
    switch (o.kind) {
      case 'setValue': return ['set', o.path, o.value.name, o.value.type, [...o.value.data]];
      case 'deleteValue': return ['delval', o.path, o.name];
      default: return [o.kind, o.path];
    }
  });
}

/** A key block also creates its key: a set/delete run starts with one createKey per [key] line. */
function withImplicitCreates(ops: readonly RegOperation[]): RegOperation[] {
  const out: RegOperation[] = [];
  let current: string | undefined;
  for (const o of ops) {
    if (o.kind === 'deleteKey') { out.push(o); current = undefined; continue; }
    if (o.path !== current) { out.push({ kind: 'createKey', path: o.path, line: 0 }); current = o.path; }
    if (o.kind !== 'createKey') out.push(o);
  }
  return out;
}

describe('writeRegOperations', () => {
  for (const [format, text] of [['regedit5', wideText], ['regedit4', ansiText]] as const) {
    test(`${format}: write → parse gives back the same operations, deletions included`, () => {
      fc.assert(
        fc.property(operations(text), (ops) => {
          const bytes = writeRegOperations(ops, { format });
          const parsed = parseRegFile(bytes, { strict: true });
          expect(parsed.format).toBe(format);
          expect(parsed.warnings).toEqual([]);
          expect(meaning(parsed.operations)).toEqual(meaning(withImplicitCreates(ops)));
        }),
        { numRuns: 150 },
      );
    });
  }

  test('a name REGEDIT4 cannot encode is refused with the key and value named', () => {
    const ops: RegOperation[] = [{ kind: 'deleteValue', path: ROOT, name: 'Ωmega', line: 1 }];
    expect(() => writeRegOperations(ops, { format: 'regedit4' })).toThrow(/"Ωmega" in \[HKEY_CURRENT_USER\\Software\\NmOps\]/);
  });

  test('types round-trip as the types they are', () => {
    const types = [REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_BINARY];
    const ops: RegOperation[] = types.map((t, i) => ({ kind: 'setValue', path: ROOT, value: RegValue.raw(`v${i}`, t, t === REG_DWORD ? new Uint8Array([1, 0, 0, 0]) : new Uint8Array([0x41, 0, 0, 0])), line: 0 }));
    const parsed = parseRegFile(writeRegOperations(ops, { format: 'regedit5' }), { strict: true });
    expect(parsed.operations.filter((o) => o.kind === 'setValue').map((o) => (o.kind === 'setValue' ? o.value.type : -1))).toEqual(types);
  });
});
