import { compareNames, RegistryError, RegValue } from '@netmigrate/registry';
import { ERROR_INVALID_HANDLE, ERROR_KEY_DELETED } from '../contract/constants.js';
import { RegistryCallError } from '../contract/errors.js';
import { keyNameProblem, valueDataProblem, valueNameProblem, valueTypeProblem, type RegistryWriteOp } from './ops.js';
import { valueViewFromData, type RegistryTreeData, type RegistryValueData } from './tree.js';
import type { RegistryValueView, WritableRegistryKey } from './view.js';

/** A post-upgrade hook's parameters key: the key it is handed, and what it did to it. */
export interface WritableSession {
  readonly key: WritableRegistryKey;
  /** Copies of the accepted calls so far, as ops relative to the parameters key. */
  ops(): RegistryWriteOp[];
  /** NetSetup closes hkeyParams after the call: later calls on any key of the session throw ERROR_INVALID_HANDLE. */
  close(): void;
}

interface Node {
  name: string;
  values: RegistryValueData[];
  subkeys: Node[];
  parent: Node | undefined;
  deleted: boolean;
}

interface Session {
  readonly basePath: string;
  readonly ops: RegistryWriteOp[];
  closed: boolean;
}

/**
 * A writable key over a private, mutable copy of `params` (the parameters key's current
 * content in the target registry). `paramsKeyPath` is its full path; the key's name is that
 * path's last component. Names compare as @netmigrate/registry compares them (Wine's case
 * folding), a replaced value keeps its first spelling and position, and new values and keys go
 * last — so replaying the ops with `applyRegistryOps` gives the registry exactly this content.
 */
export function writableKeyFromTree(params: RegistryTreeData, paramsKeyPath: string): WritableSession {
  const parts = paramsKeyPath.split('\\').filter((p) => p !== '');
  const session: Session = { basePath: parts.join('\\'), ops: [], closed: false };
  const root = copy(params, undefined);
  root.name = parts.at(-1) ?? params.name;
  return {
    key: new WritableTreeKey(root, session),
    ops: () => session.ops.map((op) => (op.kind === 'setValue' ? { ...op, data: Uint8Array.from(op.data) } : { ...op })),
    close: () => {
      session.closed = true;
    },
  };
}

function copy(data: RegistryTreeData, parent: Node | undefined): Node {
  const node: Node = { name: data.name, values: data.values.map((v) => ({ name: v.name, type: v.type, data: Uint8Array.from(v.data) })), subkeys: [], parent, deleted: false };
  node.subkeys = data.subkeys.map((k) => copy(k, node));
  return node;
}

/** A typed helper's own refusal, re-thrown as RegistryCallError with the call and key. */
class Refused extends Error {}

const sameName = (a: string, b: string): boolean => a.length === b.length && compareNames(a, b) === 0;

function markDeleted(node: Node): void {
  node.deleted = true;
  for (const k of node.subkeys) markDeleted(k);
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  return typeof v === 'bigint' ? `${v}n` : String(v);
}

class WritableTreeKey implements WritableRegistryKey {
  // #private: the plugin holds this object and must reach neither the tree nor the op list.
  readonly #node: Node;
  readonly #session: Session;

  constructor(node: Node, session: Session) {
    this.#node = node;
    this.#session = session;
  }

  get name(): string {
    return this.#node.name;
  }

  get path(): string {
    const rel = this.#relative();
    return rel === '' ? this.#session.basePath : `${this.#session.basePath}\\${rel}`;
  }

  subkeys(): WritableRegistryKey[] {
    return this.#live('subkeys()').subkeys.map((k) => new WritableTreeKey(k, this.#session));
  }

  /** Like the read-only views: anything that names no direct subkey gives undefined. */
  subkey(name: string): WritableRegistryKey | undefined {
    const child = this.#live(`subkey(${show(name)})`).subkeys.find((k) => typeof name === 'string' && sameName(k.name, name));
    return child === undefined ? undefined : new WritableTreeKey(child, this.#session);
  }

  openSubkey(name: string): WritableRegistryKey | undefined {
    const operation = `openSubkey(${show(name)})`;
    const node = this.#live(operation);
    this.#check(operation, keyNameProblem(name));
    const child = node.subkeys.find((k) => sameName(k.name, name));
    return child === undefined ? undefined : new WritableTreeKey(child, this.#session);
  }

  values(): RegistryValueView[] {
    const path = this.path;
    return this.#live('values()').values.map((v) => valueViewFromData(v, path));
  }

  value(name: string): RegistryValueView | undefined {
    const node = this.#live(`value(${show(name)})`);
    const found = node.values.find((v) => typeof name === 'string' && sameName(v.name, name));
    return found === undefined ? undefined : valueViewFromData(found, this.path);
  }

  createSubkey(name: string): WritableRegistryKey {
    const operation = `createSubkey(${show(name)})`;
    const node = this.#live(operation);
    this.#check(operation, keyNameProblem(name));
    let child = node.subkeys.find((k) => sameName(k.name, name));
    if (child === undefined) {
      child = { name, values: [], subkeys: [], parent: node, deleted: false };
      node.subkeys.push(child);
    }
    this.#session.ops.push({ kind: 'createKey', path: relativePath(child) });
    return new WritableTreeKey(child, this.#session);
  }

  deleteSubkey(name: string): boolean {
    const operation = `deleteSubkey(${show(name)})`;
    const node = this.#live(operation);
    this.#check(operation, keyNameProblem(name));
    const at = node.subkeys.findIndex((k) => sameName(k.name, name));
    const child = node.subkeys[at];
    const rel = this.#relative();
    this.#session.ops.push({ kind: 'deleteKey', path: child === undefined ? join(rel, name) : relativePath(child) });
    if (child === undefined) return false;
    node.subkeys.splice(at, 1);
    markDeleted(child);
    return true;
  }

  setValue(name: string, type: number, data: Uint8Array): void {
    const operation = `setValue(${show(name)})`;
    this.#live(operation);
    this.#check(operation, valueNameProblem(name) ?? valueTypeProblem(type) ?? valueDataProblem(data));
    this.#put(name, type, Uint8Array.from(data));
  }

  deleteValue(name: string): boolean {
    const operation = `deleteValue(${show(name)})`;
    const node = this.#live(operation);
    this.#check(operation, valueNameProblem(name));
    this.#session.ops.push({ kind: 'deleteValue', path: this.#relative(), name });
    const at = node.values.findIndex((v) => sameName(v.name, name));
    if (at < 0) return false;
    node.values.splice(at, 1);
    return true;
  }

  setString(name: string, s: string): void {
    this.#typed('setString', name, () => RegValue.sz(name, s));
  }

  setExpandString(name: string, s: string): void {
    this.#typed('setExpandString', name, () => RegValue.expandSz(name, s));
  }

  setMultiString(name: string, list: readonly string[]): void {
    this.#typed('setMultiString', name, () => RegValue.multiSz(name, list));
  }

  setDword(name: string, n: number): void {
    this.#typed('setDword', name, () => {
      if (typeof n !== 'number') throw new Refused(`REG_DWORD data must be a number, not ${typeof n}`);
      return RegValue.dword(name, n);
    });
  }

  setQword(name: string, n: bigint): void {
    this.#typed('setQword', name, () => {
      if (typeof n !== 'bigint') throw new Refused(`REG_QWORD data must be a bigint, not ${typeof n}`);
      return RegValue.qword(name, n);
    });
  }

  setBinary(name: string, data: Uint8Array): void {
    this.#typed('setBinary', name, () => {
      const problem = valueDataProblem(data);
      if (problem !== undefined) throw new Refused(problem);
      return RegValue.binary(name, data);
    });
  }

  /** Encodes through @netmigrate/registry's RegValue, so the bytes are the ones the engine writes elsewhere. */
  #typed(method: string, name: string, make: () => RegValue): void {
    const operation = `${method}(${show(name)})`;
    this.#live(operation);
    this.#check(operation, valueNameProblem(name));
    let value: RegValue;
    try {
      value = make();
    } catch (e) {
      // The registry package's advice names its own API; a plugin's counterpart is setValue.
      if (e instanceof Refused || e instanceof RegistryError) throw new RegistryCallError(operation, this.path, e.message.replace(/RegValue\.raw/g, 'setValue with the bytes'));
      throw e;
    }
    this.#put(name, value.type, value.data);
  }

  #put(name: string, type: number, data: Uint8Array): void {
    const node = this.#node;
    const at = node.values.findIndex((v) => sameName(v.name, name));
    const existing = node.values[at];
    // Replacing keeps the stored spelling and the position, as the registry does.
    if (existing === undefined) node.values.push({ name, type, data });
    else node.values[at] = { name: existing.name, type, data };
    this.#session.ops.push({ kind: 'setValue', path: this.#relative(), name, type, data: Uint8Array.from(data) });
  }

  #live(operation: string): Node {
    if (this.#session.closed) {
      throw new RegistryCallError(operation, this.path, 'the hook has returned and the engine closed its parameters key; keep no key objects beyond the call', ERROR_INVALID_HANDLE);
    }
    if (this.#node.deleted) throw new RegistryCallError(operation, this.path, 'the key was deleted', ERROR_KEY_DELETED);
    return this.#node;
  }

  #check(operation: string, problem: string | undefined): void {
    if (problem !== undefined) throw new RegistryCallError(operation, this.path, problem);
  }

  #relative(): string {
    return relativePath(this.#node);
  }
}

/** Stored names from below the parameters key down to `node`, '\'-joined; '' for the key itself. */
function relativePath(node: Node): string {
  const names: string[] = [];
  for (let n: Node | undefined = node; n?.parent !== undefined; n = n.parent) names.unshift(n.name);
  return names.join('\\');
}

const join = (rel: string, name: string): string => (rel === '' ? name : `${rel}\\${name}`);
