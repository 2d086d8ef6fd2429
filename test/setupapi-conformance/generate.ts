// Seeded generator of SetupAPI AddReg/DelReg cases for the Wine conformance suite.
//
// Each case owns one root key (HKCU/HKLM\Software\NetmigrateSetupapiTest\<id>, a few under
// HKCR\NetmigrateSetupapiTest and HKU\.DEFAULT\Software\NetmigrateSetupapiTest), starts from a
// small random subtree there, and runs an install section whose AddReg/DelReg sections only
// name keys inside that root. The generator never predicts what SetupAPI does: the recorded
// Wine run is the oracle. A rough model of which keys and values exist only steers the picks
// (hit existing values often) and names the tags.
//
// Never generated, because Wine 8 then reads memory it never wrote (results change from run to
// run) or because the case would leave its own root (docs/conformance.md, "SetupAPI"):
//  - a binary byte field of 3+ significant hex digits (SetupGetBinaryField fails half way and
//    the half-filled buffer is stored);
//  - REG_DWORD binary data of 1-3 or 5+ bytes (reg export prints a stale 4-byte buffer);
//  - APPEND or a second DELSTRING on a value a DELSTRING rewrote (Wine stores it cut in half);
//  - multi-sz starting values that are empty (0 bytes) or hold an empty string;
//  - REG_LINK (type 6) flags, which Wine turns into a symbolic-link key;
//  - a deletion of a predefined root (HKCU with an empty subkey, ...).

import { REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_NONE, REG_QWORD, REG_SZ, RegValue, Registry, exportReg } from '@netmigrate/registry';
import { Prng, caseSeed } from '../reg-conformance/prng.js';
import type { DirectiveSpec, FieldSpec, InfModel, LineSpec, SectionSpec, SetupCase } from './model.js';
import { renderInf } from './model.js';

export const GENERATOR_SEED = 0x4e4d5341; // "NMSA"
export const GENERATED_CASES = 360;

type RootName = 'HKCU' | 'HKLM' | 'HKCR' | 'HKU';

/** Where each root's cases live: the INF subkey prefix below the root. */
const ROOT_BASES: Record<RootName, { full: string; base: string }> = {
  HKCU: { full: 'HKEY_CURRENT_USER', base: 'Software\\NetmigrateSetupapiTest' },
  HKLM: { full: 'HKEY_LOCAL_MACHINE', base: 'Software\\NetmigrateSetupapiTest' },
  HKCR: { full: 'HKEY_CLASSES_ROOT', base: 'NetmigrateSetupapiTest' },
  HKU: { full: 'HKEY_USERS', base: '.DEFAULT\\Software\\NetmigrateSetupapiTest' },
};

/** The parent keys of all cases (deleted and re-created before a Wine run). */
export const TEST_ROOTS: readonly string[] = Object.values(ROOT_BASES).map((r) => `${r.full}\\${r.base}`);

// Flags (spec §9.2, §9.3).
const BIN = 0x1;
const NOCLOBBER = 0x2;
const DELVAL = 0x4;
const APPEND = 0x8;
const KEYONLY = 0x10;
const OVERWRITEONLY = 0x20;
const BIT64 = 0x1000;
const KEYONLY_COMMON = 0x2000;
const BIT32 = 0x4000;
const DELREG_BIT = 0x8000;
const MULTI = 0x10000;
const EXPAND = 0x20000;
const DWORD = 0x10001;
const NONE = 0x20001;
const QWORD = 0xb0001;
const DELSTRING = 0x18002;

// ---------------------------------------------------------------------------------------------
// A rough model of the case's subtree: which keys and values exist (names folded to lower case).

class Tracker {
  /** folded relative path → spelled path and folded value name → [spelled name, type, multi-sz strings when known]. */
  readonly keys = new Map<string, { path: string; values: Map<string, TrackedValue> }>();
  /** folded `path\0name` of values a DELSTRING may have cut (never appended to or DELSTRINGed again). */
  readonly cut = new Set<string>();

  has(rel: string): boolean {
    return this.keys.has(fold(rel));
  }
  create(rel: string): void {
    const parts = rel === '' ? [] : rel.split('\\');
    for (let i = 0; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('\\');
      if (!this.keys.has(fold(p))) this.keys.set(fold(p), { path: p, values: new Map() });
    }
  }
  value(rel: string, name: string): TrackedValue | undefined {
    return this.keys.get(fold(rel))?.values.get(fold(name));
  }
  set(rel: string, name: string, type: number, list?: string[]): void {
    this.create(rel);
    const k = this.keys.get(fold(rel));
    const old = k?.values.get(fold(name));
    k?.values.set(fold(name), [old?.[0] ?? name, type, list]);
    this.cut.delete(`${fold(rel)}\0${fold(name)}`);
  }
  deleteValue(rel: string, name: string): void {
    this.keys.get(fold(rel))?.values.delete(fold(name));
  }
  deleteKey(rel: string): void {
    const f = fold(rel);
    for (const k of [...this.keys.keys()]) if (f === '' || k === f || k.startsWith(`${f}\\`)) this.keys.delete(k);
  }
  paths(): string[] {
    return [...this.keys.values()].map((k) => k.path);
  }
  valuesOf(rel: string): TrackedValue[] {
    return [...(this.keys.get(fold(rel))?.values.values() ?? [])];
  }
  /** Every REG_MULTI_SZ whose strings are known, with its key. */
  multis(): [string, TrackedValue][] {
    return [...this.keys.values()].flatMap((k) =>
      [...k.values.values()].filter((v) => v[1] === REG_MULTI_SZ && v[2] !== undefined && !this.cut.has(`${fold(k.path)}\0${fold(v[0])}`)).map((v) => [k.path, v] as [string, TrackedValue]),
    );
  }
}

type TrackedValue = [name: string, type: number, list: string[] | undefined];

function fold(s: string): string {
  return s.toLowerCase();
}

/** How Wine 8 compares multi-sz strings (msvcrt wcsicmp in the C locale: A-Z only). */
function wineFold(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Two strings equal for us (Unicode case folding) but not for Wine 8 (A-Z only). */
function foldsApart(a: string, b: string): boolean {
  return fold(a) === fold(b) && wineFold(a) !== wineFold(b);
}

function keyPathOf(ctx: Ctx, rel: string): string {
  return rel ? `${ctx.rootKey}\\${rel}` : ctx.rootKey;
}

// ---------------------------------------------------------------------------------------------
// Pools

const KEY_POOL = ['A', 'A\\B', 'A\\B\\C\\D\\E', 'Sub', 'New', 'New\\Deeper\\Deepest', 'Key One', 'x.y', 'a', 'SUB', 'a\\b', 'Ünï'];
const NAME_POOL = ['Value', 'Name', 'List', 'Filters', 'Dw', 'Bin', 'Text', 'v2', 'Spaced Name', 'a,b', 'semi;colon', 'say "hi"', 'pct%x', 'Ünï', 'LIST', 'value'];
const STRING_POOL = [
  'hello',
  'Hello World',
  'a,b,c',
  'x;y',
  'q"uote',
  '""',
  '%SystemRoot%\\System32\\drivers',
  'C:\\Program Files\\Netmigrate',
  'dir\\',
  'trailing ',
  ' leading',
  'ünïcødé ß',
  '0x10',
  '12',
  'NdisWan',
  'ndiswan',
  'Tcpip',
  '\\\\server\\share',
  '[brackets]',
  'equals=sign',
];
const UTF16_STRINGS = ['Ωmega', '日本語', 'Ŝtraße', 'Ärger', 'ärger', 'Ωμέγα'];
const MULTI_POOL = ['NdisWan', 'ndiswan', 'Tcpip', 'TCPIP', 'b', 'B', 'Ärger', 'ärger', 'x y', 'a,b'];
const NUMBER_POOL = ['0', '1', '42', '0x10', '0X1F', '010', '0777', '4294967295', '0xffffffff', '4294967296', '-1', '12abc', '', '+5', '0x', 'abc', ' 7', '2147483648', '0xDEADBEEF'];

interface Ctx {
  rng: Prng;
  id: string;
  root: RootName;
  /** INF subkey of the case root below its predefined root. */
  prefix: string;
  rootKey: string;
  /** HKR lines allowed (HKR = case root in our run, spelled out for Wine). */
  hkr: 'mapped' | 'unmapped' | 'none';
  utf16: boolean;
  state: Tracker;
  tags: Set<string>;
  strings: string[];
  stringKeys: number;
  sections: SectionSpec[];
  /** The strings the last multiData call wrote. */
  lastList: string[];
}

function tag(ctx: Ctx, ...t: string[]): void {
  for (const x of t) ctx.tags.add(x);
}

// ---------------------------------------------------------------------------------------------
// Fields

/** A literal: plain when that reads back the same, else quoted; `%` doubled, `"` doubled in quotes. */
function lit(ctx: Ctx, value: string, forceQuote = false): FieldSpec {
  const pct = value.replace(/%/g, '%%');
  if (value.includes('%')) tag(ctx, 'percent-escape');
  const plainOk = value !== '' && !/[,;"]/.test(value) && value.trim() === value && !value.endsWith('\\') && !/[\r\n]/.test(value);
  if (plainOk && !forceQuote && ctx.rng.chance(0.5)) return { src: pct };
  if (value.includes('"')) tag(ctx, 'quote-doubled');
  if (value.includes(',')) tag(ctx, 'quoted-comma');
  if (value.includes(';')) tag(ctx, 'quoted-semicolon');
  // Quotes may also sit inside a token: ab"c,d"e reads abc,de.
  if (plainOk && ctx.rng.chance(0.1) && value.length > 2) {
    tag(ctx, 'quote-inside-token');
    return { src: `${pct.slice(0, 1)}"${pct.slice(1).replace(/"/g, '""')}"` };
  }
  return { src: `"${pct.replace(/"/g, '""')}"` };
}

/** Defines a [Strings] key for `value` and returns `%key%` (letter case of the reference varies). */
function strkey(ctx: Ctx, value: string): string {
  const key = `Str${ctx.id}_${ctx.stringKeys++}`;
  ctx.strings.push(`${key} = "${value.replace(/"/g, '""')}"`);
  if (value.includes('%')) tag(ctx, 'strings-value-percent');
  tag(ctx, 'strkey');
  const ref = ctx.rng.chance(0.3) ? key.toUpperCase() : key;
  return `%${ref}%`;
}

/** A string field: literal, [Strings] key, or a mix. */
function strField(ctx: Ctx, value: string): FieldSpec {
  const r = ctx.rng.next();
  // A [Strings] value is inserted as written: a % in it stays.
  if (r < 0.15) return { src: strkey(ctx, value) };
  if (r < 0.2 && value.length > 3 && !value.includes('%') && !/[,;"]/.test(value) && value.trim() === value && !value.endsWith('\\')) {
    const cut = ctx.rng.int(1, value.length - 1);
    tag(ctx, 'strkey-mixed');
    return { src: `${value.slice(0, cut)}${strkey(ctx, value.slice(cut))}` };
  }
  return lit(ctx, value);
}

function randomString(ctx: Ctx): string {
  const r = ctx.rng.next();
  if (ctx.utf16 && r < 0.2) {
    tag(ctx, 'non-ansi-text');
    return ctx.rng.pick(UTF16_STRINGS);
  }
  if (r < 0.05) return '';
  return ctx.rng.pick(STRING_POOL);
}

/** Data for a string-typed value: absent, empty, or one or more string fields. */
function stringData(ctx: Ctx): FieldSpec[] {
  const r = ctx.rng.next();
  if (r < 0.08) {
    tag(ctx, 'data-absent');
    return [];
  }
  if (r < 0.14) {
    tag(ctx, 'data-empty');
    return [{ src: '' }];
  }
  if (r < 0.2) {
    tag(ctx, 'dirid');
    return [{ src: ctx.rng.pick(['%10%\\x.dll', '%11%', '"%11%\\drivers\\a.sys"', '%10%%11%', '%%10%%']) }];
  }
  if (r < 0.24) {
    tag(ctx, 'strkey-unknown');
    return [{ src: ctx.rng.pick(['%NoSuchKey%', '"%no such%"', 'a%b', '%']) }];
  }
  if (r < 0.3) {
    // A [Strings] value is inserted as written: its % signs stay, %% included.
    return [{ src: strkey(ctx, ctx.rng.pick(['100%', '%SystemRoot%\\x', 'a%%b'])) }];
  }
  if (r < 0.33) {
    tag(ctx, 'long-after-substitution');
    const k = strkey(ctx, 'L'.repeat(300));
    return [{ src: `${k}${k}` }];
  }
  const out = [strField(ctx, randomString(ctx))];
  if (ctx.rng.chance(0.1)) {
    tag(ctx, 'extra-fields');
    out.push(lit(ctx, 'ignored'));
  }
  return out;
}

/** Strings of a multi-sz data list as SetupGetMultiSzField reads them (up to the first empty field). */
function multiData(ctx: Ctx, fromExisting: string[] = []): FieldSpec[] {
  ctx.lastList = [];
  const n = ctx.rng.weighted([
    [0, 1],
    [1, 3],
    [2, 3],
    [3, 2],
    [4, 1],
  ] as const);
  const out: FieldSpec[] = [];
  for (let i = 0; i < n; i++) {
    const pool = fromExisting.length > 0 && ctx.rng.chance(0.5) ? fromExisting : MULTI_POOL;
    let s = ctx.rng.pick(pool);
    if (ctx.rng.chance(0.3)) s = ctx.rng.chance(0.5) ? s.toUpperCase() : s.toLowerCase();
    out.push(strField(ctx, s));
    ctx.lastList.push(s);
  }
  if (n === 0) tag(ctx, 'multi-no-strings');
  if (n >= 2 && ctx.rng.chance(0.15)) {
    tag(ctx, 'multi-empty-field-ends-list');
    out.splice(1, 0, { src: '' });
    ctx.lastList.splice(1);
  }
  if (n >= 1 && ctx.rng.chance(0.1)) {
    tag(ctx, 'trailing-comma');
    out.push({ src: '' });
  }
  return out;
}

function numberField(ctx: Ctx): FieldSpec {
  const s = ctx.rng.pick(NUMBER_POOL);
  if (/^0[xX]/.test(s)) tag(ctx, 'number-hex');
  else if (/^0[0-7]/.test(s)) tag(ctx, 'number-octal');
  else if (/^[1-9]/.test(s)) tag(ctx, 'number-decimal');
  if (ctx.rng.chance(0.1)) return { src: strkey(ctx, s) };
  if (ctx.rng.chance(0.2)) return { src: `"${s}"` };
  return { src: s };
}

/** One byte field as SetupGetBinaryField reads the same in Wine 8 and here. */
function byteField(ctx: Ctx): FieldSpec {
  const b = ctx.rng.int(0, 255);
  const r = ctx.rng.next();
  if (r < 0.05) {
    tag(ctx, 'byte-empty');
    return { src: '' };
  }
  if (r < 0.1 && b < 16) return { src: b.toString(16) };
  if (r < 0.15) {
    tag(ctx, 'byte-leading-zeros');
    return { src: `00${b.toString(16).padStart(2, '0')}` };
  }
  if (r < 0.3) return { src: b.toString(16).padStart(2, '0').toUpperCase() };
  return { src: b.toString(16).padStart(2, '0') };
}

function bytes(ctx: Ctx, n: number): FieldSpec[] {
  return Array.from({ length: n }, () => byteField(ctx));
}

/** Flags as written: hex (several spellings), decimal, octal, quoted, a [Strings] key; 0 also empty or absent. */
function flagsField(ctx: Ctx, flags: number): FieldSpec | null {
  const r = ctx.rng.next();
  if (flags === 0) {
    if (r < 0.25) {
      tag(ctx, 'flags-empty');
      return { src: '' };
    }
    if (r < 0.4) {
      tag(ctx, 'flags-absent');
      return null;
    }
  }
  if (r < 0.45) return { src: `0x${flags.toString(16).padStart(8, '0')}` };
  if (r < 0.6) return { src: `0x${flags.toString(16)}` };
  if (r < 0.65) return { src: `0X${flags.toString(16).toUpperCase()}` };
  if (r < 0.78) {
    tag(ctx, 'flags-decimal');
    return { src: String(flags) };
  }
  if (r < 0.85) {
    tag(ctx, 'flags-octal');
    return { src: `0${flags.toString(8)}` };
  }
  if (r < 0.92) {
    tag(ctx, 'flags-strkey');
    return { src: strkey(ctx, `0x${flags.toString(16)}`) };
  }
  return { src: `"0x${flags.toString(16)}"` };
}

// ---------------------------------------------------------------------------------------------
// Keys and names

function pickRel(ctx: Ctx, preferExisting = 0.6): string {
  const existing = ctx.state.paths();
  if (existing.length > 0 && ctx.rng.chance(preferExisting)) {
    const p = ctx.rng.pick(existing);
    tag(ctx, 'key-existing');
    return p;
  }
  const p = ctx.rng.chance(0.15) ? '' : ctx.rng.pick(KEY_POOL);
  if (!ctx.state.has(p)) tag(ctx, p.includes('\\') ? 'key-implicit-parents' : 'key-new');
  if (p.split('\\').length >= 3) tag(ctx, 'deep-subkey');
  return p;
}

/** A value name in `rel`: an existing one or one from the pool. */
function pickName(ctx: Ctx, rel: string, preferExisting = 0.5): string {
  const vals = ctx.state.valuesOf(rel);
  if (vals.length > 0 && ctx.rng.chance(preferExisting)) {
    const [name] = ctx.rng.pick(vals);
    // Another letter case finds the same value.
    return ctx.rng.chance(0.2) ? name.toUpperCase() : name;
  }
  if (ctx.utf16 && ctx.rng.chance(0.1)) return ctx.rng.pick(UTF16_STRINGS);
  return ctx.rng.pick(NAME_POOL);
}

/** Root and subkey fields for `rel` below the case root (HKR or the absolute root). */
function keyFields(ctx: Ctx, rel: string): { fields: FieldSpec[]; wine?: FieldSpec[] } {
  const useHkr = ctx.hkr !== 'none' && ctx.rng.chance(0.6);
  const absRoot = (): FieldSpec => {
    const r = ctx.rng.next();
    if (r < 0.1) tag(ctx, 'root-letter-case');
    return { src: r < 0.05 ? ctx.root.toLowerCase() : r < 0.1 ? ctx.root[0] + ctx.root.slice(1).toLowerCase() : ctx.root };
  };
  const absSub = (): FieldSpec => {
    const full = rel === '' ? ctx.prefix : `${ctx.prefix}\\${rel}`;
    const r = ctx.rng.next();
    if (r < 0.12) {
      tag(ctx, 'strkey-subkey');
      const k = strkey(ctx, ctx.prefix);
      return { src: rel === '' ? k : `${k}\\${rel}` };
    }
    if (r < 0.3) return { src: `"${full}"` };
    return { src: full };
  };
  if (!useHkr) return { fields: [absRoot(), absSub()] };
  tag(ctx, ctx.hkr === 'mapped' ? 'hkr' : 'hkr-without-root');
  const root: FieldSpec = { src: ctx.rng.chance(0.2) ? 'hkr' : 'HKR' };
  const sub: FieldSpec = rel === '' ? { src: '' } : ctx.rng.chance(0.3) ? { src: `"${rel}"` } : { src: rel };
  if (ctx.hkr === 'unmapped') return { fields: [root, sub] };
  // Wine's copy of the line: HKR spelled out as the case root.
  const wineSub = rel === '' ? ctx.prefix : sub.src.startsWith('"') ? `"${ctx.prefix}\\${sub.src.slice(1)}` : `${ctx.prefix}\\${sub.src}`;
  return { fields: [root, sub], wine: [{ src: ctx.root }, { src: wineSub }] };
}

function line(kind: 'add' | 'del', key: { fields: FieldSpec[]; wine?: FieldSpec[] }, rest: (FieldSpec | null)[]): LineSpec {
  // Trailing nulls are absent fields; a null in the middle is written empty.
  const tail = [...rest];
  while (tail.length > 0 && tail[tail.length - 1] === null) tail.pop();
  const more = tail.map((f) => f ?? { src: '' });
  return { kind, fields: [...key.fields, ...more], wineFields: key.wine ? [...key.wine, ...more] : undefined };
}

/** Would the tracker's HKR-unmapped line do anything? (Both sides skip such lines.) */
function effective(ctx: Ctx, l: LineSpec): boolean {
  const root = l.fields[0]?.src.toUpperCase();
  return !(root === 'HKR' && ctx.hkr === 'unmapped');
}

// ---------------------------------------------------------------------------------------------
// AddReg lines

function addRegLine(ctx: Ctx): LineSpec {
  const kind = ctx.rng.weighted([
    ['set', 44],
    ['append', 11],
    ['delval', 10],
    ['keyonly', 7],
    ['delreg-bit', 3],
    ['short', 6],
    ['unknown-root', 2],
    ['flags-quirk', 1.6],
    ['binary-quirk', 1.8],
    ['long', 0.9],
    ['key-name-limit', 0.8],
  ] as const);
  switch (kind) {
    case 'set':
      return setLine(ctx);
    case 'append':
      return appendLine(ctx);
    case 'delval':
      return delvalLine(ctx);
    case 'keyonly': {
      const rel = pickRel(ctx, 0.4);
      const flags = ctx.rng.pick([KEYONLY, KEYONLY_COMMON, KEYONLY | MULTI, KEYONLY_COMMON | DWORD, KEYONLY | NOCLOBBER]);
      tag(ctx, flags & KEYONLY ? 'keyonly' : 'keyonly-common-addreg');
      const l = line('add', keyFields(ctx, rel), [ctx.rng.chance(0.5) ? lit(ctx, pickName(ctx, rel)) : null, flagsField(ctx, flags), ...(ctx.rng.chance(0.5) ? stringData(ctx) : [])]);
      if (effective(ctx, l)) ctx.state.create(rel);
      return l;
    }
    case 'delreg-bit': {
      tag(ctx, 'delreg-bit-in-addreg');
      const rel = pickRel(ctx);
      const flags = ctx.rng.pick([DELREG_BIT, DELREG_BIT | DELVAL, DELSTRING, DELREG_BIT | KEYONLY_COMMON]);
      return line('add', keyFields(ctx, rel), [lit(ctx, pickName(ctx, rel)), flagsField(ctx, flags), lit(ctx, 'x')]);
    }
    case 'short': {
      const rel = pickRel(ctx, 0.5);
      const form = ctx.rng.int(0, 3);
      tag(ctx, 'short-line');
      const name = pickName(ctx, rel);
      // 2 fields, 3 fields, name + empty flags, empty name + empty flags: all set a REG_SZ "" (Wine 8).
      const rest: (FieldSpec | null)[] = form === 0 ? [] : form === 1 ? [lit(ctx, name)] : form === 2 ? [lit(ctx, name), { src: '' }] : [{ src: '' }, { src: '' }];
      const l = line('add', keyFields(ctx, rel), rest);
      if (effective(ctx, l)) ctx.state.set(rel, form === 0 || form === 3 ? '' : name, REG_SZ);
      return l;
    }
    case 'unknown-root': {
      tag(ctx, 'unknown-root');
      const rel = pickRel(ctx);
      const root = ctx.rng.pick(['HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE', 'HKCC', 'HKXX', '']);
      return { kind: 'add', fields: [{ src: root }, { src: rel === '' ? ctx.prefix : `${ctx.prefix}\\${rel}` }, lit(ctx, 'Stray'), { src: '' }, lit(ctx, 'x')] };
    }
    case 'flags-quirk':
      return flagsQuirkLine(ctx, 'add');
    case 'binary-quirk':
      return binaryQuirkLine(ctx);
    case 'long':
      return longLine(ctx);
    case 'key-name-limit': {
      tag(ctx, 'key-name-limit');
      const len = ctx.rng.pick([255, 256, 257]);
      const rel = `Long${'k'.repeat(len - 4)}`;
      const l = line('add', keyFields(ctx, rel), [lit(ctx, 'V'), { src: '' }, lit(ctx, 'x')]);
      // Wine's keys hold up to 256 characters per name; longer ones fail on both sides.
      if (effective(ctx, l) && len <= 256) ctx.state.set(rel, 'V', REG_SZ);
      return l;
    }
  }
}

interface TypeChoice {
  flags: number;
  tag: string;
  data: (ctx: Ctx) => FieldSpec[];
  type: number;
}

const TYPES: readonly (readonly [TypeChoice, number])[] = [
  [{ flags: 0, tag: 'type-sz', data: stringData, type: REG_SZ }, 12],
  [{ flags: EXPAND, tag: 'type-expand-sz', data: stringData, type: 2 }, 5],
  [{ flags: MULTI, tag: 'type-multi-sz', data: (c) => multiData(c), type: REG_MULTI_SZ }, 8],
  [{ flags: BIN, tag: 'type-binary', data: (c) => bytes(c, c.rng.int(0, 10)), type: REG_BINARY }, 7],
  [{ flags: DWORD, tag: 'type-dword-number', data: (c) => [numberField(c)], type: REG_DWORD }, 9],
  [{ flags: DWORD, tag: 'type-dword-bytes', data: (c) => bytes(c, 4), type: REG_DWORD }, 4],
  [{ flags: DWORD, tag: 'type-dword-no-data', data: () => [], type: REG_DWORD }, 1],
  [{ flags: NONE, tag: 'type-none', data: (c) => bytes(c, c.rng.int(0, 4)), type: REG_NONE }, 3],
  [{ flags: QWORD, tag: 'type-qword', data: (c) => bytes(c, c.rng.pick([0, 8, 8, 8])), type: REG_QWORD }, 3],
  [{ flags: 0x00380001, tag: 'type-high-word-binary', data: (c) => bytes(c, c.rng.int(0, 16)), type: 0x38 }, 2],
  [{ flags: 0x00050001, tag: 'type-high-word-binary', data: (c) => bytes(c, 4), type: 5 }, 1],
  [{ flags: 0x00080001, tag: 'type-high-word-binary', data: (c) => bytes(c, c.rng.int(1, 6)), type: 8 }, 1],
  [{ flags: 0x01000001, tag: 'type-high-word-binary', data: (c) => bytes(c, 2), type: 0x100 }, 1],
  [{ flags: 0x7fff0001, tag: 'type-high-word-binary', data: (c) => bytes(c, 1), type: 0x7fff }, 0.5],
  [{ flags: 0x00040001, tag: 'type-high-word-dword', data: (c) => (c.rng.chance(0.5) ? [numberField(c)] : bytes(c, 4)), type: REG_DWORD }, 1],
  [{ flags: 0x00030000, tag: 'type-high-word-string', data: stringData, type: REG_BINARY }, 1],
  [{ flags: 0x00040000, tag: 'type-high-word-string', data: (c) => [numberField(c)], type: REG_DWORD }, 1],
  [{ flags: 0x00050000, tag: 'type-high-word-string', data: stringData, type: 5 }, 0.5],
  [{ flags: 0x00070000, tag: 'type-high-word-multi-sz', data: (c) => multiData(c), type: REG_MULTI_SZ }, 1],
  [{ flags: 0x000b0000, tag: 'type-high-word-string', data: stringData, type: REG_QWORD }, 0.5],
];

function setLine(ctx: Ctx, forced?: TypeChoice): LineSpec {
  const t = forced ?? ctx.rng.weighted(TYPES);
  const rel = pickRel(ctx);
  const name = pickName(ctx, rel);
  let flags = t.flags;
  const m = ctx.rng.next();
  if (m < 0.18) flags |= NOCLOBBER;
  else if (m < 0.32) flags |= OVERWRITEONLY;
  else if (m < 0.35) flags |= NOCLOBBER | OVERWRITEONLY;
  else if (m < 0.39) flags |= ctx.rng.pick([BIT64, BIT32]);
  else if (m < 0.42 && t.type !== REG_MULTI_SZ) flags |= APPEND;
  const exists = ctx.state.value(rel, name) !== undefined;
  tag(ctx, t.tag, exists ? 'target-value-present' : 'target-value-absent');
  if (flags & NOCLOBBER) tag(ctx, exists ? 'noclobber-present' : 'noclobber-absent');
  if (flags & OVERWRITEONLY) tag(ctx, exists ? 'overwriteonly-present' : 'overwriteonly-absent');
  if (flags & OVERWRITEONLY && !ctx.state.has(rel)) tag(ctx, 'overwriteonly-key-absent');
  if (flags & (BIT64 | BIT32)) tag(ctx, 'view-bits');
  if (flags & APPEND) tag(ctx, 'append-not-multi-sz-type');
  // A value a DELSTRING cut must not be read by APPEND (see the header); a set replaces it.
  const nameField = name === '' && ctx.rng.chance(0.5) ? { src: '' } : lit(ctx, name);
  if (name === '') tag(ctx, 'default-value');
  const data = t.data(ctx);
  const l = line('add', keyFields(ctx, rel), [nameField, flagsField(ctx, flags), ...data]);
  if (ctx.rng.chance(0.08)) {
    l.trailer = ' ; trailing comment, with a comma';
    tag(ctx, 'trailing-comment');
  }
  if (ctx.rng.chance(0.06) && l.fields.length > 3) {
    // A continuation line between two fields.
    const at = ctx.rng.int(2, l.fields.length - 1);
    l.seps = [];
    l.seps[at] = ', \\\r\n    ';
    tag(ctx, 'line-continuation');
  } else if (ctx.rng.chance(0.15)) {
    l.seps = l.fields.map(() => ctx.rng.pick([',', ', ', ' , ', ',\t']));
    tag(ctx, 'blanks-around-fields');
  }
  if (!effective(ctx, l)) return l;
  const skip = (flags & NOCLOBBER && exists) || (flags & OVERWRITEONLY && !exists);
  if (flags & OVERWRITEONLY && !ctx.state.has(rel)) return l;
  ctx.state.create(rel);
  if (!skip) ctx.state.set(rel, name, t.type, t.type === REG_MULTI_SZ ? [...ctx.lastList] : undefined);
  return l;
}

function appendLine(ctx: Ctx): LineSpec {
  // Mostly an existing multi-sz, else an absent or a wrong-typed value.
  const multis = ctx.state.multis();
  // Nothing to append to yet: mostly write a list first.
  if (multis.length === 0 && ctx.rng.chance(0.7)) return setLine(ctx, TYPES[2]![0]);
  const r = ctx.rng.next();
  let rel: string;
  let name: string;
  if (multis.length > 0 && r < 0.75) {
    const [p, v] = ctx.rng.pick(multis);
    rel = p;
    name = ctx.rng.chance(0.2) ? v[0].toUpperCase() : v[0];
  } else {
    rel = pickRel(ctx, 0.8);
    name = r < 0.9 ? ctx.rng.pick(['NewList', 'List']) : pickName(ctx, rel, 0.9);
  }
  // Never append to a value a DELSTRING cut (Wine would read past its data).
  if (ctx.state.cut.has(`${fold(rel)}\0${fold(name)}`)) name = 'FreshList';
  const existing = ctx.state.value(rel, name);
  tag(ctx, 'append', existing === undefined ? 'append-absent' : existing[1] === REG_MULTI_SZ ? 'append-present' : 'append-wrong-type');
  let flags = ctx.rng.weighted([
    [MULTI | APPEND, 8],
    [0x00070008, 1],
    [MULTI | APPEND | NOCLOBBER, 1],
    [MULTI | APPEND | OVERWRITEONLY, 1],
  ] as const);
  if (flags === 0x00070008) tag(ctx, 'append-high-word-type');
  if (ctx.rng.chance(0.05)) flags |= BIT64;
  const l = line('add', keyFields(ctx, rel), [lit(ctx, name), flagsField(ctx, flags), ...multiData(ctx, existing?.[2] ?? [])]);
  l.append = true;
  if (!effective(ctx, l) || (flags & OVERWRITEONLY && !ctx.state.has(rel))) return l;
  ctx.state.create(rel);
  // The model follows Wine: only an existing multi-sz changes (NOCLOBBER: not even that).
  if (existing?.[1] === REG_MULTI_SZ && !(flags & NOCLOBBER) && ctx.lastList.length > 0) {
    const list = existing[2] ? [...existing[2]] : undefined;
    const all = [...(list ?? []), ...ctx.lastList];
    if (ctx.lastList.some((x) => all.some((y) => foldsApart(x, y)))) {
      tag(ctx, 'multi-sz-non-ascii-case');
      l.marks = [{ id: 'multi-sz-non-ascii-case', keyPath: keyPathOf(ctx, rel), name }];
    }
    if (list) for (const x of ctx.lastList) if (!list.some((y) => wineFold(y) === wineFold(x))) list.push(x);
    ctx.state.set(rel, name, REG_MULTI_SZ, list);
  }
  return l;
}

function delvalLine(ctx: Ctx): LineSpec {
  const rel = pickRel(ctx, 0.75);
  const r = ctx.rng.next();
  let flags = DELVAL;
  if (r < 0.1) flags |= KEYONLY_COMMON;
  else if (r < 0.2) flags |= OVERWRITEONLY;
  else if (r < 0.3) flags |= ctx.rng.pick([MULTI, DWORD, NOCLOBBER, BIN]);
  const byKey = ctx.rng.chance(0.3);
  const name = byKey ? '' : pickName(ctx, rel, 0.7);
  const exists = name !== '' && ctx.state.value(rel, name) !== undefined;
  const deletesKey = name === '' || (flags & KEYONLY_COMMON) !== 0;
  tag(ctx, 'delval', deletesKey ? 'delval-key' : exists ? 'delval-value-present' : 'delval-value-absent');
  if (flags & KEYONLY_COMMON && name !== '') tag(ctx, 'delval-keyonly-common-with-name');
  const rest: (FieldSpec | null)[] = [name === '' && ctx.rng.chance(0.5) ? { src: '' } : lit(ctx, name), flagsField(ctx, flags)];
  if (ctx.rng.chance(0.3)) rest.push(lit(ctx, 'ignored'));
  const l = line('add', keyFields(ctx, rel), rest);
  if (!effective(ctx, l)) return l;
  if (flags & OVERWRITEONLY && !ctx.state.has(rel)) return l;
  // Wine 8 creates the key first (RegCreateKeyEx), then deletes.
  ctx.state.create(rel);
  if (deletesKey) ctx.state.deleteKey(rel);
  else ctx.state.deleteValue(rel, name);
  return l;
}

/** Flags SetupGetIntField and our reader take differently (differences.ts). */
function flagsQuirkLine(ctx: Ctx, kind: 'add' | 'del'): LineSpec {
  const rel = pickRel(ctx, 0.8);
  const name = pickName(ctx, rel, 0.7);
  const overflow = ctx.rng.chance(0.5);
  const src = overflow
    ? ctx.rng.pick(['0x80000001', '0x80010001', '0xFFFF0001', '2147483649', '020000000001', '0x100000000', '4294967296', '0xFFFFFFFF'])
    : ctx.rng.pick(['1e', '0x', '08', '1.0', 'abc', '0x1g', '--1', '0x10001 1']);
  const id = overflow ? 'flags-above-int-max' : 'flags-not-an-integer';
  tag(ctx, id);
  const key = keyFields(ctx, rel);
  const l = line(kind, key, [lit(ctx, name), { src }, ...(kind === 'add' ? bytes(ctx, ctx.rng.int(0, 3)) : [])]);
  // What Wine 8 reads: strtol fails (flags 0) or saturates at 0x7FFFFFFF.
  const wineFlags: FieldSpec = { src: overflow ? '0x7fffffff' : '0' };
  const fields = ctx.hkr === 'mapped' && key.wine ? key.wine : key.fields;
  l.equivalents = [{ id, fields: [...fields, l.fields[2]!, wineFlags, ...l.fields.slice(4)] }];
  if (!effective(ctx, l)) return l;
  // 0x7FFFFFFF holds DELREG_BIT and KEYONLY_COMMON: AddReg ignores it, DelReg deletes the key.
  if (kind === 'del' && ctx.state.has(rel)) {
    if (overflow) ctx.state.deleteKey(rel);
    else ctx.state.deleteValue(rel, name);
  }
  if (kind === 'add' && !overflow) {
    ctx.state.set(rel, name, REG_SZ);
  }
  return l;
}

/** Binary byte fields Wine 8 reads as their leading hex digits, as written (no substitution). */
function binaryQuirkLine(ctx: Ctx): LineSpec {
  const rel = pickRel(ctx, 0.5);
  const name = pickName(ctx, rel, 0.3);
  const n = ctx.rng.int(1, 5);
  const data = bytes(ctx, n);
  const at = ctx.rng.int(0, n - 1);
  const kind = ctx.rng.weighted([
    ['binary-byte-not-hex', 2],
    ['binary-byte-0x-prefix', 1],
    ['binary-byte-strkey', 1],
  ] as const);
  tag(ctx, kind);
  let src: string;
  if (kind === 'binary-byte-not-hex') src = ctx.rng.pick(['zz', '1g', 'g1', 'x', '7-', '0y']);
  else if (kind === 'binary-byte-0x-prefix') src = ctx.rng.pick(['0x12', '0X7f', '0x0']);
  else src = strkey(ctx, ctx.rng.pick(['3c', '0a', 'ff']));
  data[at] = { src };
  const wineByte = /^[0-9a-fA-F]*/.exec(src)?.[0] ?? '';
  const flags = ctx.rng.pick([BIN, NONE, 0x00380001]);
  const key = keyFields(ctx, rel);
  const l = line('add', key, [lit(ctx, name), flagsField(ctx, flags), ...data]);
  const fields = ctx.hkr === 'mapped' && key.wine ? key.wine : key.fields;
  const wineData = data.map((f, i) => (i === at ? { src: wineByte === '' ? '0' : wineByte } : f));
  l.equivalents = [{ id: kind, fields: [...fields, l.fields[2]!, l.fields[3]!, ...wineData] }];
  if (effective(ctx, l)) ctx.state.set(rel, name, flags === BIN ? REG_BINARY : flags === NONE ? REG_NONE : 0x38);
  return l;
}

/** A field over Wine's 511-character limit (value name or data). */
function longLine(ctx: Ctx): LineSpec {
  const rel = pickRel(ctx, 0.5);
  const len = ctx.rng.int(512, 700);
  const longText = Array.from({ length: len }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
  const inName = ctx.rng.chance(0.4);
  tag(ctx, 'field-over-511-chars');
  const key = keyFields(ctx, rel);
  const nameField: FieldSpec = inName ? { src: `"${longText}"` } : lit(ctx, 'LongData');
  const dataField: FieldSpec = inName ? lit(ctx, 'x') : { src: `"${longText}"` };
  const l = line('add', key, [nameField, { src: '' }, dataField]);
  const fields = ctx.hkr === 'mapped' && key.wine ? key.wine : key.fields;
  const cut = { src: `"${longText.slice(0, 511)}"` };
  l.equivalents = [{ id: 'field-over-511-chars', fields: [...fields, inName ? cut : nameField, { src: '' }, inName ? dataField : cut] }];
  // A long name is not offered to later lines: they would carry the 511-character cut along.
  if (effective(ctx, l) && !inName) ctx.state.set(rel, 'LongData', REG_SZ);
  return l;
}

// ---------------------------------------------------------------------------------------------
// DelReg lines

function delRegLine(ctx: Ctx): LineSpec {
  const kind = ctx.rng.weighted([
    ['key', 14],
    ['value', 20],
    ['flags0', 7],
    ['bit', 10],
    ['bit-keyonly-common', 7],
    ['delstring', 11],
    ['delstring-no-string', 2],
    ['no-bit', 4.5],
    ['absent-key', 5],
    ['flags-quirk', 1.5],
    ['unknown-root', 1.5],
  ] as const);
  if (kind === 'flags-quirk') return flagsQuirkLine(ctx, 'del');
  if (kind === 'delstring' || kind === 'delstring-no-string') return delStringLine(ctx, kind === 'delstring-no-string');
  const rel = kind === 'absent-key' ? `Missing\\${ctx.rng.pick(KEY_POOL)}` : pickRel(ctx, 0.85);
  if (kind === 'absent-key') tag(ctx, 'delreg-key-absent');
  const key = keyFields(ctx, rel);
  const keyExists = ctx.state.has(rel);
  if (kind === 'unknown-root') {
    tag(ctx, 'unknown-root');
    return { kind: 'del', fields: [{ src: ctx.rng.pick(['HKEY_CURRENT_USER', 'HKCC', '']) }, { src: `${ctx.prefix}${rel ? `\\${rel}` : ''}` }] };
  }
  if (kind === 'key' || kind === 'absent-key') {
    tag(ctx, 'delreg-2-fields');
    const l = line('del', key, []);
    if (effective(ctx, l)) ctx.state.deleteKey(rel);
    return l;
  }
  const name = ctx.rng.chance(0.12) ? '' : pickName(ctx, rel, 0.75);
  const exists = ctx.state.value(rel, name) !== undefined;
  let flags: number | null;
  if (kind === 'value') flags = null;
  else if (kind === 'flags0') flags = 0;
  else if (kind === 'bit') flags = ctx.rng.pick([DELREG_BIT, DELREG_BIT | MULTI, DELREG_BIT | DWORD, DELREG_BIT | NOCLOBBER]);
  else if (kind === 'bit-keyonly-common') flags = DELREG_BIT | KEYONLY_COMMON;
  else flags = ctx.rng.pick([KEYONLY_COMMON, MULTI, DELVAL, BIN, 0x00010002, MULTI | DELVAL]);
  const deletesKey = name === '' || (flags !== null && (flags & KEYONLY_COMMON) !== 0);
  tag(ctx, kind === 'value' ? 'delreg-3-fields' : `delreg-${kind}`, deletesKey ? 'delreg-deletes-key' : exists ? 'delreg-value-present' : 'delreg-value-absent');
  if (!keyExists) tag(ctx, 'delreg-key-absent');
  const rest: (FieldSpec | null)[] = [name === '' && ctx.rng.chance(0.5) ? { src: '' } : lit(ctx, name), flags === null ? null : flagsField(ctx, flags)];
  if (flags !== null && ctx.rng.chance(0.2)) rest.push(lit(ctx, 'ignored'));
  const l = line('del', key, rest);
  if (kind === 'no-bit') {
    // Wine ignores DelReg lines whose non-zero flags lack FLG_ADDREG_DELREG_BIT.
    l.equivalents = [{ id: 'delreg-flags-without-delreg-bit', fields: null }];
    // The model follows what Wine does, so later picks match its registry.
    return l;
  }
  if (!effective(ctx, l) || !keyExists) return l;
  if (deletesKey) ctx.state.deleteKey(rel);
  else ctx.state.deleteValue(rel, name);
  return l;
}

/**
 * A MULTI_SZ_DELSTRING line. Wine 8 rewrites an existing multi-sz, and when no string is left
 * it reads a character before its buffer to size the data, so a target list always keeps one.
 */
function delStringLine(ctx: Ctx, noString: boolean): LineSpec {
  const multis = ctx.state.multis().filter(([, v]) => (v[2]?.length ?? 0) > 0);
  const r = ctx.rng.next();
  let rel: string;
  let name: string;
  if (multis.length > 0 && r < 0.7) {
    const [p, v] = ctx.rng.pick(multis);
    rel = p;
    name = v[0];
  } else {
    rel = pickRel(ctx, 0.85);
    name = r < 0.85 ? 'NoSuchList' : pickName(ctx, rel, 0.9);
  }
  let existing = ctx.state.value(rel, name);
  const list = existing?.[1] === REG_MULTI_SZ ? existing[2] : undefined;
  if (existing?.[1] === REG_MULTI_SZ && (list === undefined || list.length === 0)) {
    name = 'NoSuchList';
    existing = ctx.state.value(rel, name);
  }
  tag(ctx, 'delstring', noString ? 'delstring-no-string' : existing === undefined ? 'delstring-absent' : existing[1] === REG_MULTI_SZ ? 'delstring-present' : 'delstring-wrong-type');
  let target: FieldSpec[] = [];
  let folded = false;
  if (!noString) {
    const current = existing?.[1] === REG_MULTI_SZ ? (existing[2] ?? []) : [];
    const pick = ctx.rng.chance(0.6) && current.length > 0 ? ctx.rng.pick(current) : ctx.rng.pick(MULTI_POOL);
    let s = ctx.rng.chance(0.3) ? pick.toUpperCase() : pick;
    // Some string must survive on both sides (see above).
    if (current.length > 0 && current.every((x) => fold(x) === fold(s) || wineFold(x) === wineFold(s))) s = 'not-in-the-list';
    if (current.some((x) => wineFold(x) === wineFold(s))) tag(ctx, 'delstring-match');
    if (current.some((x) => foldsApart(x, s))) folded = true;
    target = ctx.rng.chance(0.1) ? [{ src: '' }] : [strField(ctx, s)];
  }
  const l = line('del', keyFields(ctx, rel), [lit(ctx, name), flagsField(ctx, DELSTRING), ...target]);
  if (effective(ctx, l)) {
    // HKR is the case root, so both spellings name the same key.
    l.delString = { keyPath: keyPathOf(ctx, rel), name };
    ctx.state.cut.add(`${fold(rel)}\0${fold(name)}`);
    if (folded && target[0]?.src !== '') {
      tag(ctx, 'multi-sz-non-ascii-case');
      l.marks = [{ id: 'multi-sz-non-ascii-case', keyPath: keyPathOf(ctx, rel), name }];
    }
  }
  return l;
}

// ---------------------------------------------------------------------------------------------
// Starting registry

function startValue(ctx: Ctx, name: string): RegValue {
  const r = ctx.rng.next();
  if (r < 0.25 || /list|filters/i.test(name)) {
    const n = ctx.rng.int(0, 4);
    const list: string[] = [];
    for (let i = 0; i < n; i++) list.push(ctx.rng.pick(ctx.utf16 ? [...MULTI_POOL, 'Ωmega'] : MULTI_POOL));
    return RegValue.multiSz(name, list);
  }
  if (r < 0.45) return RegValue.sz(name, ctx.rng.pick(['old', '', 'Old Text', 'x,y']));
  if (r < 0.55) return RegValue.expandSz(name, '%SystemRoot%\\old');
  if (r < 0.7) return RegValue.dword(name, ctx.rng.int(0, 0xffffffff));
  if (r < 0.8) return RegValue.binary(name, Uint8Array.from(ctx.rng.bytes(ctx.rng.int(0, 6))));
  if (r < 0.87) return RegValue.qword(name, BigInt(ctx.rng.int(0, 0xffffffff)) * 65536n);
  if (r < 0.93) return RegValue.raw(name, REG_NONE, Uint8Array.from(ctx.rng.bytes(ctx.rng.int(0, 3))));
  return RegValue.raw(name, 0x38, Uint8Array.from(ctx.rng.bytes(2)));
}

function buildStart(ctx: Ctx): Uint8Array {
  const registry = new Registry();
  if (ctx.rng.chance(0.12)) {
    tag(ctx, 'start-root-absent');
  } else {
    const rels = [''];
    const extra = ctx.rng.int(0, 4);
    for (let i = 0; i < extra; i++) rels.push(ctx.rng.pick(KEY_POOL));
    for (const rel of rels) {
      const path = rel === '' ? ctx.rootKey : `${ctx.rootKey}\\${rel}`;
      const existed = registry.key(path) !== undefined;
      registry.createKey(path);
      ctx.state.create(rel);
      if (existed) continue;
      const nv = ctx.rng.int(0, 4);
      for (let j = 0; j < nv; j++) {
        const name = ctx.rng.chance(0.1) ? '' : ctx.rng.pick(['Value', 'Name', 'List', 'Filters', 'Dw', 'Bin', 'Text', 'Spaced Name', 'a,b', 'Ünï']);
        if (registry.key(path)?.value(name)) continue;
        const v = startValue(ctx, name);
        registry.setValue(path, v);
        ctx.state.set(rel, name, v.type, v.type === REG_MULTI_SZ ? v.asMultiString() : undefined);
      }
    }
  }
  if (!registry.key(ctx.rootKey)) return exportReg(registry, { format: 'regedit5', keys: [] });
  return exportReg(registry, { format: 'regedit5', keys: [ctx.rootKey] });
}

// ---------------------------------------------------------------------------------------------
// Cases

function section(ctx: Ctx, base: string, kind: 'add' | 'del'): SectionSpec {
  const s: SectionSpec = { name: `${ctx.id}.${base}`, lines: [] };
  const n = ctx.rng.weighted([
    [1, 3],
    [2, 4],
    [3, 3],
    [4, 2],
    [6, 1],
  ] as const);
  for (let i = 0; i < n; i++) {
    if (ctx.rng.chance(0.05)) s.lines.push('; a comment line');
    if (ctx.rng.chance(0.03)) s.lines.push('');
    s.lines.push(kind === 'add' ? addRegLine(ctx) : delRegLine(ctx));
  }
  return s;
}

function generateCase(index: number): SetupCase {
  const rng = new Prng(caseSeed(GENERATOR_SEED, index));
  const id = `s${String(index + 1).padStart(3, '0')}`;
  const root = rng.weighted<RootName>([
    ['HKCU', 55],
    ['HKLM', 35],
    ['HKCR', 5],
    ['HKU', 5],
  ]);
  const { full, base } = ROOT_BASES[root];
  const hkrRoll = rng.next();
  const ctx: Ctx = {
    rng,
    id,
    root,
    prefix: `${base}\\${id}`,
    rootKey: `${full}\\${base}\\${id}`,
    hkr: hkrRoll < 0.18 ? 'mapped' : hkrRoll < 0.22 ? 'unmapped' : 'none',
    utf16: rng.chance(0.15),
    state: new Tracker(),
    tags: new Set([`root-${root}`]),
    strings: [],
    stringKeys: 0,
    sections: [],
    lastList: [],
  };
  if (ctx.utf16) tag(ctx, 'inf-utf16');
  const start = buildStart(ctx);

  // Install section: directive lines, then the sections in the order SetupAPI runs them
  // (every DelReg before any AddReg), so the model sees the registry as it will be.
  const install = `${id}.Install`;
  const plan = rng.weighted([
    ['add', 4],
    ['del', 1.5],
    ['both', 3],
    ['add-add', 1],
    ['add-del-add', 1],
  ] as const);
  const order: ('add' | 'del')[] = plan === 'add' ? ['add'] : plan === 'del' ? ['del'] : plan === 'both' ? (rng.chance(0.5) ? ['add', 'del'] : ['del', 'add']) : plan === 'add-add' ? ['add', 'add'] : ['add', 'del', 'add'];
  if (order.includes('add') && order.includes('del')) tag(ctx, 'both-directives');
  if (order[0] === 'add' && order.includes('del')) tag(ctx, 'addreg-line-before-delreg-line');
  if (order.filter((o) => o === 'add').length > 1) tag(ctx, 'several-addreg-lines');

  const directives: DirectiveSpec[] = [];
  const sectionsByKind: Record<'add' | 'del', { ref: FieldSpec; name: string | null }[][]> = { add: [], del: [] };
  let n = 0;
  for (const kind of order) {
    const refs: { ref: FieldSpec; name: string | null }[] = [];
    const count = rng.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ] as const);
    if (count > 1) tag(ctx, 'several-sections-per-directive');
    for (let i = 0; i < count; i++) {
      const name = `${ctx.id}.${kind === 'add' ? 'Add' : 'Del'}${++n}`;
      const r = rng.next();
      if (r < 0.1) {
        tag(ctx, 'strkey-section-name');
        refs.push({ ref: { src: strkey(ctx, name) }, name });
      } else refs.push({ ref: { src: r < 0.15 ? ` ${name} ` : name }, name });
    }
    if (rng.chance(0.08)) {
      tag(ctx, 'section-list-empty-entry');
      refs.splice(1, 0, { ref: { src: '' }, name: null });
    }
    if (rng.chance(0.06)) {
      tag(ctx, 'section-missing');
      refs.push({ ref: { src: `${ctx.id}.NoSuchSection` }, name: null });
    }
    sectionsByKind[kind].push(refs);
    const spelled = kind === 'add' ? rng.pick(['AddReg', 'AddReg', 'addreg', 'ADDREG', 'AddReg ']) : rng.pick(['DelReg', 'DelReg', 'delreg', 'DELREG']);
    directives.push({ key: spelled, refs: refs.map((r) => r.ref) });
  }
  // Generate DelReg sections first (they run first), each directive line's sections in order.
  const built = new Map<string, SectionSpec>();
  for (const kind of ['del', 'add'] as const) {
    for (const refs of sectionsByKind[kind]) {
      for (const { name } of refs) {
        if (name === null || built.has(name)) continue;
        const s = section(ctx, name.slice(ctx.id.length + 1), kind);
        built.set(name, s);
        ctx.sections.push(s);
      }
    }
  }
  // Sometimes a section runs twice (named twice); never one whose APPEND/DELSTRING would change meaning.
  if (rng.chance(0.08)) {
    const d = directives[0]!;
    const first = sectionsByKind[order[0]!][0]?.find((r) => r.name !== null);
    const s = first?.name ? built.get(first.name) : undefined;
    if (s && first && !s.lines.some((l) => typeof l !== 'string' && (l.append || l.delString || l.equivalents))) {
      tag(ctx, 'section-named-twice');
      d.refs.push(first.ref);
    }
  }
  // Sections appear in the file in a shuffled order: SetupAPI finds them by name.
  const shuffled = [...ctx.sections];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const model: InfModel = { install, directives, sections: shuffled, strings: ctx.strings, utf16: ctx.utf16 };
  const inf = renderInf(model, 'ours').bytes;
  const wineInf = renderInf(model, 'wine').bytes;
  return {
    id,
    tags: [...ctx.tags].sort(),
    rootKey: ctx.rootKey,
    start,
    model,
    inf,
    wineInf,
    section: install,
    hkr: ctx.hkr === 'mapped' ? ctx.rootKey : undefined,
  };
}

export function generateCases(): SetupCase[] {
  return Array.from({ length: GENERATED_CASES }, (_, i) => generateCase(i));
}
