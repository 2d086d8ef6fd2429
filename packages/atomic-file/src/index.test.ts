import { mkdtemp, readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from './index.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'atomic-file-'));
}

describe('writeFileAtomic', () => {
  test('creates the file, leaving no temp file behind', async () => {
    const dir = await tempDir();
    const target = join(dir, 'winnt.sif');
    await writeFileAtomic(target, 'hello');
    expect(await readFile(target, 'utf8')).toBe('hello');
    expect(await readdir(dir)).toEqual(['winnt.sif']);
  });

  test('a missing directory is an error, not created behind the caller', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'no-such-dir', 'x'), 'y')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  test('replaces existing content whole', async () => {
    const dir = await tempDir();
    const target = join(dir, 'a.bin');
    await writeFile(target, Buffer.alloc(1000, 1));
    await writeFileAtomic(target, new Uint8Array([9, 8, 7]));
    expect([...(await readFile(target))]).toEqual([9, 8, 7]);
  });

  test('a failed write leaves the old content and no temp file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; use a path whose parent is a file instead
      const dir = await tempDir();
      await writeFile(join(dir, 'file'), 'x');
      await expect(writeFileAtomic(join(dir, 'file', 'child'), 'y')).rejects.toThrow();
      expect(await readdir(dir)).toEqual(['file']);
      return;
    }
    const dir = await tempDir();
    const target = join(dir, 'keep.txt');
    await writeFile(target, 'old');
    await chmod(dir, 0o500);
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    await chmod(dir, 0o700);
    expect(await readFile(target, 'utf8')).toBe('old');
  });
});
