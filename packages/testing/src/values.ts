// Registry values written as plain data in fixtures: a string is REG_SZ, an integer REG_DWORD,
// a bigint REG_QWORD, a string array REG_MULTI_SZ, bytes REG_BINARY, and a nested object a
// subkey. Other types (REG_EXPAND_SZ, big-endian DWORDs, raw types) go through `reg.*`.

import {
  REG_BINARY, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_EXPAND_SZ, REG_MULTI_SZ, REG_QWORD, REG_SZ, RegValue,
} from '@netmigrate/registry';

/** A value whose type is not the one its JavaScript form implies. Create it with `reg.*`. */
export class TypedData {
  /** @internal */
  constructor(
    readonly type: number,
    private readonly make: (name: string) => RegValue,
  ) {}

  /** The registry value this data becomes under `name`. */
  toValue(name: string): RegValue {
    return this.make(name);
  }
}

/** What a fixture value may be. */
export type RegData = string | number | bigint | readonly string[] | Uint8Array | TypedData;

/** A key's values and subkeys: data → a value, a plain object → a subkey. */
export interface RegTree {
  readonly [name: string]: RegData | RegTree;
}

/** Explicitly typed values for fixtures. */
export const reg = {
  sz: (s: string) => new TypedData(REG_SZ, (n) => RegValue.sz(n, s)),
  expandSz: (s: string) => new TypedData(REG_EXPAND_SZ, (n) => RegValue.expandSz(n, s)),
  multiSz: (list: readonly string[]) => new TypedData(REG_MULTI_SZ, (n) => RegValue.multiSz(n, [...list])),
  dword: (v: number) => new TypedData(REG_DWORD, (n) => RegValue.dword(n, v)),
  /** REG_DWORD_BIG_ENDIAN: the 4 bytes most significant first. */
  dwordBigEndian: (v: number) => new TypedData(REG_DWORD_BIG_ENDIAN, (n) => RegValue.raw(n, REG_DWORD_BIG_ENDIAN, bigEndian(v))),
  qword: (v: bigint) => new TypedData(REG_QWORD, (n) => RegValue.qword(n, v)),
  binary: (bytes: Uint8Array | readonly number[]) => new TypedData(REG_BINARY, (n) => RegValue.binary(n, Uint8Array.from(bytes))),
  /** Any type number with the bytes exactly as given. */
  raw: (type: number, bytes: Uint8Array | readonly number[]) => new TypedData(type, (n) => RegValue.raw(n, type, Uint8Array.from(bytes))),
} as const;

/** A fixture value that cannot become a registry value. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

function bigEndian(v: number): Uint8Array {
  checkDword(v, 'the value');
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v >>> 0, false);
  return out;
}

function checkDword(v: number, where: string): void {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) {
    throw new FixtureError(`${where} is ${v}, which is no 32-bit integer (REG_DWORD); use reg.qword(…n) or a string`);
  }
}

export function isTypedData(v: unknown): v is TypedData {
  return v instanceof TypedData;
}

/** True for data (a value), false for a nested object (a subkey). */
export function isRegData(v: RegData | RegTree): v is RegData {
  return (
    typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || Array.isArray(v) || v instanceof Uint8Array || v instanceof TypedData
  );
}

/** The value `name` holds `data`; `where` names it in errors (the key path and value name). */
export function toRegValue(name: string, data: RegData, where: string): RegValue {
  try {
    if (data instanceof TypedData) return data.toValue(name);
    if (typeof data === 'string') return RegValue.sz(name, data);
    if (typeof data === 'number') {
      checkDword(data, where);
      return RegValue.dword(name, data);
    }
    if (typeof data === 'bigint') return RegValue.qword(name, data);
    if (data instanceof Uint8Array) return RegValue.binary(name, data);
    if (Array.isArray(data)) {
      const list = data as readonly unknown[];
      const bad = list.findIndex((s) => typeof s !== 'string');
      if (bad >= 0) throw new FixtureError(`${where}: item ${bad} of the list is not a string (a REG_MULTI_SZ holds strings only)`);
      return RegValue.multiSz(name, list as string[]);
    }
  } catch (e) {
    if (e instanceof FixtureError) throw e;
    throw new FixtureError(`${where}: ${(e as Error).message}`);
  }
  throw new FixtureError(`${where}: ${describe(data)} is not registry data (use a string, an integer, a bigint, a string array, a Uint8Array or reg.*)`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return `an object of class ${(v as object).constructor?.name ?? 'null'}`;
  return `a ${typeof v}`;
}

/** A plain object (not data): a subkey. Anything else that is not data is refused. */
export function isRegTree(v: unknown): v is RegTree {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
