import { ByteArena } from '../model/arena.js';
import { ReadOnlyRegistryError } from '../model/errors.js';
import { parseKeyPath } from '../model/path.js';
import { Registry } from '../model/registry.js';
import type { RegFile } from './operations.js';
import { KeyRef, type ParseOptions, runParser } from './parser.js';
import { OperationCollector, RegistryApplier } from './sinks.js';

/**
 * Reads a .reg file (REGEDIT4, version 5 in UTF-16LE or ANSI, or Windows 3.1 REGEDIT) into the
 * list of operations it performs. Lenient by default, like `reg import`: a bad line is skipped
 * with a diagnostic in `warnings`; with `strict` the first such line throws RegSyntaxError.
 */
export function parseRegFile(input: Uint8Array, options: ParseOptions = {}): RegFile {
  const sink = new OperationCollector();
  const summary = runParser(input, options, sink, new ByteArena());
  return { ...summary, operations: sink.operations };
}

/** Performs a parsed file's operations on `target` in order, as `reg import` would. */
export function applyRegFile(target: Registry, file: RegFile): void {
  if (!(target instanceof Registry)) throw new ReadOnlyRegistryError('applyRegFile');
  const applier = new RegistryApplier(target);
  let lastPath = '';
  let ref: KeyRef | undefined;
  const keyRef = (path: string): KeyRef => {
    if (ref && path === lastPath) return ref;
    const p = parseKeyPath(path);
    lastPath = path;
    return (ref = new KeyRef(p.root, p.components));
  };
  for (const op of file.operations) {
    switch (op.kind) {
      case 'createKey':
        applier.createKey(keyRef(op.path));
        break;
      case 'deleteKey':
        applier.deleteKey(keyRef(op.path));
        ref = undefined;
        break;
      case 'setValue': {
        const [buf, off, len] = op.value.storage;
        applier.setValue(keyRef(op.path), op.value.name, op.value.type, buf, off, len);
        break;
      }
      case 'deleteValue':
        applier.deleteValue(keyRef(op.path), op.name);
        break;
    }
  }
}

export interface ImportOptions extends ParseOptions {
  /** Import into this registry (or store) instead of a new one. */
  into?: Registry;
}

/**
 * Parses and applies in one pass without building the operation list, so a large export costs
 * little more than its registry. `file.operations` is produced on first access by reading the
 * input again (the returned object keeps a reference to `input` for that).
 */
export function importRegFile(input: Uint8Array, options: ImportOptions = {}): { registry: Registry; file: RegFile } {
  const registry = options.into ?? new Registry();
  if (!(registry instanceof Registry)) throw new ReadOnlyRegistryError('importRegFile');
  const summary = runParser(input, options, new RegistryApplier(registry), registry._arena);
  let operations: RegFile['operations'] | undefined;
  const file = { ...summary } as RegFile;
  Object.defineProperty(file, 'operations', {
    enumerable: true,
    configurable: true,
    get: () => (operations ??= parseRegFile(input, { ...options, strict: false }).operations),
  });
  return { registry, file };
}
