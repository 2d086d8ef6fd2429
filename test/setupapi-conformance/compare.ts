// Runs a case through @netmigrate/setupapi and compares the case root with Wine's result.
//
//  - "equal": our executor, on the INF as written (HKR = the case root) and on Wine's copy
//    (HKR spelled out), leaves exactly the registry Wine left (values, types, bytes, names as
//    spelled);
//  - "explained": it does not, but the case hits deliberate differences (differences.ts) and
//    our executor on the INF rewritten to what Wine does there leaves exactly Wine's registry;
//  - "mismatch": anything else.

import { parseInf } from '@netmigrate/inf';
import { REG_MULTI_SZ, RegValue, Registry, compareNames, diffRegistries, exportReg, importRegFile } from '@netmigrate/registry';
import type { RegDiffEntry } from '@netmigrate/registry';
import { runInstallSection } from '@netmigrate/setupapi';
import type { InstallResult } from '@netmigrate/setupapi';
import type { FieldSpec, LineSpec, SetupCase } from './model.js';
import { renderInf } from './model.js';

/** Wine's directories for the DIRIDs the generator writes. */
export const WINE_DIRIDS: Readonly<Record<number, string>> = { 10: 'C:\\windows', 11: 'C:\\windows\\system32' };

export interface Comparison {
  id: string;
  status: 'equal' | 'explained' | 'mismatch';
  /** Deliberate differences the case needed (empty when equal). */
  differences: string[];
  problems: string[];
}

interface OurRun {
  registry: Registry;
  result: InstallResult;
}

function runOurs(c: SetupCase, inf: Uint8Array, hkr: string | undefined): OurRun {
  const { registry } = importRegFile(c.start, { fileName: `${c.id}.start.reg` });
  const doc = parseInf(inf, { fileName: `${c.id}.inf` });
  const result = runInstallSection(doc, c.section, { registry, hkr, dirid: (id) => WINE_DIRIDS[id] });
  return { registry, result };
}

function show(v: RegValue | undefined): string {
  if (!v) return '(none)';
  return `type ${v.type} [${[...v.data].map((b) => b.toString(16).padStart(2, '0')).join(' ')}]`;
}

function describe(d: RegDiffEntry): string {
  const where = d.name === undefined ? d.path : `${d.path} "${d.name}"`;
  return `${d.kind} ${where}: Wine ${show(d.before)}, ours ${show(d.after)}`;
}

function exported(r: Registry, rootKey: string): string {
  if (!r.key(rootKey)) return '(no key)';
  return new TextDecoder('utf-16le').decode(exportReg(r, { format: 'regedit5', keys: [rootKey], sortValues: true }));
}

/** Differences between Wine's registry and ours under the case root; names compare as spelled too. */
export function registryProblems(wine: Registry, ours: Registry, rootKey: string): string[] {
  const diff = diffRegistries(wine, ours, { keys: [rootKey] });
  if (diff.length > 0) return diff.map(describe);
  const a = exported(wine, rootKey);
  const b = exported(ours, rootKey);
  return a === b ? [] : [`same data, other spelling of names:\n--- Wine\n${a}\n--- ours\n${b}`];
}

function sameKey(a: string, b: string): boolean {
  return compareNames(a, b) === 0;
}

/**
 * What Wine 8 stores after MULTI_SZ_DELSTRING when our list is `ours`: it passes the length in
 * characters where bytes are due, and RegSetValueExW then adds 2 bytes when the character
 * before the cut is not NUL and the one at it is (its "forgot the terminator" rule).
 */
export function wineDelStringBytes(ours: Uint8Array): Uint8Array {
  const chars = ours.length / 2;
  const unit = (i: number): number => (ours[2 * i] ?? 0) | ((ours[2 * i + 1] ?? 0) << 8);
  const h = Math.floor(chars / 2);
  return ours.subarray(0, h >= 1 && unit(h - 1) !== 0 && unit(h) === 0 ? chars + 2 : chars);
}

function cutByDelString(c: SetupCase, d: RegDiffEntry): boolean {
  if (d.kind !== 'valueChanged' || d.name === undefined || !d.before || !d.after) return false;
  if (d.before.type !== REG_MULTI_SZ || d.after.type !== REG_MULTI_SZ) return false;
  const targeted = allLines(c).some((l) => l.delString && sameKey(l.delString.keyPath, d.path) && sameKey(l.delString.name, d.name!));
  if (!targeted) return false;
  const want = wineDelStringBytes(d.after.data);
  const wine = d.before.data;
  return wine.length === want.length && wine.every((b, i) => b === want[i]);
}

/** A value-confined difference the generator marked on one of the case's lines. */
function markOf(c: SetupCase, d: RegDiffEntry): string | undefined {
  if (d.name === undefined) return undefined;
  for (const l of allLines(c)) for (const m of l.marks ?? []) if (sameKey(m.keyPath, d.path) && sameKey(m.name, d.name)) return m.id;
  return undefined;
}

/** The case's lines in file order. */
function allLines(c: SetupCase): LineSpec[] {
  return c.model.sections.flatMap((s) => s.lines.filter((l): l is LineSpec => typeof l !== 'string'));
}

/** The INF rewritten to what Wine does, and our run of it. */
function equivalentRun(c: SetupCase): { run: OurRun; ids: Set<string>; inf: string } {
  const replace = new Map<LineSpec, FieldSpec[] | null>();
  const ids = new Set<string>();
  for (const l of allLines(c)) {
    for (const e of l.equivalents ?? []) {
      replace.set(l, e.fields);
      ids.add(e.id);
    }
  }
  // APPEND lines that created their value: Wine only opens the key there. Repeat until none is
  // left, since dropping one can leave a later APPEND facing an absent value.
  for (let round = 0; ; round++) {
    const rendered = renderInf(c.model, 'wine', replace);
    const run = runOurs(c, rendered.bytes, undefined);
    const byLine = new Map([...rendered.lines].map(([l, n]) => [n, l]));
    let added = false;
    for (const ch of run.result.changes) {
      if (ch.op !== 'set-value' || ch.previous !== undefined) continue;
      const l = byLine.get(ch.source.line);
      if (!l?.append || replace.has(l)) continue;
      const f = l.wineFields ?? l.fields;
      replace.set(l, [f[0]!, f[1]!, { src: '' }, { src: '0x10' }]);
      ids.add('append-creates-value');
      added = true;
    }
    if (!added || round > 20) return { run, ids, inf: rendered.text };
  }
}

/** Compares a case with Wine's export of its root (null: the key did not exist afterwards). */
export function compareCase(c: SetupCase, wineExport: Uint8Array | null): Comparison {
  const wine = wineExport ? importRegFile(wineExport, { fileName: `${c.id}.wine.reg` }).registry : new Registry();
  const asWritten = runOurs(c, c.inf, c.hkr);
  const problems = registryProblems(wine, asWritten.registry, c.rootKey);
  if (c.hkr !== undefined) {
    // HKR as the case root must do what the absolute root does.
    const spelled = runOurs(c, c.wineInf, undefined);
    const hkr = registryProblems(spelled.registry, asWritten.registry, c.rootKey);
    if (hkr.length > 0) return { id: c.id, status: 'mismatch', differences: [], problems: ['HKR and the absolute root disagree:', ...hkr] };
  }
  if (problems.length === 0) return { id: c.id, status: 'equal', differences: [], problems: [] };

  const eq = equivalentRun(c);
  // Value-level differences: once a value is exactly what Wine stores there, take Wine's value.
  for (const d of diffRegistries(wine, eq.run.registry, { keys: [c.rootKey] })) {
    const mark = markOf(c, d);
    const id = mark ?? (cutByDelString(c, d) ? 'delstring-cuts-value' : undefined);
    if (id === undefined || !eq.run.registry.key(d.path)) continue;
    if (d.before) eq.run.registry.setValue(d.path, RegValue.raw(d.after?.name ?? d.before.name, d.before.type, d.before.data));
    else eq.run.registry.deleteValue(d.path, d.name!);
    eq.ids.add(id);
  }
  const rest = registryProblems(wine, eq.run.registry, c.rootKey);
  if (eq.ids.size > 0 && rest.length === 0) return { id: c.id, status: 'explained', differences: [...eq.ids].sort(), problems: [] };
  const text = new TextDecoder(c.model.utf16 ? 'utf-16le' : 'latin1').decode(c.model.utf16 ? c.wineInf.subarray(2) : c.wineInf);
  return {
    id: c.id,
    status: 'mismatch',
    differences: [...eq.ids].sort(),
    problems: [
      ...problems,
      ...(eq.ids.size > 0 ? [`after the deliberate differences (${[...eq.ids].join(', ')}):`, ...rest] : []),
      `--- ${c.id}.inf (as Wine ran it)\n${text}`,
    ],
  };
}
