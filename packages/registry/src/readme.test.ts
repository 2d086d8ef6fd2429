import { readFileSync } from 'node:fs';
import { expect, test, vi } from 'vitest';

// The README's example is test-support/readme-example.ts, word for word (only the import path
// differs); here it is run and its printed results checked.
test('the README example is the tested file and prints what its comments say', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```ts example\n([\s\S]*?)```/.exec(readme)?.[1];
  const file = readFileSync(new URL('./test-support/readme-example.ts', import.meta.url), 'utf8');
  expect(block).toBe(file.replace("from '../index.js'", "from '@netmigrate/registry'"));

  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    await import('./test-support/readme-example.js');
  } finally {
    log.mockRestore();
  }
  // Every "// expected" comment after a console.log is what that call printed.
  const expected = [...file.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]!);
  const printed = lines.filter((l) => !l.startsWith('keyAdded') && !l.startsWith('valueAdded') && !l.startsWith('nt4.reg:'));
  expect(printed).toEqual(expected);
  expect(lines).toContain(/\/\/ (nt4\.reg:\S+: error \S+)/.exec(file)![1]);
  expect(lines.filter((l) => l.startsWith('keyAdded') || l.startsWith('valueAdded')).length).toBeGreaterThan(3);
});
