import { Registry, RegValue } from '@netmigrate/registry';
import fc from 'fast-check';
import { applyRegistryOps, type RegistryWriteOp } from '../ops.js';
import { treeFromView, type RegistryTreeData } from '../tree.js';

export const PARAMS_PATH = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0007';

/** Copies plain data into `registry` at `path` (the key is created; values and subkeys in order). */
export function fillRegistry(registry: Registry, path: string, tree: RegistryTreeData): void {
  registry.createKey(path);
  for (const v of tree.values) registry.setValue(path, RegValue.raw(v.name, v.type, v.data));
  for (const k of tree.subkeys) fillRegistry(registry, `${path}\\${k.name}`, k);
}

/** `initial` at PARAMS_PATH in a fresh registry, then the ops replayed: what the engine will write. */
export function replay(initial: RegistryTreeData, ops: readonly RegistryWriteOp[]): { tree: RegistryTreeData; registry: Registry } {
  const registry = new Registry();
  fillRegistry(registry, PARAMS_PATH, initial);
  applyRegistryOps(registry, PARAMS_PATH, ops);
  const key = registry.key(PARAMS_PATH);
  if (key === undefined) throw new Error('the parameters key vanished');
  return { tree: treeFromView(key), registry };
}

// Names that fold together the way the registry folds them (a/A, é/É) and ones that must not
// (KELVIN SIGN vs k), plus names no key can have, which the view must refuse and not record.
const KEY_NAMES = ['a', 'A', 'b', 'Sub', 'SUB', 'k', 'K', '\u212a', 'é', 'É'];
const BAD_KEY_NAMES = ['', 'a\\b', '..', '.', 'x\0'];
const VALUE_NAMES = ['', 'v', 'V', 'w', 'ß', 'SS', '\u212a', 'k'];

const keyName = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...KEY_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_KEY_NAMES) });
const valueName = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...VALUE_NAMES) }, { weight: 1, arbitrary: fc.constant('bad\0') });
const bytes = fc.uint8Array({ maxLength: 6 });

/** Plain data for a script step; byte arrays travel as { bytes } so the step survives JSON. */
export type ScriptArg = string | number | readonly string[] | { readonly bytes: readonly number[] };
export interface ScriptStep {
  /** Index into the handles opened so far (modulo their count); 0 is the parameters key. */
  readonly key: number;
  readonly call: 'setValue' | 'setString' | 'setDword' | 'setMultiString' | 'deleteValue' | 'createSubkey' | 'openSubkey' | 'deleteSubkey';
  readonly args: readonly ScriptArg[];
}

const asBytes = (b: Uint8Array) => ({ bytes: [...b] });

export const scriptStep: fc.Arbitrary<ScriptStep> = fc.record({ key: fc.nat({ max: 7 }) }).chain(({ key }) =>
  fc.oneof(
    fc.tuple(valueName, fc.constantFrom(0, 1, 3, 4, 7, 0x12345678), bytes).map(([n, t, b]): ScriptStep => ({ key, call: 'setValue', args: [n, t, asBytes(b)] })),
    fc.tuple(valueName, fc.string({ maxLength: 4 })).map(([n, s]): ScriptStep => ({ key, call: 'setString', args: [n, s] })),
    fc.tuple(valueName, fc.integer({ min: -1, max: 2 ** 32 })).map(([n, d]): ScriptStep => ({ key, call: 'setDword', args: [n, d] })),
    fc.tuple(valueName, fc.array(fc.constantFrom('x', 'yz', ''), { maxLength: 3 })).map(([n, l]): ScriptStep => ({ key, call: 'setMultiString', args: [n, l] })),
    valueName.map((n): ScriptStep => ({ key, call: 'deleteValue', args: [n] })),
    keyName.map((n): ScriptStep => ({ key, call: 'createSubkey', args: [n] })),
    keyName.map((n): ScriptStep => ({ key, call: 'openSubkey', args: [n] })),
    keyName.map((n): ScriptStep => ({ key, call: 'deleteSubkey', args: [n] })),
  ),
);

/** Initial content of the parameters key: up to two levels, names unique as the registry makes them. */
export const initialTree: fc.Arbitrary<RegistryTreeData> = fc
  .array(
    fc.record({
      path: fc.array(fc.constantFrom(...KEY_NAMES), { maxLength: 2 }),
      value: fc.option(fc.tuple(fc.constantFrom(...VALUE_NAMES), fc.constantFrom(1, 3, 4), bytes), { nil: undefined }),
    }),
    { maxLength: 8 },
  )
  .map((entries) => {
    const registry = new Registry();
    registry.createKey(PARAMS_PATH);
    for (const { path, value } of entries) {
      const full = [PARAMS_PATH, ...path].join('\\');
      registry.createKey(full);
      if (value !== undefined) registry.setValue(full, RegValue.raw(value[0], value[1], value[2]));
    }
    return treeFromView(registry.key(PARAMS_PATH) as NonNullable<ReturnType<Registry['key']>>);
  });

export const toArg = (a: ScriptArg): unknown => (a !== null && typeof a === 'object' && 'bytes' in a ? new Uint8Array(a.bytes) : a);
