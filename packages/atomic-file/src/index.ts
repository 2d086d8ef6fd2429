import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Replaces `path` so that a reader sees either the old bytes or the new ones, never a mix,
 * and the new ones survive a power cut once the promise resolves: the data goes to a temp
 * file in the same directory (rename is only atomic within one file system), is fsynced,
 * renamed over the target, and the directory is fsynced so the rename itself is durable.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/** fsync of a directory makes a rename or create inside it durable (POSIX). */
export async function syncDirectory(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } catch (e) {
    // Some file systems refuse fsync on a directory handle; the rename is still atomic there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw e;
  } finally {
    await dh.close();
  }
}
