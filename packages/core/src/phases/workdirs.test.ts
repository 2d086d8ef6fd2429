import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from './test-support/phase.js';
import { createWorkingDir, leftovers, workingDirName } from './workdirs.js';

describe('working directories', () => {
  test('oemNNNN, with the vendor files copied in; links become files, node_modules and .git stay behind', async () => {
    const outside = join(tempDir(), 'secret.txt');
    writeFileSync(outside, 'not the plugin\'s');
    const vendor = tempDir();
    writeFileSync(join(vendor, 'netmap.inf'), '[Version]\r\n');
    mkdirSync(join(vendor, 'help'));
    writeFileSync(join(vendor, 'help', 'a.txt'), 'help');
    mkdirSync(join(vendor, 'node_modules', 'dep'), { recursive: true });
    mkdirSync(join(vendor, '.git'));
    symlinkSync(outside, join(vendor, 'link.txt'));
    const work = tempDir();
    const dir = await createWorkingDir(work, 12, vendor);
    expect(dir).toBe(join(work, 'oem0012'));
    expect(readFileSync(join(dir, 'help', 'a.txt'), 'utf8')).toBe('help');
    // A link would let the sandboxed plugin write through it to the target.
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'link.txt'), 'utf8')).toBe('not the plugin\'s');
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(existsSync(join(dir, '.git'))).toBe(false);
    await expect(createWorkingDir(work, 12, vendor)).rejects.toThrow(/EEXIST/);
  });

  test('names and leftovers of an earlier run', async () => {
    expect([1, 42, 9999].map(workingDirName)).toEqual(['oem0001', 'oem0042', 'oem9999']);
    const work = tempDir();
    mkdirSync(join(work, 'OEM0003'));
    mkdirSync(join(work, 'oem12'));
    writeFileSync(join(work, 'WINNT.SIF'), '');
    writeFileSync(join(work, 'notes.txt'), '');
    expect(await leftovers(work, join(work, 'winnt.sif'))).toEqual(['OEM0003', 'WINNT.SIF']);
    expect(await leftovers(join(work, 'missing'), 'winnt.sif')).toEqual([]);
  });
});
