import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** `oem0001`, `oem0002`, … as the documented example's c:\temp\oem0001 (spec §6.4). */
export function workingDirName(ordinal: number): string {
  return `oem${String(ordinal).padStart(4, '0')}`;
}

const WORKING_DIR = /^oem\d{4}$/i;

/** Names in `dir` a run would create or overwrite: an earlier run's answer file or working directories. */
export async function leftovers(dir: string, answerFile: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  return entries.filter((e) => WORKING_DIR.test(e) || e.toLowerCase() === basename(answerFile).toLowerCase()).sort();
}

/** Version-control and dependency folders are not vendor upgrade files; everything else is copied. */
const NOT_COPIED = new Set(['node_modules', '.git']);

/**
 * Creates `<workDir>/oemNNNN` (it must not exist) and copies the vendor directory into it, as
 * NetSetup copies the vendor files to the DLL's temporary directory (spec §4.2). Symbolic
 * links are copied as what they point to: a link inside the working directory would let the
 * sandboxed plugin write through it to somewhere else.
 */
export async function createWorkingDir(workDir: string, ordinal: number, vendorDir: string | undefined): Promise<string> {
  const dir = join(workDir, workingDirName(ordinal));
  await mkdir(dir, { recursive: false });
  if (vendorDir !== undefined) {
    await cp(vendorDir, dir, {
      recursive: true,
      dereference: true,
      errorOnExist: true,
      force: false,
      filter: (source) => !NOT_COPIED.has(basename(source)) || source === vendorDir,
    });
  }
  return dir;
}

export async function removeDirs(dirs: readonly string[]): Promise<void> {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}
