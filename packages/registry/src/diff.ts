import { compareNames } from './model/fold.js';
import type { KeyNode } from './model/node.js';
import { ROOTS, joinPath, parseKeyPath } from './model/path.js';
import type { RegistryBase } from './model/registry.js';
import { RegValue, WRAP } from './model/value.js';

export interface RegDiffEntry {
  kind: 'keyAdded' | 'keyRemoved' | 'valueAdded' | 'valueRemoved' | 'valueChanged';
  /** Key path (stored spelling: b's for additions, a's otherwise). */
  path: string;
  /** Value name, for value entries ('' is the default value). */
  name?: string;
  before?: RegValue;
  after?: RegValue;
}

/**
 * What changed from `a` to `b`. Names compare case-insensitively (as in the registry), so a
 * change of spelling alone is no change. Every key and value of an added or removed subtree is
 * listed, so the entries describe b completely relative to a. Order: keys as `reg export`
 * orders them (subkeys sorted), within a key its values first.
 */
export function diffRegistries(a: RegistryBase, b: RegistryBase, options: { keys?: string[] } = {}): RegDiffEntry[] {
  const out: RegDiffEntry[] = [];
  const targets: [number, string[]][] = options.keys
    ? options.keys.map((k) => {
        const p = parseKeyPath(k);
        return [p.root, p.components];
      })
    : ROOTS.map((_, i) => [i, []]);
  for (const [root, comps] of targets) {
    const na = a._find(root, comps);
    const nb = b._find(root, comps);
    const path = na || nb ? spelled(b, a, root, comps) : '';
    walk(na, nb, path, out, comps.length === 0);
  }
  return out;
}

function spelled(b: RegistryBase, a: RegistryBase, root: number, comps: string[]): string {
  const names: string[] = [];
  let nb: KeyNode | undefined = b._roots[root];
  let na: KeyNode | undefined = a._roots[root];
  for (const c of comps) {
    nb = nb?.findKid(c);
    na = na?.findKid(c);
    names.push(nb?.name ?? na?.name ?? c);
  }
  return joinPath(root, names);
}

function values(n: KeyNode): RegValue[] {
  const out: RegValue[] = [];
  for (let i = 0; i < n.valueCount; i++) {
    const s = n.slot(i);
    out.push(RegValue[WRAP](s[0], s[1], s[2], s[3], s[4]));
  }
  return out;
}

function sortedKids(n: KeyNode | undefined): KeyNode[] {
  return n?.kids ? n.kids.slice().sort((x, y) => compareNames(x.name, y.name)) : [];
}

function walk(a: KeyNode | undefined, b: KeyNode | undefined, path: string, out: RegDiffEntry[], isRoot: boolean): void {
  if (!a && !b) return;
  if (a === b) return; // shared by copy-on-write: identical
  if (!a) {
    if (!isRoot) out.push({ kind: 'keyAdded', path });
    for (const v of values(b!)) out.push({ kind: 'valueAdded', path, name: v.name, after: v });
    for (const k of sortedKids(b)) walk(undefined, k, `${path}\\${k.name}`, out, false);
    return;
  }
  if (!b) {
    if (!isRoot) out.push({ kind: 'keyRemoved', path });
    for (const v of values(a)) out.push({ kind: 'valueRemoved', path, name: v.name, before: v });
    for (const k of sortedKids(a)) walk(k, undefined, `${path}\\${k.name}`, out, false);
    return;
  }
  for (const va of values(a)) {
    const i = b.findValue(va.name);
    if (i < 0) out.push({ kind: 'valueRemoved', path, name: va.name, before: va });
    else {
      const s = b.slot(i);
      const vb = RegValue[WRAP](s[0], s[1], s[2], s[3], s[4]);
      if (!va.sameData(vb)) out.push({ kind: 'valueChanged', path, name: va.name, before: va, after: vb });
    }
  }
  for (const vb of values(b)) if (a.findValue(vb.name) < 0) out.push({ kind: 'valueAdded', path, name: vb.name, after: vb });
  // Merge the two sorted child lists.
  const ka = sortedKids(a);
  const kb = sortedKids(b);
  let i = 0;
  let j = 0;
  while (i < ka.length || j < kb.length) {
    const x = ka[i];
    const y = kb[j];
    const c = !x ? 1 : !y ? -1 : compareNames(x.name, y.name);
    if (c < 0) {
      walk(x, undefined, `${path}\\${x!.name}`, out, false);
      i++;
    } else if (c > 0) {
      walk(undefined, y, `${path}\\${y!.name}`, out, false);
      j++;
    } else {
      walk(x, y, `${path}\\${y!.name}`, out, false);
      i++;
      j++;
    }
  }
}
