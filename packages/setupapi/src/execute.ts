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
  parseBinaryFields,
  parseMultiSzFields,
  parseUlongLenient,
  regTypeFromFlags,
  type InfDocument,
  type InfLine,
  type RegEntryBase,
  type Substituter,
} from '@netmigrate/inf';
import { REG_DWORD, REG_MULTI_SZ, RegValue, RegistryError, compareNames, type Registry } from '@netmigrate/registry';
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
  | 'section-not-found';

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
  /** Substitutes `%strkey%` and DIRIDs in every field (default: the document's own [Strings]). */
  substituter: Substituter;
  doc: InfDocument;
  /** Name of the add-registry / del-registry section the line belongs to. */
  section: string;
  changes: Change[];
  diagnostics: SetupDiagnostic[];
}

const ROOT_PATHS: Record<string, string> = { HKCR: 'HKCR', HKCU: 'HKCU', HKLM: 'HKLM', HKU: 'HKU' };

function diag(ctx: LineContext, line: InfLine, field: number, severity: SetupDiagnostic['severity'], code: DiagnosticCode, message: string): void {
  const pos = fieldPosition(ctx.doc, line, field);
  const d: SetupDiagnostic = { line: pos.line, column: pos.column, severity, code, message };
  if (ctx.doc.file !== undefined) d.file = ctx.doc.file;
  ctx.diagnostics.push(d);
}

function source(ctx: LineContext, line: InfLine): SourceRef {
  const s: SourceRef = { line: line.line, section: ctx.section };
  if (ctx.doc.file !== undefined) s.file = ctx.doc.file;
  return s;
}

interface Parsed {
  base: RegEntryBase;
  /** The substituted fields (index 0 = reg-root). */
  fields: string[];
  keyPath: string;
}

/** Common part: substitution, root, flags, key path. Undefined (with a diagnostic) when the line is skipped. */
function parseLine(ctx: LineContext, line: InfLine, what: 'AddReg' | 'DelReg'): Parsed | undefined {
  const fields = line.fields.map((f) => ctx.substituter.substitute(f));
  if (fields.length === 0 || (fields.length === 1 && fields[0] === '')) {
    diag(ctx, line, 0, 'warning', 'empty-line', `${what} line has no fields; skipped`);
    return undefined;
  }
  let base: RegEntryBase;
  try {
    base = parseAddRegLine(fields);
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
  const keyPath = base.subkey === '' ? rootPath : `${rootPath}\\${base.subkey}`;
  return { base, fields, keyPath };
}

/** Opens (or creates) the key. Undefined when it does not exist and must not be created, or the path is invalid. */
function openKey(ctx: LineContext, line: InfLine, p: Parsed, create: boolean): string | undefined {
  try {
    const existing = ctx.registry.key(p.keyPath);
    if (existing) return existing.path;
    if (!create) return undefined;
    const view = ctx.registry.createKey(p.keyPath);
    ctx.changes.push({ op: 'create-key', key: view.path, source: source(ctx, line) });
    return view.path;
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    diag(ctx, line, 1, 'error', 'invalid-key-path', `key "${p.keyPath}": ${e.message}; line skipped`);
    return undefined;
  }
}

function utf16z(strings: readonly string[], multi: boolean): Uint8Array {
  const text = multi ? strings.map((s) => s + '\0').join('') + '\0' : (strings[0] ?? '') + '\0';
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

function setValue(ctx: LineContext, line: InfLine, key: string, value: RegValue): void {
  const previous = ctx.registry.key(key)?.value(value.name);
  try {
    ctx.registry.setValue(key, value);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    diag(ctx, line, 2, 'error', 'invalid-value', `value "${value.name}": ${e.message}; line skipped`);
    return;
  }
  ctx.changes.push({ op: 'set-value', key, name: value.name, value, previous, source: source(ctx, line) });
}

/** Deletion as both sections do it (DELREG_BIT or DELVAL): a value, one string of a multi-sz, or the key tree. */
function deleteEntry(ctx: LineContext, line: InfLine, p: Parsed, key: string, flags: number): void {
  const name = p.base.valueName ?? '';
  if (name !== '' && !(flags & FLG_ADDREG_KEYONLY_COMMON)) {
    const previous = ctx.registry.key(key)?.value(name);
    if ((flags & FLG_DELREG_MULTI_SZ_DELSTRING) >>> 0 === FLG_DELREG_MULTI_SZ_DELSTRING) {
      const target = p.fields[4] ?? '';
      if (target === '' || !previous || previous.type !== REG_MULTI_SZ) return;
      const list = previous.asMultiString();
      const kept = list.filter((s) => compareNames(s, target) !== 0);
      if (kept.length !== list.length) setValue(ctx, line, key, RegValue.raw(name, REG_MULTI_SZ, utf16z(kept, true)));
      return;
    }
    if (previous && ctx.registry.deleteValue(key, name)) ctx.changes.push({ op: 'delete-value', key, name, previous, source: source(ctx, line) });
    return;
  }
  if (p.base.subkey === '' && p.base.root !== 'HKR') {
    diag(ctx, line, 1, 'error', 'delete-predefined-root', `refusing to delete the predefined root ${p.base.root}; line skipped`);
    return;
  }
  if (ctx.registry.deleteKey(key)) ctx.changes.push({ op: 'delete-key', key, source: source(ctx, line) });
}

/** Appends strings to a REG_MULTI_SZ (FLG_ADDREG_APPEND): case-insensitive dedupe, creates the value if absent. */
function appendMultiSz(ctx: LineContext, line: InfLine, key: string, name: string, strings: readonly string[]): void {
  const previous = ctx.registry.key(key)?.value(name);
  if (previous && previous.type !== REG_MULTI_SZ) {
    diag(ctx, line, 2, 'error', 'append-not-multi-sz', `ERROR_INVALID_DATA: cannot append to "${name}", which is not REG_MULTI_SZ; line skipped`);
    return;
  }
  const list = previous ? previous.asMultiString() : [];
  const before = list.length;
  for (const s of strings) if (!list.some((t) => compareNames(t, s) === 0)) list.push(s);
  if (previous && list.length === before) return;
  setValue(ctx, line, key, RegValue.raw(name, REG_MULTI_SZ, utf16z(list, true)));
}

/**
 * One line of an add-registry section (`reg-root, [subkey], [value-entry-name], [flags], [value]…`).
 * Lines carrying FLG_ADDREG_DELREG_BIT are ignored, as SetupAPI does in AddReg sections.
 */
export function applyAddRegLine(ctx: LineContext, line: InfLine): void {
  const p = parseLine(ctx, line, 'AddReg');
  if (!p) return;
  const flags = p.base.flags;
  if (flags & FLG_ADDREG_DELREG_BIT) {
    diag(ctx, line, 3, 'warning', 'delreg-line-in-addreg', 'flags carry FLG_ADDREG_DELREG_BIT (0x8000): SetupAPI ignores such lines in an AddReg section');
    return;
  }
  const type = regTypeFromFlags(flags);
  const data = p.fields.slice(4);
  const stringPath = !(flags & FLG_ADDREG_BINVALUETYPE) || (type === REG_DWORD && p.fields.length === 5);
  // Binary data is checked before the key is touched, so a skipped line changes nothing.
  let binary: Uint8Array | undefined;
  if (!stringPath && !(flags & (FLG_ADDREG_DELVAL | FLG_ADDREG_KEYONLY | FLG_ADDREG_KEYONLY_COMMON))) {
    try {
      binary = parseBinaryFields(data);
    } catch (e) {
      if (!(e instanceof InfFieldError)) throw e;
      diag(ctx, line, (e.field ?? 0) + 4, 'error', 'bad-binary-byte', `binary data: ${e.message}; line skipped`);
      return;
    }
  }
  const key = openKey(ctx, line, p, !(flags & FLG_ADDREG_OVERWRITEONLY));
  if (key === undefined) return;
  if (flags & FLG_ADDREG_DELVAL) return deleteEntry(ctx, line, p, key, flags);
  if (flags & (FLG_ADDREG_KEYONLY | FLG_ADDREG_KEYONLY_COMMON)) return;
  const name = p.base.valueName ?? '';
  if (flags & (FLG_ADDREG_NOCLOBBER | FLG_ADDREG_OVERWRITEONLY)) {
    const exists = ctx.registry.key(key)?.value(name) !== undefined;
    if (exists && flags & FLG_ADDREG_NOCLOBBER) return;
    if (!exists && flags & FLG_ADDREG_OVERWRITEONLY) return;
  }
  if (stringPath) {
    if (type === REG_MULTI_SZ) {
      const strings = parseMultiSzFields(data);
      if (flags & FLG_ADDREG_APPEND) {
        if (strings.length > 0) appendMultiSz(ctx, line, key, name, strings);
        return;
      }
      // No strings: SetupAPI writes a single NUL character.
      setValue(ctx, line, key, RegValue.raw(name, type, strings.length ? utf16z(strings, true) : utf16z([''], false)));
      return;
    }
    if (type === REG_DWORD) {
      const n = data.length > 0 && data[0] !== '' ? parseUlongLenient(data[0] ?? '') : 0;
      const le = new Uint8Array(4);
      new DataView(le.buffer).setUint32(0, n, true);
      setValue(ctx, line, key, RegValue.raw(name, type, le));
      return;
    }
    setValue(ctx, line, key, RegValue.raw(name, type, utf16z([data[0] ?? ''], false)));
    return;
  }
  setValue(ctx, line, key, RegValue.raw(name, type, binary ?? new Uint8Array(0)));
}

/**
 * One line of a del-registry section (`reg-root, subkey[, value-entry-name][, flags][, value]`).
 * Every line deletes (flags 0, the pre-XP 2-/3-field forms, and non-zero flags without
 * FLG_ADDREG_DELREG_BIT alike — the documented behaviour; Wine ignores the last kind).
 * The key must exist; nothing is created.
 */
export function applyDelRegLine(ctx: LineContext, line: InfLine): void {
  const p = parseLine(ctx, line, 'DelReg');
  if (!p) return;
  const key = openKey(ctx, line, p, false);
  if (key === undefined) return;
  deleteEntry(ctx, line, p, key, (p.base.flags | FLG_ADDREG_DELREG_BIT) >>> 0);
}
