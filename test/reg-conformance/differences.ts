// The deliberate differences between @netmigrate/registry and Wine 8's reg import/export.
// Nothing else may differ. Each entry is checked to be exactly the stated difference (a rule
// that explains a pair of value entries must reproduce Wine's text from ours), and the plain
// test fails if an entry is no longer needed by any case. docs/conformance.md explains them.

import type { ParseOptions } from '@netmigrate/registry';
import { hasBom, regText } from './text.js';

/** One value line (with its continuation lines) of a reg export. */
export interface ValueEntry {
  /** Value name ('' for @). */
  name: string;
  /** `"name"=` or `@=`. */
  head: string;
  /** The whole entry, CRLF between its lines. */
  text: string;
}

/** The data part of an entry with continuations joined: `dword:...`, `hex(4):01,02`, `"text"`. */
export function entryData(e: ValueEntry): string {
  return e.text.slice(e.head.length).replace(/\\\r\n {2}/g, '');
}

function hexList(s: string): number[] {
  return s === '' ? [] : s.split(',').map((x) => parseInt(x, 16));
}

function escapeLikeWine(s: string): string {
  return s.replace(/[\\"\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
}

export interface ValueDifference {
  id: string;
  reason: string;
  /** True when Wine's entry is exactly what Wine derives from the data our entry keeps. */
  matches(wine: ValueEntry, ours: ValueEntry): boolean;
}

export const VALUE_DIFFERENCES: readonly ValueDifference[] = [
  {
    id: 'dword-not-4-bytes',
    reason:
      'A REG_DWORD whose data is not 4 bytes long (only hex(4) can make one). Wine 8 reg export still writes dword:%08x from ' +
      'the first 4 bytes, so the rest is lost (and for 1-3 bytes it prints stale memory). We write hex(4):<all bytes>, ' +
      'which reads back unchanged.',
    matches(wine, ours) {
      const w = /^dword:([0-9a-f]{8})$/.exec(entryData(wine));
      const o = /^hex\(4\):([0-9a-f,]*)$/.exec(entryData(ours));
      if (!w || !o) return false;
      const bytes = hexList(o[1]!);
      if (bytes.length <= 4) return false;
      const first4 = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
      return first4 === parseInt(w[1]!, 16);
    },
  },
  {
    id: 'sz-not-plain-string',
    reason:
      'A REG_SZ that "..." cannot reproduce: a NUL inside the string, or no data at all (hex(1): with no bytes). Wine 8 ' +
      'writes "..." anyway, cut at the first NUL and dropping the last code unit, so reading it back gives other data. ' +
      'We write hex(1):<all bytes>, which reads back unchanged.',
    matches(wine, ours) {
      const w = /^"(.*)"$/s.exec(entryData(wine));
      const o = /^hex\(1\):([0-9a-f,]*)$/.exec(entryData(ours));
      if (!w || !o) return false;
      const bytes = hexList(o[1]!);
      // Wine: size/2 - 1 code units, stopping at the first NUL.
      const units: number[] = [];
      for (let i = 0; i + 1 < bytes.length; i += 2) units.push(bytes[i]! | (bytes[i + 1]! << 8));
      units.pop();
      const cut = units.indexOf(0);
      const text = String.fromCharCode(...(cut < 0 ? units : units.slice(0, cut)));
      return escapeLikeWine(text) === w[1];
    },
  },
];

export interface ParseOptionDifference {
  id: string;
  reason: string;
  /** Whether the file is one the difference is about. */
  applies(input: Uint8Array): boolean;
  /** Options that make our reader do what Wine 8 does. */
  options: ParseOptions;
}

export const PARSE_OPTION_DIFFERENCES: readonly ParseOptionDifference[] = [
  {
    id: 'hex-strings-by-header',
    reason:
      'hex(1)/hex(2)/hex(7) bytes in a file whose header and encoding disagree (a version-5 header in an ANSI file, ' +
      'or REGEDIT4 in a UTF-16 file). Windows reads them by the header (version 5: UTF-16LE code units; REGEDIT4: ' +
      'code-page bytes), which is what regedit-made files such as the SideShow sample need; Wine 8 reads them by the ' +
      "file's encoding. We follow Windows by default; hexStrings: 'by-encoding' gives Wine's reading, and the case must " +
      'then match Wine completely.',
    applies(input) {
      const head = regText(input.subarray(0, 200)).split(/\r\n|\r|\n/)[0]?.replace(/^[ \t]+/, '') ?? '';
      return hasBom(input) ? head === 'REGEDIT4' : head === 'Windows Registry Editor Version 5.00';
    },
    options: { hexStrings: 'by-encoding' },
  },
];

export const ALL_DIFFERENCE_IDS = [...VALUE_DIFFERENCES.map((d) => d.id), ...PARSE_OPTION_DIFFERENCES.map((d) => d.id)];
