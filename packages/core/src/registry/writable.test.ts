import { RegValue } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_KEY_DELETED } from '../contract/constants.js';
import { RegistryCallError } from '../contract/errors.js';
import { dword, key, sz } from '../test-support/registry.js';
import { PARAMS_PATH, replay } from './test-support/writable.js';
import { treeFromView } from './tree.js';
import { REG } from './view.js';
import { writableKeyFromTree } from './writable.js';

const initial = key('whatever', [sz('Old', 'old'), dword('Speed', 10)], [key('Ndi', [sz('Service', 'isdn')], [key('Params', [])])]);

function refusal(fn: () => unknown): RegistryCallError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RegistryCallError) return e;
    throw e;
  }
  throw new Error('expected a RegistryCallError');
}

describe('the writable parameters key', () => {
  it('is named by its path and reads the shipped content', () => {
    const { key: params } = writableKeyFromTree(initial, `${PARAMS_PATH}\\`);
    expect([params.name, params.path]).toEqual(['0007', PARAMS_PATH]);
    expect(params.value('old')?.asString()).toBe('old');
    expect(params.subkey('NDI')?.openSubkey('params')?.path).toBe(`${PARAMS_PATH}\\Ndi\\Params`);
    expect(params.subkeys().map((k) => k.name)).toEqual(['Ndi']);
    // Like the read-only views, subkey() answers undefined for a name no key has; openSubkey refuses it.
    expect(params.subkey('Ndi\\Params')).toBeUndefined();
    expect(refusal(() => params.openSubkey('Ndi\\Params')).message).toBe(
      `openSubkey("Ndi\\\\Params") on ${PARAMS_PATH} failed with ERROR_INVALID_PARAMETER (87): key name "Ndi\\\\Params" contains "\\"; open or create one key at a time`,
    );
  });

  it('sees its own writes: replaced values keep spelling and place, new ones go last, deletions show', () => {
    const session = writableKeyFromTree(initial, PARAMS_PATH);
    const params = session.key;
    params.setString('OLD', 'new');
    params.setDword('Added', 5);
    expect(params.values().map((v) => [v.name, v.type])).toEqual([['Old', REG.SZ], ['Speed', REG.DWORD], ['Added', REG.DWORD]]);
    expect(params.value('old')?.asString()).toBe('new');
    expect(params.deleteValue('speed')).toBe(true);
    expect(params.deleteValue('speed')).toBe(false);
    const sub = params.createSubkey('ndi');
    expect(sub.name).toBe('Ndi');
    sub.createSubkey('Deeper').setMultiString('List', ['a', 'b']);
    expect(params.openSubkey('NDI')?.openSubkey('deeper')?.value('list')?.asMultiString()).toEqual(['a', 'b']);
    expect(params.deleteSubkey('NDI')).toBe(true);
    expect(params.subkeys()).toEqual([]);
    expect(session.ops()).toEqual([
      { kind: 'setValue', path: '', name: 'OLD', type: REG.SZ, data: RegValue.sz('', 'new').data },
      { kind: 'setValue', path: '', name: 'Added', type: REG.DWORD, data: new Uint8Array([5, 0, 0, 0]) },
      { kind: 'deleteValue', path: '', name: 'speed' },
      { kind: 'deleteValue', path: '', name: 'speed' },
      { kind: 'createKey', path: 'Ndi' },
      { kind: 'createKey', path: 'Ndi\\Deeper' },
      { kind: 'setValue', path: 'Ndi\\Deeper', name: 'List', type: REG.MULTI_SZ, data: RegValue.multiSz('', ['a', 'b']).data },
      { kind: 'deleteKey', path: 'Ndi' },
    ]);
    expect(replay(initial, session.ops()).tree).toEqual(treeFromView(params));
  });

  it('encodes the typed helpers exactly as @netmigrate/registry does', () => {
    const session = writableKeyFromTree(key('x'), PARAMS_PATH);
    const p = session.key;
    p.setString('s', 'Grüße');
    p.setExpandString('e', '%SystemRoot%');
    p.setMultiString('m', []);
    p.setDword('d', -2);
    p.setQword('q', (1n << 64n) - 1n);
    p.setBinary('b', new Uint8Array([1, 2]));
    const expected = [
      RegValue.sz('s', 'Grüße'), RegValue.expandSz('e', '%SystemRoot%'), RegValue.multiSz('m', []),
      RegValue.dword('d', -2), RegValue.qword('q', (1n << 64n) - 1n), RegValue.binary('b', new Uint8Array([1, 2])),
    ];
    expect(p.values().map((v) => [v.name, v.type, v.data])).toEqual(expected.map((v) => [v.name, v.type, v.data]));
    expect(p.value('d')?.asDword()).toBe(0xfffffffe);
  });

  it('copies data in and out, so a plugin cannot change a recorded write afterwards', () => {
    const session = writableKeyFromTree(key('x'), PARAMS_PATH);
    const bytes = new Uint8Array([1, 2, 3]);
    session.key.setValue('v', 0xdeadbeef, bytes);
    bytes[0] = 9;
    (session.key.value('v')?.data as Uint8Array)[1] = 9;
    (session.ops()[0] as { data: Uint8Array }).data[2] = 9;
    expect(session.key.value('v')?.data).toEqual(new Uint8Array([1, 2, 3]));
    expect(session.ops()).toEqual([{ kind: 'setValue', path: '', name: 'v', type: 0xdeadbeef, data: new Uint8Array([1, 2, 3]) }]);
  });

  it.each([
    ['setValue', (p: WK) => p.setValue('a\0b', 1, new Uint8Array()), 'value name "a\\u0000b" contains a NUL character'],
    ['setValue', (p: WK) => p.setValue('n'.repeat(16_384), 1, new Uint8Array()), 'value name is 16384 characters long; the limit is 16383'],
    ['setValue', (p: WK) => p.setValue('t', 2 ** 32, new Uint8Array()), 'value type 4294967296 is not an integer 0..0xffffffff'],
    ['setValue', (p: WK) => p.setValue('t', 1, [1] as unknown as Uint8Array), 'value data must be a Uint8Array, not an array'],
    ['createSubkey', (p: WK) => p.createSubkey(''), 'a key name cannot be empty'],
    ['createSubkey', (p: WK) => p.createSubkey('..'), 'key name ".." is refused ("." and ".." are no key names here)'],
    ['createSubkey', (p: WK) => p.createSubkey('k'.repeat(257)), 'key name is 257 characters long; the limit is 256'],
    ['deleteSubkey', (p: WK) => p.deleteSubkey('a\0'), 'key name "a\\u0000" contains a NUL character'],
    ['deleteValue', (p: WK) => p.deleteValue(7 as unknown as string), 'a value name must be a string, not 7'],
    ['setString', (p: WK) => p.setString('s', 'a\0b'), 'REG_SZ data "a\\u0000b" contains a NUL character; use setValue with the bytes for such data'],
    ['setMultiString', (p: WK) => p.setMultiString('m', ['a', '']), 'REG_MULTI_SZ cannot hold an empty string (it would end the list); use setValue with the bytes'],
    ['setDword', (p: WK) => p.setDword('d', 2 ** 32), 'REG_DWORD out of range: 4294967296'],
    ['setDword', (p: WK) => p.setDword('d', 1n as unknown as number), 'REG_DWORD data must be a number, not bigint'],
    ['setQword', (p: WK) => p.setQword('q', 1 as unknown as bigint), 'REG_QWORD data must be a bigint, not number'],
    ['setBinary', (p: WK) => p.setBinary('b', 'ab' as unknown as Uint8Array), 'value data must be a Uint8Array, not "ab"'],
  ])('refuses a bad %s at the call with ERROR_INVALID_PARAMETER and records nothing', (_method, call, reason) => {
    const session = writableKeyFromTree(initial, PARAMS_PATH);
    const e = refusal(() => call(session.key));
    expect([e.code, e.key, e.reason]).toEqual([ERROR_INVALID_PARAMETER, PARAMS_PATH, reason]);
    expect(e.message).toBe(`${e.operation} on ${PARAMS_PATH} failed with ERROR_INVALID_PARAMETER (87): ${reason}`);
    expect(session.ops()).toEqual([]);
    expect(treeFromView(session.key)).toEqual(replay(initial, []).tree);
  });

  it('refuses a key deleted meanwhile (ERROR_KEY_DELETED), even after one of that name is created again', () => {
    const session = writableKeyFromTree(initial, PARAMS_PATH);
    const ndi = session.key.openSubkey('Ndi');
    const params = ndi?.openSubkey('Params');
    session.key.deleteSubkey('Ndi');
    session.key.createSubkey('Ndi');
    for (const call of [() => params?.setDword('x', 1), () => ndi?.values(), () => params?.createSubkey('y')]) {
      const e = refusal(call);
      expect([e.code, e.reason]).toEqual([ERROR_KEY_DELETED, 'the key was deleted']);
    }
    expect(session.ops()).toEqual([{ kind: 'deleteKey', path: 'Ndi' }, { kind: 'createKey', path: 'Ndi' }]);
  });

  it('refuses every call once the session is closed (the hook returned): ERROR_INVALID_HANDLE', () => {
    const session = writableKeyFromTree(initial, PARAMS_PATH);
    const ndi = session.key.openSubkey('Ndi');
    session.close();
    expect(refusal(() => ndi?.setDword('late', 1)).code).toBe(ERROR_INVALID_HANDLE);
    expect(refusal(() => session.key.value('Old')).message).toBe(
      `value("Old") on ${PARAMS_PATH} failed with ERROR_INVALID_HANDLE (6): the hook has returned and the engine closed its parameters key; keep no key objects beyond the call`,
    );
    expect(session.ops()).toEqual([]);
  });

  it('keeps the engine\'s list and tree out of the plugin\'s reach', () => {
    const { key: params } = writableKeyFromTree(initial, PARAMS_PATH);
    expect(Object.keys(params)).toEqual([]);
    expect(JSON.stringify(params)).toBe('{}');
  });
});

type WK = ReturnType<typeof writableKeyFromTree>['key'];
