import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diffRegistries, type RegDiffEntry } from './diff.js';
import { Registry } from './model/registry.js';
import { RegValue } from './model/value.js';

const brief = (d: RegDiffEntry[]): string[] =>
  d.map((e) => `${e.kind} ${e.path}${e.name !== undefined ? ` ${JSON.stringify(e.name)}` : ''}${e.before ? ` ${String(e.before)}` : ''}${e.after ? ` -> ${String(e.after)}` : ''}`);

describe('diffRegistries', () => {
  test('every kind of change, in export order', () => {
    const a = new Registry();
    a.createKey('HKLM\\S\\Tcpip\\Parameters');
    a.setValue('HKLM\\S\\Tcpip\\Parameters', RegValue.sz('Hostname', 'nt4'));
    a.setValue('HKLM\\S\\Tcpip\\Parameters', RegValue.dword('Gone', 1));
    a.createKey('HKLM\\S\\NetBT\\Adapters');
    a.setValue('HKLM\\S\\NetBT', RegValue.dword('NodeType', 2));
    const b = a.clone();
    b.setValue('HKLM\\S\\Tcpip\\Parameters', RegValue.sz('hostname', 'w2k'));
    b.deleteValue('HKLM\\S\\Tcpip\\Parameters', 'Gone');
    b.setValue('HKLM\\S\\Tcpip\\Parameters', RegValue.sz('Domain', 'corp'));
    b.createKey('HKLM\\S\\Tcpip\\Parameters\\Interfaces\\{X}');
    b.setValue('HKLM\\S\\Tcpip\\Parameters\\Interfaces\\{X}', RegValue.dword('EnableDHCP', 1));
    b.deleteKey('HKLM\\S\\NetBT');
    expect(brief(diffRegistries(a, b))).toEqual([
      'keyRemoved HKEY_LOCAL_MACHINE\\S\\NetBT',
      'valueRemoved HKEY_LOCAL_MACHINE\\S\\NetBT "NodeType" "NodeType" REG_DWORD 0x00000002',
      'keyRemoved HKEY_LOCAL_MACHINE\\S\\NetBT\\Adapters',
      'valueChanged HKEY_LOCAL_MACHINE\\S\\Tcpip\\Parameters "Hostname" "Hostname" REG_SZ "nt4" -> "Hostname" REG_SZ "w2k"',
      'valueRemoved HKEY_LOCAL_MACHINE\\S\\Tcpip\\Parameters "Gone" "Gone" REG_DWORD 0x00000001',
      'valueAdded HKEY_LOCAL_MACHINE\\S\\Tcpip\\Parameters "Domain" -> "Domain" REG_SZ "corp"',
      'keyAdded HKEY_LOCAL_MACHINE\\S\\Tcpip\\Parameters\\Interfaces',
      'keyAdded HKEY_LOCAL_MACHINE\\S\\Tcpip\\Parameters\\Interfaces\\{X}',
      'valueAdded HKEY_LOCAL_MACHINE\\S\\Tcpip\\Parameters\\Interfaces\\{X} "EnableDHCP" -> "EnableDHCP" REG_DWORD 0x00000001',
    ]);
  });

  test('a spelling change alone is no change; same type and bytes are equal; a type change is a change', () => {
    const a = new Registry();
    a.createKey('HKCU\\Key');
    a.setValue('HKCU\\Key', RegValue.sz('Name', 'x'));
    const b = new Registry();
    b.createKey('HKCU\\KEY');
    b.setValue('HKCU\\KEY', RegValue.sz('NAME', 'x'));
    expect(diffRegistries(a, b)).toEqual([]);
    b.setValue('HKCU\\KEY', RegValue.expandSz('NAME', 'x'));
    expect(brief(diffRegistries(a, b))).toEqual(['valueChanged HKEY_CURRENT_USER\\KEY "Name" "Name" REG_SZ "x" -> "NAME" REG_EXPAND_SZ "x"']);
  });

  test('keys option limits the diff to subtrees; works on snapshots', () => {
    const a = new Registry();
    a.createKey('HKLM\\A\\x');
    a.createKey('HKLM\\B\\y');
    const s = a.snapshot();
    a.createKey('HKLM\\A\\x\\new');
    a.createKey('HKLM\\B\\y\\new');
    a.createKey('HKLM\\C');
    expect(brief(diffRegistries(s, a, { keys: ['hklm\\a'] }))).toEqual(['keyAdded HKEY_LOCAL_MACHINE\\A\\x\\new']);
    expect(brief(diffRegistries(s, a, { keys: ['HKLM\\C'] }))).toEqual(['keyAdded HKEY_LOCAL_MACHINE\\C']);
    expect(diffRegistries(s, a, { keys: ['HKLM\\Nowhere'] })).toEqual([]);
    expect(diffRegistries(a, a)).toEqual([]);
  });

  test('applying the diff to a reproduces b (property)', () => {
    const op = fc.record({
      key: fc.constantFrom('HKLM\\a', 'HKLM\\a\\b', 'HKLM\\B\\c', 'HKCU\\x'),
      name: fc.constantFrom('', 'v', 'V', 'w'),
      byte: fc.nat(3),
      kind: fc.constantFrom('set', 'del', 'mk', 'rm'),
    });
    type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
    const apply = (r: Registry, ops: Op[]): void => {
      for (const o of ops) {
        if (o.kind === 'mk') r.createKey(o.key);
        else if (o.kind === 'rm') r.deleteKey(o.key);
        else if (o.kind === 'del') r.deleteValue(o.key, o.name);
        else if (r.key(o.key)) r.setValue(o.key, RegValue.raw(o.name, 3, Uint8Array.of(o.byte)));
      }
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.array(op, { maxLength: 25 }), (opsA, opsB) => {
        const a = new Registry();
        apply(a, opsA);
        const b = a.clone();
        apply(b, opsB);
        const c = a.clone();
        for (const e of diffRegistries(a, b)) {
          if (e.kind === 'keyAdded') c.createKey(e.path);
          else if (e.kind === 'keyRemoved') c.deleteKey(e.path);
          else if (e.kind === 'valueRemoved') c.deleteValue(e.path, e.name!);
          else c.setValue(e.path, e.after!);
        }
        expect(diffRegistries(c, b)).toEqual([]);
        expect(diffRegistries(b, c)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
