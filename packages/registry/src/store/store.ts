import { readFile } from 'node:fs/promises';
import { RegistryError, SavepointError } from '../model/errors.js';
import type { KeyNode, Slot } from '../model/node.js';
import { Registry, type RegistryBase } from '../model/registry.js';
import { writeFileAtomic } from '@netmigrate/atomic-file';
import { decodeStore, encodeStore } from './format.js';

/** A point in a store's change journal that rollbackTo() can return to. */
export interface Savepoint {
  readonly id: number;
  readonly label: string | undefined;
}

// Undo records, newest last. Keys are addressed by path (root + components), not by node:
// copy-on-write may have replaced the node objects since the change was made.
type Undo =
  | { kind: 'keyCreated'; root: number; comps: readonly string[] }
  | { kind: 'valueSet'; root: number; comps: readonly string[]; index: number; previous: Slot | null }
  | { kind: 'valueDeleted'; root: number; comps: readonly string[]; index: number; slot: Slot }
  | { kind: 'keyDeleted'; root: number; parent: readonly string[]; index: number; node: KeyNode };

let savepointIds = 0;

/**
 * A Registry with a change journal and a file behind it. Changes made while a savepoint is
 * active are journaled so rollbackTo() can undo them; commit() writes the whole registry to
 * its file atomically and durably, and ends all savepoints (as SQL's COMMIT does).
 */
export class RegistryStore extends Registry {
  #journal: Undo[] = [];
  #savepoints: { sp: Savepoint; at: number }[] = [];
  #undoing = false;
  #file: string | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(file?: string) {
    super();
    this.#file = file;
  }

  /** Opens a store file (see the README for the format). With create, a missing file gives an empty store. */
  static async open(file: string, options: { create?: boolean } = {}): Promise<RegistryStore> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      if (options.create && (e as NodeJS.ErrnoException).code === 'ENOENT') return new RegistryStore(file);
      throw e;
    }
    const store = new RegistryStore(file);
    store._roots = decodeStore(bytes, file, store._epoch);
    return store;
  }

  /** A store holding the content of `source` (shared copy-on-write, so this is cheap). */
  static from(source: RegistryBase, file?: string): RegistryStore {
    const store = new RegistryStore(file);
    const copy = source.clone();
    store._roots = copy._roots;
    store._epoch = copy._epoch;
    return store;
  }

  get file(): string | undefined {
    return this.#file;
  }

  /** Number of undo records held (0 when no savepoint is active). */
  get journalLength(): number {
    return this.#journal.length;
  }

  savepoint(label?: string): Savepoint {
    const sp: Savepoint = Object.freeze({ id: ++savepointIds, label });
    this.#savepoints.push({ sp, at: this.#journal.length });
    return sp;
  }

  /** Undoes every change made since sp. sp stays active; savepoints taken after it end. */
  rollbackTo(sp: Savepoint): void {
    const i = this.#indexOf(sp, 'rollbackTo');
    const at = this.#savepoints[i]!.at;
    this.#undoing = true;
    try {
      while (this.#journal.length > at) this.#undo(this.#journal.pop()!);
    } finally {
      this.#undoing = false;
    }
    this.#savepoints.length = i + 1;
  }

  /** Ends sp and every later savepoint, keeping their changes. */
  release(sp: Savepoint): void {
    const i = this.#indexOf(sp, 'release');
    this.#savepoints.length = i;
    if (i === 0) this.#journal = [];
  }

  /**
   * Writes the registry as it is now to `file` (default: the file it was opened from) through a
   * temp file + fsync + rename + directory fsync. Ends all savepoints. Commits run in call order.
   */
  async commit(file: string | undefined = this.#file): Promise<void> {
    if (file === undefined) throw new RegistryError('no-file', 'commit() needs a file: this store was not opened from one');
    const bytes = encodeStore(this._roots);
    this.#savepoints = [];
    this.#journal = [];
    const write = this.#writes.then(() => writeFileAtomic(file, bytes));
    this.#writes = write.catch(() => undefined);
    await write;
    this.#file = file;
  }

  #indexOf(sp: Savepoint, op: string): number {
    const i = this.#savepoints.findIndex((s) => s.sp === sp);
    if (i < 0) throw new SavepointError(`${op}: savepoint ${sp?.id}${sp?.label ? ` (${sp.label})` : ''} is not active in this store (released, rolled back past, or committed)`);
    return i;
  }

  #record(u: Undo): void {
    if (this.#savepoints.length && !this.#undoing) this.#journal.push(u);
  }

  protected override _onKeyCreated(root: number, comps: readonly string[], depth: number): void {
    if (this.#savepoints.length && !this.#undoing) this.#record({ kind: 'keyCreated', root, comps: depth === comps.length ? comps : comps.slice(0, depth) });
  }

  protected override _onValueSet(root: number, comps: readonly string[], index: number, previous: Slot | null): void {
    this.#record({ kind: 'valueSet', root, comps, index, previous });
  }

  protected override _onValueDeleted(root: number, comps: readonly string[], index: number, slot: Slot): void {
    this.#record({ kind: 'valueDeleted', root, comps, index, slot });
  }

  protected override _onKeyDeleted(root: number, parent: readonly string[], index: number, node: KeyNode): void {
    this.#record({ kind: 'keyDeleted', root, parent, index, node });
  }

  #undo(u: Undo): void {
    switch (u.kind) {
      case 'keyCreated':
        this._removeKey(u.root, u.comps);
        return;
      case 'valueSet': {
        const node = this._openForWrite(u.root, u.comps, false)!;
        if (u.previous) node.setSlotData(u.index, u.previous[1], u.previous[2], u.previous[3], u.previous[4]);
        else node.removeValue(u.index);
        return;
      }
      case 'valueDeleted':
        this._openForWrite(u.root, u.comps, false)!.insertSlot(u.index, u.slot);
        return;
      case 'keyDeleted':
        this._openForWrite(u.root, u.parent, false)!.insertKid(u.node, u.index);
        return;
    }
  }
}
