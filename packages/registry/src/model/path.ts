import { InvalidKeyPathError } from './errors.js';

/** The predefined roots this model holds, in the order regedit lists them. */
export const ROOTS = [
  { name: 'HKEY_CLASSES_ROOT', short: 'HKCR' },
  { name: 'HKEY_CURRENT_USER', short: 'HKCU' },
  { name: 'HKEY_LOCAL_MACHINE', short: 'HKLM' },
  { name: 'HKEY_USERS', short: 'HKU' },
  { name: 'HKEY_CURRENT_CONFIG', short: 'HKCC' },
] as const;

/**
 * Longest key name Wine 8 creates (256; Windows documents 255). Longer names make
 * RegCreateKeyEx fail, which reg import reports as "Unable to import the registry key".
 */
export const MAX_KEY_NAME = 256;

const ROOT_LOOKUP = new Map<string, number>();
ROOTS.forEach((r, i) => {
  ROOT_LOOKUP.set(r.name.toLowerCase(), i);
  ROOT_LOOKUP.set(r.short.toLowerCase(), i);
});

export function rootIndex(name: string): number | undefined {
  return ROOT_LOOKUP.get(name.toLowerCase());
}

export interface ParsedKeyPath {
  root: number;
  components: string[];
}

export type KeyPathProblem = { code: 'unknown-root' | 'leading-separator' | 'name-too-long' | 'nul'; message: string };

/**
 * Resolves a key path the way RegCreateKeyEx does under Wine: the root is a full or short
 * name (any case) followed by the end or '\'; empty components (doubled or trailing '\')
 * are skipped, but a '\' straight after the root's separator is an error.
 */
export function resolveKeyPath(path: string): ParsedKeyPath | KeyPathProblem {
  const sep = path.indexOf('\\');
  const rootName = sep < 0 ? path : path.slice(0, sep);
  const root = rootIndex(rootName);
  if (root === undefined) return { code: 'unknown-root', message: `unknown root key "${rootName}"` };
  const components: string[] = [];
  if (sep < 0) return { root, components };
  if (path.charCodeAt(sep + 1) === 0x5c) return { code: 'leading-separator', message: `"\\" right after the root key` };
  let start = sep + 1;
  while (start <= path.length) {
    let end = path.indexOf('\\', start);
    if (end < 0) end = path.length;
    if (end > start) {
      const name = path.slice(start, end);
      if (name.length > MAX_KEY_NAME) return { code: 'name-too-long', message: `key name is ${name.length} characters long; the limit is ${MAX_KEY_NAME}` };
      if (name.includes('\0')) return { code: 'nul', message: 'key name contains a NUL character' };
      components.push(name);
    }
    start = end + 1;
  }
  return { root, components };
}

export function parseKeyPath(path: string): ParsedKeyPath {
  if (typeof path !== 'string') throw new InvalidKeyPathError(String(path), 'path must be a string');
  const r = resolveKeyPath(path);
  if ('code' in r) throw new InvalidKeyPathError(path, r.message);
  return r;
}

export function checkKeyName(name: string): void {
  if (name === '' || name.includes('\\')) throw new InvalidKeyPathError(name, 'a key name must be non-empty and contain no "\\"');
  if (name.length > MAX_KEY_NAME) throw new InvalidKeyPathError(name, `key name longer than ${MAX_KEY_NAME} characters`);
  if (name.includes('\0')) throw new InvalidKeyPathError(name, 'key name contains a NUL character');
}

export function joinPath(root: number, components: readonly string[]): string {
  const r = ROOTS[root]!.name;
  return components.length === 0 ? r : `${r}\\${components.join('\\')}`;
}
