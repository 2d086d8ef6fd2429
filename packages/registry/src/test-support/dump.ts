// Plain-data views of a registry for assertions.
import type { RegistryBase, RegistryKeyView } from '../model/registry.js';
import { hexBytes } from '../model/utf16.js';
import { compareNames } from '../model/fold.js';

export interface KeyDump {
  name: string;
  values: [name: string, type: number, hex: string][];
  kids: KeyDump[];
}

function dumpKey(k: RegistryKeyView, sortKids: boolean): KeyDump {
  const kids = k.subkeys().map((s) => dumpKey(s, sortKids));
  if (sortKids) kids.sort((a, b) => compareNames(a.name, b.name));
  return { name: k.name, values: k.values().map((v) => [v.name, v.type, hexBytes(v.data)]), kids };
}

/** Every root, keys in creation order (or sorted by name with sortKids), values in creation order. */
export function dump(reg: RegistryBase, sortKids = false): KeyDump[] {
  return reg.roots().map((r) => dumpKey(r, sortKids));
}
