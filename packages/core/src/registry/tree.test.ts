import { describe, expect, it } from 'vitest';
import { dword, hklmWithServices, key, sz } from '../test-support/registry.js';
import { keyAtPath, keyOrEmptyAtPath, treeFromView, viewFromTree } from './tree.js';
import { REG } from './view.js';

const tree = hklmWithServices({
  Elnkii02: [sz('IsdnPhoneNumber', '111-1111'), dword('IsdnSwitchType', 1), { name: 'Numbers', type: REG.MULTI_SZ, data: new Uint8Array(Buffer.from('a\0bc\0\0', 'utf16le')) }],
});

describe('registry views over plain data', () => {
  const root = viewFromTree(tree);

  it('finds keys by full path and by relative path, case-insensitively', () => {
    const params = keyAtPath(root, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02\\Parameters');
    expect(params?.path).toBe('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02\\Parameters');
    expect(keyAtPath(root, 'hkey_local_machine\\system\\currentcontrolset\\SERVICES\\elnkii02')?.name).toBe('Elnkii02');
    expect(root.subkey('system')?.subkey('CURRENTCONTROLSET')?.path).toBe('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet');
    // subkey takes one name, as @netmigrate/registry's views do; a path is no name.
    expect(root.subkey('SYSTEM\\CurrentControlSet')).toBeUndefined();
    expect(keyAtPath(root, 'hkey_local_machine')).toBe(root);
    expect(keyAtPath(root, 'HKEY_CURRENT_USER\\Software')).toBeUndefined();
    expect(keyAtPath(root, 'HKEY_LOCAL_MACHINE\\NoSuchKey')).toBeUndefined();
    expect(root.subkey('')).toBeUndefined();
  });

  it('decodes typed values and says what is wrong with a wrong accessor', () => {
    const params = keyAtPath(root, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02\\Parameters');
    expect(params?.value('isdnphonenumber')?.asString()).toBe('111-1111');
    expect(params?.value('IsdnSwitchType')?.asDword()).toBe(1);
    expect(params?.value('Numbers')?.asMultiString()).toEqual(['a', 'bc']);
    expect(() => params?.value('IsdnSwitchType')?.asString()).toThrow(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02\\Parameters\\IsdnSwitchType: asString() needs type 1, the value has type 4',
    );
    expect(params?.value('missing')).toBeUndefined();
  });

  it('reads strings up to the first NUL and multi-strings up to the first empty string', () => {
    const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
    const k = viewFromTree(key('K', [
      { name: 'sz', type: REG.SZ, data: text('abc\0garbage') },
      { name: 'unterminated', type: REG.SZ, data: text('abc') },
      { name: 'exp', type: REG.EXPAND_SZ, data: text('%SystemRoot%\\x\0') },
      { name: 'multi', type: REG.MULTI_SZ, data: text('a\0\0b\0\0') },
      { name: 'bin', type: REG.BINARY, data: new Uint8Array([1, 2]) },
    ]));
    expect(k.value('sz')?.asString()).toBe('abc');
    expect(k.value('unterminated')?.asString()).toBe('abc');
    expect(k.value('exp')?.asExpandString()).toBe('%SystemRoot%\\x');
    expect(() => k.value('exp')?.asString()).toThrow('asString() needs type 1, the value has type 2');
    expect(k.value('multi')?.asMultiString()).toEqual(['a']);
    expect(k.value('bin')?.asBinary()).toEqual(new Uint8Array([1, 2]));
  });

  it('reads big-endian DWORDs and QWORDs and checks their length', () => {
    const k = viewFromTree(key('K', [
      { name: 'be', type: REG.DWORD_BIG_ENDIAN, data: new Uint8Array([0, 0, 1, 2]) },
      { name: 'q', type: REG.QWORD, data: new Uint8Array([1, 0, 0, 0, 0, 0, 0, 1]) },
      { name: 'short', type: REG.DWORD, data: new Uint8Array([1]) },
    ]));
    expect(k.value('be')?.asDword()).toBe(0x102);
    expect(k.value('q')?.asQword()).toBe(0x0100000000000001n);
    expect(() => k.value('short')?.asDword()).toThrow('K\\short: expected 4 bytes of data, found 1');
  });

  it('hands out copies of the bytes, so the snapshot stays read-only', () => {
    const params = keyAtPath(root, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02\\Parameters');
    const data = params?.value('IsdnSwitchType')?.data;
    data?.fill(9);
    expect(params?.value('IsdnSwitchType')?.asDword()).toBe(1);
  });

  it('stands an empty key in for an absent one under the root', () => {
    const empty = keyOrEmptyAtPath(root, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Gone01\\Parameters');
    expect([empty?.name, empty?.path, empty?.values(), empty?.subkeys()]).toEqual(['Parameters', 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Gone01\\Parameters', [], []]);
    expect(keyOrEmptyAtPath(root, 'HKEY_LOCAL_MACHINE\\SYSTEM')?.subkeys().length).toBe(1);
    expect(keyOrEmptyAtPath(root, 'HKEY_USERS\\x')).toBeUndefined();
  });

  it('round-trips through treeFromView', () => {
    expect(treeFromView(root)).toEqual(tree);
  });
});
