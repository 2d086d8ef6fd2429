import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RegistryStore } from '../store/store.js';
import { dump } from '../test-support/dump.js';
import { InvalidKeyPathError, InvalidValueError, KeyNotFoundError } from './errors.js';
import { Registry, type RegistryKeyWriter, type RegistrySnapshot } from './registry.js';
import { REG_BINARY, REG_DWORD, REG_SZ } from './types.js';
import { RegValue } from './value.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('keyWriter', () => {
  test('opens an existing key with its stored spelling; undefined when missing unless create', () => {
    const r = new Registry();
    r.createKey('HKLM\\Software\\Vendor');
    const w = r.keyWriter('hklm\\SOFTWARE\\vendor')!;
    expect([w.path, w.created, w.exists]).toEqual(['HKEY_LOCAL_MACHINE\\Software\\Vendor', false, true]);
    expect(r.keyWriter('HKLM\\Software\\Vendor\\Missing')).toBeUndefined();
    expect(r.key('HKLM\\Software\\Vendor\\Missing')).toBeUndefined();
    const c = r.keyWriter('HKLM\\software\\VENDOR\\New\\Deeper', { create: true })!;
    expect([c.path, c.created]).toEqual(['HKEY_LOCAL_MACHINE\\Software\\Vendor\\New\\Deeper', true]);
    expect(r.key('HKLM\\Software\\Vendor\\New\\Deeper')?.path).toBe(c.path);
    expect(r.keyWriter(c.path, { create: true })!.created).toBe(false);
    expect(() => r.keyWriter('HKLM\\\\x')).toThrow(InvalidKeyPathError);
  });

  test('put stores a copy of the bytes and returns the value; a replaced value keeps its spelling and place', () => {
    const r = new Registry();
    const w = r.keyWriter('HKCU\\K', { create: true })!;
    const data = bytes(1, 2, 3, 4, 5);
    const v = w.put('Bin', REG_BINARY, data, 1, 3);
    data.fill(9);
    expect([v.name, v.type, [...v.data]]).toEqual(['Bin', REG_BINARY, [2, 3, 4]]);
    w.put('Other', REG_SZ, RegValue.sz('x', 'hi').data);
    const again = w.put('BIN', REG_DWORD, bytes(7, 0, 0, 0));
    expect(again.name).toBe('BIN');
    expect(r.key('HKCU\\K')!.values().map((x) => x.toString())).toEqual(['"Bin" REG_DWORD 0x00000007', '"Other" REG_SZ "hi"']);
    expect(w.value('bin')?.asDword()).toBe(7);
    expect(w.value('nope')).toBeUndefined();
    const big = new Uint8Array(300).map((_, i) => i & 0xff);
    expect([...w.put('Big', REG_BINARY, big).data]).toEqual([...big]);
  });

  test('write stores what put stores (big values in a buffer of their own included) and checks the same', () => {
    const sizes = fc.array(fc.constantFrom(0, 1, 4, 64, 65, 300, 300_000), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(sizes, (lens) => {
        const a = new Registry();
        const b = new Registry();
        const wa = a.keyWriter('HKCU\\K', { create: true })!;
        const wb = b.keyWriter('HKCU\\K', { create: true })!;
        lens.forEach((len, i) => {
          const data = new Uint8Array(len + 2).map((_, k) => (k * 7 + i) & 0xff);
          const put = wa.put(`v${i % 3}`, REG_BINARY, data, 1, len);
          wb.write(`v${i % 3}`, REG_BINARY, data, 1, len);
          data.fill(0);
          expect(wb.value(`v${i % 3}`)?.toString()).toBe(put.toString());
        });
        expect(dump(b)).toEqual(dump(a));
      }),
      { numRuns: 50 },
    );
    const w = new Registry().keyWriter('HKCU\\K', { create: true })!;
    expect(() => w.write('a\0b', REG_SZ, bytes())).toThrow(InvalidValueError);
    expect(() => w.write('x', -1, bytes())).toThrow(InvalidValueError);
    expect(w.value('x')).toBeUndefined();
  });

  test('put checks what RegValue.raw checks', () => {
    const w = new Registry().keyWriter('HKCU\\K', { create: true })!;
    expect(() => w.put('a\0b', REG_SZ, bytes())).toThrow(InvalidValueError);
    expect(() => w.put('n'.repeat(16384), REG_SZ, bytes())).toThrow(InvalidValueError);
    expect(() => w.put('x', -1, bytes())).toThrow(InvalidValueError);
    expect(() => w.put('x', 1, [1, 2] as unknown as Uint8Array)).toThrow(InvalidValueError);
    expect(w.value('x')).toBeUndefined();
  });

  test('a deleted key: exists is false, put throws; created again, the writer follows it', () => {
    const r = new Registry();
    const w = r.keyWriter('HKLM\\A\\B', { create: true })!;
    const sub = w.subkeyWriter('C', { create: true })!;
    r.deleteKey('HKLM\\A');
    expect([w.exists, sub.exists]).toEqual([false, false]);
    expect(() => w.put('v', REG_SZ, bytes(0, 0))).toThrow(KeyNotFoundError);
    expect(() => w.value('v')).toThrow(KeyNotFoundError);
    expect(() => w.subkeyWriter('C')).toThrow(KeyNotFoundError);
    r.createKey('HKLM\\a\\b');
    expect([w.exists, w.path]).toEqual([true, 'HKEY_LOCAL_MACHINE\\a\\b']);
    w.put('v', REG_SZ, bytes(0, 0));
    expect(r.key('HKLM\\A\\B')!.value('v')).toBeDefined();
  });

  test('subkeyWriter opens and creates below the key; bad names throw before anything changes', () => {
    const r = new Registry();
    const base = r.keyWriter('HKLM\\Base', { create: true })!;
    expect(base.subkeyWriter('X\\Y')).toBeUndefined();
    const y = base.subkeyWriter('X\\Y', { create: true })!;
    expect([y.path, y.created]).toEqual(['HKEY_LOCAL_MACHINE\\Base\\X\\Y', true]);
    const same = base.subkeyWriter('x\\y')!;
    expect([same.path, same.created]).toEqual(['HKEY_LOCAL_MACHINE\\Base\\X\\Y', false]);
    const z = same.subkeyWriter('z', { create: true })!;
    expect(z.path).toBe('HKEY_LOCAL_MACHINE\\Base\\X\\Y\\z');
    for (const bad of ['', '\\a', 'a\\', 'a\\\\b', 'k'.repeat(257), 'a\0b']) {
      expect(() => base.subkeyWriter(bad, { create: true }), JSON.stringify(bad)).toThrow(InvalidKeyPathError);
    }
    expect(dump(r)[2]).toEqual({ name: 'HKEY_LOCAL_MACHINE', values: [], kids: [{ name: 'Base', values: [], kids: [{ name: 'X', values: [], kids: [{ name: 'Y', values: [], kids: [{ name: 'z', values: [], kids: [] }] }] }] }] });
  });

  test('after a snapshot, a writer sees writes made through paths (which copy its node)', () => {
    const r = new Registry();
    const a = r.keyWriter('HKLM\\A', { create: true })!;
    r.createKey('HKLM\\B');
    const s = r.snapshot();
    r.setValue('HKLM\\B', RegValue.sz('x', '1')); // copies the root and B
    expect(a.value('v')).toBeUndefined(); // a now holds the shared A
    r.setValue('HKLM\\A', RegValue.sz('v', '2')); // copies A alone
    expect(a.value('v')?.asString()).toBe('2');
    a.put('w', REG_SZ, bytes(0, 0));
    expect(r.key('HKLM\\A')!.values().map((v) => v.name)).toEqual(['v', 'w']);
    expect(s.key('HKLM\\A')!.values()).toEqual([]);
    const root = r.keyWriter('HKLM')!;
    const s2 = r.snapshot();
    expect(root.value('top')).toBeUndefined();
    r.setValue('HKLM', RegValue.sz('top', 't')); // copies the root
    expect(root.value('top')?.asString()).toBe('t');
    expect(s2.key('HKLM')!.value('top')).toBeUndefined();
  });

  test('writes through a writer are journaled by a store (rollback undoes them)', () => {
    const s = new RegistryStore();
    const w = s.keyWriter('HKLM\\K', { create: true })!;
    w.put('keep', REG_SZ, bytes(0, 0));
    const sp = s.savepoint();
    w.put('keep', REG_DWORD, bytes(1, 0, 0, 0));
    w.put('new', REG_SZ, bytes(0, 0));
    w.subkeyWriter('Sub', { create: true })!.put('deep', REG_SZ, bytes(0, 0));
    s.rollbackTo(sp);
    expect(dump(s)[2]!.kids).toEqual([{ name: 'K', values: [['keep', REG_SZ, '00,00']], kids: [] }]);
    expect(w.value('keep')?.type).toBe(REG_SZ);
  });
});

describe('writers agree with the path API under snapshots, clones and deletions (property)', () => {
  // Keys drawn from a small tree so that operations collide; names vary in case.
  const pathArb = fc.array(fc.constantFrom('a', 'B', 'A', 'b'), { minLength: 1, maxLength: 2 }).map((c) => c.join('\\'));
  // '' stands for the root key HKLM itself.
  const keyArb = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: pathArb });
  type Op =
    | { kind: 'open'; slot: number; path: string; create: boolean }
    | { kind: 'sub'; slot: number; from: number; path: string; create: boolean }
    | { kind: 'put'; slot: number; name: string; byte: number }
    | { kind: 'setValue'; path: string; name: string; byte: number }
    | { kind: 'deleteKey'; path: string }
    | { kind: 'deleteValue'; path: string; name: string }
    | { kind: 'snapshot' }
    | { kind: 'clone' };
  const slot = fc.nat(3);
  const name = fc.constantFrom('v', 'V', 'w', '');
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('open' as const), slot, path: keyArb, create: fc.boolean() }),
    fc.record({ kind: fc.constant('sub' as const), slot, from: slot, path: pathArb, create: fc.boolean() }),
    fc.record({ kind: fc.constant('put' as const), slot, name, byte: fc.nat(255) }),
    fc.record({ kind: fc.constant('put' as const), slot, name, byte: fc.nat(255) }),
    fc.record({ kind: fc.constant('setValue' as const), path: keyArb, name, byte: fc.nat(255) }),
    fc.record({ kind: fc.constant('setValue' as const), path: keyArb, name, byte: fc.nat(255) }),
    fc.record({ kind: fc.constant('deleteKey' as const), path: pathArb }),
    fc.record({ kind: fc.constant('deleteValue' as const), path: pathArb, name }),
    fc.constant({ kind: 'snapshot' as const }),
    fc.constant({ kind: 'clone' as const }),
  );

  test('same content, snapshots frozen, clones independent', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let r = new Registry();
        let model = new Registry();
        // Each writer slot remembers the path it stands for, to replay on the model.
        let writers: (RegistryKeyWriter | undefined)[] = [];
        let paths: (string | undefined)[] = [];
        const frozen: [RegistrySnapshot, ReturnType<typeof dump>][] = [];
        const root = (p: string) => (p === '' ? 'HKLM' : `HKLM\\${p}`);
        for (const o of ops) {
          switch (o.kind) {
            case 'open':
              writers[o.slot] = r.keyWriter(root(o.path), { create: o.create });
              if (o.create) model.createKey(root(o.path));
              paths[o.slot] = model.key(root(o.path)) ? root(o.path) : undefined;
              expect(writers[o.slot]?.path).toBe(model.key(root(o.path))?.path);
              break;
            case 'sub': {
              const from = writers[o.from];
              const fromPath = paths[o.from];
              if (!from || !fromPath || !from.exists) break;
              const target = `${fromPath}\\${o.path}`;
              const existed = model.key(target) !== undefined;
              writers[o.slot] = from.subkeyWriter(o.path, { create: o.create });
              if (o.create) model.createKey(target);
              paths[o.slot] = model.key(target) ? target : undefined;
              expect(writers[o.slot]?.path).toBe(model.key(target)?.path);
              if (writers[o.slot]) expect(writers[o.slot]!.created).toBe(!existed);
              break;
            }
            case 'put': {
              const w = writers[o.slot];
              const p = paths[o.slot];
              if (!w || !p) break;
              expect(w.exists).toBe(model.key(p) !== undefined);
              if (!w.exists) {
                expect(() => w.put(o.name, REG_BINARY, bytes(o.byte))).toThrow(KeyNotFoundError);
                break;
              }
              w.put(o.name, REG_BINARY, bytes(o.byte));
              model.setValue(p, RegValue.binary(o.name, bytes(o.byte)));
              expect(w.value(o.name)?.data).toEqual(bytes(o.byte));
              break;
            }
            case 'setValue':
              if (!model.key(root(o.path))) break;
              r.setValue(root(o.path), RegValue.binary(o.name, bytes(o.byte)));
              model.setValue(root(o.path), RegValue.binary(o.name, bytes(o.byte)));
              break;
            case 'deleteKey':
              if (o.path === '') break;
              expect(r.deleteKey(root(o.path))).toBe(model.deleteKey(root(o.path)));
              break;
            case 'deleteValue':
              expect(r.deleteValue(root(o.path), o.name)).toBe(model.deleteValue(root(o.path), o.name));
              break;
            case 'snapshot': {
              const s = r.snapshot();
              frozen.push([s, dump(s)]);
              break;
            }
            case 'clone': {
              // Continue on the clone; writers of the old registry keep writing there.
              const old = r;
              const oldDump = dump(old);
              r = old.clone();
              model = model.clone();
              writers = writers.map((w, i) => (w && paths[i] ? r.keyWriter(paths[i]!) : undefined));
              paths = paths.map((p, i) => (writers[i] ? p : undefined));
              frozen.push([old.snapshot(), oldDump]);
              break;
            }
          }
          expect(dump(r)).toEqual(dump(model));
          // Every writer still reads what its key holds now.
          writers.forEach((w, i) => {
            const p = paths[i];
            if (!w || !p) return;
            const k = model.key(p);
            expect(w.exists).toBe(k !== undefined);
            if (!k) return;
            expect(w.path).toBe(k.path);
            for (const n of ['v', 'w', '']) expect(w.value(n)?.data).toEqual(k.value(n)?.data);
          });
        }
        for (const [s, d] of frozen) expect(dump(s)).toEqual(d);
      }),
      { numRuns: 400 },
    );
  });
});
