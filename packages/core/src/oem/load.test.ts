import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverComponents } from '../discovery/discover.js';
import { nt40Server } from '../discovery/test-support/systems.js';
import { OemFileError } from './errors.js';
import { loadVendorFiles } from './load.js';
import { mapComponent } from './map.js';
import { ACME_DIR, DIGI_DIR, inf, tempDir, vendorDir } from './test-support/vendor-dirs.js';

describe('loadVendorFiles', () => {
  it('netupg.inf from the environment → every listed netmap.inf → one index; unusable netmaps become errors', async () => {
    const root = vendorDir({ 'broken/netmap.inf': inf('[OemNetServices]', 'A = B', '[OemUpgradeSupport', 'B = x') });
    writeFileSync(join(root, 'netupg.inf'), inf('[OemNetUpgradeDirs]', DIGI_DIR, ACME_DIR, 'broken', 'c:\\vendors\\old'));
    const files = await loadVendorFiles({ env: { NET_UPGRD_INIT_FILE_DIR: root } });
    expect(files.location).toEqual({ dir: root, source: 'NET_UPGRD_INIT_FILE_DIR' });
    expect(files.netmaps.map((n) => n.dir)).toEqual([DIGI_DIR, ACME_DIR]);
    expect(files.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['netupg-drive-path', join(root, 'netupg.inf'), 5, 1],
      ['netmap-syntax', join(root, 'broken', 'netmap.inf'), 3, 1],
    ]);
    const snapshot = nt40Server();
    const statuses = discoverComponents(snapshot).map((c) => `${c.preNT5Instance}:${mapComponent(c, files.index, snapshot).status}`);
    expect(statuses.filter((s) => !s.endsWith(':no-mapping'))).toHaveLength(10);
  });

  it('nothing names a directory: no vendor files, an empty index', async () => {
    const files = await loadVendorFiles({ env: {} });
    expect(files).toMatchObject({ netmaps: [], diagnostics: [] });
    expect(files.location).toBeUndefined();
    expect(files.index.all()).toEqual([]);
  });

  it('the named directory without netupg.inf is fatal', async () => {
    const dir = tempDir();
    const err = await loadVendorFiles({ explicitDir: dir, env: { NETUPGRD_INIT_FILE_DIR: '/elsewhere' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OemFileError);
    expect((err as OemFileError).message).toMatch(/^the directory given explicitly \(--oem\), .* has no netupg\.inf/);
  });

  it('a drive map lets a Windows-written netupg.inf and netmap.inf resolve', async () => {
    const drive = vendorDir({ 'oem/isdn/netmap.inf': inf('[OemNetAdapters]', 'X = X2', '[OemUpgradeSupport]', 'X2 = c:\\oem\\isdn\\plugin.mjs'), 'oem/isdn/plugin.mjs': 'export {}' });
    const cfg = vendorDir({ 'netupg.inf': inf('[OemNetUpgradeDirs]', 'C:\\oem\\isdn') });
    const files = await loadVendorFiles({ explicitDir: cfg, env: {}, driveMap: { c: drive } });
    expect(files.diagnostics).toEqual([]);
    expect(files.netmaps[0]?.plugin).toMatchObject({ resolved: join(drive, 'oem', 'isdn', 'plugin.mjs'), refKind: 'path' });
  });
});
