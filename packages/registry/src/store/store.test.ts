import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { SavepointError, StoreFormatError } from '../model/errors.js';
import { Registry } from '../model/registry.js';
import { REG_BINARY, REG_SZ } from '../model/types.js';
import { RegValue } from '../model/value.js';
import { dump } from '../test-support/dump.js';
import { HEADER_SIZE, STORE_MAGIC, encodeStore } from './format.js';
import { RegistryStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'netmigrate-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = (): string => join(dir, `s${++n}.nmreg`);

function sample(): Registry {
  const r = new Registry();
  r.createKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters');
  r.setValue('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters', RegValue.sz('Hostname', 'nt4box'));
  r.setValue('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters', RegValue.dword('IPEnableRouter', 0));
  r.createKey('HKCU\\Lone\ud800Surrogate');
  r.setValue('HKCU\\Lone\ud800Surrogate', RegValue.raw('\udc00', 0xabcdef, Uint8Array.of(1, 2, 3)));
  r.setValue('HKCU', RegValue.sz('', 'default on a root'));
  r.setValue('HKCU', RegValue.raw('Empty', REG_SZ, new Uint8Array()));
  r.setValue('HKCU', RegValue.binary('Big', new Uint8Array(300_000).map((_, i) => i)));
  return r;
}

describe('store file', () => {
  test('commit then open gives back exactly the same registry', async () => {
    const f = tmp();
    const s = RegistryStore.from(sample(), f);
    await s.commit();
    const back = await RegistryStore.open(f);
    expect(dump(back)).toEqual(dump(sample()));
    expect(back.file).toBe(f);
    // The format is deterministic: committing what was read gives the same bytes.
    const f2 = tmp();
    await back.commit(f2);
    expect(Buffer.compare(readFileSync(f2), readFileSync(f))).toBe(0);
  });

  test('header: magic, version 1.0, sizes and counts', async () => {
    const f = tmp();
    await RegistryStore.from(sample(), f).commit();
    const b = readFileSync(f);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    expect([...b.subarray(0, 8)]).toEqual([...STORE_MAGIC]);
    expect([dv.getUint16(8, true), dv.getUint16(10, true), dv.getUint32(12, true)]).toEqual([1, 0, HEADER_SIZE]);
    expect(Number(dv.getBigUint64(16, true))).toBe(b.length - HEADER_SIZE);
    // 5 roots + SYSTEM..Parameters (5 keys) + the surrogate key; 2 + 1 + 3 values.
    expect([dv.getUint32(24, true), dv.getUint32(28, true)]).toEqual([5 + 5 + 1, 2 + 1 + 3]);
  });

  test('every truncation of a store file is refused with a clear error', async () => {
    const bytes = encodeStore(sample()._roots);
    const f = tmp();
    let tried = 0;
    for (let len = 0; len < bytes.length; len += len < 200 ? 1 : 997) {
      writeFileSync(f, bytes.subarray(0, len));
      await expect(RegistryStore.open(f)).rejects.toThrow(StoreFormatError);
      tried++;
    }
    expect(tried).toBeGreaterThan(400);
  });

  test('truncated, extended or flipped files never open (property)', async () => {
    const small = new Registry();
    small.createKey('HKLM\\A\\B');
    small.setValue('HKLM\\A', RegValue.sz('x', 'yz'));
    const bytes = encodeStore(small._roots);
    const f = tmp();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ cut: fc.integer({ min: 0, max: bytes.length - 1 }) }),
          fc.record({ at: fc.integer({ min: 0, max: bytes.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }),
          fc.record({ extra: fc.uint8Array({ minLength: 1, maxLength: 9 }) }),
        ),
        async (damage) => {
          let b: Uint8Array;
          if ('cut' in damage) b = bytes.subarray(0, damage.cut);
          else if ('at' in damage) {
            b = bytes.slice();
            b[damage.at]! ^= damage.xor;
          } else b = Uint8Array.from([...bytes, ...damage.extra]);
          writeFileSync(f, b);
          const err = await RegistryStore.open(f).then(() => undefined, (e: unknown) => e);
          expect(err).toBeInstanceOf(StoreFormatError);
          expect(['bad-magic', 'unsupported-version', 'truncated', 'checksum', 'corrupt']).toContain((err as StoreFormatError).code);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('specific damage gives specific codes', async () => {
    const bytes = encodeStore(sample()._roots);
    const f = tmp();
    const code = async (b: Uint8Array): Promise<string> => {
      writeFileSync(f, b);
      return RegistryStore.open(f).then(() => 'opened', (e: StoreFormatError) => e.code);
    };
    expect(await code(new TextEncoder().encode('Windows Registry Editor Version 5.00\r\n'))).toBe('bad-magic');
    const v2 = bytes.slice();
    v2[8] = 2;
    expect(await code(v2)).toBe('unsupported-version');
    expect(await code(bytes.subarray(0, bytes.length - 1))).toBe('truncated');
    const flipped = bytes.slice();
    flipped[bytes.length - 5]! ^= 1;
    expect(await code(flipped)).toBe('checksum');
    expect(await code(bytes)).toBe('opened');
  });

  test('open: a missing file is an error unless create is asked for', async () => {
    const f = join(dir, 'missing.nmreg');
    await expect(RegistryStore.open(f)).rejects.toMatchObject({ code: 'ENOENT' });
    const s = await RegistryStore.open(f, { create: true });
    expect(dump(s)).toEqual(dump(new Registry()));
    await expect(new RegistryStore().commit()).rejects.toThrow(/needs a file/);
  });

  test('commit leaves no temp file behind, replaces the old content, and runs in call order', async () => {
    const sub = mkdtempSync(join(dir, 'atomic-'));
    const f = join(sub, 'store.nmreg');
    const s = await RegistryStore.open(f, { create: true });
    s.createKey('HKLM\\A');
    const first = s.commit();
    s.createKey('HKLM\\B');
    const second = s.commit();
    await Promise.all([first, second]);
    expect(readdirSync(sub)).toEqual(['store.nmreg']);
    expect((await RegistryStore.open(f)).key('HKLM\\B')).toBeDefined();
    // A failed commit (directory gone) rejects and does not touch anything else.
    await expect(s.commit(join(sub, 'no-such-dir', 'x.nmreg'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(sub)).toEqual(['store.nmreg']);
  });
});

describe('journal and savepoints', () => {
  test('rollbackTo undoes every kind of change, in order', () => {
    const s = RegistryStore.from(sample());
    const before = dump(s);
    const sp = s.savepoint('before');
    const P = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters';
    s.setValue(P, RegValue.sz('Hostname', 'w2k'));
    s.setValue(P, RegValue.sz('Domain', 'corp'));
    s.deleteValue(P, 'IPEnableRouter');
    s.createKey(`${P}\\Interfaces\\{GUID}`);
    s.deleteKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip');
    s.createKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip');
    expect(s.journalLength).toBeGreaterThan(5);
    s.rollbackTo(sp);
    expect(dump(s)).toEqual(before);
    // The savepoint survives its rollback (SQL semantics) and can be used again.
    s.deleteKey('HKCU\\Lone\ud800Surrogate');
    s.rollbackTo(sp);
    expect(dump(s)).toEqual(before);
  });

  test('release keeps changes; released, rolled-past and committed savepoints are invalid', async () => {
    const s = RegistryStore.from(new Registry(), tmp());
    const a = s.savepoint('a');
    s.createKey('HKLM\\A');
    const b = s.savepoint('b');
    s.createKey('HKLM\\B');
    const c = s.savepoint();
    s.rollbackTo(b);
    expect(() => s.rollbackTo(c)).toThrow(SavepointError);
    s.createKey('HKLM\\C');
    s.release(b);
    expect(() => s.rollbackTo(b)).toThrow(SavepointError);
    expect(s.key('HKLM\\C')).toBeDefined();
    s.rollbackTo(a);
    expect(s.key('HKLM\\A')).toBeUndefined();
    s.release(a);
    expect(s.journalLength).toBe(0);
    const d = s.savepoint();
    s.createKey('HKLM\\D');
    await s.commit();
    expect(() => s.rollbackTo(d)).toThrow(SavepointError);
    expect(s.key('HKLM\\D')).toBeDefined();
    const other = new RegistryStore();
    expect(() => other.rollbackTo(s.savepoint())).toThrow(/not active/);
  });

  test('nothing is journaled without an active savepoint', () => {
    const s = new RegistryStore();
    s.createKey('HKLM\\X');
    s.setValue('HKLM\\X', RegValue.sz('a', 'b'));
    expect(s.journalLength).toBe(0);
  });

  test('random changes, savepoints, rollbacks and releases match a model (property)', () => {
    type Op = { k: 'set' | 'del' | 'mk' | 'rm'; key: string; name: string; byte: number } | { k: 'sp' } | { k: 'rb'; i: number } | { k: 'rel'; i: number } | { k: 'snap' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ k: fc.constantFrom('set' as const, 'del' as const, 'mk' as const, 'rm' as const), key: fc.constantFrom('HKLM\\a', 'HKLM\\a\\b', 'HKLM\\B', 'HKCU\\a'), name: fc.constantFrom('', 'x', 'X', 'y'), byte: fc.nat(255) }),
      fc.constant({ k: 'sp' as const }),
      fc.record({ k: fc.constant('rb' as const), i: fc.nat(5) }),
      fc.record({ k: fc.constant('rel' as const), i: fc.nat(5) }),
      fc.constant({ k: 'snap' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), (ops) => {
        const s = new RegistryStore();
        const plain = new Registry(); // the same changes, no journal
        const active: { sp: ReturnType<RegistryStore['savepoint']>; state: ReturnType<typeof dump>; plain: Registry }[] = [];
        for (const o of ops) {
          if (o.k === 'sp') active.push({ sp: s.savepoint(), state: dump(s), plain: plain.clone() });
          else if (o.k === 'snap') s.snapshot();
          else if (o.k === 'rb' || o.k === 'rel') {
            if (!active.length) continue;
            const i = o.i % active.length;
            if (o.k === 'rb') {
              s.rollbackTo(active[i]!.sp);
              expect(dump(s)).toEqual(active[i]!.state);
              const p = active[i]!.plain.clone();
              Object.assign(plain, { _roots: p._roots, _epoch: p._epoch, _version: plain._version + 1 });
              active.length = i + 1;
            } else {
              s.release(active[i]!.sp);
              active.length = i;
            }
          } else {
            for (const r of [s, plain] as Registry[]) {
              if (o.k === 'mk') r.createKey(o.key);
              else if (o.k === 'rm') r.deleteKey(o.key);
              else if (o.k === 'del') r.deleteValue(o.key, o.name);
              else if (r.key(o.key)) r.setValue(o.key, RegValue.raw(o.name, o.byte % 2 ? REG_BINARY : REG_SZ, Uint8Array.of(o.byte)));
            }
          }
          expect(dump(s)).toEqual(dump(plain));
        }
      }),
      { numRuns: 300 },
    );
  });
});
