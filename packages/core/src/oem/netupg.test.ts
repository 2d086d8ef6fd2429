import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { OemFileError } from './errors.js';
import { locateNetupgInf, readNetupgInf } from './netupg.js';
import { ACME_DIR, DIGI_DIR, inf, sampleDir, tempDir, vendorDir } from './test-support/vendor-dirs.js';

const brief = (d: EngineDiagnostic) => `${d.severity} ${d.code} ${d.line}:${d.column}`;

describe('locateNetupgInf', () => {
  it('an explicit directory beats both variables', () => {
    expect(locateNetupgInf({ explicitDir: '/oem/x', env: { NETUPGRD_INIT_FILE_DIR: '/a', NET_UPGRD_INIT_FILE_DIR: '/b' } })).toEqual({ dir: '/oem/x', source: 'explicit' });
  });

  it('NETUPGRD_INIT_FILE_DIR is consulted before NET_UPGRD_INIT_FILE_DIR', () => {
    expect(locateNetupgInf({ env: { NETUPGRD_INIT_FILE_DIR: '/a', NET_UPGRD_INIT_FILE_DIR: '/b' } })).toEqual({ dir: '/a', source: 'NETUPGRD_INIT_FILE_DIR' });
    expect(locateNetupgInf({ env: { NET_UPGRD_INIT_FILE_DIR: '/b' } })).toEqual({ dir: '/b', source: 'NET_UPGRD_INIT_FILE_DIR' });
  });

  it('blank values count as unset; relative directories are taken from cwd', () => {
    expect(locateNetupgInf({ explicitDir: '  ', env: { NETUPGRD_INIT_FILE_DIR: '', NET_UPGRD_INIT_FILE_DIR: ' vendor ' }, cwd: '/work' })).toEqual({
      dir: '/work/vendor',
      source: 'NET_UPGRD_INIT_FILE_DIR',
    });
    expect(locateNetupgInf({ env: {} })).toBeUndefined();
  });
});

describe('readNetupgInf', () => {
  it('reads absolute POSIX paths and paths relative to netupg.inf (backslash as separator)', async () => {
    const root = vendorDir({ 'vendors/isdn/netmap.inf': inf('[OemNetAdapters]', 'X = Y'), 'cfg/placeholder': '' });
    writeFileSync(join(root, 'cfg', 'netupg.inf'), inf('[OemNetUpgradeDirs]', DIGI_DIR, `  "${ACME_DIR}"`, '..\\vendors\\isdn'));
    const r = await readNetupgInf(join(root, 'cfg'));
    expect(r.file).toBe(join(root, 'cfg', 'netupg.inf'));
    expect(r.oemDirs).toEqual([
      { dir: DIGI_DIR, line: 2, column: 1 },
      { dir: ACME_DIR, line: 3, column: 3 },
      { dir: join(root, 'vendors', 'isdn'), line: 4, column: 1 },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('finds NETUPG.INF and NETMAP.INF spelled in capitals, as on Windows media', async () => {
    const root = vendorDir({ 'NETUPG.INF': inf('[OemNetUpgradeDirs]', 'v'), 'v/NETMAP.INF': inf('[OemNetServices]', 'A = B') });
    const r = await readNetupgInf(root);
    expect(r.file).toBe(join(root, 'NETUPG.INF'));
    expect(r.oemDirs.map((d) => d.dir)).toEqual([join(root, 'v')]);
  });

  it('the documentation sample: Windows drive paths are errors with their position', async () => {
    const dir = sampleDir('msdocs_netupg_example.inf', 'netupg.inf');
    const r = await readNetupgInf(dir);
    expect(r.oemDirs).toEqual([]);
    expect(r.diagnostics.map(brief)).toEqual([2, 3, 4, 5, 6].map((l) => `error netupg-drive-path ${l}:1`));
    expect(r.diagnostics[0]).toMatchObject({
      file: join(dir, 'netupg.inf'),
      message: '"c:\\temp\\adapter1" is a Windows drive path, which has no meaning on this machine; list the directory as an absolute POSIX path or relative to the file naming it, or map drive C: to a directory',
    });
  });

  it('the documentation sample with drive C: mapped to a directory', async () => {
    const drive = vendorDir(Object.fromEntries(['adapter1', 'adapter2', 'protocol1', 'netclient1', 'netservice1'].map((d) => [`temp/${d}/netmap.inf`, inf('[OemNetProtocols]', 'P = Q')])));
    const r = await readNetupgInf(sampleDir('msdocs_netupg_example.inf', 'netupg.inf'), { driveMap: { 'C:': drive } });
    expect(r.diagnostics).toEqual([]);
    expect(r.oemDirs.map((d) => [d.dir, d.line])).toEqual([
      [join(drive, 'temp', 'adapter1'), 2],
      [join(drive, 'temp', 'adapter2'), 3],
      [join(drive, 'temp', 'protocol1'), 4],
      [join(drive, 'temp', 'netclient1'), 5],
      [join(drive, 'temp', 'netservice1'), 6],
    ]);
  });

  it('reports every bad entry at its line and column and keeps the good ones', async () => {
    const root = vendorDir({ 'good/netmap.inf': inf('[OemNetProtocols]', 'P = Q'), 'empty/readme.txt': 'no netmap here', 'afile': 'x' });
    writeFileSync(
      join(root, 'netupg.inf'),
      inf(
        '[Version]',
        'Signature = "$Windows NT$"',
        '[OemNetUpgradeDirs]',
        'good',
        '\\\\server\\share\\oem',
        '\\temp\\oem',
        'missing',
        'afile',
        'empty',
        'good, other',
        'dir = good',
        '""',
        '[Extra]',
        'x = y',
      ),
    );
    const r = await readNetupgInf(root);
    expect(r.oemDirs).toEqual([{ dir: join(root, 'good'), line: 4, column: 1 }]);
    expect(r.diagnostics.map(brief)).toEqual([
      'warning netupg-unknown-section 13:1',
      'error netupg-unc-path 5:1',
      'error netupg-root-relative-path 6:1',
      'error netupg-dir-missing 7:1',
      'error netupg-not-a-directory 8:1',
      'error netupg-no-netmap 9:1',
      'error netupg-extra-fields 10:7',
      'warning netupg-keyed-entry 11:1',
      'warning netupg-duplicate-dir 11:7',
      'error netupg-empty-entry 12:1',
    ]);
    expect(r.diagnostics.find((d) => d.code === 'netupg-no-netmap')?.message).toBe(`the vendor directory ${join(root, 'empty')} has no netmap.inf; every listed directory must contain one`);
  });

  it('a listed directory reached through a symlink is used as listed', async () => {
    const root = vendorDir({ 'real/netmap.inf': inf('[OemNetProtocols]', 'P = Q') });
    symlinkSync(join(root, 'real'), join(root, 'link'));
    writeFileSync(join(root, 'netupg.inf'), inf('[OemNetUpgradeDirs]', 'link'));
    expect((await readNetupgInf(root)).oemDirs.map((d) => d.dir)).toEqual([join(root, 'link')]);
  });

  it('no [OemNetUpgradeDirs] section is an error at 1:1; strict INF findings are passed on', async () => {
    const root = vendorDir({ 'netupg.inf': inf('[Version]', 'Signature = "$Windows NT$') });
    const r = await readNetupgInf(root);
    expect(r.oemDirs).toEqual([]);
    expect(r.diagnostics.map(brief)).toEqual(['warning inf-unterminated-quote 2:13', 'error netupg-no-dirs-section 1:1']);
  });

  it('a missing netupg.inf throws, naming the directory, its source and both variables', async () => {
    const dir = tempDir();
    const err = await readNetupgInf(dir, { source: 'NET_UPGRD_INIT_FILE_DIR' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OemFileError);
    expect(err).toMatchObject({ code: 'netupg-missing', file: join(dir, 'netupg.inf') });
    expect((err as OemFileError).message).toBe(
      `the directory named by NET_UPGRD_INIT_FILE_DIR, ${dir}, has no netupg.inf (set NETUPGRD_INIT_FILE_DIR or NET_UPGRD_INIT_FILE_DIR to the directory holding it, or unset both to upgrade without vendor files)`,
    );
  });

  it('a netupg.inf that is not INF syntax throws with its position', async () => {
    const root = vendorDir({ 'netupg.inf': inf('[OemNetUpgradeDirs', 'x') });
    const err = (await readNetupgInf(root).catch((e: unknown) => e)) as OemFileError;
    expect(err).toBeInstanceOf(OemFileError);
    expect([err.code, err.line, err.column]).toEqual(['netupg-syntax', 1, 1]);
    expect(err.format()).toMatch(new RegExp(`^${join(root, 'netupg.inf').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: section header has no closing`));
  });

  it('a netupg.inf that cannot be read (here: a directory of that name) throws netupg-unreadable', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'netupg.inf'));
    const err = (await readNetupgInf(root).catch((e: unknown) => e)) as OemFileError;
    expect(err.code).toBe('netupg-unreadable');
  });
});
