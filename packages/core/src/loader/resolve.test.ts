import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { resolvePluginUrl } from './resolve.js';

const CLI = fileURLToPath(new URL('../../../cli/', import.meta.url));

describe('resolvePluginUrl', () => {
  test('a package name resolves to its JavaScript entry even where a source condition points at .ts', () => {
    // This test process runs with vitest's `source` condition, under which @netmigrate/core is src/index.ts.
    expect(import.meta.resolve('@netmigrate/core')).toMatch(/src\/index\.ts$/);
    const url = resolvePluginUrl({ module: '@netmigrate/core', resolveFrom: CLI });
    expect(fileURLToPath(url)).toBe(join(CLI, '..', 'core', 'dist', 'index.js'));
  });

  test('a missing package or module file is a PluginLoadError saying what to do', () => {
    expect(() => resolvePluginUrl({ module: '@nobody/no-such-plugin', resolveFrom: CLI })).toThrow(/the package cannot be found from .*install the plugin package/);
    expect(() => resolvePluginUrl({ module: './missing.mjs', resolveFrom: CLI })).toThrow(/does not exist/);
  });
});
