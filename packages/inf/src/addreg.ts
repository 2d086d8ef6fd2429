// Typed readers for field values (SetupGetIntField / SetupGetBinaryField /
// SetupGetMultiSzField semantics) and add-registry / del-registry section entries.
// Inputs are fields after string substitution.

import { foldCase } from './chars.js';
import { InfFieldError } from './diagnostics.js';

// Flags of add-registry-section entries (spec §9.2, setupapi.h).
export const FLG_ADDREG_BINVALUETYPE = 0x00000001;
export const FLG_ADDREG_NOCLOBBER = 0x00000002;
export const FLG_ADDREG_DELVAL = 0x00000004;
export const FLG_ADDREG_APPEND = 0x00000008;
export const FLG_ADDREG_KEYONLY = 0x00000010;
export const FLG_ADDREG_OVERWRITEONLY = 0x00000020;
export const FLG_ADDREG_64BITKEY = 0x00001000;
export const FLG_ADDREG_KEYONLY_COMMON = 0x00002000;
export const FLG_ADDREG_32BITKEY = 0x00004000;
export const FLG_ADDREG_DELREG_BIT = 0x00008000;
export const FLG_ADDREG_TYPE_SZ = 0x00000000;
export const FLG_ADDREG_TYPE_MULTI_SZ = 0x00010000;
export const FLG_ADDREG_TYPE_EXPAND_SZ = 0x00020000;
export const FLG_ADDREG_TYPE_BINARY = 0x00000001;
export const FLG_ADDREG_TYPE_DWORD = 0x00010001;
export const FLG_ADDREG_TYPE_NONE = 0x00020001;
export const FLG_ADDREG_TYPE_QWORD = 0x000b0001;
export const FLG_ADDREG_TYPE_MASK = 0xffff0001;

// Flags of del-registry-section entries (spec §9.3).
export const FLG_DELREG_VALUE = 0x00000000;
export const FLG_DELREG_TYPE_MASK = FLG_ADDREG_TYPE_MASK;
export const FLG_DELREG_TYPE_SZ = FLG_ADDREG_TYPE_SZ;
export const FLG_DELREG_TYPE_MULTI_SZ = FLG_ADDREG_TYPE_MULTI_SZ;
export const FLG_DELREG_TYPE_EXPAND_SZ = FLG_ADDREG_TYPE_EXPAND_SZ;
export const FLG_DELREG_TYPE_BINARY = FLG_ADDREG_TYPE_BINARY;
export const FLG_DELREG_TYPE_DWORD = FLG_ADDREG_TYPE_DWORD;
export const FLG_DELREG_TYPE_NONE = FLG_ADDREG_TYPE_NONE;
export const FLG_DELREG_TYPE_QWORD = FLG_ADDREG_TYPE_QWORD;
export const FLG_DELREG_64BITKEY = FLG_ADDREG_64BITKEY;
export const FLG_DELREG_KEYONLY_COMMON = FLG_ADDREG_KEYONLY_COMMON;
export const FLG_DELREG_32BITKEY = FLG_ADDREG_32BITKEY;
export const FLG_DELREG_OPERATION_MASK = 0x000000fe;
export const FLG_DELREG_MULTI_SZ_DELSTRING = (FLG_DELREG_TYPE_MULTI_SZ | FLG_ADDREG_DELREG_BIT | 0x00000002) >>> 0;

// Registry value types (winnt.h).
export const REG_NONE = 0;
export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_DWORD_BIG_ENDIAN = 5;
export const REG_LINK = 6;
export const REG_MULTI_SZ = 7;
export const REG_RESOURCE_LIST = 8;
export const REG_FULL_RESOURCE_DESCRIPTOR = 9;
export const REG_RESOURCE_REQUIREMENTS_LIST = 10;
export const REG_QWORD = 11;

export type RegRoot = 'HKCR' | 'HKCU' | 'HKLM' | 'HKU' | 'HKR';
const ROOTS: ReadonlyMap<string, RegRoot> = new Map([
  ['hkcr', 'HKCR'],
  ['hkcu', 'HKCU'],
  ['hklm', 'HKLM'],
  ['hku', 'HKU'],
  ['hkr', 'HKR'],
]);

/**
 * SetupGetIntField: an empty field is 0; otherwise C `strtol(…, 0)` — optional leading
 * blanks and sign, `0x` hex, a leading `0` octal, else decimal — and nothing may follow.
 * Values outside the 32-bit range (signed or unsigned) are rejected rather than clamped.
 */
export function parseIntField(s: string, field?: number): number {
  if (s === '') return 0;
  const m = /^[\t\n\v\f\r ]*([+-]?)(?:(0[xX])([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (!m) throw new InfFieldError(`"${s}" is not an integer (decimal, 0x hex or 0-prefixed octal)`, field);
  const digits = m[3] ?? m[4] ?? m[5] ?? '0';
  const radix = m[3] !== undefined ? 16 : m[4] !== undefined ? 8 : 10;
  const magnitude = parseInt(digits, radix);
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (!(value >= -0x80000000 && value <= 0xffffffff)) throw new InfFieldError(`"${s}" does not fit in 32 bits`, field);
  return value;
}

/** Value of a hex digit, or -1. */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** C `wcstoul(…, 0)` as SetupAPI uses it for REG_DWORD data: parses a prefix, never fails, wraps to 32 bits. */
export function parseUlongLenient(s: string): number {
  // The usual forms, `123` and `0x1F` (up to 8 digits, so no saturation), without the regex.
  const n = s.length;
  if (n > 0 && n <= 9 && s.charCodeAt(0) >= 0x31 && s.charCodeAt(0) <= 0x39) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const d = s.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n) return v;
  } else if (n > 2 && n <= 10 && s.charCodeAt(0) === 0x30 && (s.charCodeAt(1) | 0x20) === 0x78) {
    let v = 0;
    let i = 2;
    for (; i < n; i++) {
      const d = hexDigit(s.charCodeAt(i));
      if (d < 0) break;
      v = v * 16 + d;
    }
    if (i === n) return v >>> 0;
  }
  const m = /^[\t\n\v\f\r ]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))?/.exec(s);
  if (!m) return 0;
  const digits = m[2] ?? m[3] ?? m[4];
  if (digits === undefined) return 0;
  const radix = m[2] !== undefined ? 16 : m[3] !== undefined ? 8 : 10;
  let v = parseInt(digits, radix);
  if (v > 0xffffffff) v = 0xffffffff; // strtoul saturates on overflow
  return (m[1] === '-' ? -v : v) >>> 0;
}

/** One SetupGetBinaryField byte: hex digits with an optional `0x`, value at most 0xFF; empty is 0. */
export function parseByteField(s: string, field?: number): number {
  if (s === '') return 0;
  // One or two hex digits, the usual form, without the regex.
  if (s.length <= 2) {
    const hi = hexDigit(s.charCodeAt(0));
    const lo = s.length === 2 ? hexDigit(s.charCodeAt(1)) : 0;
    if (hi >= 0 && lo >= 0) return s.length === 2 ? hi * 16 + lo : hi;
  }
  const m = /^(?:0[xX])?([0-9a-fA-F]+)$/.exec(s);
  if (!m) throw new InfFieldError(`"${s}" is not a hex byte`, field);
  const v = parseInt(m[1] ?? '', 16);
  if (v > 0xff) throw new InfFieldError(`"${s}" is larger than a byte (0x${v.toString(16)} > 0xff)`, field);
  return v;
}

/** SetupGetBinaryField: fields[from..] (0-based) as bytes. */
export function parseBinaryFields(fields: readonly string[], from = 0): Uint8Array {
  const out = new Uint8Array(Math.max(0, fields.length - from));
  for (let i = from; i < fields.length; i++) out[i - from] = parseByteField(fields[i] ?? '', i);
  return out;
}

/** SetupGetMultiSzField: fields[from..] up to (not including) the first empty one. */
export function parseMultiSzFields(fields: readonly string[], from = 0): string[] {
  const out: string[] = [];
  for (let i = from; i < fields.length; i++) {
    const f = fields[i] ?? '';
    if (f === '') break;
    out.push(f);
  }
  return out;
}

/** The registry type an AddReg flags value selects (spec §9.5: `flags & 0xFFFF0001`, else the high word). */
export function regTypeFromFlags(flags: number): number {
  switch ((flags & FLG_ADDREG_TYPE_MASK) >>> 0) {
    case FLG_ADDREG_TYPE_SZ:
      return REG_SZ;
    case FLG_ADDREG_TYPE_MULTI_SZ:
      return REG_MULTI_SZ;
    case FLG_ADDREG_TYPE_EXPAND_SZ:
      return REG_EXPAND_SZ;
    case FLG_ADDREG_TYPE_BINARY:
      return REG_BINARY;
    case FLG_ADDREG_TYPE_DWORD:
      return REG_DWORD;
    case FLG_ADDREG_TYPE_NONE:
      return REG_NONE;
    default:
      return flags >>> 16;
  }
}

const TYPE_NAMES: Record<number, string> = {
  [REG_NONE]: 'REG_NONE',
  [REG_SZ]: 'REG_SZ',
  [REG_EXPAND_SZ]: 'REG_EXPAND_SZ',
  [REG_BINARY]: 'REG_BINARY',
  [REG_DWORD]: 'REG_DWORD',
  [REG_DWORD_BIG_ENDIAN]: 'REG_DWORD_BIG_ENDIAN',
  [REG_LINK]: 'REG_LINK',
  [REG_MULTI_SZ]: 'REG_MULTI_SZ',
  [REG_RESOURCE_LIST]: 'REG_RESOURCE_LIST',
  [REG_FULL_RESOURCE_DESCRIPTOR]: 'REG_FULL_RESOURCE_DESCRIPTOR',
  [REG_RESOURCE_REQUIREMENTS_LIST]: 'REG_RESOURCE_REQUIREMENTS_LIST',
  [REG_QWORD]: 'REG_QWORD',
};

export function regTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `REG_0x${type.toString(16)}`;
}

export interface RegEntryBase {
  root: RegRoot;
  /** Empty means the root key itself. */
  subkey: string;
  /** `null` when the field is absent; empty means the default (unnamed) value. */
  valueName: string | null;
  /** Unsigned 32-bit flags (absent field = 0). */
  flags: number;
  /** Fields 5 onwards (data), unparsed. */
  values: string[];
}

export interface AddRegEntry extends RegEntryBase {
  /** Registry value type selected by the flags (REG_* number). */
  regType: number;
}

export interface DelRegEntry extends RegEntryBase {
  /** Flags as SetupAPI applies them in a DelReg section: 0 means FLG_ADDREG_DELREG_BIT. */
  effectiveFlags: number;
  /**
   * What the entry does (spec §9.3/§9.5): with a value name and without
   * FLG_DELREG_KEYONLY_COMMON the value (or, with FLG_DELREG_MULTI_SZ_DELSTRING, one string
   * of it) is deleted; otherwise the whole key.
   */
  operation: 'delete-key' | 'delete-value' | 'delete-multi-sz-string';
  /**
   * Wine skips DelReg lines whose non-zero flags lack FLG_ADDREG_DELREG_BIT (e.g. a bare
   * 0x00002000), although Windows documents those flags for DelReg. True for such lines.
   */
  wineIgnores: boolean;
}

function parseRoot(s: string): RegRoot {
  const root = ROOTS.get(foldCase(s));
  if (!root) throw new InfFieldError(`"${s}" is not a registry root (HKCR, HKCU, HKLM, HKU or HKR)`, 0);
  return root;
}

function parseCommon(fields: readonly string[], what: string): RegEntryBase {
  if (fields.length === 0) throw new InfFieldError(`${what} entry has no fields`);
  return {
    root: parseRoot(fields[0] ?? ''),
    subkey: fields[1] ?? '',
    valueName: fields.length > 2 ? (fields[2] ?? '') : null,
    flags: fields.length > 3 ? parseIntField(fields[3] ?? '', 3) >>> 0 : 0,
    values: fields.slice(4),
  };
}

/** `reg-root, [subkey], [value-entry-name], [flags], [value]…` from an add-registry section. */
export function parseAddRegLine(fields: readonly string[]): AddRegEntry {
  const base = parseCommon(fields, 'AddReg');
  return { ...base, regType: regTypeFromFlags(base.flags) };
}

/** `reg-root, subkey[, value-entry-name][, flags][, value]` from a del-registry section. */
export function parseDelRegLine(fields: readonly string[]): DelRegEntry {
  const base = parseCommon(fields, 'DelReg');
  const effectiveFlags = base.flags === 0 ? FLG_ADDREG_DELREG_BIT : base.flags;
  let operation: DelRegEntry['operation'];
  if (base.valueName && !(effectiveFlags & FLG_DELREG_KEYONLY_COMMON)) {
    operation = (effectiveFlags & FLG_DELREG_MULTI_SZ_DELSTRING) >>> 0 === FLG_DELREG_MULTI_SZ_DELSTRING ? 'delete-multi-sz-string' : 'delete-value';
  } else operation = 'delete-key';
  return { ...base, effectiveFlags, operation, wineIgnores: (effectiveFlags & FLG_ADDREG_DELREG_BIT) === 0 };
}

export type AddRegData =
  | { kind: 'string'; type: number; value: string }
  | { kind: 'multi-string'; type: number; value: string[] }
  | { kind: 'dword'; type: number; value: number }
  | { kind: 'binary'; type: number; value: Uint8Array };

/**
 * The data an AddReg entry writes (spec §9.5): the string path when the binary bit is clear,
 * or for REG_DWORD given as one field; otherwise fields are hex bytes (so a DWORD given as
 * four bytes is little-endian).
 */
export function addRegData(entry: AddRegEntry): AddRegData {
  const type = entry.regType;
  const binary = (entry.flags & FLG_ADDREG_BINVALUETYPE) !== 0;
  if (!binary || (type === REG_DWORD && entry.values.length === 1)) {
    if (type === REG_MULTI_SZ) return { kind: 'multi-string', type, value: parseMultiSzFields(entry.values) };
    if (type === REG_DWORD) return { kind: 'dword', type, value: parseUlongLenient(entry.values[0] ?? '') };
    return { kind: 'string', type, value: entry.values[0] ?? '' };
  }
  try {
    return { kind: 'binary', type, value: parseBinaryFields(entry.values) };
  } catch (e) {
    // Report the index within the whole line, not within the data fields.
    if (e instanceof InfFieldError && e.field !== undefined) throw new InfFieldError(e.message, e.field + 4);
    throw e;
  }
}
