import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidValueError, RegValueDataError, RegValueTypeError } from './errors.js';
import {
  REG_BINARY, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_EXPAND_SZ, REG_LINK, REG_MULTI_SZ, REG_NONE, REG_QWORD, REG_SZ, regTypeName,
} from './types.js';
import { RegValue } from './value.js';

const bytes = (v: RegValue): number[] => [...v.data];

describe('RegValue', () => {
  test('factories produce the bytes Windows stores', () => {
    expect(bytes(RegValue.sz('a', 'Hi'))).toEqual([0x48, 0, 0x69, 0, 0, 0]);
    expect(bytes(RegValue.expandSz('a', '%x%'))).toEqual([0x25, 0, 0x78, 0, 0x25, 0, 0, 0]);
    expect(bytes(RegValue.multiSz('a', ['A', 'BC']))).toEqual([0x41, 0, 0, 0, 0x42, 0, 0x43, 0, 0, 0, 0, 0]);
    expect(bytes(RegValue.multiSz('a', []))).toEqual([0, 0]);
    expect(bytes(RegValue.dword('a', 0x12345678))).toEqual([0x78, 0x56, 0x34, 0x12]);
    expect(bytes(RegValue.dword('a', -1))).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(bytes(RegValue.qword('a', 0x0102030405060708n))).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(bytes(RegValue.qword('a', -2n))).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(bytes(RegValue.binary('a', Uint8Array.of(1, 2)))).toEqual([1, 2]);
    const raw = RegValue.raw('a', 0x12345, Uint8Array.of(9));
    expect([raw.type, bytes(raw)]).toEqual([0x12345, [9]]);
  });

  test('typed accessors read back what the factories wrote (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(text, fc.array(text.filter((s) => s !== ''), { maxLength: 5 }), fc.integer({ min: 0, max: 0xffffffff }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (s, list, n, q) => {
        expect(RegValue.sz('', s).asString()).toBe(s);
        expect(RegValue.expandSz('', s).asExpandString()).toBe(s);
        expect(RegValue.multiSz('', list).asMultiString()).toEqual(list);
        expect(RegValue.dword('', n).asDword()).toBe(n);
        expect(RegValue.qword('', q).asQword()).toBe(q);
      }),
    );
  });

  test('accessors on the wrong type throw RegValueTypeError with both types', () => {
    const v = RegValue.dword('Start', 3);
    expect(() => v.asString()).toThrow(RegValueTypeError);
    try {
      v.asMultiString();
    } catch (e) {
      expect(e).toBeInstanceOf(RegValueTypeError);
      expect((e as RegValueTypeError).expected).toEqual([REG_MULTI_SZ]);
      expect((e as RegValueTypeError).actual).toBe(REG_DWORD);
      expect((e as Error).message).toBe('value "Start" is REG_DWORD, expected REG_MULTI_SZ');
    }
    expect(() => RegValue.sz('x', 'y').asDword()).toThrow(RegValueTypeError);
    expect(() => RegValue.sz('x', 'y').asExpandString()).toThrow(RegValueTypeError);
    expect(() => RegValue.sz('x', 'y').asQword()).toThrow(RegValueTypeError);
    expect(() => RegValue.sz('x', 'y').asBinary()).toThrow(RegValueTypeError);
  });

  test('wrong data size throws RegValueDataError', () => {
    expect(() => RegValue.raw('d', REG_DWORD, Uint8Array.of(1, 2)).asDword()).toThrow(RegValueDataError);
    expect(() => RegValue.raw('q', REG_QWORD, Uint8Array.of(1)).asQword()).toThrow(RegValueDataError);
  });

  test('REG_DWORD_BIG_ENDIAN reads big-endian', () => {
    expect(RegValue.raw('b', REG_DWORD_BIG_ENDIAN, Uint8Array.of(0x12, 0x34, 0x56, 0x78)).asDword()).toBe(0x12345678);
  });

  test('strings stop at the first NUL; a multi-string list stops at an empty string', () => {
    expect(RegValue.raw('s', REG_SZ, Uint8Array.of(0x41, 0, 0, 0, 0x42, 0)).asString()).toBe('A');
    expect(RegValue.raw('s', REG_SZ, Uint8Array.of(0x41, 0, 0x42)).asString()).toBe('A');
    expect(RegValue.raw('m', REG_MULTI_SZ, Uint8Array.of(0x41, 0, 0, 0, 0, 0, 0x42, 0, 0, 0)).asMultiString()).toEqual(['A']);
    expect(RegValue.raw('m', REG_MULTI_SZ, Uint8Array.of(0x41, 0, 0, 0, 0x42, 0)).asMultiString()).toEqual(['A', 'B']);
    expect(RegValue.raw('m', REG_MULTI_SZ, new Uint8Array()).asMultiString()).toEqual([]);
  });

  test('immutable: data is a copy, raw copies its input', () => {
    const src = Uint8Array.of(1, 2, 3);
    const v = RegValue.binary('b', src);
    src[0] = 9;
    v.data[1] = 9;
    expect(bytes(v)).toEqual([1, 2, 3]);
    expect(Object.isFrozen(v)).toBe(true);
    expect(() => {
      (v as unknown as { name: string }).name = 'x';
    }).toThrow(TypeError);
  });

  test('invalid input is refused', () => {
    expect(() => RegValue.sz('n', 'a\0b')).toThrow(InvalidValueError);
    expect(() => RegValue.multiSz('n', ['a', ''])).toThrow(InvalidValueError);
    expect(() => RegValue.sz('a\0b', 'x')).toThrow(InvalidValueError);
    expect(() => RegValue.sz('n'.repeat(16384), 'x')).toThrow(InvalidValueError);
    expect(RegValue.sz('n'.repeat(16383), 'x').name.length).toBe(16383);
    expect(() => RegValue.dword('n', 2 ** 32)).toThrow(InvalidValueError);
    expect(() => RegValue.dword('n', 1.5)).toThrow(InvalidValueError);
    expect(() => RegValue.qword('n', 1n << 64n)).toThrow(InvalidValueError);
    expect(() => RegValue.raw('n', -1, new Uint8Array())).toThrow(InvalidValueError);
    expect(() => RegValue.raw('n', 2 ** 32, new Uint8Array())).toThrow(InvalidValueError);
  });

  test('type names and a readable form', () => {
    expect([REG_NONE, REG_SZ, REG_BINARY, REG_LINK, REG_QWORD, 0x100].map(regTypeName)).toEqual(['REG_NONE', 'REG_SZ', 'REG_BINARY', 'REG_LINK', 'REG_QWORD', 'REG_0x100']);
    expect(String(RegValue.sz('', 'x'))).toBe('@ REG_SZ "x"');
    expect(String(RegValue.dword('n', 10))).toBe('"n" REG_DWORD 0x0000000a');
    expect(String(RegValue.raw('e', REG_EXPAND_SZ, Uint8Array.of(1)))).toBe('"e" REG_EXPAND_SZ hex:01');
    expect(RegValue.sz('a', 'x').sameData(RegValue.sz('b', 'x'))).toBe(true);
    expect(RegValue.sz('a', 'x').sameData(RegValue.expandSz('a', 'x'))).toBe(false);
  });
});
