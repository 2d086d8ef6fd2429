import { ReadOnlyRegistryError, Registry, RegValue } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { applyRegistryOps, RegistryOpError, validateRegistryOps, type RegistryWriteOp } from './ops.js';
import { PARAMS_PATH } from './test-support/writable.js';
import { treeFromView } from './tree.js';

const bytes = (...b: number[]) => new Uint8Array(b);

function registryWithParams(): Registry {
  const registry = new Registry();
  registry.createKey(`${PARAMS_PATH}\\Ndi`);
  registry.setValue(PARAMS_PATH, RegValue.sz('DriverDesc', 'ISDN card'));
  registry.setValue(PARAMS_PATH, RegValue.dword('Speed', 10));
  return registry;
}

describe('applyRegistryOps', () => {
  it('replays every op kind below the parameters key and reports each change with its op', () => {
    const registry = registryWithParams();
    const ops: RegistryWriteOp[] = [
      { kind: 'createKey', path: 'Sub\\Deep' },
      { kind: 'createKey', path: 'ndi' },
      { kind: 'setValue', path: '', name: 'speed', type: 4, data: bytes(100, 0, 0, 0) },
      { kind: 'setValue', path: 'Sub', name: 'Raw', type: 0x12345678, data: bytes(1) },
      { kind: 'deleteValue', path: '', name: 'DRIVERDESC' },
      { kind: 'deleteValue', path: 'Missing', name: 'x' },
      { kind: 'deleteKey', path: 'NDI' },
      { kind: 'deleteKey', path: 'Ndi' },
    ];
    const changes = applyRegistryOps(registry, 'hklm\\system\\currentcontrolset\\control\\class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0007', ops);
    expect(changes.map(({ op, index, key, ...rest }) => ({ op, index, key: key.slice(PARAMS_PATH.length), ...('name' in rest ? { name: rest.name } : {}) }))).toEqual([
      { op: 'create-key', index: 0, key: '\\Sub' },
      { op: 'create-key', index: 0, key: '\\Sub\\Deep' },
      { op: 'set-value', index: 2, key: '', name: 'Speed' },
      { op: 'set-value', index: 3, key: '\\Sub', name: 'Raw' },
      { op: 'delete-value', index: 4, key: '', name: 'DriverDesc' },
      { op: 'delete-key', index: 6, key: '\\Ndi' },
    ]);
    const speed = changes[2];
    expect(speed?.op === 'set-value' && [speed.previous?.asDword(), speed.value.asDword()]).toEqual([10, 100]);
    expect(treeFromView(registry.key(PARAMS_PATH) as never)).toEqual({
      name: '0007',
      values: [{ name: 'Speed', type: 4, data: bytes(100, 0, 0, 0) }],
      subkeys: [{ name: 'Sub', values: [{ name: 'Raw', type: 0x12345678, data: bytes(1) }], subkeys: [{ name: 'Deep', values: [], subkeys: [] }] }],
    });
  });

  it('creates a missing parameters key and its missing parents for the first write, reporting each', () => {
    const registry = new Registry();
    registry.createKey('HKLM\\SYSTEM\\CurrentControlSet\\Services');
    const base = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Isdn\\Parameters';
    const changes = applyRegistryOps(registry, base, [{ kind: 'setValue', path: '', name: 'A', type: 1, data: bytes(0x41, 0, 0, 0) }]);
    expect(changes.map((c) => [c.op, c.key])).toEqual([
      ['create-key', 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Isdn'],
      ['create-key', 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Isdn\\Parameters'],
      ['set-value', 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Isdn\\Parameters'],
    ]);
    expect(applyRegistryOps(registry, base, [{ kind: 'createKey', path: '' }])).toEqual([]);
  });

  it('changes nothing when any op is bad, and names the op', () => {
    const registry = registryWithParams();
    const before = treeFromView(registry.key('HKLM') as never);
    const ops = [{ kind: 'setValue', path: '', name: 'ok', type: 1, data: bytes() }, { kind: 'deleteKey', path: 'a\\..\\b' }] as RegistryWriteOp[];
    expect(() => applyRegistryOps(registry, PARAMS_PATH, ops)).toThrow('registry op 1: deleteKey: path "a\\\\..\\\\b": key name ".." is refused ("." and ".." are no key names here)');
    expect(treeFromView(registry.key('HKLM') as never)).toEqual(before);
  });

  it('lets the registry\'s own refusal through (a read-only snapshot)', () => {
    const snapshot = registryWithParams().snapshot();
    expect(() => applyRegistryOps(snapshot as unknown as Registry, PARAMS_PATH, [{ kind: 'deleteKey', path: 'Ndi' }])).toThrow(ReadOnlyRegistryError);
  });
});

describe('validateRegistryOps (the parent\'s check of what the child sent)', () => {
  it.each([
    ['not a list', { kind: 'createKey' }, 'registry op 0: the op list must be an array, not an object'],
    ['not an object', [null], 'registry op 0: null is not an op object'],
    ['unknown kind', [{ kind: 'renameKey', path: 'a' }], 'registry op 0: unknown kind "renameKey"; expected createKey, deleteKey, setValue or deleteValue'],
    ['extra field', [{ kind: 'createKey', path: 'a', evil: 1 }], 'registry op 0: createKey has an unknown field "evil"'],
    ['empty component', [{ kind: 'createKey', path: 'a\\\\b' }], 'registry op 0: createKey: path "a\\\\\\\\b": a key name cannot be empty'],
    ['leading backslash', [{ kind: 'createKey', path: '\\a' }], 'registry op 0: createKey: path "\\\\a": a key name cannot be empty'],
    ['dot', [{ kind: 'setValue', path: '.', name: '', type: 1, data: bytes() }], 'registry op 0: setValue: path ".": key name "." is refused ("." and ".." are no key names here)'],
    ['deleting the key itself', [{ kind: 'deleteKey', path: '' }], 'registry op 0: deleteKey: path is empty; the parameters key itself cannot be deleted'],
    ['long key name', [{ kind: 'createKey', path: `a\\${'k'.repeat(257)}` }], 'key name is 257 characters long; the limit is 256'],
    ['NUL in a value name', [{ kind: 'deleteValue', path: '', name: 'a\0' }], 'registry op 0: deleteValue: value name "a\\u0000" contains a NUL character'],
    ['type', [{ kind: 'setValue', path: '', name: 'a', type: -1, data: bytes() }], 'registry op 0: setValue: value type -1 is not an integer 0..0xffffffff'],
    ['data', [{ kind: 'setValue', path: '', name: 'a', type: 1, data: [1] }], 'registry op 0: setValue: value data must be a Uint8Array, not an array'],
    ['missing name', [{ kind: 'setValue', path: '', type: 1, data: bytes() }], 'registry op 0: setValue: a value name must be a string, not undefined'],
  ])('refuses %s', (_what, ops, message) => {
    expect(() => validateRegistryOps(ops)).toThrow(RegistryOpError);
    expect(() => validateRegistryOps(ops)).toThrow(message);
  });

  it('returns copies, so the caller\'s bytes can change afterwards', () => {
    const data = bytes(1, 2);
    const [op] = validateRegistryOps([{ kind: 'setValue', path: 'A\\B', name: '', type: 0xffffffff, data }]);
    data[0] = 9;
    expect(op).toEqual({ kind: 'setValue', path: 'A\\B', name: '', type: 0xffffffff, data: bytes(1, 2) });
  });
});
