import { TextDecoder } from 'node:util';

// Single-byte Windows code pages for REGEDIT4 / ANSI files, built from the WHATWG tables that
// Node's TextDecoder carries (windows-874 and windows-1250..1258 are the Windows ANSI pages;
// they match Windows' own tables except that bytes a page leaves undefined decode to U+FFFD).

export interface Codepage {
  /** WHATWG name, e.g. windows-1252. */
  readonly name: string;
  /** Byte -> UTF-16 code unit. */
  readonly toUnit: Uint16Array;
  /** UTF-16 code unit -> byte, or -1 when the page has no such character. */
  byteOf(unit: number): number;
}

const cache = new Map<string, Codepage>();

// Node's TextDecoder takes a Latin-1 shortcut for windows-1252 and so gets 0x80-0x9F wrong
// (0x80 must be U+20AC, as Wine and Windows read it). That row of the Unicode mapping table:
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

function label(codepage: string | number): string {
  const s = String(codepage).trim().toLowerCase();
  const m = /^(?:cp|windows-?|ms-?)?(\d+)$/.exec(s);
  if (m) return m[1] === '874' ? 'windows-874' : `windows-${m[1]}`;
  return s;
}

/** The code page for a name such as 1252, "cp1252", "windows-1250" or any single-byte WHATWG label. */
export function getCodepage(codepage: string | number = 'windows-1252'): Codepage {
  const key = label(codepage);
  const hit = cache.get(key);
  if (hit) return hit;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(key);
  } catch {
    throw new RangeError(`unknown code page "${codepage}"`);
  }
  const all = new Uint8Array(256).map((_, i) => i);
  const text = decoder.decode(all);
  if (text.length !== 256) throw new RangeError(`code page "${codepage}" (${decoder.encoding}) is not a single-byte code page`);
  const toUnit = new Uint16Array(256);
  for (let i = 0; i < 256; i++) toUnit[i] = text.charCodeAt(i);
  if (decoder.encoding === 'windows-1252') CP1252_80_9F.forEach((u, i) => (toUnit[0x80 + i] = u));
  let reverse: Int16Array | undefined;
  const cp: Codepage = {
    name: decoder.encoding,
    toUnit,
    byteOf(unit: number): number {
      if (!reverse) {
        reverse = new Int16Array(0x10000).fill(-1);
        // Go downwards so the lowest byte wins if two bytes share a character.
        for (let b = 255; b >= 0; b--) if (toUnit[b] !== 0xfffd) reverse[toUnit[b]!] = b;
      }
      return reverse[unit]!;
    },
  };
  cache.set(key, cp);
  return cp;
}
