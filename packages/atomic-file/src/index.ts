import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Replaces `path` so that a reader sees either the old bytes or the new ones, never a mix,
 * and the new ones survive a power cut once the promise resolves: the data goes to a temp
 * file in the same directory (rename is only atomic within one file system), is fsynced,
 * renamed over the target, and the directory is fsynced so the rename itself is durable.
 * The temp name is random and created exclusively, so two writers never share one.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const target = resolve(path);
  // The directory must exist: creating it silently would hide a wrong path.
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const fh = await open(tmp, 'wx', 0o666);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
    renamed = true;
    await syncDirectory(dir);
  } finally {
    if (!renamed) await unlink(tmp).catch(() => undefined);
  }
}

/** fsync of a directory makes a rename or create inside it durable (POSIX). */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is durable through the journal.
  if (process.platform === 'win32') return;
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
