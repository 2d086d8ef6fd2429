import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RegFormatError } from '../model/errors.js';
import { Registry } from '../model/registry.js';
import { REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_QWORD, REG_SZ } from '../model/types.js';
import { RegValue } from '../model/value.js';
import { dump } from '../test-support/dump.js';
import { importRegFile } from './read.js';
import { exportReg } from './writer.js';

// Random registries → exportReg → importRegFile → the same registry (subkeys compared as a set:
// the export sorts them; names, value order, types and bytes must match exactly).

const SPECIAL = ['"', '\\', ' ', '\t', '@', '[', ']', ';', '#', '=', ',', '-', '/'];
const WIDE = ['é', '€', 'ÿ', '\u0081', 'Ω', '中', '😀', '\ud800', '\udfff', '\ufeff', '\u2028', 'К'];
const CP1252 = ['é', '€', 'ÿ', '\u0081', 'Š', '½'];

const char = (extra: string[], lineBreaks: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }).filter((c) => c >= ' ' && c <= '~') },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 2, arbitrary: fc.constantFrom(...extra) },
    { weight: lineBreaks ? 1 : 0, arbitrary: fc.constantFrom('\r', '\n') },
  );
const text = (extra: string[], lineBreaks: boolean, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(char(extra, lineBreaks), { minLength: min, maxLength: max }).map((a) => a.join(''));

function utf16(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'utf16le'));
}

/** Values whose bytes the .reg format can carry back unchanged (version 5, or REGEDIT4 when ansi). */
function value(ansi: boolean): fc.Arbitrary<RegValue> {
  const extra = ansi ? CP1252 : WIDE;
  const name = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: text(extra, true, 1, 12) });
  const str = text(extra, true, 0, 20);
  const elem = text(extra, true, 1, 8);
  const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });
  const oddUtf16 = fc.uint8Array({ minLength: 1, maxLength: 9 }).filter((b) => b.length % 2 === 1);
  const choices: fc.Arbitrary<RegValue>[] = [
    fc.tuple(name, str).map(([n, s]) => RegValue.sz(n, s)),
    fc.tuple(name, str).map(([n, s]) => RegValue.expandSz(n, s)),
    fc.tuple(name, fc.array(elem, { maxLength: 4 })).map(([n, l]) => RegValue.multiSz(n, l)),
    fc.tuple(name, fc.array(elem, { minLength: 2, maxLength: 3 })).map(([n, l]) => RegValue.raw(n, REG_SZ, utf16(`${l.join('\0')}\0`))),
    fc.tuple(name, fc.constantFrom(REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ)).map(([n, t]) => RegValue.raw(n, t, new Uint8Array())),
    fc.tuple(name, fc.integer({ min: 0, max: 0xffffffff })).map(([n, d]) => RegValue.dword(n, d)),
    fc.tuple(name, bytes(7)).map(([n, b]) => RegValue.raw(n, REG_DWORD, b)),
    fc.tuple(name, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })).map(([n, q]) => RegValue.qword(n, q)),
    fc.tuple(name, bytes(120)).map(([n, b]) => RegValue.binary(n, b)),
    fc.tuple(name, fc.constantFrom(0, 5, 6, 8, 9, 10, REG_QWORD, 0x100, 0x7fffffff, 0xffffffff), bytes(40)).map(([n, t, b]) => RegValue.raw(n, t, b)),
  ];
  if (!ansi) choices.push(fc.tuple(name, fc.constantFrom(REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ), oddUtf16).map(([n, t, b]) => RegValue.raw(n, t, b)));
  return fc.oneof(...choices);
}

function registry(ansi: boolean): fc.Arbitrary<Registry> {
  // A key name is anything but a backslash (the separator); line breaks cannot go into a [key] line.
  const keyName = text(ansi ? CP1252 : WIDE, false, 1, 10).map((s) => s.replaceAll('\\', '|'));
  const key = fc.record({
    root: fc.constantFrom('HKLM', 'HKCU', 'HKCR', 'HKU', 'HKCC'),
    path: fc.array(keyName, { minLength: 0, maxLength: 4 }),
    values: fc.array(value(ansi), { maxLength: 8 }),
  });
  return fc.array(key, { maxLength: 12 }).map((keys) => {
    const r = new Registry();
    for (const k of keys) {
      const path = [k.root, ...k.path].join('\\');
      r.createKey(path);
      for (const v of k.values) r.setValue(path, v);
    }
    // Counterexamples print as the tree, not as internals.
    Object.defineProperty(r, fc.toStringMethod, { value: () => JSON.stringify(dump(r)) });
    return r;
  });
}

function roundTrip(r: Registry, format: 'regedit5' | 'regedit4'): void {
  const file = exportReg(r, { format });
  const back = importRegFile(file, { strict: true }).registry;
  expect(dump(back, true)).toEqual(dump(r, true));
}

describe('export → import round trip (property)', () => {
  test('version 5: any tree, any value', () => {
    fc.assert(fc.property(registry(false), (r) => roundTrip(r, 'regedit5')), { numRuns: 300 });
  });

  test('REGEDIT4: trees within code page 1252', () => {
    fc.assert(fc.property(registry(true), (r) => roundTrip(r, 'regedit4')), { numRuns: 300 });
  });

  test('sorted values round-trip too (as a set of values)', () => {
    fc.assert(
      fc.property(registry(false), (r) => {
        const back = importRegFile(exportReg(r, { format: 'regedit5', sortValues: true })).registry;
        const sortValues = (d: ReturnType<typeof dump>): unknown => JSON.parse(JSON.stringify(d), (k, v) => (k === 'values' ? [...v].sort() : v));
        expect(sortValues(dump(back, true))).toEqual(sortValues(dump(r, true)));
      }),
      { numRuns: 100 },
    );
  });

  test('a character outside the code page anywhere → RegFormatError naming the key (and value)', () => {
    fc.assert(
      fc.property(registry(true), fc.constantFrom('Ω', '中', '😀', '\ud800'), fc.constantFrom('key', 'name', 'data'), (r, bad, where) => {
        const key = `HKLM\\Clean${where === 'key' ? bad : ''}`;
        r.createKey(key);
        r.setValue(key, RegValue.sz(where === 'name' ? `n${bad}` : 'n', where === 'data' ? `d${bad}` : 'd'));
        let err: unknown;
        try {
          exportReg(r, { format: 'regedit4' });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(RegFormatError);
        expect((err as RegFormatError).keyPath).toBe(key.replace('HKLM', 'HKEY_LOCAL_MACHINE'));
        expect((err as RegFormatError).valueName).toBe(where === 'key' ? undefined : where === 'name' ? `n${bad}` : 'n');
        roundTrip(r, 'regedit5');
      }),
      { numRuns: 100 },
    );
  });

  test('string data the reader would NUL-terminate → RegFormatError in both formats', () => {
    fc.assert(
      fc.property(fc.constantFrom(REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ), fc.uint8Array({ minLength: 1, maxLength: 10 }), (type, body) => {
        const data = Uint8Array.from([...body, ...(body.length % 2 ? [0x41] : []), 0x41, 0x00]);
        const r = new Registry();
        r.createKey('HKLM\\K');
        r.setValue('HKLM\\K', RegValue.raw('v', type, data));
        for (const format of ['regedit5', 'regedit4'] as const) expect(() => exportReg(r, { format })).toThrow(RegFormatError);
      }),
    );
  });

  test('binary values of every size wrap and read back (incl. wide names)', () => {
    fc.assert(
      fc.property(text(WIDE, true, 0, 90), fc.uint8Array({ maxLength: 400 }), fc.constantFrom(REG_BINARY, 0, 0x1234), (n, b, t) => {
        const r = new Registry();
        r.createKey('HKCU\\W');
        r.setValue('HKCU\\W', RegValue.raw(n, t, b));
        const out = Buffer.from(exportReg(r, { format: 'regedit5' })).subarray(2).toString('utf16le');
        for (const line of out.split('\r\n')) if (line.startsWith('  ')) expect(line.length).toBeLessThanOrEqual(78);
        roundTrip(r, 'regedit5');
      }),
      { numRuns: 200 },
    );
  });
});
