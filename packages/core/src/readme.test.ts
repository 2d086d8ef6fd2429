import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPluginManifest } from './loader/load.js';
import { PACKAGE_ROOT } from './test-support/fixtures.js';

/** The README's ```ts blocks. */
function tsBlocks(): string[] {
  const markdown = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
}

describe('packages/core README', () => {
  it('shows a plugin that loads and passes every check', async () => {
    const [plugin] = tsBlocks();
    // Written inside the package, where `@netmigrate/core` resolves to this package itself.
    const dir = join(PACKAGE_ROOT, '.tmp', 'readme');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plugin.ts'), plugin ?? '');
    const description = await readPluginManifest({ module: join(dir, 'plugin.ts') });
    expect(description).toMatchObject({
      name: '@acme/netmigrate-isdn',
      className: 'AcmeIsdnMigration',
      hooks: { PreUpgradeInitialize: 'init', DoPreUpgradeProcessing: 'pre' },
    });
  });
});
