import { ByteArena } from './arena.js';
import { InvalidKeyPathError, KeyNotFoundError, ReadOnlyRegistryError } from './errors.js';
import { KeyNode, type Slot } from './node.js';
import { ROOTS, joinPath, parseKeyPath } from './path.js';
import { RegValue, WRAP, checkValueName } from './value.js';

/** A read-only window on one key. Views follow their path: after the key is deleted they throw KeyNotFoundError. */
export interface RegistryKeyView {
  readonly name: string;
  /** Full path with the stored spelling, e.g. HKEY_LOCAL_MACHINE\SOFTWARE\X. */
  readonly path: string;
  /** Subkeys in creation order. */
  subkeys(): RegistryKeyView[];
  subkey(name: string): RegistryKeyView | undefined;
  /** Values in creation order. */
  values(): RegValue[];
  value(name: string): RegValue | undefined;
}

// Copy-on-write: a node may be mutated in place only by the registry whose epoch it carries.
// snapshot() and clone() hand the current roots to the new object and move this registry to a
// fresh epoch, so the next write copies the nodes on its path (and only those).
let epochCounter = 0;
function newEpoch(): number {
  return ++epochCounter;
}

function slotValue(s: Slot): RegValue {
  return RegValue[WRAP](s[0], s[1], s[2], s[3], s[4]);
}

class KeyView implements RegistryKeyView {
  readonly #owner: RegistryBase;
  readonly #root: number;
  readonly #comps: readonly string[];
  readonly path: string;
  #node: KeyNode;
  #version: number;

  constructor(owner: RegistryBase, root: number, comps: readonly string[], path: string, node: KeyNode) {
    this.#owner = owner;
    this.#root = root;
    this.#comps = comps;
    this.path = path;
    this.#node = node;
    this.#version = owner._version;
  }

  get name(): string {
    return this.#comps.length ? this.#comps[this.#comps.length - 1]! : ROOTS[this.#root]!.name;
  }

  #resolve(): KeyNode {
    if (this.#version !== this.#owner._version) {
      const n = this.#owner._find(this.#root, this.#comps);
      if (!n) throw new KeyNotFoundError(this.path, 'key was deleted');
      this.#node = n;
      this.#version = this.#owner._version;
    }
    return this.#node;
  }

  subkeys(): RegistryKeyView[] {
    const n = this.#resolve();
    return (n.kids ?? []).map((k) => new KeyView(this.#owner, this.#root, [...this.#comps, k.name], `${this.path}\\${k.name}`, k));
  }

  subkey(name: string): RegistryKeyView | undefined {
    const k = this.#resolve().findKid(name);
    return k && new KeyView(this.#owner, this.#root, [...this.#comps, k.name], `${this.path}\\${k.name}`, k);
  }

  values(): RegValue[] {
    const n = this.#resolve();
    const out: RegValue[] = [];
    for (let i = 0; i < n.valueCount; i++) out.push(slotValue(n.slot(i)));
    return out;
  }

  value(name: string): RegValue | undefined {
    const n = this.#resolve();
    const i = n.findValue(name);
    return i < 0 ? undefined : slotValue(n.slot(i));
  }
}

/** What both the writable Registry and a RegistrySnapshot can do. */
export abstract class RegistryBase {
  /** @internal */ _roots: KeyNode[];
  /** @internal Changes on every write; lets views reuse the node they resolved. */
  _version = 0;

  protected constructor(roots: KeyNode[]) {
    this._roots = roots;
  }

  /** The key at path (HKEY_LOCAL_MACHINE\... or HKLM\..., any case), or undefined. */
  key(path: string): RegistryKeyView | undefined {
    const p = parseKeyPath(path);
    return this._view(p.root, p.components);
  }

  /** The five predefined roots: HKCR, HKCU, HKLM, HKU, HKCC. */
  roots(): RegistryKeyView[] {
    return this._roots.map((n, i) => new KeyView(this, i, [], ROOTS[i]!.name, n));
  }

  /** An independent writable copy (cheap: nodes are shared until either side writes). */
  abstract clone(): Registry;

  /** @internal */
  _find(root: number, comps: readonly string[]): KeyNode | undefined {
    let n: KeyNode | undefined = this._roots[root];
    for (let i = 0; n && i < comps.length; i++) n = n.findKid(comps[i]!);
    return n;
  }

  /** @internal */
  _view(root: number, comps: readonly string[]): RegistryKeyView | undefined {
    let n = this._roots[root]!;
    const names: string[] = [];
    for (const c of comps) {
      const k = n.findKid(c);
      if (!k) return undefined;
      names.push(k.name);
      n = k;
    }
    return new KeyView(this, root, names, joinPath(root, names), n);
  }
}

/** A writable in-memory tree of the predefined roots. */
export class Registry extends RegistryBase {
  /** @internal */ _epoch: number;
  /** @internal Storage for value bytes produced by the .reg reader. */
  readonly _arena = new ByteArena();

  constructor() {
    const epoch = newEpoch();
    super(ROOTS.map((r) => new KeyNode(r.name, epoch)));
    this._epoch = epoch;
  }

  /** Creates the key and any missing parents; returns a view of it. */
  createKey(path: string): RegistryKeyView {
    const p = parseKeyPath(path);
    this._openForWrite(p.root, p.components, true);
    return this._view(p.root, p.components)!;
  }

  /** Sets (creates or replaces) a value. The key must exist. */
  setValue(keyPath: string, value: RegValue): void {
    if (!(value instanceof RegValue)) throw new TypeError('setValue expects a RegValue');
    const p = parseKeyPath(keyPath);
    const node = this._openForWrite(p.root, p.components, false);
    if (!node) throw new KeyNotFoundError(joinPath(p.root, p.components));
    const [buf, off, len] = value.storage;
    this._putValue(node, p.root, p.components, value.name, value.type, buf, off, len);
  }

  /** Removes a value; false when the key or the value does not exist. */
  deleteValue(keyPath: string, name: string): boolean {
    checkValueName(name);
    const p = parseKeyPath(keyPath);
    if (!this._find(p.root, p.components)?.valueCount) return false;
    const node = this._openForWrite(p.root, p.components, false)!;
    return this._removeValue(node, p.root, p.components, name);
  }

  /** Removes a key with all its subkeys; false when it does not exist. Roots cannot be deleted. */
  deleteKey(keyPath: string): boolean {
    const p = parseKeyPath(keyPath);
    if (p.components.length === 0) throw new InvalidKeyPathError(keyPath, 'a predefined root key cannot be deleted');
    return this._removeKey(p.root, p.components);
  }

  /** A frozen read-only view of the current content. Later writes here do not show in it. */
  snapshot(): RegistrySnapshot {
    const s = new RegistrySnapshot(this._roots.slice());
    this._epoch = newEpoch();
    return s;
  }

  clone(): Registry {
    const r = new Registry();
    r._roots = this._roots.slice();
    this._epoch = newEpoch();
    return r;
  }

  // ---- internal write primitives: the only places that mutate nodes ----

  /** @internal Hooks for the journaled store; no-ops here. */
  /** A key was created at comps[0..depth). */
  protected _onKeyCreated(_root: number, _comps: readonly string[], _depth: number): void {}
  protected _onValueSet(_root: number, _comps: readonly string[], _index: number, _previous: Slot | null): void {}
  protected _onValueDeleted(_root: number, _comps: readonly string[], _index: number, _slot: Slot): void {}
  protected _onKeyDeleted(_root: number, _parent: readonly string[], _index: number, _node: KeyNode): void {}

  /** @internal The node at comps, made writable (copied if shared); missing keys are created when `create`. */
  _openForWrite(root: number, comps: readonly string[], create: boolean): KeyNode | undefined {
    if (!create && !this._find(root, comps)) return undefined;
    let n = this._writableRoot(root);
    for (let i = 0; i < comps.length; i++) n = this._writableKid(n, root, comps, i);
    return n;
  }

  /** @internal */
  _writableRoot(root: number): KeyNode {
    this._version++;
    let n = this._roots[root]!;
    if (n.epoch !== this._epoch) this._roots[root] = n = n.copy(this._epoch);
    return n;
  }

  /** @internal Child comps[i] of the writable `parent`, created if missing, made writable. */
  _writableKid(parent: KeyNode, root: number, comps: readonly string[], i: number): KeyNode {
    const name = comps[i]!;
    let k = parent.findKid(name);
    if (!k) {
      k = new KeyNode(name, this._epoch);
      parent.insertKid(k);
      this._onKeyCreated(root, comps, i + 1);
    } else if (k.epoch !== this._epoch) {
      const c = k.copy(this._epoch);
      parent.replaceKid(k, c);
      k = c;
    }
    return k;
  }

  /** @internal `node` must come from _openForWrite with no snapshot/clone in between. */
  _putValue(node: KeyNode, root: number, comps: readonly string[], name: string, type: number, buf: Uint8Array, off: number, len: number): void {
    this._version++;
    const i = node.findValue(name);
    if (i >= 0) {
      this._onValueSet(root, comps, i, node.slot(i));
      node.setSlotData(i, type, buf, off, len);
    } else {
      const at = node.appendValue(name, type, buf, off, len);
      this._onValueSet(root, comps, at, null);
    }
  }

  /** @internal */
  _removeValue(node: KeyNode, root: number, comps: readonly string[], name: string): boolean {
    const i = node.findValue(name);
    if (i < 0) return false;
    this._version++;
    const s = node.removeValue(i);
    this._onValueDeleted(root, comps, i, s);
    return true;
  }

  /** @internal */
  _removeKey(root: number, comps: readonly string[]): boolean {
    if (!this._find(root, comps)) return false;
    const parentComps = comps.slice(0, -1);
    const parent = this._openForWrite(root, parentComps, false)!;
    const kid = parent.findKid(comps[comps.length - 1]!)!;
    const at = parent.removeKid(kid);
    this._version++;
    this._onKeyDeleted(root, parentComps, at, kid);
    return true;
  }
}

/** Read-only, frozen view of a registry: what a pre-upgrade plugin sees. Every write throws ReadOnlyRegistryError. */
export class RegistrySnapshot extends RegistryBase {
  /** @internal */
  constructor(roots: KeyNode[]) {
    super(roots);
  }

  clone(): Registry {
    const r = new Registry();
    r._roots = this._roots.slice();
    return r;
  }

  snapshot(): RegistrySnapshot {
    return this;
  }

  createKey(_path: string): never {
    throw new ReadOnlyRegistryError('createKey');
  }

  setValue(_keyPath: string, _value: RegValue): never {
    throw new ReadOnlyRegistryError('setValue');
  }

  deleteValue(_keyPath: string, _name: string): never {
    throw new ReadOnlyRegistryError('deleteValue');
  }

  deleteKey(_keyPath: string): never {
    throw new ReadOnlyRegistryError('deleteKey');
  }
}
