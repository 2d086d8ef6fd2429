// Executes add-registry and del-registry section lines against a Registry, following
// SetupAPI (spec §9.2, §9.3, §9.5). Differences from Wine are listed in README.md.

import {
  FLG_ADDREG_APPEND,
  FLG_ADDREG_BINVALUETYPE,
  FLG_ADDREG_DELREG_BIT,
  FLG_ADDREG_DELVAL,
  FLG_ADDREG_KEYONLY,
  FLG_ADDREG_KEYONLY_COMMON,
  FLG_ADDREG_NOCLOBBER,
  FLG_ADDREG_OVERWRITEONLY,
  FLG_DELREG_MULTI_SZ_DELSTRING,
  InfFieldError,
  parseAddRegLine,
  parseByteField,
  parseIntField,
  parseMultiSzFields,
  parseUlongLenient,
  regTypeFromFlags,
  type InfDocument,
  type InfEntryCursor,
  type InfLine,
  type RegEntryBase,
  type RegRoot,
  type Substituter,
} from '@netmigrate/inf';
import {
  MAX_VALUE_NAME,
  REG_DWORD,
  REG_MULTI_SZ,
  RegValue,
  RegistryError,
  compareNames,
  type Registry,
  type RegistryKeyWriter,
} from '@netmigrate/registry';
import { fieldPosition } from './position.js';

/** Where a change or diagnostic comes from. */
export interface SourceRef {
  file?: string;
  /** 1-based physical line of the INF entry. */
  line: number;
  /** The add-registry or del-registry section holding the line. */
  section: string;
}

export type Change =
  | { op: 'create-key'; key: string; source: SourceRef }
  | { op: 'delete-key'; key: string; source: SourceRef }
  | { op: 'set-value'; key: string; name: string; value: RegValue; previous: RegValue | undefined; source: SourceRef }
  | { op: 'delete-value'; key: string; name: string; previous: RegValue; source: SourceRef };

export type DiagnosticCode =
  | 'empty-line'
  | 'unknown-root'
  | 'hkr-without-root'
  | 'bad-flags'
  | 'bad-binary-byte'
  | 'invalid-key-path'
  | 'invalid-value'
  | 'delete-predefined-root'
  | 'delreg-line-in-addreg'
  | 'append-not-multi-sz'
  | 'section-not-found'
  // AddService / DelService (services.ts)
  | 'null-service'
  | 'unknown-service-flags'
  | 'duplicate-entry';

export interface SetupDiagnostic {
  file?: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  message: string;
}

export interface LineContext {
  registry: Registry;
  /** Key path HKR stands for (e.g. the adapter's instance key); HKR lines are skipped when absent. */
  hkr?: string | undefined;
  /** Substitutes `%strkey%` and DIRIDs in every field holding a `%` (default: the document's own [Strings]). */
  substituter: Substituter;
  doc: InfDocument;
  /** Name of the add-registry / del-registry section the line belongs to. */
  section: string;
  changes: Change[];
  diagnostics: SetupDiagnostic[];
  /** False: nothing is appended to `changes` (bulk installs: less memory and time). Default true. */
  recordChanges?: boolean | undefined;
}

/** A line as the executor reads it: an InfLine, or the cursor of InfSection.forEachEntry. */
type Entry = InfEntryCursor;

function entryOf(line: InfLine): Entry {
  return { fields: line.fields, line: line.line, toLine: () => line };
}

const ROOT_PATHS: Record<string, string> = { HKCR: 'HKCR', HKCU: 'HKCU', HKLM: 'HKLM', HKU: 'HKU' };

function diag(ctx: LineContext, line: Entry, field: number, severity: SetupDiagnostic['severity'], code: DiagnosticCode, message: string): void {
  const pos = fieldPosition(ctx.doc, line.toLine(), field);
  const d: SetupDiagnostic = { line: pos.line, column: pos.column, severity, code, message };
  if (ctx.doc.file !== undefined) d.file = ctx.doc.file;
  ctx.diagnostics.push(d);
}

function source(ctx: LineContext, line: Entry): SourceRef {
  const s: SourceRef = { line: line.line, section: ctx.section };
  if (ctx.doc.file !== undefined) s.file = ctx.doc.file;
  return s;
}

/**
 * One line's parse. A single instance is reused line after line (nothing keeps it past the
 * line): no objects per line, and the key path is joined only when it is needed.
 */
class Parsed {
  base: Pick<RegEntryBase, 'root' | 'subkey' | 'valueName' | 'flags'> = { root: 'HKLM', subkey: '', valueName: null, flags: 0 };
  /** The substituted fields (index 0 = reg-root). */
  fields: readonly string[] = [];
  /** The key the root (or HKR) stands for. */
  rootPath = '';

  get keyPath(): string {
    return this.base.subkey === '' ? this.rootPath : `${this.rootPath}\\${this.base.subkey}`;
  }
}

const PARSED = new Parsed();

/** The usual spellings of a root; undefined sends the line through parseAddRegLine. */
function fastRoot(s: string): RegRoot | undefined {
  switch (s) {
    case 'HKR':
    case 'hkr':
      return 'HKR';
    case 'HKLM':
    case 'hklm':
      return 'HKLM';
    case 'HKCU':
    case 'hkcu':
      return 'HKCU';
    case 'HKCR':
    case 'hkcr':
      return 'HKCR';
    case 'HKU':
    case 'hku':
      return 'HKU';
    default:
      return undefined;
  }
}

// Flags fields repeat (0, 0x00010001, …): what SetupGetIntField made of each, as parseAddRegLine computes it.
const flagsSeen = new Map<string, number>();

function flagsOf(s: string): number {
  let v = flagsSeen.get(s);
  if (v === undefined) {
    v = parseIntField(s, 3) >>> 0;
    if (flagsSeen.size >= 1024) flagsSeen.clear();
    flagsSeen.set(s, v);
  }
  return v;
}

/** Common part: substitution, root, flags, key path. Undefined (with a diagnostic) when the line is skipped. */
function parseLine(ctx: LineContext, line: Entry, what: 'AddReg' | 'DelReg'): Parsed | undefined {
  // Every field holding a `%` is substituted; the token array is copied only when a field changes.
  const raw = line.fields;
  let fields = raw;
  let copy: string[] | undefined;
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i] as string;
    // Substitution works on %…% tokens only: a field without `%` stays as it is.
    if (f.indexOf('%') < 0) continue;
    const v = ctx.substituter.substitute(f);
    if (v !== f) (copy ??= raw.slice())[i] = v;
  }
  if (copy) fields = copy;
  if (fields.length === 0 || (fields.length === 1 && fields[0] === '')) {
    diag(ctx, line, 0, 'warning', 'empty-line', `${what} line has no fields; skipped`);
    return undefined;
  }
  const p = PARSED;
  const base = p.base;
  try {
    const root = fastRoot(fields[0] as string);
    if (root === undefined) {
      const b = parseAddRegLine(fields);
      base.root = b.root;
      base.subkey = b.subkey;
      base.valueName = b.valueName;
      base.flags = b.flags;
    } else {
      const flags = fields.length > 3 ? flagsOf(fields[3] ?? '') : 0;
      base.root = root;
      base.subkey = fields[1] ?? '';
      base.valueName = fields.length > 2 ? (fields[2] ?? '') : null;
      base.flags = flags;
    }
  } catch (e) {
    if (!(e instanceof InfFieldError)) throw e;
    if (e.field === 0) diag(ctx, line, 0, 'error', 'unknown-root', `unknown registry root "${fields[0]}" (HKCR, HKCU, HKLM, HKU or HKR); line skipped`);
    else diag(ctx, line, e.field ?? 3, 'error', 'bad-flags', `flags: ${e.message}; line skipped`);
    return undefined;
  }
  let rootPath: string;
  if (base.root === 'HKR') {
    if (ctx.hkr === undefined) {
      diag(ctx, line, 0, 'error', 'hkr-without-root', 'HKR line but no key was given for HKR (option hkr); line skipped');
      return undefined;
    }
    rootPath = ctx.hkr;
  } else rootPath = ROOT_PATHS[base.root] ?? base.root;
  p.fields = fields;
  p.rootPath = rootPath;
  return p;
}

/** Writers for one root path (HKR's key or a predefined root): its own key's and its subkeys'. */
interface RootKeys {
  key: RegistryKeyWriter | undefined;
  subkeys: Map<string, RegistryKeyWriter>;
}

/**
 * Writers of the keys recent lines opened: consecutive lines mostly name the same key or a
 * sibling, so a path is parsed and walked from the root once, not per line. A writer notices
 * when the registry changed under it (`exists` is checked before reuse).
 */
class OpenKeys {
  constructor(readonly registry: Registry) {}
  lastRoot = '';
  lastSubkey = '';
  last: RegistryKeyWriter | undefined;
  readonly roots = new Map<string, RootKeys>();
}

// Kept on the context itself, under a symbol and not enumerable: cheaper than a lookup per
// line, and a spread copy ({ ...ctx, section }) starts a cache of its own.
const OPEN_KEYS = Symbol('openKeys');

function openKeysOf(ctx: LineContext): OpenKeys {
  const c = (ctx as LineContext & { [OPEN_KEYS]?: OpenKeys })[OPEN_KEYS];
  if (c !== undefined && c.registry === ctx.registry) return c;
  const fresh = new OpenKeys(ctx.registry);
  if (Object.isExtensible(ctx)) Object.defineProperty(ctx, OPEN_KEYS, { value: fresh, writable: true, configurable: true });
  return fresh;
}

const BACKSLASH = 0x5c;

/** Names separated by single backslashes: the path then resolves below the root's key exactly as appended to it. */
function isPlainSubkey(s: string): boolean {
  return s.length > 0 && s.charCodeAt(0) !== BACKSLASH && s.charCodeAt(s.length - 1) !== BACKSLASH && !s.includes('\\\\');
}

/**
 * A writer opened now (not from the cache). Below an existing root key, the subkey is opened
 * from there; anything unusual takes the full path, which also raises the exact errors.
 */
function openFresh(registry: Registry, keys: RootKeys, p: Parsed, create: boolean): RegistryKeyWriter | undefined {
  const subkey = p.base.subkey;
  if (subkey !== '' && isPlainSubkey(subkey) && p.rootPath.charCodeAt(p.rootPath.length - 1) !== BACKSLASH) {
    let base = keys.key;
    if (base !== undefined && !base.exists) base = keys.key = undefined;
    if (base === undefined) {
      try {
        base = keys.key = registry.keyWriter(p.rootPath);
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
      }
    }
    if (base !== undefined) {
      try {
        return base.subkeyWriter(subkey, { create });
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
      }
    }
  }
  return registry.keyWriter(p.keyPath, { create });
}

/** Opens (or creates) the key. Undefined when it does not exist and must not be created, or the path is invalid. */
function openKey(ctx: LineContext, line: Entry, p: Parsed, create: boolean): RegistryKeyWriter | undefined {
  const cache = openKeysOf(ctx);
  const subkey = p.base.subkey;
  let w = cache.last !== undefined && cache.lastRoot === p.rootPath && cache.lastSubkey === subkey ? cache.last : undefined;
  if (w === undefined || !w.exists) {
    let keys = cache.roots.get(p.rootPath);
    if (keys === undefined) cache.roots.set(p.rootPath, (keys = { key: undefined, subkeys: new Map() }));
    w = subkey === '' ? keys.key : keys.subkeys.get(subkey);
    if (w === undefined || !w.exists) {
      try {
        w = openFresh(ctx.registry, keys, p, create);
        if (!w) return undefined;
        if (w.created && ctx.recordChanges !== false) ctx.changes.push({ op: 'create-key', key: w.path, source: source(ctx, line) });
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
        diag(ctx, line, 1, 'error', 'invalid-key-path', `key "${p.keyPath}": ${e.message}; line skipped`);
        return undefined;
      }
      if (subkey === '') keys.key = w;
      else {
        if (keys.subkeys.size >= 4096) keys.subkeys.clear();
        keys.subkeys.set(subkey, w);
      }
    }
  }
  cache.last = w;
  cache.lastRoot = p.rootPath;
  cache.lastSubkey = subkey;
  return w;
}

// Value data is built here, then copied into the registry's own storage by put().
let scratch = new Uint8Array(1024);
// Binary data of the current line (parsed before its key is opened).
let binScratch = new Uint8Array(256);

function room(bytes: number): Uint8Array {
  if (scratch.length < bytes) scratch = new Uint8Array(Math.max(bytes, scratch.length * 2));
  return scratch;
}

function putUtf16(out: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[at++] = c & 0xff;
    out[at++] = c >> 8;
  }
  return at;
}

/** A NUL-terminated UTF-16LE string in the scratch buffer; returns its byte length. */
function sz(s: string): number {
  const out = room(2 * s.length + 2);
  const at = putUtf16(out, 0, s);
  out[at] = 0;
  out[at + 1] = 0;
  return at + 2;
}

/** A REG_MULTI_SZ (each string NUL-terminated, then a final NUL) in the scratch buffer; returns its byte length. */
function multiSz(strings: readonly string[]): number {
  let units = 1;
  for (const s of strings) units += s.length + 1;
  const out = room(2 * units);
  let at = 0;
  for (const s of strings) {
    at = putUtf16(out, at, s);
    out[at++] = 0;
    out[at++] = 0;
  }
  out[at++] = 0;
  out[at++] = 0;
  return at;
}

const NO_BYTES = new Uint8Array(0);

// Value names repeat (ParamDesc, type, default, …): the registry and the change records share
// one string per name instead of keeping a fresh copy per line.
const names = new Map<string, string>();

function intern(name: string): string {
  if (name.length > 64) return name;
  const hit = names.get(name);
  if (hit !== undefined) return hit;
  if (names.size >= 4096) names.clear();
  names.set(name, name);
  return name;
}

function setValue(ctx: LineContext, line: Entry, w: RegistryKeyWriter, name: string, type: number, bytes: Uint8Array, len: number): void {
  const record = ctx.recordChanges !== false;
  let previous: RegValue | undefined;
  let value: RegValue | undefined;
  try {
    // A name the registry refuses (too long, a NUL from a substitution) skips the line with its reason.
    if (name.length > MAX_VALUE_NAME || name.includes('\0')) RegValue.raw(name, type, NO_BYTES);
    name = intern(name);
    if (record) {
      previous = w.value(name);
      value = w.put(name, type, bytes, 0, len);
    } else w.write(name, type, bytes, 0, len);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    diag(ctx, line, 2, 'error', 'invalid-value', `value "${name}": ${e.message}; line skipped`);
    return;
  }
  if (value !== undefined) ctx.changes.push({ op: 'set-value', key: w.path, name, value, previous, source: source(ctx, line) });
}

/** Deletion as both sections do it (DELREG_BIT or DELVAL): a value, one string of a multi-sz, or the key tree. */
function deleteEntry(ctx: LineContext, line: Entry, p: Parsed, w: RegistryKeyWriter, flags: number): void {
  const key = w.path;
  const name = p.base.valueName ?? '';
  if (name !== '' && !(flags & FLG_ADDREG_KEYONLY_COMMON)) {
    const previous = w.value(name);
    if ((flags & FLG_DELREG_MULTI_SZ_DELSTRING) >>> 0 === FLG_DELREG_MULTI_SZ_DELSTRING) {
      const target = p.fields[4] ?? '';
      if (target === '' || !previous || previous.type !== REG_MULTI_SZ) return;
      const list = previous.asMultiString();
      const kept = list.filter((s) => compareNames(s, target) !== 0);
      if (kept.length !== list.length) {
        const len = multiSz(kept);
        setValue(ctx, line, w, name, REG_MULTI_SZ, scratch, len);
      }
      return;
    }
    if (previous && ctx.registry.deleteValue(key, name) && ctx.recordChanges !== false) ctx.changes.push({ op: 'delete-value', key, name, previous, source: source(ctx, line) });
    return;
  }
  if (p.base.subkey === '' && p.base.root !== 'HKR') {
    diag(ctx, line, 1, 'error', 'delete-predefined-root', `refusing to delete the predefined root ${p.base.root}; line skipped`);
    return;
  }
  if (ctx.registry.deleteKey(key) && ctx.recordChanges !== false) ctx.changes.push({ op: 'delete-key', key, source: source(ctx, line) });
}

/** Appends strings to a REG_MULTI_SZ (FLG_ADDREG_APPEND): case-insensitive dedupe, creates the value if absent. */
function appendMultiSz(ctx: LineContext, line: Entry, w: RegistryKeyWriter, name: string, strings: readonly string[]): void {
  const previous = w.value(name);
  if (previous && previous.type !== REG_MULTI_SZ) {
    diag(ctx, line, 2, 'error', 'append-not-multi-sz', `ERROR_INVALID_DATA: cannot append to "${name}", which is not REG_MULTI_SZ; line skipped`);
    return;
  }
  const list = previous ? previous.asMultiString() : [];
  const before = list.length;
  for (const s of strings) if (!list.some((t) => compareNames(t, s) === 0)) list.push(s);
  if (previous && list.length === before) return;
  const len = multiSz(list);
  setValue(ctx, line, w, name, REG_MULTI_SZ, scratch, len);
}

/**
 * One line of an add-registry section (`reg-root, [subkey], [value-entry-name], [flags], [value]…`).
 * Lines carrying FLG_ADDREG_DELREG_BIT are ignored, as SetupAPI does in AddReg sections.
 */
export function applyAddRegLine(ctx: LineContext, line: InfLine): void {
  applyAddRegEntry(ctx, entryOf(line));
}

/** applyAddRegLine for a cursor of InfSection.forEachEntry. */
export function applyAddRegEntry(ctx: LineContext, line: Entry): void {
  const p = parseLine(ctx, line, 'AddReg');
  if (!p) return;
  const flags = p.base.flags;
  if (flags & FLG_ADDREG_DELREG_BIT) {
    diag(ctx, line, 3, 'warning', 'delreg-line-in-addreg', 'flags carry FLG_ADDREG_DELREG_BIT (0x8000): SetupAPI ignores such lines in an AddReg section');
    return;
  }
  const type = regTypeFromFlags(flags);
  // Data: fields 5 onwards (index 4).
  const fields = p.fields;
  const stringPath = !(flags & FLG_ADDREG_BINVALUETYPE) || (type === REG_DWORD && fields.length === 5);
  // Binary data is checked before the key is touched, so a skipped line changes nothing.
  let binaryLen = 0;
  if (!stringPath && !(flags & (FLG_ADDREG_DELVAL | FLG_ADDREG_KEYONLY | FLG_ADDREG_KEYONLY_COMMON))) {
    try {
      // SetupGetBinaryField (parseBinaryFields) into a reused buffer.
      binaryLen = Math.max(0, fields.length - 4);
      if (binScratch.length < binaryLen) binScratch = new Uint8Array(Math.max(binaryLen, binScratch.length * 2));
      for (let i = 4; i < fields.length; i++) binScratch[i - 4] = parseByteField(fields[i] ?? '', i);
    } catch (e) {
      if (!(e instanceof InfFieldError)) throw e;
      diag(ctx, line, e.field ?? 4, 'error', 'bad-binary-byte', `binary data: ${e.message}; line skipped`);
      return;
    }
  }
  const key = openKey(ctx, line, p, !(flags & FLG_ADDREG_OVERWRITEONLY));
  if (key === undefined) return;
  if (flags & FLG_ADDREG_DELVAL) return deleteEntry(ctx, line, p, key, flags);
  if (flags & (FLG_ADDREG_KEYONLY | FLG_ADDREG_KEYONLY_COMMON)) return;
  const name = p.base.valueName ?? '';
  if (flags & (FLG_ADDREG_NOCLOBBER | FLG_ADDREG_OVERWRITEONLY)) {
    const exists = key.value(name) !== undefined;
    if (exists && flags & FLG_ADDREG_NOCLOBBER) return;
    if (!exists && flags & FLG_ADDREG_OVERWRITEONLY) return;
  }
  if (stringPath) {
    if (type === REG_MULTI_SZ) {
      const strings = parseMultiSzFields(fields, 4);
      if (flags & FLG_ADDREG_APPEND) {
        if (strings.length > 0) appendMultiSz(ctx, line, key, name, strings);
        return;
      }
      // No strings: SetupAPI writes a single NUL character.
      const len = strings.length ? multiSz(strings) : sz('');
      setValue(ctx, line, key, name, type, scratch, len);
      return;
    }
    if (type === REG_DWORD) {
      const d = fields[4];
      const n = d !== undefined && d !== '' ? parseUlongLenient(d) : 0;
      const le = room(4);
      le[0] = n & 0xff;
      le[1] = (n >>> 8) & 0xff;
      le[2] = (n >>> 16) & 0xff;
      le[3] = n >>> 24;
      setValue(ctx, line, key, name, type, le, 4);
      return;
    }
    const len = sz(fields[4] ?? '');
    setValue(ctx, line, key, name, type, scratch, len);
    return;
  }
  setValue(ctx, line, key, name, type, binScratch, binaryLen);
}

/**
 * One line of a del-registry section (`reg-root, subkey[, value-entry-name][, flags][, value]`).
 * Every line deletes (flags 0, the pre-XP 2-/3-field forms, and non-zero flags without
 * FLG_ADDREG_DELREG_BIT alike — the documented behaviour; Wine ignores the last kind).
 * The key must exist; nothing is created.
 */
export function applyDelRegLine(ctx: LineContext, line: InfLine): void {
  applyDelRegEntry(ctx, entryOf(line));
}

/** applyDelRegLine for a cursor of InfSection.forEachEntry. */
export function applyDelRegEntry(ctx: LineContext, line: Entry): void {
  const p = parseLine(ctx, line, 'DelReg');
  if (!p) return;
  const key = openKey(ctx, line, p, false);
  if (key === undefined) return;
  deleteEntry(ctx, line, p, key, (p.base.flags | FLG_ADDREG_DELREG_BIT) >>> 0);
}
