// netupg.inf: the administrator's list of vendor directories (spec §3), found through an
// explicit directory or the environment variable the documentation spells two ways.

import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { OemFileError } from './errors.js';
import { at, entriesOf, loadInf } from './inf-file.js';
import { findFileCaseInsensitive, resolveVendorPath, type DriveMap } from './paths.js';

/** In the order they are consulted (two of the documentation's three mentions use the first). */
export const NETUPG_ENV_VARS = ['NETUPGRD_INIT_FILE_DIR', 'NET_UPGRD_INIT_FILE_DIR'] as const;

export type NetupgSource = 'explicit' | (typeof NETUPG_ENV_VARS)[number];

export interface NetupgLocation {
  /** Absolute directory that must hold netupg.inf. */
  dir: string;
  source: NetupgSource;
}

export interface LocateNetupgOptions {
  /** `--oem <dir>`: beats both variables. */
  explicitDir?: string | undefined;
  env: Record<string, string | undefined>;
  /** Relative directories are taken from here (default: the current directory). */
  cwd?: string;
}

/** Where netupg.inf should be, or undefined when nothing names a directory (no vendor files). Blank values count as unset. */
export function locateNetupgInf(options: LocateNetupgOptions): NetupgLocation | undefined {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicitDir !== undefined && options.explicitDir.trim() !== '') return { dir: resolve(cwd, options.explicitDir), source: 'explicit' };
  for (const name of NETUPG_ENV_VARS) {
    const value = options.env[name];
    if (value !== undefined && value.trim() !== '') return { dir: resolve(cwd, value.trim()), source: name };
  }
  return undefined;
}

export interface OemDir {
  /** Absolute directory holding a netmap.inf. */
  dir: string;
  /** Position of the entry in netupg.inf. */
  line: number;
  column: number;
}

export interface NetupgInf {
  file: string;
  oemDirs: OemDir[];
  diagnostics: EngineDiagnostic[];
}

export interface ReadNetupgOptions {
  /** Drive letters to directories (`{ c: '/mnt/winc' }`), for lists written with Windows paths. */
  driveMap?: DriveMap;
  /** Named in the error when netupg.inf is missing. */
  source?: NetupgSource;
}

const OEM_DIRS_SECTION = 'OemNetUpgradeDirs';

function describeSource(source: NetupgSource | undefined): string {
  if (source === 'explicit') return 'the directory given explicitly (--oem)';
  if (source !== undefined) return `the directory named by ${source}`;
  return `the directory given explicitly or named by ${NETUPG_ENV_VARS.join(' or ')}`;
}

/**
 * Reads `<dir>/netupg.inf`. Throws OemFileError when it is missing, unreadable or not INF;
 * every problem with an entry is a diagnostic and the entry is left out.
 */
export async function readNetupgInf(dir: string, options: ReadNetupgOptions = {}): Promise<NetupgInf> {
  const file = await findFileCaseInsensitive(dir, 'netupg.inf');
  if (file === undefined) {
    throw new OemFileError(
      'netupg-missing',
      join(dir, 'netupg.inf'),
      `${describeSource(options.source)}, ${dir}, has no netupg.inf (set ${NETUPG_ENV_VARS.join(' or ')} to the directory holding it, or unset both to upgrade without vendor files)`,
    );
  }
  const { doc, diagnostics } = await loadInf(file, 'netupg');
  const sub = doc.defaultSubstituter();
  for (const section of doc.sections()) {
    const name = section.name.toLowerCase();
    if (name === OEM_DIRS_SECTION.toLowerCase() || name === 'version' || /^strings(\.[0-9a-f]{1,4})?$/.test(name)) continue;
    diagnostics.push({
      severity: 'warning',
      code: 'netupg-unknown-section',
      message: `[${section.name}] is not read: netupg.inf has one section, [${OEM_DIRS_SECTION}]`,
      file,
      line: section.headerLines()[0] ?? 1,
      column: 1,
    });
  }
  if (!doc.section(OEM_DIRS_SECTION)) {
    diagnostics.push({ severity: 'error', code: 'netupg-no-dirs-section', message: `netupg.inf has no [${OEM_DIRS_SECTION}] section, so it names no vendor directory`, file, line: 1, column: 1 });
    return { file, oemDirs: [], diagnostics };
  }
  const baseDir = resolve(file, '..');
  const oemDirs: OemDir[] = [];
  const seen = new Map<string, number>();
  for (const e of entriesOf(doc, OEM_DIRS_SECTION, sub)) {
    const where = at(file, e, 0);
    if (e.key !== null) {
      diagnostics.push({ severity: 'warning', code: 'netupg-keyed-entry', message: `entries are bare directory paths; the key "${e.key}" is ignored and "${e.fields[0] ?? ''}" is used`, ...at(file, e) });
    }
    if (e.fields.length > 1) {
      diagnostics.push({
        severity: 'error',
        code: 'netupg-extra-fields',
        message: `the entry has ${e.fields.length} comma-separated fields; a directory path containing a comma must be quoted`,
        ...at(file, e, 1),
      });
      continue;
    }
    const raw = e.fields[0] ?? '';
    if (raw === '') {
      diagnostics.push({ severity: 'error', code: 'netupg-empty-entry', message: 'the entry names no directory', ...where });
      continue;
    }
    const resolved = resolveVendorPath(raw, baseDir, options.driveMap);
    if (!resolved.ok) {
      diagnostics.push({ severity: 'error', code: `netupg-${resolved.problem}-path`, message: resolved.reason, ...where });
      continue;
    }
    const dirPath = resolved.path;
    const first = seen.get(dirPath);
    if (first !== undefined) {
      diagnostics.push({ severity: 'warning', code: 'netupg-duplicate-dir', message: `${dirPath} is already listed on line ${first}; it is read once`, ...where });
      continue;
    }
    seen.set(dirPath, e.lineNo);
    const info = await stat(dirPath).catch(() => undefined);
    if (!info) {
      diagnostics.push({ severity: 'error', code: 'netupg-dir-missing', message: `the vendor directory ${dirPath} does not exist`, ...where });
      continue;
    }
    if (!info.isDirectory()) {
      diagnostics.push({ severity: 'error', code: 'netupg-not-a-directory', message: `${dirPath} is not a directory`, ...where });
      continue;
    }
    if ((await findFileCaseInsensitive(dirPath, 'netmap.inf')) === undefined) {
      diagnostics.push({ severity: 'error', code: 'netupg-no-netmap', message: `the vendor directory ${dirPath} has no netmap.inf; every listed directory must contain one`, ...where });
      continue;
    }
    oemDirs.push({ dir: dirPath, line: where.line, column: where.column });
  }
  return { file, oemDirs, diagnostics };
}
