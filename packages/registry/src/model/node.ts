import { foldName, namesEqual } from './fold.js';

// One key of the tree. Values are kept in one flat array, five slots per value
// (name, type, buffer, offset, length), so a value costs 40 bytes plus its (shared) name and
// its bytes in the arena, not an object with a typed array of its own. Nodes are shared
// between a registry and its snapshots/clones; `epoch` says which registry may mutate one in
// place (see Registry's copy-on-write).

export const STRIDE = 5;
const INDEX_VALUES_AT = 12;
const INDEX_KIDS_AT = 8;

export type Slot = [name: string, type: number, buf: Uint8Array, off: number, len: number];

export class KeyNode {
  name: string;
  epoch: number;
  kids: KeyNode[] | null = null;
  kidIndex: Map<string, KeyNode> | null = null;
  vals: (string | number | Uint8Array)[] | null = null;
  valIndex: Map<string, number> | null = null;

  constructor(name: string, epoch: number) {
    this.name = name;
    this.epoch = epoch;
  }

  copy(epoch: number): KeyNode {
    const n = new KeyNode(this.name, epoch);
    if (this.kids) n.kids = this.kids.slice();
    if (this.vals) n.vals = this.vals.slice();
    return n;
  }

  get valueCount(): number {
    return this.vals ? this.vals.length / STRIDE : 0;
  }

  // ---- subkeys ----

  findKid(name: string): KeyNode | undefined {
    const kids = this.kids;
    if (!kids) return undefined;
    if (kids.length > INDEX_KIDS_AT) {
      if (!this.kidIndex) {
        const m = new Map<string, KeyNode>();
        for (const k of kids) m.set(foldName(k.name), k);
        this.kidIndex = m;
      }
      return this.kidIndex.get(foldName(name));
    }
    for (const k of kids) if (namesEqual(k.name, name)) return k;
    return undefined;
  }

  kidPosition(kid: KeyNode): number {
    return this.kids ? this.kids.indexOf(kid) : -1;
  }

  insertKid(kid: KeyNode, at = this.kids ? this.kids.length : 0): void {
    if (!this.kids) this.kids = [];
    if (at >= this.kids.length) this.kids.push(kid);
    else this.kids.splice(at, 0, kid);
    if (this.kidIndex) this.kidIndex.set(foldName(kid.name), kid);
  }

  replaceKid(old: KeyNode, kid: KeyNode): void {
    const at = this.kids!.indexOf(old);
    this.kids![at] = kid;
    if (this.kidIndex) this.kidIndex.set(foldName(kid.name), kid);
  }

  removeKid(kid: KeyNode): number {
    const at = this.kids!.indexOf(kid);
    this.kids!.splice(at, 1);
    if (this.kidIndex) this.kidIndex.delete(foldName(kid.name));
    return at;
  }

  // ---- values ----

  /** Slot number of the value, or -1. */
  findValue(name: string): number {
    const v = this.vals;
    if (!v) return -1;
    const n = v.length / STRIDE;
    if (n > INDEX_VALUES_AT) {
      if (!this.valIndex) {
        const m = new Map<string, number>();
        for (let i = 0; i < n; i++) m.set(foldName(v[i * STRIDE] as string), i);
        this.valIndex = m;
      }
      return this.valIndex.get(foldName(name)) ?? -1;
    }
    for (let i = 0; i < n; i++) if (namesEqual(v[i * STRIDE] as string, name)) return i;
    return -1;
  }

  slot(i: number): Slot {
    const v = this.vals!;
    const p = i * STRIDE;
    return [v[p] as string, v[p + 1] as number, v[p + 2] as Uint8Array, v[p + 3] as number, v[p + 4] as number];
  }

  /** Replaces type and data of slot i (the stored name and position stay, as in Windows). */
  setSlotData(i: number, type: number, buf: Uint8Array, off: number, len: number): void {
    const v = this.vals!;
    const p = i * STRIDE;
    v[p + 1] = type;
    v[p + 2] = buf;
    v[p + 3] = off;
    v[p + 4] = len;
  }

  appendValue(name: string, type: number, buf: Uint8Array, off: number, len: number): number {
    if (!this.vals) this.vals = [];
    const i = this.vals.length / STRIDE;
    this.vals.push(name, type, buf, off, len);
    if (this.valIndex) this.valIndex.set(foldName(name), i);
    return i;
  }

  insertSlot(i: number, s: Slot): void {
    if (!this.vals) this.vals = [];
    this.vals.splice(i * STRIDE, 0, ...s);
    this.valIndex = null;
  }

  removeValue(i: number): Slot {
    const s = this.slot(i);
    this.vals!.splice(i * STRIDE, STRIDE);
    this.valIndex = null;
    return s;
  }
}
