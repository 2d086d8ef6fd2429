import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFileCaseInsensitive, resolveVendorPath } from './paths.js';
import { tempDir } from './test-support/vendor-dirs.js';

describe('resolveVendorPath', () => {
  it('absolute POSIX paths are kept (normalized, no trailing slash); relative ones join the base, backslash as separator', () => {
    expect(resolveVendorPath('/opt/oem/../oem/isdn/', '/base')).toEqual({ ok: true, path: '/opt/oem/isdn', how: 'absolute' });
    expect(resolveVendorPath('vendors\\isdn', '/base/cfg')).toEqual({ ok: true, path: '/base/cfg/vendors/isdn', how: 'relative' });
    expect(resolveVendorPath('..\\isdn', '/base/cfg')).toEqual({ ok: true, path: '/base/isdn', how: 'relative' });
  });

  it('drive paths need a drive map; UNC and root-relative paths are refused', () => {
    expect(resolveVendorPath('c:\\temp\\adapter1', '/b')).toMatchObject({ ok: false, problem: 'drive' });
    expect(resolveVendorPath('D:/x', '/b', { c: '/mnt/c' })).toMatchObject({ ok: false, problem: 'drive' });
    expect(resolveVendorPath('C:\\temp\\adapter1', '/b', { 'c:': '/mnt/c' })).toEqual({ ok: true, path: '/mnt/c/temp/adapter1', how: 'drive-map' });
    expect(resolveVendorPath('c:relative', '/b', { C: '/mnt/c' })).toEqual({ ok: true, path: '/mnt/c/relative', how: 'drive-map' });
    expect(resolveVendorPath('\\\\srv\\share', '/b')).toMatchObject({ ok: false, problem: 'unc' });
    expect(resolveVendorPath('\\i386\\help.txt', '/b')).toMatchObject({ ok: false, problem: 'root-relative' });
  });
});

describe('findFileCaseInsensitive', () => {
  it('an exact match first, else the first case-insensitive match in name order; a missing directory is no match', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'NetMap.Inf'), '');
    writeFileSync(join(dir, 'NETMAP.INF'), '');
    expect(await findFileCaseInsensitive(dir, 'netmap.inf')).toBe(join(dir, 'NETMAP.INF'));
    writeFileSync(join(dir, 'netmap.inf'), '');
    expect(await findFileCaseInsensitive(dir, 'netmap.inf')).toBe(join(dir, 'netmap.inf'));
    mkdirSync(join(dir, 'sub'));
    expect(await findFileCaseInsensitive(join(dir, 'sub'), 'netmap.inf')).toBeUndefined();
    expect(await findFileCaseInsensitive(join(dir, 'nope'), 'netmap.inf')).toBeUndefined();
  });
});
