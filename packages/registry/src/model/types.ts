// Registry value type numbers (winnt.h). Any other 32-bit number is a legal type too: it is kept
// as raw bytes and written as hex(N).
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

const NAMES = [
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_LINK',
  'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTOR', 'REG_RESOURCE_REQUIREMENTS_LIST', 'REG_QWORD',
] as const;

/** `REG_SZ` for 1, `REG_0x1234` for a type without a name. */
export function regTypeName(type: number): string {
  return NAMES[type] ?? `REG_0x${type.toString(16)}`;
}

/** Types whose data is UTF-16LE text that the .reg import NUL-terminates. */
export function isStringType(type: number): boolean {
  return type === REG_SZ || type === REG_EXPAND_SZ || type === REG_MULTI_SZ;
}

export function isValidType(type: number): boolean {
  return Number.isInteger(type) && type >= 0 && type <= 0xffffffff;
}
