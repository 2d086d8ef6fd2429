import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

// The repo's test/readme-examples.test.ts runs these blocks too (test/package.json
// depends on @netmigrate/setupapi); this runs them from here with the imports pointed at src/.
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const BLOCKS = [...README.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');

test('the README has examples', () => {
  expect(BLOCKS.length).toBeGreaterThanOrEqual(2);
});

test.each(BLOCKS.map((b, i) => [i + 1, b] as const))('README example %i runs', async (_n, block) => {
  const src = (pkg: string): string => pathToFileURL(fileURLToPath(new URL(`../../${pkg}/src/index.ts`, import.meta.url))).href;
  const code = (block ?? '')
    .replace("'@netmigrate/setupapi'", `'${src('setupapi')}'`)
    .replace("'@netmigrate/inf'", `'${src('inf')}'`)
    .replace("'@netmigrate/registry'", `'${src('registry')}'`);
  const dir = mkdtempSync(join(tmpdir(), 'setupapi-readme-'));
  try {
    const file = join(dir, 'example.ts');
    writeFileSync(file, code);
    await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
