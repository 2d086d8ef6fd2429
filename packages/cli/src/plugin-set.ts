// An integrator's plugin set, `netmigrate.ini` (format: docs/plugin-sets.md). The `ini`
// package decodes values (quotes, comments, booleans, `key[]` arrays); a scan of our own
// supplies what it drops: line and column of every header and key, malformed lines,
// duplicate sections.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import type * as Ini from 'ini';

// Loaded on first use (ini is CommonJS, so synchronously): commands that read no plugin set never pay for it.
let iniParse: ((text: string) => Record<string, unknown>) | undefined;
function parseIni(text: string): Record<string, unknown> {
  iniParse ??= (createRequire(import.meta.url)('ini') as typeof Ini).parse;
  return iniParse(text);
}

export const PLUGIN_SET_KEYS = ['module', 'netmap', 'enabled', 'options.<key>'] as const;

export interface PluginSetEntry {
  /** The name in the section header. */
  readonly name: string;
  /** The header as messages quote it: `[plugin "tern-isdn"]` or `[tern-isdn]`. */
  readonly section: string;
  readonly line: number;
  /** As written: a path relative to the file's directory, or a package name. */
  readonly module: string;
  /** Absolute directory of the netmap.inf, when `netmap` is given. */
  readonly netmapDir?: string;
  readonly enabled: boolean;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface PluginSet {
  /** The file as named to the reader (messages use it). */
  readonly file: string;
  /** Absolute directory relative paths are taken from. */
  readonly dir: string;
  /** Every section, in file order, disabled ones included. */
  readonly plugins: readonly PluginSetEntry[];
}

export interface PluginSetProblem {
  readonly line: number;
  readonly column: number;
  readonly section?: string;
  readonly key?: string;
  readonly message: string;
}

export class PluginSetError extends Error {
  readonly hint = 'correct the file (its format: docs/plugin-sets.md)';
  constructor(
    readonly file: string,
    readonly problems: readonly PluginSetProblem[],
  ) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'PluginSetError';
  }
}

function formatProblem(file: string, p: PluginSetProblem): string {
  const where = p.line === 0 ? file : `${file}:${p.line}:${p.column}`;
  const what = [p.section, p.key].filter((s) => s !== undefined).join(' ');
  return `${where}: ${what === '' ? '' : `${what}: `}${p.message}`;
}

interface ScannedKey {
  readonly key: string;
  readonly line: number;
  readonly column: number;
  readonly valueColumn: number;
}

interface ScannedSection {
  readonly name: string;
  readonly label: string;
  readonly line: number;
  readonly keys: ScannedKey[];
}

const HEADER = /^\s*\[(.*)\]\s*$/;
const QUOTED_NAME = /^plugin\s+"([^"]*)"$/;
const BARE_NAME = /^[^"[\]]*$/;

/** Reads and checks a plugin set; relative paths are taken from the file's directory. */
export async function readPluginSet(path: string, cwd: string = process.cwd()): Promise<PluginSet> {
  const full = resolve(cwd, path);
  const text = await readFile(full, 'utf8');
  return parsePluginSet(text, path, dirname(full));
}

/**
 * Parses the text of a plugin set. `file` names it in messages; `dir` is where relative
 * `module` and `netmap` paths start. Throws a PluginSetError listing every problem found.
 */
export function parsePluginSet(text: string, file: string, dir: string): PluginSet {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const problems: PluginSetProblem[] = [];
  const sections: ScannedSection[] = [];
  // Each header becomes a placeholder, so ini neither nests dotted names nor merges repeats.
  const rewritten: string[] = [];
  let current: ScannedSection | undefined;
  const lines = source.split(/\r\n|\r|\n/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const indent = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) {
      rewritten.push('');
      continue;
    }
    if (trimmed.startsWith('[')) {
      const inner = HEADER.exec(trimmed)?.[1]?.trim();
      const name = inner === undefined ? undefined : (QUOTED_NAME.exec(inner)?.[1] ?? (BARE_NAME.test(inner) ? inner : undefined));
      if (name === undefined || name.trim() === '') {
        problems.push({ line, column: indent + 1, message: `${JSON.stringify(trimmed)} is not a section header; write [plugin "<name>"] or [<name>] with a non-empty name` });
        current = undefined;
        rewritten.push('');
        continue;
      }
      const label = inner?.startsWith('plugin') === true && QUOTED_NAME.test(inner) ? `[plugin "${name}"]` : `[${name}]`;
      const first = sections.find((s) => s.name === name);
      if (first !== undefined) problems.push({ line, column: indent + 1, section: label, message: `the plugin is named again (first at line ${first.line}); give each plugin one section` });
      current = { name, label, line, keys: [] };
      sections.push(current);
      rewritten.push(`[s${sections.length - 1}]`);
      continue;
    }
    const eq = trimmed.indexOf('=');
    const key = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim();
    if (eq === -1) {
      problems.push({ line, column: indent + 1, ...(current === undefined ? {} : { section: current.label }), message: `${JSON.stringify(trimmed)} is not key = value` });
      rewritten.push('');
      continue;
    }
    if (current === undefined) {
      problems.push({ line, column: indent + 1, key, message: 'key outside a plugin section; put it under a [plugin "<name>"] header' });
      rewritten.push('');
      continue;
    }
    const valueOffset = eq + 1 + (trimmed.slice(eq + 1).length - trimmed.slice(eq + 1).trimStart().length);
    current.keys.push({ key, line, column: indent + 1, valueColumn: indent + valueOffset + 1 });
    rewritten.push(raw);
  }
  const decoded = parseIni(rewritten.join('\n')) as Record<string, Record<string, unknown> | undefined>;
  const plugins: PluginSetEntry[] = [];
  for (const [i, s] of sections.entries()) {
    const entry = checkSection(s, decoded[`s${i}`] ?? {}, dir, problems);
    if (entry !== undefined) plugins.push(entry);
  }
  if (problems.length === 0 && !plugins.some((p) => p.enabled)) {
    problems.push({ line: 0, column: 0, message: sections.length === 0 ? 'no plugin section; add [plugin "<name>"] with module = …' : 'no enabled plugin; set enabled = true on one' });
  }
  if (problems.length > 0) throw new PluginSetError(file, problems);
  return { file, dir, plugins };
}

function checkSection(s: ScannedSection, values: Record<string, unknown>, dir: string, problems: PluginSetProblem[]): PluginSetEntry | undefined {
  const before = problems.length;
  const at = (key: string): ScannedKey => s.keys.find((k) => stripArray(k.key) === key) ?? { key, line: s.line, column: 1, valueColumn: 1 };
  const problem = (key: string | undefined, message: string, value = false) => {
    const k = key === undefined ? undefined : at(key);
    problems.push({ line: k?.line ?? s.line, column: k === undefined ? 1 : value ? k.valueColumn : k.column, section: s.label, ...(key === undefined ? {} : { key }), message });
  };
  const options: Record<string, unknown> = {};
  let module: string | undefined;
  let netmap: string | undefined;
  let enabled = true;
  for (const [key, value] of Object.entries(values)) {
    if (key === 'module' || key === 'netmap') {
      if (typeof value !== 'string' || value.trim() === '') {
        problem(key, `needs a value (${key === 'module' ? 'the plugin module path or package name' : 'the directory holding its netmap.inf'})`);
        continue;
      }
      // A file name (`vendors/x/plugin.mjs`) is a path from the .ini file even without `./`: no package name ends in .mjs/.js/.cjs.
      if (key === 'module') module = /\.[cm]?js$/i.test(value.trim()) && !/^(\.|\/|file:|[A-Za-z]:[\\/]|@)/.test(value.trim()) ? `./${value.trim()}` : value.trim();
      else netmap = value.trim();
    } else if (key === 'enabled') {
      if (typeof value !== 'boolean') problem(key, `${JSON.stringify(value === true ? '' : value)} is not true or false`, true);
      else enabled = value;
    } else if (key.startsWith('options.') && key.length > 'options.'.length) {
      const path = key.slice('options.'.length).split('.');
      if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
        problem(key, 'is not a usable option name (an empty or reserved part between the dots)');
        continue;
      }
      const clash = setPath(options, path, value);
      if (clash !== undefined) problem(key, `option "${clash}" is given both as a value and as a group of options`);
    } else {
      problem(key, `unknown key (known: ${PLUGIN_SET_KEYS.join(', ')})`);
    }
  }
  if (module === undefined && !problems.slice(before).some((p) => p.key === 'module')) {
    problem(undefined, 'no module = … (the plugin module path or package name)');
  }
  if (module === undefined || problems.length > before) return undefined;
  return {
    name: s.name,
    section: s.label,
    line: s.line,
    module,
    ...(netmap === undefined ? {} : { netmapDir: isAbsolute(netmap) ? netmap : resolve(dir, netmap) }),
    enabled,
    options,
  };
}

function stripArray(key: string): string {
  return key.endsWith('[]') ? key.slice(0, -2).trim() : key;
}

/** Sets `options.a.b`; returns the clashing option's dotted name when a value and a group collide. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): string | undefined {
  let node = target;
  for (const [i, part] of path.entries()) {
    const last = i === path.length - 1;
    const existing = node[part];
    if (last) {
      if (existing !== undefined && typeof existing === 'object' && existing !== null && !Array.isArray(existing)) return path.join('.');
      node[part] = value;
      return undefined;
    }
    if (existing === undefined) node[part] = {};
    else if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) return path.slice(0, i + 1).join('.');
    node = node[part] as Record<string, unknown>;
  }
  return undefined;
}

/**
 * The engine's plugin set (runWinnt32Phase `oem: { plugins }`): the enabled plugins in file
 * order, modules resolved from the file's directory.
 */
export function pluginSpecs(set: PluginSet): { ref: { module: string; resolveFrom: string }; netmapDir?: string; options: Readonly<Record<string, unknown>> }[] {
  return set.plugins
    .filter((p) => p.enabled)
    .map((p) => ({ ref: { module: p.module, resolveFrom: set.dir }, ...(p.netmapDir === undefined ? {} : { netmapDir: p.netmapDir }), options: p.options }));
}
