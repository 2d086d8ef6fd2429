import type { KeyNode } from '../model/node.js';
import type { Registry } from '../model/registry.js';
import { RegValue, WRAP } from '../model/value.js';
import type { RegOperation } from './operations.js';
import type { KeyRef, RegSink } from './parser.js';

/** Turns the reader's output into RegOperation objects (values share the reader's byte arena). */
export class OperationCollector implements RegSink {
  readonly operations: RegOperation[] = [];

  createKey(key: KeyRef, line: number): void {
    this.operations.push({ kind: 'createKey', path: key.path, line });
  }

  deleteKey(key: KeyRef, line: number): void {
    this.operations.push({ kind: 'deleteKey', path: key.path, line });
  }

  setValue(key: KeyRef, name: string, type: number, buf: Uint8Array, off: number, len: number, line: number): void {
    this.operations.push({ kind: 'setValue', path: key.path, value: RegValue[WRAP](name, type, buf, off, len), line });
  }

  deleteValue(key: KeyRef, name: string, line: number): void {
    this.operations.push({ kind: 'deleteValue', path: key.path, name, line });
  }
}

/**
 * Applies the reader's output to a registry as it goes, through the registry's write
 * primitives (so a store journals it). Consecutive key lines of an export share most of their
 * path, so the nodes of the previous path are kept and only the differing tail is looked up.
 */
export class RegistryApplier implements RegSink {
  readonly #reg: Registry;
  #root = -1;
  #comps: readonly string[] = [];
  /** #nodes[i]: the node reached after i components of #comps. */
  #nodes: KeyNode[] = [];
  #epoch = -1;
  #current: KeyRef | null = null;

  constructor(reg: Registry) {
    this.#reg = reg;
  }

  #open(key: KeyRef): KeyNode {
    const reg = this.#reg;
    let common = 0;
    if (key.root === this.#root && this.#epoch === reg._epoch) {
      const max = Math.min(key.comps.length, this.#comps.length);
      while (common < max && key.comps[common] === this.#comps[common]) common++;
      reg._version++;
    } else {
      this.#nodes = [reg._writableRoot(key.root)];
      this.#root = key.root;
      this.#epoch = reg._epoch;
    }
    const nodes = this.#nodes;
    nodes.length = common + 1;
    let n = nodes[common]!;
    for (let i = common; i < key.comps.length; i++) {
      n = reg._writableKid(n, key.root, key.comps, i);
      nodes.push(n);
    }
    this.#comps = key.comps;
    this.#current = key;
    return n;
  }

  #node(key: KeyRef): KeyNode {
    if (key === this.#current && this.#epoch === this.#reg._epoch) return this.#nodes[this.#nodes.length - 1]!;
    return this.#open(key);
  }

  createKey(key: KeyRef): void {
    this.#open(key);
  }

  deleteKey(key: KeyRef): void {
    this.#reg._removeKey(key.root, key.comps);
    this.#root = -1;
    this.#current = null;
  }

  setValue(key: KeyRef, name: string, type: number, buf: Uint8Array, off: number, len: number): void {
    this.#reg._putValue(this.#node(key), key.root, key.comps, name, type, buf, off, len);
  }

  deleteValue(key: KeyRef, name: string): void {
    this.#reg._removeValue(this.#node(key), key.root, key.comps, name);
  }
}
