import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidKeyPathError, KeyNotFoundError, ReadOnlyRegistryError } from './errors.js';
import { Registry, RegistrySnapshot, type RegistryBase } from './registry.js';
import { REG_BINARY } from './types.js';
import { RegValue } from './value.js';
import { dump, type KeyDump } from '../test-support/dump.js';

describe('Registry', () => {
  test('full and short root names, any case; the stored spelling is kept', () => {
    const r = new Registry();
    r.createKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor');
    for (const p of ['HKLM\\software\\VENDOR', 'hkey_local_machine\\Software\\vendor', 'HkLm\\SOFTWARE\\Vendor\\']) {
      const k = r.key(p);
      expect(k?.path).toBe('HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor');
      expect(k?.name).toBe('Vendor');
    }
    for (const [short, long] of [['HKCR', 'HKEY_CLASSES_ROOT'], ['HKCU', 'HKEY_CURRENT_USER'], ['HKU', 'HKEY_USERS'], ['HKCC', 'HKEY_CURRENT_CONFIG']]) {
      r.createKey(`${short}\\x`);
      expect(r.key(`${long}\\X`)?.path).toBe(`${long}\\x`);
    }
    expect(r.roots().map((k) => k.name)).toEqual(['HKEY_CLASSES_ROOT', 'HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE', 'HKEY_USERS', 'HKEY_CURRENT_CONFIG']);
  });

  test('bad paths throw InvalidKeyPathError', () => {
    const r = new Registry();
    for (const p of ['HKEY_NOPE\\x', '', 'HKLM\\\\x', `HKLM\\${'k'.repeat(257)}`, 'HKLM\\a\0b', 'HKEY_DYN_DATA']) expect(() => r.key(p), p).toThrow(InvalidKeyPathError);
    expect(() => r.deleteKey('HKLM')).toThrow(InvalidKeyPathError);
    expect(r.createKey(`HKLM\\${'k'.repeat(256)}`).name.length).toBe(256);
    expect(r.createKey('HKLM\\a\\\\b').path).toBe('HKEY_LOCAL_MACHINE\\a\\b');
  });

  test('values: creation order, case-insensitive replace keeps the first spelling and position', () => {
    const r = new Registry();
    r.createKey('HKLM\\K');
    r.setValue('HKLM\\K', RegValue.sz('Beta', '1'));
    r.setValue('HKLM\\K', RegValue.sz('alpha', '2'));
    r.setValue('HKLM\\K', RegValue.dword('BETA', 3));
    r.setValue('HKLM\\K', RegValue.sz('', 'default'));
    const k = r.key('HKLM\\K')!;
    expect(k.values().map((v) => `${v.name}=${String(v)}`)).toEqual(['Beta="Beta" REG_DWORD 0x00000003', 'alpha="alpha" REG_SZ "2"', '=@ REG_SZ "default"']);
    expect(k.value('beta')?.asDword()).toBe(3);
    expect(r.deleteValue('HKLM\\k', 'ALPHA')).toBe(true);
    expect(r.deleteValue('HKLM\\k', 'alpha')).toBe(false);
    expect(r.deleteValue('HKLM\\missing', 'x')).toBe(false);
    expect(k.values().map((v) => v.name)).toEqual(['Beta', '']);
  });

  test('subkeys in creation order; deleteKey is recursive; setValue needs an existing key', () => {
    const r = new Registry();
    r.createKey('HKLM\\P\\b\\deep');
    r.createKey('HKLM\\P\\A');
    expect(r.key('HKLM\\P')!.subkeys().map((k) => k.name)).toEqual(['b', 'A']);
    expect(r.deleteKey('HKLM\\p\\B')).toBe(true);
    expect(r.deleteKey('HKLM\\p\\B')).toBe(false);
    expect(r.key('HKLM\\P\\b\\deep')).toBeUndefined();
    expect(() => r.setValue('HKLM\\P\\b', RegValue.sz('x', 'y'))).toThrow(KeyNotFoundError);
  });

  test('views follow their path; a deleted key throws KeyNotFoundError', () => {
    const r = new Registry();
    const v = r.createKey('HKCU\\A');
    r.setValue('HKCU\\A', RegValue.sz('x', '1'));
    expect(v.values().length).toBe(1);
    r.deleteKey('HKCU\\A');
    expect(() => v.values()).toThrow(KeyNotFoundError);
    r.createKey('HKCU\\a');
    expect(v.values()).toEqual([]);
  });

  test('many subkeys and values (indexed lookups) stay consistent', () => {
    const r = new Registry();
    r.createKey('HKLM\\Big');
    for (let i = 0; i < 300; i++) {
      r.createKey(`HKLM\\Big\\Key${i}`);
      r.setValue('HKLM\\Big', RegValue.dword(`Value${i}`, i));
    }
    for (let i = 0; i < 300; i += 3) {
      r.deleteKey(`HKLM\\BIG\\KEY${i}`);
      r.deleteValue('HKLM\\big', `VALUE${i}`);
    }
    const k = r.key('HKLM\\Big')!;
    expect(k.subkeys().length).toBe(200);
    expect(k.values().length).toBe(200);
    expect(k.value('value299')?.asDword()).toBe(299);
    expect(k.value('value297')).toBeUndefined();
    expect(k.subkey('KEY298')?.name).toBe('Key298');
    r.setValue('HKLM\\Big', RegValue.dword('value1', 7));
    expect(k.values()[0]!.name).toBe('Value1');
    expect(k.value('VALUE1')?.asDword()).toBe(7);
  });

  test('snapshot: frozen, read-only, every write throws ReadOnlyRegistryError', () => {
    const r = new Registry();
    r.createKey('HKLM\\S');
    r.setValue('HKLM\\S', RegValue.sz('v', 'before'));
    const s = r.snapshot();
    const view = s.key('HKLM\\S')!;
    r.setValue('HKLM\\S', RegValue.sz('v', 'after'));
    r.createKey('HKLM\\S\\new');
    r.deleteKey('HKLM\\S');
    expect(view.value('v')?.asString()).toBe('before');
    expect(s.key('HKLM\\S\\new')).toBeUndefined();
    expect(r.key('HKLM\\S')).toBeUndefined();
    expect(s).toBeInstanceOf(RegistrySnapshot);
    const w = s as unknown as Registry;
    expect(() => w.createKey('HKLM\\x')).toThrow(ReadOnlyRegistryError);
    expect(() => w.setValue('HKLM\\S', RegValue.sz('a', 'b'))).toThrow(ReadOnlyRegistryError);
    expect(() => w.deleteValue('HKLM\\S', 'v')).toThrow(ReadOnlyRegistryError);
    expect(() => w.deleteKey('HKLM\\S')).toThrow(ReadOnlyRegistryError);
    const c = s.clone();
    c.setValue('HKLM\\S', RegValue.sz('v', 'in the clone'));
    expect(view.value('v')?.asString()).toBe('before');
  });
});

// ---- copy-on-write against a naive reference model ----

interface MKey {
  name: string;
  values: [string, number, number[]][];
  kids: MKey[];
}
const fold = (s: string): string => s.toLowerCase();
const mroots = (): MKey[] => ['HKEY_CLASSES_ROOT', 'HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE', 'HKEY_USERS', 'HKEY_CURRENT_CONFIG'].map((name) => ({ name, values: [], kids: [] }));
const ROOT_OF: Record<string, number> = { HKCR: 0, HKCU: 1, HKLM: 2, HKU: 3, HKCC: 4 };
function mfind(roots: MKey[], root: string, comps: string[], create: boolean): MKey | undefined {
  let n = roots[ROOT_OF[root]!]!;
  for (const c of comps) {
    let k = n.kids.find((x) => fold(x.name) === fold(c));
    if (!k) {
      if (!create) return undefined;
      k = { name: c, values: [], kids: [] };
      n.kids.push(k);
    }
    n = k;
  }
  return n;
}
const mclone = (roots: MKey[]): MKey[] => structuredClone(roots);
function toDump(roots: MKey[]): KeyDump[] {
  const conv = (k: MKey): KeyDump => ({ name: k.name, values: k.values.map(([n, t, b]) => [n, t, b.map((x) => x.toString(16).padStart(2, '0')).join(',')]), kids: k.kids.map(conv) });
  return roots.map(conv);
}

type Cmd =
  | { op: 'create'; root: string; comps: string[] }
  | { op: 'set'; root: string; comps: string[]; name: string; data: number[] }
  | { op: 'delValue'; root: string; comps: string[]; name: string }
  | { op: 'delKey'; root: string; comps: string[] }
  | { op: 'snapshot' }
  | { op: 'clone' };

const name = fc.constantFrom('a', 'A', 'b', 'Bb', 'bB', 'c', 'x');
const comps = fc.array(name, { minLength: 1, maxLength: 3 });
const root = fc.constantFrom('HKLM', 'HKCU', 'HKCR');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), root, comps }),
  fc.record({ op: fc.constant('set' as const), root, comps, name: fc.constantFrom('', 'v', 'V', 'w'), data: fc.array(fc.nat(255), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('delValue' as const), root, comps, name: fc.constantFrom('', 'v', 'w') }),
  fc.record({ op: fc.constant('delKey' as const), root, comps }),
  fc.constant({ op: 'snapshot' as const }),
  fc.constant({ op: 'clone' as const }),
);

test('copy-on-write registry, snapshots and clones behave like independent deep copies (property)', () => {
  fc.assert(
    fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
      // Several live registries (the original and clones), each with its model; snapshots with theirs.
      const live: [Registry, MKey[]][] = [[new Registry(), mroots()]];
      const frozen: [RegistryBase, KeyDump[]][] = [];
      cmds.forEach((c, i) => {
        const [reg, model] = live[i % live.length]!;
        const path = 'comps' in c ? `${c.root}\\${c.comps.join('\\')}` : '';
        switch (c.op) {
          case 'create':
            reg.createKey(path);
            mfind(model, c.root, c.comps, true);
            break;
          case 'set': {
            const k = mfind(model, c.root, c.comps, false);
            if (!k) {
              expect(() => reg.setValue(path, RegValue.raw(c.name, REG_BINARY, Uint8Array.from(c.data)))).toThrow(KeyNotFoundError);
              break;
            }
            reg.setValue(path, RegValue.raw(c.name, REG_BINARY, Uint8Array.from(c.data)));
            const v = k.values.find((x) => fold(x[0]) === fold(c.name));
            if (v) v[2] = c.data;
            else k.values.push([c.name, REG_BINARY, c.data]);
            break;
          }
          case 'delValue': {
            const k = mfind(model, c.root, c.comps, false);
            const at = k ? k.values.findIndex((x) => fold(x[0]) === fold(c.name)) : -1;
            expect(reg.deleteValue(path, c.name)).toBe(at >= 0);
            if (at >= 0) k!.values.splice(at, 1);
            break;
          }
          case 'delKey': {
            const parent = mfind(model, c.root, c.comps.slice(0, -1), false);
            const at = parent ? parent.kids.findIndex((x) => fold(x.name) === fold(c.comps[c.comps.length - 1]!)) : -1;
            expect(reg.deleteKey(path)).toBe(at >= 0);
            if (at >= 0) parent!.kids.splice(at, 1);
            break;
          }
          case 'snapshot':
            frozen.push([reg.snapshot(), toDump(model)]);
            break;
          case 'clone':
            live.push([reg.clone(), mclone(model)]);
            break;
        }
      });
      for (const [reg, model] of live) expect(dump(reg)).toEqual(toDump(model));
      for (const [snap, want] of frozen) expect(dump(snap)).toEqual(want);
    }),
    { numRuns: 300 },
  );
});
