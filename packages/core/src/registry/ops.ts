import { MAX_KEY_NAME, MAX_VALUE_NAME, RegValue, type Registry } from '@netmigrate/registry';

/**
 * What a post-upgrade hook did to its parameters key, in call order. Paths are relative to
 * the parameters key: '' is the key itself, deeper keys are their names joined with '\'.
 * Plain data, so the ops cross IPC from the sandbox child (the bytes as binary).
 */
export type RegistryWriteOp =
  | { readonly kind: 'createKey'; readonly path: string }
  | { readonly kind: 'deleteKey'; readonly path: string }
  | { readonly kind: 'setValue'; readonly path: string; readonly name: string; readonly type: number; readonly data: Uint8Array }
  | { readonly kind: 'deleteValue'; readonly path: string; readonly name: string };

/**
 * One change `applyRegistryOps` made, shaped like @netmigrate/setupapi's `Change` (without
 * the INF source): `index` is the op that caused it, `key` the key's full path as stored.
 */
export type AppliedChange =
  | { readonly op: 'create-key'; readonly index: number; readonly key: string }
  | { readonly op: 'delete-key'; readonly index: number; readonly key: string }
  | { readonly op: 'set-value'; readonly index: number; readonly key: string; readonly name: string; readonly value: RegValue; readonly previous: RegValue | undefined }
  | { readonly op: 'delete-value'; readonly index: number; readonly key: string; readonly name: string; readonly previous: RegValue };

/** An op list refused as a whole, before anything was applied. */
export class RegistryOpError extends TypeError {
  override readonly name = 'RegistryOpError';

  constructor(
    /** Position of the first bad op in the list. */
    readonly index: number,
    readonly reason: string,
  ) {
    super(`registry op ${index}: ${reason}`);
  }
}

/**
 * Why `name` cannot be one key name, or undefined. The registry model's rules (non-empty, at
 * most 256 characters, no '\' or NUL), and neither '.' nor '..': the registry would take them
 * literally, but nothing a plugin stores needs them and every path reader would stumble.
 */
export function keyNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `a key name must be a string, not ${describe(name)}`;
  if (name === '') return 'a key name cannot be empty';
  if (name.includes('\\')) return `key name ${quote(name)} contains "\\"; open or create one key at a time`;
  if (name === '.' || name === '..') return `key name ${quote(name)} is refused ("." and ".." are no key names here)`;
  if (name.length > MAX_KEY_NAME) return `key name is ${name.length} characters long; the limit is ${MAX_KEY_NAME}`;
  if (name.includes('\0')) return `key name ${quote(name)} contains a NUL character`;
  return undefined;
}

/** Why `name` cannot be a value name ('' is the default value), or undefined. */
export function valueNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `a value name must be a string, not ${describe(name)}`;
  if (name.length > MAX_VALUE_NAME) return `value name is ${name.length} characters long; the limit is ${MAX_VALUE_NAME}`;
  if (name.includes('\0')) return `value name ${quote(name)} contains a NUL character`;
  return undefined;
}

/** Any 32-bit type number is a legal value type (the registry keeps unknown ones as raw bytes). */
export function valueTypeProblem(type: unknown): string | undefined {
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 0 || type > 0xffffffff) {
    return `value type ${describe(type)} is not an integer 0..0xffffffff`;
  }
  return undefined;
}

export function valueDataProblem(data: unknown): string | undefined {
  return data instanceof Uint8Array ? undefined : `value data must be a Uint8Array, not ${describe(data)}`;
}

const OP_FIELDS: Record<RegistryWriteOp['kind'], readonly string[]> = {
  createKey: ['kind', 'path'],
  deleteKey: ['kind', 'path'],
  setValue: ['kind', 'path', 'name', 'type', 'data'],
  deleteValue: ['kind', 'path', 'name'],
};

/**
 * Checks ops that came from somewhere untrusted (the sandbox child, or any caller) and returns
 * clean copies. Throws RegistryOpError for the first op that is not exactly one of the four
 * shapes with valid names, type and data.
 */
export function validateRegistryOps(ops: unknown): RegistryWriteOp[] {
  if (!Array.isArray(ops)) throw new RegistryOpError(0, `the op list must be an array, not ${describe(ops)}`);
  return ops.map((raw: unknown, index) => {
    const fail = (reason: string): never => {
      throw new RegistryOpError(index, reason);
    };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`${describe(raw)} is not an op object`);
    const op = raw as Record<string, unknown>;
    const kind = op.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(OP_FIELDS, kind)) return fail(`unknown kind ${JSON.stringify(kind)}; expected createKey, deleteKey, setValue or deleteValue`);
    const fields = OP_FIELDS[kind as RegistryWriteOp['kind']];
    const extra = Object.keys(op).find((k) => !fields.includes(k));
    if (extra !== undefined) fail(`${kind} has an unknown field "${extra}"`);
    const pathProblem = relativePathProblem(op.path, kind !== 'deleteKey');
    if (pathProblem !== undefined) fail(`${kind}: ${pathProblem}`);
    const path = op.path as string;
    switch (kind) {
      case 'createKey':
      case 'deleteKey':
        return { kind, path };
      case 'deleteValue': {
        const p = valueNameProblem(op.name);
        if (p !== undefined) fail(`${kind}: ${p}`);
        return { kind, path, name: op.name as string };
      }
      default: {
        const p = valueNameProblem(op.name) ?? valueTypeProblem(op.type) ?? valueDataProblem(op.data);
        if (p !== undefined) fail(`${kind}: ${p}`);
        return { kind: 'setValue', path, name: op.name as string, type: op.type as number, data: Uint8Array.from(op.data as Uint8Array) };
      }
    }
  });
}

/** A '\'-joined list of key names; '' (the parameters key itself) only where `allowEmpty`. */
function relativePathProblem(path: unknown, allowEmpty: boolean): string | undefined {
  if (typeof path !== 'string') return `path must be a string, not ${describe(path)}`;
  if (path === '') return allowEmpty ? undefined : 'path is empty; the parameters key itself cannot be deleted';
  for (const name of path.split('\\')) {
    const p = keyNameProblem(name);
    if (p !== undefined) return `path ${quote(path)}: ${p}`;
  }
  return undefined;
}

/**
 * Replays a post-upgrade hook's ops on the target registry below `baseKeyPath` (the component's
 * parameters key, full path such as `HKLM\SYSTEM\…\0007`). Every op is validated first, so a
 * bad list changes nothing. A key a setValue or createKey needs is created, with its parents,
 * when missing (the hook saw it, so it existed there); deleting what is absent changes nothing.
 * Returns the changes made, in order. Errors of the registry itself (a read-only snapshot, a
 * path too long for it) propagate: use a RegistryStore savepoint to undo a partial replay.
 */
export function applyRegistryOps(registry: Registry, baseKeyPath: string, ops: readonly RegistryWriteOp[]): AppliedChange[] {
  const valid = validateRegistryOps(ops);
  // Refuses an unknown root or a malformed base path before anything changes.
  registry.key(baseKeyPath);
  const changes: AppliedChange[] = [];
  const full = (path: string) => (path === '' ? baseKeyPath : `${baseKeyPath}\\${path}`);

  const ensureKey = (path: string, index: number): string => {
    const target = full(path);
    const existing = registry.key(target);
    if (existing !== undefined) return existing.path;
    // Every missing level (parents of the base key included) is reported once, top down.
    const parts = target.split('\\').filter((p) => p !== '');
    const levels = parts.map((_, i) => parts.slice(0, i + 1).join('\\'));
    const firstMissing = levels.findIndex((level) => registry.key(level) === undefined);
    const created = registry.createKey(target);
    for (const level of levels.slice(firstMissing)) changes.push({ op: 'create-key', index, key: (registry.key(level) ?? created).path });
    return created.path;
  };

  valid.forEach((op, index) => {
    switch (op.kind) {
      case 'createKey':
        ensureKey(op.path, index);
        break;
      case 'deleteKey': {
        const key = registry.key(full(op.path));
        if (key !== undefined && registry.deleteKey(full(op.path))) changes.push({ op: 'delete-key', index, key: key.path });
        break;
      }
      case 'setValue': {
        const keyPath = ensureKey(op.path, index);
        const previous = registry.key(keyPath)?.value(op.name);
        const value = RegValue.raw(op.name, op.type, op.data);
        registry.setValue(keyPath, value);
        changes.push({ op: 'set-value', index, key: keyPath, name: previous?.name ?? op.name, value, previous });
        break;
      }
      case 'deleteValue': {
        const key = registry.key(full(op.path));
        const previous = key?.value(op.name);
        if (key !== undefined && previous !== undefined && registry.deleteValue(key.path, op.name)) {
          changes.push({ op: 'delete-value', index, key: key.path, name: previous.name, previous });
        }
        break;
      }
    }
  });
  return changes;
}

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'object') return `a ${typeof v}`;
  const ctor = (v as object).constructor?.name;
  return ctor === undefined || ctor === 'Object' ? 'an object' : `a ${ctor}`;
}
