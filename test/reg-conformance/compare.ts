// Compares @netmigrate/registry with one recorded (or live) Wine run of a case:
//  1. exit code: our reader says what `reg import` exits with;
//  2. bytes: our import, written by our writer as version 5 with sorted values, equals
//     Wine's `reg export` byte for byte (or the key is absent on both sides);
//  3. meaning: Wine's export read back by our reader describes the same registry as our
//     import of the input (diffRegistries is empty).
// The deliberate differences of differences.ts are the only tolerated deviations, and each is
// verified to be exactly that difference, nothing looser.

import { diffRegistries, exportReg, importRegFile } from '@netmigrate/registry';
import type { ParseOptions, RegDiffEntry, Registry } from '@netmigrate/registry';
import { PARSE_OPTION_DIFFERENCES, VALUE_DIFFERENCES } from './differences.js';
import type { ValueEntry } from './differences.js';
import { bytesEqual, regText, visible } from './text.js';

export interface WineResult {
  importExitCode: number;
  importOutput: string;
  /** reg export's bytes, or null when the key did not exist after the import. */
  exported: Uint8Array | null;
}

export interface Comparison {
  id: string;
  /** 'equal': identical; 'explained': identical but for listed deliberate differences. */
  status: 'equal' | 'explained' | 'mismatch';
  /** Ids of the deliberate differences this case needed. */
  explainedBy: string[];
  problems: string[];
}

interface Ours {
  registry: Registry;
  exitCode: number;
  bytes: Uint8Array | null;
  exportError?: string;
}

function ours(input: Uint8Array, exportKey: string, options: ParseOptions): Ours {
  const { registry, file } = importRegFile(input, options);
  const base = { registry, exitCode: file.exitCode };
  if (!registry.key(exportKey)) return { ...base, bytes: null };
  try {
    return { ...base, bytes: exportReg(registry, { format: 'regedit5', keys: [exportKey], sortValues: true }) };
  } catch (err) {
    return { ...base, bytes: null, exportError: err instanceof Error ? err.message : String(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading an export back into keys and value entries (for explaining differences and diffs)

interface KeyBlock {
  key: string;
  entries: ValueEntry[];
}

interface SplitExport {
  blocks: KeyBlock[];
  /** Every line outside value entries (header, blank lines, key lines), entries as one marker each. */
  skeleton: string[];
}

const ENTRY = '\u0000entry';

function unescapeName(quoted: string): string {
  return quoted.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** Splits reg export's text into key blocks and value entries (continuation lines included). */
export function splitExport(text: string): SplitExport {
  const blocks: KeyBlock[] = [];
  const skeleton: string[] = [];
  let cur: KeyBlock | undefined;
  for (const line of text.split('\r\n')) {
    const last = cur?.entries[cur.entries.length - 1];
    if (line.startsWith('[') && line.endsWith(']')) {
      cur = { key: line.slice(1, -1), entries: [] };
      blocks.push(cur);
      skeleton.push(line);
    } else if (last && line.startsWith('  ')) {
      last.text += `\r\n${line}`;
    } else if (cur && line.startsWith('@=')) {
      cur.entries.push({ name: '', head: '@=', text: line });
      skeleton.push(ENTRY);
    } else if (cur && line.startsWith('"')) {
      const m = /^"((?:[^"\\]|\\.)*)"=/.exec(line);
      cur.entries.push({ name: unescapeName(m?.[1] ?? line), head: m?.[0] ?? '', text: line });
      skeleton.push(ENTRY);
    } else {
      skeleton.push(line);
    }
  }
  return { blocks, skeleton };
}

// ---------------------------------------------------------------------------------------------
// Differences

/** A readable line diff of two .reg files (decoded), `-` Wine, `+` ours, with context. */
export function lineDiff(wine: Uint8Array | null, mine: Uint8Array | null, maxLines = 60): string {
  const a = wine ? regText(wine).split('\r\n') : ['(no key: reg export failed)'];
  const b = mine ? regText(mine).split('\r\n') : ['(no key)'];
  // LCS table; exports here are at most a few hundred lines.
  const n = a.length;
  const m = b.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: [' ' | '-' | '+', string][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push([' ', a[i++]!]);
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push(['+', b[j++]!]);
    else ops.push(['-', a[i++]!]);
  }
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - 2), k + 3).some(([op]) => op !== ' '));
  const out: string[] = ['--- wine', '+++ ours'];
  let skipped = false;
  ops.forEach(([op, line], k) => {
    if (!keep[k]) {
      if (!skipped) out.push('  ...');
      skipped = true;
      return;
    }
    skipped = false;
    out.push(`${op} ${visible(line)}`);
  });
  if (out.length > maxLines) return [...out.slice(0, maxLines), `  ... (${out.length - maxLines} more diff lines)`].join('\n');
  return out.join('\n');
}

function describeDiff(d: RegDiffEntry): string {
  const v = (x: RegDiffEntry['before']): string => (x ? x.toString() : '-');
  return `${d.kind} ${d.path}${d.name !== undefined ? ` ${JSON.stringify(d.name)}` : ''}: ${v(d.before)} -> ${v(d.after)}`;
}

/**
 * Same keys in the same order, and every value entry equal or differing exactly as a listed
 * deliberate difference. Returns the ids used, or null when something else differs.
 */
function explainByEntries(wine: Uint8Array, mine: Uint8Array): { used: string[]; values: Set<string> } | null {
  const a = splitExport(regText(wine));
  const b = splitExport(regText(mine));
  // Header, blank lines, key lines and the number of entries per key must all be identical.
  if (a.skeleton.join('\n') !== b.skeleton.join('\n')) return null;
  const used = new Set<string>();
  const values = new Set<string>();
  a.blocks.forEach((x, k) => {
    const y = b.blocks[k]!;
    x.entries.forEach((we, e) => {
      const oe = y.entries[e]!;
      if (we.text === oe.text) return;
      const rule = we.name === oe.name ? VALUE_DIFFERENCES.find((r) => r.matches(we, oe)) : undefined;
      if (!rule) {
        used.add('\u0000unexplained');
        return;
      }
      used.add(rule.id);
      values.add(`${x.key.toLowerCase()}\n${we.name.toLowerCase()}`);
    });
  });
  if (used.has('\u0000unexplained')) return null;
  return { used: [...used], values };
}

function compareOnce(id: string, input: Uint8Array, exportKey: string, wine: WineResult, options: ParseOptions): Comparison {
  const problems: string[] = [];
  const explainedBy: string[] = [];
  const o = ours(input, exportKey, options);
  if (o.exitCode !== wine.importExitCode) problems.push(`exit code: reg import ${wine.importExitCode}, ours ${o.exitCode}`);
  if (o.exportError) problems.push(`our exportReg threw: ${o.exportError}`);

  let explainedValues = new Set<string>();
  if (wine.exported === null || o.bytes === null) {
    if (wine.exported !== o.bytes) problems.push(`key ${exportKey}: ${wine.exported ? 'Wine has it, ours does not' : 'ours has it, Wine does not'}\n${lineDiff(wine.exported, o.bytes)}`);
  } else if (!bytesEqual(wine.exported, o.bytes)) {
    const ex = explainByEntries(wine.exported, o.bytes);
    if (ex) {
      explainedBy.push(...ex.used);
      explainedValues = ex.values;
    } else problems.push(`export differs from Wine's byte for byte:\n${lineDiff(wine.exported, o.bytes)}`);
  }

  if (wine.exported) {
    // Meaning: Wine's export read by our reader vs our import of the input.
    const back = importRegFile(wine.exported, { fileName: `${id}.wine.reg` });
    const diffs = diffRegistries(back.registry, o.registry, { keys: [exportKey] }).filter(
      (d) => !(d.kind === 'valueChanged' && explainedValues.has(`${d.path.toLowerCase()}\n${(d.name ?? '').toLowerCase()}`)),
    );
    if (diffs.length > 0) {
      problems.push(`registry differs (Wine's export read back -> our import):\n${diffs.slice(0, 20).map((d) => `  ${describeDiff(d)}`).join('\n')}`);
    }
    const backErrors = back.file.warnings.filter((w) => w.code !== 'escape-unknown');
    if (backErrors.length > 0) problems.push(`our reader complains about Wine's export: ${backErrors.map((w) => `${w.line}: ${w.message}`).join('; ')}`);
  }

  const status = problems.length > 0 ? 'mismatch' : explainedBy.length > 0 ? 'explained' : 'equal';
  return { id, status, explainedBy, problems };
}

/**
 * The full comparison of one case. When the default reading differs and a parse-option
 * difference applies to the file, the case is compared again with that option; it then counts
 * as explained only if that run matches Wine completely.
 */
export function compareCase(id: string, input: Uint8Array, exportKey: string, wine: WineResult): Comparison {
  const first = compareOnce(id, input, exportKey, wine, { fileName: `${id}.reg` });
  if (first.status !== 'mismatch') return first;
  for (const d of PARSE_OPTION_DIFFERENCES) {
    if (!d.applies(input)) continue;
    const again = compareOnce(id, input, exportKey, wine, { fileName: `${id}.reg`, ...d.options });
    if (again.status !== 'mismatch') return { ...again, status: 'explained', explainedBy: [d.id, ...again.explainedBy] };
  }
  return first;
}

/** Wine's messages vs our diagnostics: same number of unknown escapes and of keys it could not create. */
export function compareMessages(input: Uint8Array, wine: WineResult): string[] {
  const { file } = importRegFile(input);
  const count = (re: RegExp): number => wine.importOutput.split('\n').filter((l) => re.test(l)).length;
  const problems: string[] = [];
  const wineEsc = count(/Unrecognized escape sequence/);
  const ourEsc = file.warnings.filter((w) => w.code === 'escape-unknown').length;
  if (wineEsc !== ourEsc) problems.push(`unknown escapes: Wine reported ${wineEsc}, ours ${ourEsc}`);
  const wineKey = count(/Unable to import the registry key/);
  const ourKey = file.warnings.filter((w) => w.code === 'key-invalid').length;
  if (wineKey !== ourKey) problems.push(`keys not imported: Wine reported ${wineKey}, ours ${ourKey}`);
  return problems;
}
