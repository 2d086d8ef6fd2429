// %strkey% substitution, done at read time as SetupGetStringField does: one level only,
// `%%` → `%`, keys looked up case-insensitively in [Strings] / [Strings.<LangID>], numeric
// tokens handed to a DIRID resolver, anything unknown kept verbatim.

import { BACKSLASH, foldCase } from './chars.js';

/** What substitution needs from a document (InfDocument satisfies it). */
export interface StringSource {
  readonly version: number;
  sections(): ReadonlyArray<{
    readonly name: string;
    lines(): ReadonlyArray<{ readonly key: string | null; readonly fields: readonly string[] }>;
  }>;
}

export interface SubstituterOptions {
  /**
   * LANGID of the [Strings.<LangID>] section to prefer, as 4 hex digits (`'0409'`) or a
   * number. Without it only the undecorated [Strings] section is used.
   */
  lang?: string | number | undefined;
  /** Directory for a numeric %DIRID% token (e.g. 11 → `C:\WINNT\system32`); undefined keeps the token. */
  dirid?: ((id: number) => string | undefined) | undefined;
}

export interface Substituter {
  /** The string SetupAPI returns for a raw key or field. */
  substitute(raw: string): string;
  /** Value of a string key through the language fallback chain, or undefined. */
  lookup(key: string): string | undefined;
  /** Names of the strings sections consulted, most preferred first. */
  readonly chain: readonly string[];
}

type Table = Map<string, string>;

const STRINGS_SECTION = /^strings(?:\.([0-9a-f]{1,4}))?$/;
const NUMERIC = /^[+-]?[0-9]+$/;

export function parseLangId(lang: string | number): number {
  if (typeof lang === 'number') {
    if (!Number.isInteger(lang) || lang < 0 || lang > 0xffff) throw new RangeError(`LANGID ${lang} is not a 16-bit number`);
    return lang;
  }
  const m = /^(?:0x)?([0-9a-f]{1,4})$/i.exec(lang.trim());
  if (!m) throw new RangeError(`LANGID "${lang}" is not 1-4 hex digits (e.g. 0409)`);
  return parseInt(m[1] ?? '0', 16);
}

function buildTable(lines: ReadonlyArray<{ readonly key: string | null; readonly fields: readonly string[] }>): Table {
  const table: Table = new Map();
  for (const line of lines) {
    if (line.key === null || line.fields.length === 0) continue;
    const k = foldCase(line.key);
    // SetupAPI finds the first matching line.
    if (!table.has(k)) table.set(k, line.fields[0] ?? '');
  }
  return table;
}

interface StringsSections {
  undecorated: { name: string; table: Table } | undefined;
  localized: { name: string; langId: number; table: Table }[];
}

function collect(doc: StringSource): StringsSections {
  const out: StringsSections = { undecorated: undefined, localized: [] };
  for (const s of doc.sections()) {
    const m = STRINGS_SECTION.exec(foldCase(s.name));
    if (!m) continue;
    const table = buildTable(s.lines());
    if (m[1] === undefined) out.undecorated = { name: s.name, table };
    else out.localized.push({ name: s.name, langId: parseInt(m[1], 16), table });
  }
  return out;
}

/**
 * Preference order for a LANGID (spec §9.1): exact → primary language with
 * SUBLANG_NEUTRAL → same primary language, any sublanguage (file order) → [Strings].
 * A key missing from a preferred section is looked up in the next one.
 */
function chainFor(all: StringsSections, lang: number | undefined): { name: string; table: Table }[] {
  const chain: { name: string; table: Table }[] = [];
  if (lang !== undefined) {
    const primary = lang & 0x3ff;
    const exact = all.localized.find((s) => s.langId === lang);
    const neutral = all.localized.find((s) => s.langId === primary);
    if (exact) chain.push(exact);
    if (neutral && neutral !== exact) chain.push(neutral);
    for (const s of all.localized) if ((s.langId & 0x3ff) === primary && s !== exact && s !== neutral) chain.push(s);
  }
  if (all.undecorated) chain.push(all.undecorated);
  return chain;
}

/** Substitute `%…%` tokens in `raw` using `lookup` for names and `dirid` for numbers. */
export function substituteWith(
  raw: string,
  lookup: (foldedName: string) => string | undefined,
  dirid: ((id: number) => string | undefined) | undefined,
): string {
  if (raw.indexOf('%') < 0) return raw;
  let out = '';
  let start = 0;
  for (;;) {
    const open = raw.indexOf('%', start);
    if (open < 0) return out + raw.slice(start);
    out += raw.slice(start, open);
    const close = raw.indexOf('%', open + 1);
    // An unmatched `%` and the rest stay as they are.
    if (close < 0) return out + raw.slice(open);
    const name = raw.slice(open + 1, close);
    let value: string | undefined;
    if (name === '') value = '%';
    else {
      value = lookup(foldCase(name));
      if (value === undefined && dirid && NUMERIC.test(name)) {
        value = dirid(parseInt(name, 10));
        // A directory ending in `\` merges with a `\` that follows the token.
        if (value !== undefined && value.endsWith('\\') && raw.charCodeAt(close + 1) === BACKSLASH) value = value.slice(0, -1);
      }
    }
    out += value ?? raw.slice(open, close + 1);
    start = close + 1;
  }
}

/** `%name%` tokens of `raw` that are neither `%%`, numeric, nor accepted by `known`. */
export function unknownTokens(raw: string, known: (foldedName: string) => boolean): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const open = raw.indexOf('%', start);
    if (open < 0) return out;
    const close = raw.indexOf('%', open + 1);
    if (close < 0) return out;
    const name = raw.slice(open + 1, close);
    if (name !== '' && !NUMERIC.test(name) && !known(foldCase(name))) out.push(name);
    start = close + 1;
  }
}

/** Every string key defined in any strings section (for lint). */
export function allStringKeys(doc: StringSource): Set<string> {
  const all = collect(doc);
  const keys = new Set<string>();
  for (const s of [...(all.undecorated ? [all.undecorated] : []), ...all.localized]) for (const k of s.table.keys()) keys.add(k);
  return keys;
}

export function createSubstituter(doc: StringSource, options: SubstituterOptions = {}): Substituter {
  const lang = options.lang === undefined ? undefined : parseLangId(options.lang);
  let version = -1;
  let chain: { name: string; table: Table }[] = [];
  const refresh = (): void => {
    // The document may have been edited since; string tables follow it.
    if (doc.version === version) return;
    chain = chainFor(collect(doc), lang);
    version = doc.version;
  };
  const lookup = (folded: string): string | undefined => {
    for (const s of chain) {
      const v = s.table.get(folded);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return {
    substitute(raw: string): string {
      refresh();
      return substituteWith(raw, lookup, options.dirid);
    },
    lookup(key: string): string | undefined {
      refresh();
      return lookup(foldCase(key));
    },
    get chain(): readonly string[] {
      refresh();
      return chain.map((s) => s.name);
    },
  };
}
