// Reading the adapter's NT 4.0 parameters with messages that name the key and the value: a
// vendor support call starts from that message.

import type { RegistryKeyView } from '@netmigrate/core';

const REG_SZ = 1;
const REG_DWORD = 4;
const TYPE_NAMES: Record<number, string> = { 0: 'REG_NONE', 1: 'REG_SZ', 2: 'REG_EXPAND_SZ', 3: 'REG_BINARY', 4: 'REG_DWORD', 5: 'REG_DWORD_BIG_ENDIAN', 7: 'REG_MULTI_SZ', 11: 'REG_QWORD' };

export class BadParameterError extends Error {
  override readonly name = 'BadParameterError';
}

const typeName = (t: number) => TYPE_NAMES[t] ?? `type ${t}`;

/** A REG_SZ value, or undefined when absent. */
export function readString(key: RegistryKeyView, name: string): string | undefined {
  const v = key.value(name);
  if (v === undefined) return undefined;
  if (v.type !== REG_SZ) throw new BadParameterError(`${key.path} ${name} is ${typeName(v.type)}; the TernLink driver writes it as REG_SZ`);
  return v.asString();
}

/** A REG_DWORD value, or undefined when absent. */
export function readDword(key: RegistryKeyView, name: string): number | undefined {
  const v = key.value(name);
  if (v === undefined) return undefined;
  if (v.type !== REG_DWORD || v.data.length !== 4) {
    const what = v.type === REG_DWORD ? `a REG_DWORD of ${v.data.length} bytes` : typeName(v.type);
    throw new BadParameterError(`${key.path} ${name} is ${what}; the TernLink driver writes it as REG_DWORD`);
  }
  return v.asDword();
}

/** Subkeys named by a decimal number (`0`, `1`, …), in numeric order: ISDN lines and B channels. */
export function numberedSubkeys(key: RegistryKeyView): RegistryKeyView[] {
  return key
    .subkeys()
    .filter((k) => /^\d+$/.test(k.name))
    .sort((a, b) => Number(a.name) - Number(b.name));
}
