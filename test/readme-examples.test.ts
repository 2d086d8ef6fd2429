// Every package README promises a runnable example. This test extracts each ```ts block
// from the READMEs and runs it, so the documentation cannot drift from the code.
// A block whose first line is `// not run` is skipped (for fragments that need context).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = join(root, 'test', '.tmp', 'readme');

export function extractTsBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const re = /^```(?:ts|typescript)[^\n]*\n([\s\S]*?)^```/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const code = m[1] ?? '';
    if (!code.startsWith('// not run')) blocks.push(code);
  }
  return blocks;
}

async function readmes(): Promise<string[]> {
  const out: string[] = [];
  for (const group of ['packages', 'plugins', 'examples']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of await readdir(dir)) {
      const readme = join(dir, name, 'README.md');
      if (existsSync(readme)) out.push(readme);
    }
  }
  return out.sort();
}

describe('README examples run', async () => {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  for (const readme of await readmes()) {
    const pkg = readme.split(/[\\/]/).at(-2) ?? 'pkg';
    const blocks = extractTsBlocks(await readFile(readme, 'utf8'));
    blocks.forEach((code, i) => {
      test(`${pkg} README block ${i + 1}`, async () => {
        const file = join(scratch, `${pkg}-${i + 1}.ts`);
        await writeFile(file, code);
        await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
      });
    });
  }
  test('the extractor finds blocks and honours `// not run`', () => {
    const md = '# x\n```ts\nconst a = 1;\n```\ntext\n```ts\n// not run\nfoo();\n```\n```sh\nls\n```\n';
    expect(extractTsBlocks(md)).toEqual(['const a = 1;\n']);
  });
});
