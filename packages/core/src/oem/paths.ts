// Vendor files name directories and files as Windows paths (`c:\temp\adapter1`), but this
// engine runs on POSIX. The policy (docs/decisions.md, "Locating vendor files"):
// POSIX absolute paths are used as they are; relative paths are taken from the directory of
// the file that names them, with `\` read as a separator; a drive path is translated only
// through an explicit drive map; UNC and root-relative (`\dir`) paths are refused.

import { readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

export type DriveMap = Readonly<Record<string, string>>;

export type VendorPath =
  | { ok: true; path: string; how: 'absolute' | 'relative' | 'drive-map' }
  | { ok: false; problem: 'drive' | 'unc' | 'root-relative'; reason: string };

const DRIVE = /^([A-Za-z]):(.*)$/;

/** `c:` → the drive map's directory for `c`, whichever way the map spells it (`c`, `C`, `c:`). */
function mappedDrive(map: DriveMap | undefined, letter: string): string | undefined {
  if (!map) return undefined;
  for (const [k, v] of Object.entries(map)) {
    if (k.replace(/:$/, '').toLowerCase() === letter.toLowerCase()) return v;
  }
  return undefined;
}

export function resolveVendorPath(raw: string, baseDir: string, driveMap?: DriveMap): VendorPath {
  const drive = DRIVE.exec(raw);
  if (drive) {
    const letter = drive[1] as string;
    const root = mappedDrive(driveMap, letter);
    if (root === undefined) {
      return {
        ok: false,
        problem: 'drive',
        reason: `"${raw}" is a Windows drive path, which has no meaning on this machine; list the directory as an absolute POSIX path or relative to the file naming it, or map drive ${letter.toUpperCase()}: to a directory`,
      };
    }
    const rest = (drive[2] as string).replace(/\\/g, '/').replace(/^\/+/, '');
    return { ok: true, path: resolve(root, rest), how: 'drive-map' };
  }
  if (raw.startsWith('\\\\')) {
    return { ok: false, problem: 'unc', reason: `"${raw}" is a Windows network (UNC) path; mount the share and name the mounted directory` };
  }
  if (raw.startsWith('\\')) {
    return { ok: false, problem: 'root-relative', reason: `"${raw}" is relative to the root of an unknown Windows drive; name the directory as an absolute POSIX path or relative to the file naming it` };
  }
  if (isAbsolute(raw)) return { ok: true, path: resolve(raw), how: 'absolute' };
  return { ok: true, path: resolve(baseDir, raw.replace(/\\/g, '/')), how: 'relative' };
}

/**
 * `dir/name` as it is spelled on disk. Vendor media come from Windows, where NETMAP.INF and
 * netmap.inf are one file: an exact match wins, else the first case-insensitive one in name order.
 */
export async function findFileCaseInsensitive(dir: string, name: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return undefined;
  }
  if (entries.includes(name)) return join(dir, name);
  const hit = entries.filter((e) => e.toLowerCase() === name.toLowerCase()).sort()[0];
  return hit === undefined ? undefined : join(dir, hit);
}
