import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '@netmigrate/atomic-file';
import { CliError } from './errors.js';

export async function readInput(path: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${path}: no such file`, 1, 'check the path (relative paths are taken from the current directory)');
    if (code === 'EISDIR') throw new CliError(`${path}: is a directory, expected a file`);
    throw new CliError(`${path}: cannot read (${code ?? String(e)})`);
  }
}

/** Writes a command's output file atomically; a bad path is the operator's error, said plainly. */
export async function writeOutput(path: string, cwd: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(resolve(cwd, path), bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`${path}: cannot write, its directory does not exist`, 1, 'create the directory first or choose another output path');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CliError(`${path}: cannot write (${code})`, 1, 'check the permissions of the output directory');
    throw e;
  }
}
