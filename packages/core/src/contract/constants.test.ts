import { describe, expect, it } from 'vitest';
import {
  ENGINE_API_VERSION, ERROR_INVALID_PARAMETER, ERROR_SUCCESS, formatNuaFlags, NT351, NT40, NUA, nuaFlagNames, PRODUCT_TYPE,
  unknownNuaBits, WINDOWS_2000,
} from './constants.js';

describe('contract constants', () => {
  it('carries the oemupgex.h flag values', () => {
    expect(NUA).toEqual({ LoadPostUpgrade: 0x1, RequestAbortUpgrade: 0x2, AbortUpgrade: 0x4, SkipInstallInGuiMode: 0x80000 });
  });

  it('names the flags that are set, in header order', () => {
    expect(nuaFlagNames(0)).toEqual([]);
    expect(nuaFlagNames(0x80001)).toEqual(['LoadPostUpgrade', 'SkipInstallInGuiMode']);
    expect(nuaFlagNames(NUA.AbortUpgrade | NUA.RequestAbortUpgrade)).toEqual(['RequestAbortUpgrade', 'AbortUpgrade']);
  });

  it('separates unknown bits and shows them in the formatted text', () => {
    expect(unknownNuaBits(0x80007)).toBe(0);
    expect(unknownNuaBits(0x80000010)).toBe(0x80000010);
    expect(formatNuaFlags(0)).toBe('none (0x00000000)');
    expect(formatNuaFlags(0x80001)).toBe('LoadPostUpgrade|SkipInstallInGuiMode (0x00080001)');
    expect(formatNuaFlags(0x11)).toBe('LoadPostUpgrade|unknown 0x00000010 (0x00000011)');
  });

  it('carries product types, builds and error codes', () => {
    expect(PRODUCT_TYPE).toEqual({ Unknown: 0, NtWorkstation: 1, NtServer: 2 });
    expect([NT351, NT40, WINDOWS_2000]).toEqual([1057, 1381, 2195]);
    expect([ERROR_SUCCESS, ERROR_INVALID_PARAMETER]).toEqual([0, 87]);
    expect(ENGINE_API_VERSION).toBe('1.0.0');
  });
});
