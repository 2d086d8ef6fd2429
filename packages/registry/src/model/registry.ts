import { ByteArena } from './arena.js';
import { InvalidKeyPathError, InvalidValueError, KeyNotFoundError, ReadOnlyRegistryError } from './errors.js';
import { KeyNode, type Slot } from './node.js';
import { ROOTS, checkKeyName, joinPath, parseKeyPath } from './path.js';
import { isValidType } from './types.js';
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

/**
 * One key resolved once for many value reads and writes (bulk writers such as an INF AddReg
 * executor): no path parsing per call, and no walk from the root while nothing else changed
 * the registry. It follows its path like a view; after the key is deleted `exists` is false
 * and `put` throws KeyNotFoundError.
 */
export interface RegistryKeyWriter {
  /** Full path with the stored spelling, e.g. HKEY_LOCAL_MACHINE\SOFTWARE\X (a key deleted and created again may be spelled anew). */
  readonly path: string;
  /** The keyWriter call that returned this writer created the key. */
  readonly created: boolean;
  readonly exists: boolean;
  value(name: string): RegValue | undefined;
  /**
   * Sets (creates or replaces) the value `name` to `len` bytes of `bytes` from `off`, copied
   * into the registry's own storage; same checks as RegValue.raw + Registry.setValue. Returns
   * the value written (with `name` as given; a replaced value keeps its stored spelling).
   */
  put(name: string, type: number, bytes: Uint8Array, off?: number, len?: number): RegValue;
  /** put() without making the RegValue it returns (bulk writers that do not keep it). */
  write(name: string, type: number, bytes: Uint8Array, off?: number, len?: number): void;
  /**
   * A writer for the key `path` below this one: key names separated by single `\`. Undefined
   * when it does not exist; with `create`, it and any missing keys between are created.
   * Throws InvalidKeyPathError for an empty name (leading, trailing or doubled `\`), a name
   * over 256 characters or one holding NUL, and KeyNotFoundError when this key was deleted.
   */
  subkeyWriter(path: string, options?: { create?: boolean }): RegistryKeyWriter | undefined;
}

class KeyWriter implements RegistryKeyWriter {
  readonly #reg: Registry;
  readonly #root: number;
  readonly #comps: readonly string[];
  #path: string;
  readonly created: boolean;
  #node: KeyNode | undefined;
  /** The registry's _shape/_epoch when #node was resolved: while both hold, #node is the key's node. */
  #shape: number;
  #epoch: number;

  constructor(reg: Registry, root: number, comps: readonly string[], path: string, node: KeyNode, created: boolean) {
    this.#reg = reg;
    this.#root = root;
    this.#comps = comps;
    this.#path = path;
    this.created = created;
    this.#node = node;
    this.#shape = reg._shape;
    this.#epoch = reg._epoch;
  }

  #current(): KeyNode | undefined {
    const r = this.#reg;
    // A deleted key may have been created again (which leaves _shape alone).
    if (this.#node === undefined || this.#shape !== r._shape || this.#epoch !== r._epoch) {
      // The key (or one above it) may have been deleted and created again with another spelling.
      const names: string[] = [];
      let n: KeyNode | undefined = r._roots[this.#root]!;
      for (let i = 0; i < this.#comps.length && n; i++) {
        n = n.findKid(this.#comps[i]!);
        if (n) names.push(n.name);
      }
      if (n) this.#path = joinPath(this.#root, names);
      this.#node = n;
      this.#shape = r._shape;
      this.#epoch = r._epoch;
    }
    return this.#node;
  }

  get path(): string {
    this.#current();
    return this.#path;
  }

  /** The node, made writable in place (copy-on-write) when it is shared with a snapshot or clone. */
  #writable(): KeyNode | undefined {
    const r = this.#reg;
    let n = this.#current();
    if (n && n.epoch !== r._epoch) {
      n = this.#node = r._openForWrite(this.#root, this.#comps, false);
      // The copies made on the way are this writer's own doing: its node is current.
      this.#shape = r._shape;
    }
    return n;
  }

  get exists(): boolean {
    return this.#current() !== undefined;
  }

  value(name: string): RegValue | undefined {
    const n = this.#current();
    if (!n) throw new KeyNotFoundError(this.path, 'key was deleted');
    const i = n.findValue(name);
    return i < 0 ? undefined : slotValue(n.slot(i));
  }

  put(name: string, type: number, bytes: Uint8Array, off = 0, len = bytes.length - off): RegValue {
    const buf = this.#store(name, type, bytes, off, len);
    return RegValue[WRAP](name, type, buf, this.#at, len);
  }

  /** Where #store put the data in the buffer it returned. */
  #at = 0;

  write(name: string, type: number, bytes: Uint8Array, off = 0, len = bytes.length - off): void {
    this.#store(name, type, bytes, off, len);
  }

  /** Copies the data into the arena and sets the value; returns the buffer holding the data (at #at). */
  #store(name: string, type: number, bytes: Uint8Array, off: number, len: number): Uint8Array {
    if (!isValidType(type)) throw new InvalidValueError(`value type must be an integer 0..0xffffffff, got ${type}`);
    if (!(bytes instanceof Uint8Array)) throw new InvalidValueError('value data must be a Uint8Array');
    checkValueName(name);
    const r = this.#reg;
    const n = this.#writable();
    if (!n) throw new KeyNotFoundError(this.#path);
    const arena = r._arena;
    const at = arena.alloc(len);
    const dst = arena.buf;
    // Values are mostly a few bytes: a loop beats making a subarray to set().
    if (len <= 64) for (let k = 0; k < len; k++) dst[at + k] = bytes[off + k]!;
    else dst.set(bytes.subarray(off, off + len), at);
    const buf = arena.commit(at + len);
    r._putValue(n, this.#root, this.#comps, name, type, buf, at, len);
    this.#at = at;
    return buf;
  }

  subkeyWriter(path: string, options: { create?: boolean } = {}): RegistryKeyWriter | undefined {
    const sub = path.split('\\');
    for (const name of sub) checkKeyName(name);
    const top = this.#current();
    if (!top) throw new KeyNotFoundError(this.#path, 'key was deleted');
    // The existing part: `deepest` is the last node found, `found` how many names it took.
    const names: string[] = [];
    let deepest = top;
    let found = 0;
    for (; found < sub.length; found++) {
      const k = deepest.findKid(sub[found]!);
      if (!k) break;
      names.push(k.name);
      deepest = k;
    }
    const r = this.#reg;
    // (A loop: Array#concat is several times slower on such short arrays.)
    const base = this.#comps;
    const comps = new Array<string>(base.length + sub.length);
    for (let i = 0; i < base.length; i++) comps[i] = base[i]!;
    for (let i = 0; i < sub.length; i++) comps[base.length + i] = sub[i]!;
    if (found === sub.length) return new KeyWriter(r, this.#root, comps, `${this.#path}\\${names.join('\\')}`, deepest, false);
    if (!options.create) return undefined;
    r._version++;
    let k: KeyNode;
    if (deepest.epoch === r._epoch) {
      // Writable in place, and so is every node above it (copies are made top down).
      k = deepest;
    } else {
      // Shared with a snapshot or clone: copy from this key down, as _openForWrite does from the root.
      k = this.#writable()!;
      for (let i = 0; i < found; i++) k = r._writableKid(k, this.#root, comps, this.#comps.length + i);
      // Copies made below leave this node where it was.
      this.#shape = r._shape;
    }
    // From `found` on nothing exists (the lookup above stopped there): create without looking again.
    for (let i = found; i < sub.length; i++) {
      k = r._newKid(k, this.#root, comps, this.#comps.length + i);
      names.push(sub[i]!);
    }
    return new KeyWriter(r, this.#root, comps, `${this.#path}\\${names.join('\\')}`, k, true);
  }
}

/** What both the writable Registry and a RegistrySnapshot can do. */
export abstract class RegistryBase {
  /** @internal */ _roots: KeyNode[];
  /** @internal Changes on every write; lets views reuse the node they resolved. */
  _version = 0;
  /**
   * @internal Changes whenever a node may have left the tree: a key deleted, or a node replaced
   * by its copy (copy-on-write). Adding keys or values leaves it alone. Lets key writers keep
   * their node.
   */
  _shape = 0;

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

  /**
   * A writer for the key at `path` (see RegistryKeyWriter), or undefined when it does not
   * exist; with `create`, the key and any missing parents are created first.
   */
  keyWriter(path: string, options: { create?: boolean } = {}): RegistryKeyWriter | undefined {
    const p = parseKeyPath(path);
    const comps = p.components;
    // The stored spelling of the existing part; keys created here take the spelling given.
    const names: string[] = [];
    let n: KeyNode | undefined = this._roots[p.root]!;
    for (let i = 0; i < comps.length && n; i++) {
      n = n.findKid(comps[i]!);
      if (n) names.push(n.name);
    }
    let created = false;
    if (!n) {
      if (!options.create) return undefined;
      n = this._openForWrite(p.root, comps, true)!;
      for (let i = names.length; i < comps.length; i++) names.push(comps[i]!);
      created = true;
    }
    return new KeyWriter(this, p.root, comps, joinPath(p.root, names), n, created);
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
    if (n.epoch !== this._epoch) {
      this._roots[root] = n = n.copy(this._epoch);
      this._shape++;
    }
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
      this._shape++;
    }
    return k;
  }

  /** @internal Creates child comps[i] of the writable `parent`, which must not have it yet. */
  _newKid(parent: KeyNode, root: number, comps: readonly string[], i: number): KeyNode {
    const k = new KeyNode(comps[i]!, this._epoch);
    parent.insertKid(k);
    this._onKeyCreated(root, comps, i + 1);
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
    this._shape++;
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
