import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

// The repo's test/readme-examples.test.ts runs this block too, once test/package.json
// depends on @netmigrate/setupapi; this runs it from here with the imports pointed at src/.
test('the README example runs', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /^```ts\n([\s\S]*?)^```/m.exec(readme)?.[1];
  expect(block).toBeDefined();
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
