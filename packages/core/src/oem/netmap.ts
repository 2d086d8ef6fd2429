// netmap.inf (spec §5): ID-mapping sections, one-to-one and one-to-many entries,
// [OemUpgradeSupport] naming the one plugin, [OemUpgradeHelpFiles]. Reading never consults a
// registry; the one-to-many lines are kept as written and matched in map.ts. Decisions:
// docs/decisions.md, "netmap.inf".

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InfFieldError, parseIntField, REG_DWORD, REG_EXPAND_SZ, REG_SZ, regTypeName, type Substituter } from '@netmigrate/inf';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import type { ComponentKind } from '../discovery/kinds.js';
import { OemFileError } from './errors.js';
import { at, entriesOf, loadInf, type Entry } from './inf-file.js';
import { findFileCaseInsensitive, resolveVendorPath, type DriveMap } from './paths.js';

/** The mapping sections and the class each maps (spec §5.2; `OemAdapters` is the one-to-many page's spelling). */
export const MAPPING_SECTIONS: readonly { readonly name: string; readonly kind: ComponentKind }[] = [
  { name: 'OemNetAdapters', kind: 'adapter' },
  { name: 'OemAdapters', kind: 'adapter' },
  { name: 'OemAsyncAdapters', kind: 'asyncAdapter' },
  { name: 'OemNetProtocols', kind: 'protocol' },
  { name: 'OemNetServices', kind: 'service' },
  { name: 'OemNetClients', kind: 'client' },
];

export const SUPPORT_SECTION = 'OemUpgradeSupport';
export const HELP_SECTION = 'OemUpgradeHelpFiles';
export const VALUE_NOT_PRESENT = 'ValueNotPresent';
export const NOT_SUPPORTED = 'NotSupported';

/**
 * Registry types a one-to-many section may compare: strings case-insensitively, DWORDs by
 * number. ValueType 1 is REG_SZ (winnt.h), whatever the documentation's example says.
 */
export const COMPARABLE_VALUE_TYPES: readonly number[] = [REG_SZ, REG_EXPAND_SZ, REG_DWORD];

/**
 * Classes one NT4 component can be looked up in: an adapter may turn out async (or not), an
 * NT4 service may be a Windows 2000 client. A pre-upgrade ID is claimed once per group.
 */
export type LookupGroup = 'adapters' | 'protocols' | 'services';

export function lookupGroup(kind: ComponentKind): LookupGroup {
  return kind === 'adapter' || kind === 'asyncAdapter' ? 'adapters' : kind === 'protocol' ? 'protocols' : 'services';
}

interface MappingBase {
  /** The class of the section it is in: what the component becomes. */
  kind: ComponentKind;
  /** Section name as written in the file. */
  section: string;
  preId: string;
  line: number;
  column: number;
}

export interface OneToOneMapping extends MappingBase {
  method: 'one-to-one';
  postId: string;
  postColumn: number;
}

/** One `<a> = <b>` line of a one-to-many section, kept as written: which side is the registry data is decided at match time. */
export interface OneToManyLine {
  left: string;
  right: string;
  line: number;
  column: number;
  rightColumn: number;
}

export interface OneToManyMapping extends MappingBase {
  method: 'one-to-many';
  /** The `[<section-name>]` holding ValueName, ValueType and the per-type lines. */
  mappingSection: string;
  mappingSectionLine: number;
  valueName: string;
  valueType: number;
  valueTypeLine: number;
  valueTypeColumn: number;
  lines: OneToManyLine[];
}

export type NetmapMapping = OneToOneMapping | OneToManyMapping;

/** An entry of a mapping section that could not be used; kept so a lookup can say why nothing matched. */
export interface RejectedMapping {
  kind: ComponentKind;
  preId: string;
  reason: EngineDiagnostic;
}

export interface SupportEntry {
  /** Post-upgrade ID (or, as in the documentation's example, a pre-upgrade ID). */
  key: string;
  line: number;
  column: number;
  kind: 'plugin' | 'not-supported';
  /** Optional INF that installs the component. */
  inf?: string;
}

export interface NetmapPlugin {
  /** Module path or package name as written, in place of the DLL name. */
  ref: string;
  /** A module path made absolute against the netmap.inf directory; a package name as written. */
  resolved: string;
  refKind: 'path' | 'package';
  /** INF named by the first entry that named the plugin. */
  inf?: string;
  line: number;
  column: number;
  /** Why the plugin cannot be run (a DLL, a missing module file…); components needing it are not upgraded. */
  problem?: EngineDiagnostic;
}

export interface HelpFilesEntry {
  key: string;
  line: number;
  column: number;
  /** Absolute paths. */
  txt?: string;
  htm?: string;
}

export interface Netmap {
  /** The vendor directory. */
  dir: string;
  file: string;
  plugin?: NetmapPlugin;
  mappings: NetmapMapping[];
  rejected: RejectedMapping[];
  /** Empty when the file has no [OemUpgradeSupport] (an error). */
  support: SupportEntry[];
  hasSupportSection: boolean;
  helpFiles: HelpFilesEntry[];
  diagnostics: EngineDiagnostic[];
}

export interface ReadNetmapOptions {
  /** Drive letters to directories, for plugin and help paths written as Windows paths. */
  driveMap?: DriveMap;
}

const fold = (s: string): string => s.toLowerCase();
const isKeyword = (s: string, keyword: string): boolean => fold(s) === fold(keyword);

/**
 * Reads `<oemDir>/netmap.inf`. Throws OemFileError when the file is missing, unreadable, not
 * INF, or names a second plugin; everything else is a diagnostic in the result.
 */
export async function readNetmapInf(oemDir: string, options: ReadNetmapOptions = {}): Promise<Netmap> {
  const file = await findFileCaseInsensitive(oemDir, 'netmap.inf');
  if (file === undefined) throw new OemFileError('netmap-missing', join(oemDir, 'netmap.inf'), `the vendor directory ${oemDir} has no netmap.inf`);
  // Duplicate keys are reported below, per section, as what they mean for the mapping.
  const { doc, diagnostics } = await loadInf(file, 'netmap', ['duplicate-key']);
  const reader = new NetmapReader(file, oemDir, doc.defaultSubstituter(), diagnostics, options);
  const entries = (name: string) => entriesOf(doc, name, reader.sub);

  const referenced = new Set<string>();
  for (const section of doc.sections()) {
    const spec = MAPPING_SECTIONS.find((s) => fold(s.name) === fold(section.name));
    if (!spec) continue;
    const list = entries(section.name);
    if (list.length === 0) reader.warn('netmap-empty-section', `[${section.name}] maps nothing`, { file, line: section.headerLines()[0] ?? 1, column: 1 });
    for (const e of list) {
      // A section named by an entry is the vendor's, even when the entry itself is refused.
      if (e.fields.length === 2 && e.fields[1]) referenced.add(fold(e.fields[1]));
      const mapped = reader.mappingEntry(spec.kind, section.name, e, (name) => {
        const s = doc.section(name);
        return s ? { name: s.name, headerLine: s.headerLines()[0] ?? 1, entries: entries(name) } : undefined;
      });
      if (mapped) reader.addMapping(mapped, e);
    }
  }

  const supportSection = doc.section(SUPPORT_SECTION);
  if (supportSection) for (const e of entries(SUPPORT_SECTION)) reader.supportEntry(e);
  const helpSection = doc.section(HELP_SECTION);
  if (helpSection) for (const e of entries(HELP_SECTION)) reader.helpEntry(e);

  for (const section of doc.sections()) {
    const name = fold(section.name);
    const known =
      MAPPING_SECTIONS.some((s) => fold(s.name) === name) || name === fold(SUPPORT_SECTION) || name === fold(HELP_SECTION) || name === 'version' || /^strings(\.[0-9a-f]{1,4})?$/.test(name) || referenced.has(name);
    if (!known) reader.warn('netmap-unknown-section', `[${section.name}] is not a netmap.inf section and no mapping entry refers to it; it is ignored`, { file, line: section.headerLines()[0] ?? 1, column: 1 });
  }

  await reader.checkFiles();
  reader.crossCheck(supportSection !== undefined);
  return reader.result(supportSection !== undefined);
}

interface SectionLookup {
  name: string;
  headerLine: number;
  entries: Entry[];
}

type Where = { file: string; line: number; column: number };

class NetmapReader {
  readonly mappings: NetmapMapping[] = [];
  readonly rejected: RejectedMapping[] = [];
  readonly support: SupportEntry[] = [];
  readonly helpFiles: HelpFilesEntry[] = [];
  plugin: NetmapPlugin | undefined;
  private readonly claimed = new Map<string, { line: number; section: string }>();
  private readonly supportKeys = new Map<string, number>();
  private readonly helpKeys = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly dir: string,
    readonly sub: Substituter,
    readonly diagnostics: EngineDiagnostic[],
    readonly options: ReadNetmapOptions,
  ) {}

  warn(code: string, message: string, where: Where): void {
    this.diagnostics.push({ severity: 'warning', code, message, ...where });
  }

  error(code: string, message: string, where: Where): EngineDiagnostic {
    const d: EngineDiagnostic = { severity: 'error', code, message, ...where };
    this.diagnostics.push(d);
    return d;
  }

  private reject(kind: ComponentKind, preId: string, code: string, message: string, where: Where): undefined {
    this.rejected.push({ kind, preId, reason: this.error(code, message, where) });
    return undefined;
  }

  /** One line of a mapping section → a mapping, or undefined (reported). */
  mappingEntry(kind: ComponentKind, section: string, e: Entry, findSection: (name: string) => SectionLookup | undefined): NetmapMapping | undefined {
    const where = at(this.file, e);
    if (e.key === null) {
      this.error('netmap-entry-without-id', `[${section}] entries are "<pre-upgrade ID> = <post-upgrade ID>"; this line has no "="`, where);
      return undefined;
    }
    const preId = e.key;
    if (preId === '') {
      this.error('netmap-entry-without-id', `[${section}] entry has an empty pre-upgrade ID`, where);
      return undefined;
    }
    const base = { kind, section, preId, line: e.lineNo, column: where.column };
    if (e.fields.length === 1) {
      const postId = e.fields[0] ?? '';
      if (postId === '') return this.reject(kind, preId, 'netmap-empty-post-upgrade-id', `${preId} is mapped to an empty post-upgrade ID`, at(this.file, e, 0));
      return { ...base, method: 'one-to-one', postId, postColumn: at(this.file, e, 0).column };
    }
    if (e.fields.length > 2) {
      return this.reject(kind, preId, 'netmap-too-many-fields', `${preId} has ${e.fields.length} fields; expected "<post-upgrade ID>" or "<method>, <section>"`, at(this.file, e, 2));
    }
    if (kind !== 'adapter' && kind !== 'asyncAdapter') {
      return this.reject(kind, preId, 'netmap-one-to-many-not-adapter', `one-to-many mapping is for adapters only; [${section}] entries must be one-to-one (spec §5.3)`, at(this.file, e, 0));
    }
    const methodText = e.fields[0] ?? '';
    let method: number;
    try {
      method = parseIntField(methodText);
    } catch (err) {
      if (!(err instanceof InfFieldError)) throw err;
      return this.reject(kind, preId, 'netmap-bad-method', `mapping method "${methodText}" is not a number; the one defined method is 0`, at(this.file, e, 0));
    }
    if (method !== 0) return this.reject(kind, preId, 'netmap-unsupported-method', `mapping method ${method} is not defined; the only one-to-many method is 0`, at(this.file, e, 0));
    const sectionName = e.fields[1] ?? '';
    const sectionWhere = at(this.file, e, 1);
    if (sectionName === '') return this.reject(kind, preId, 'netmap-missing-mapping-section', `${preId} names no mapping section`, sectionWhere);
    const reserved = MAPPING_SECTIONS.some((s) => fold(s.name) === fold(sectionName)) || [SUPPORT_SECTION, HELP_SECTION, 'Version', 'Strings'].some((s) => fold(s) === fold(sectionName));
    if (reserved) return this.reject(kind, preId, 'netmap-bad-mapping-section', `[${sectionName}] is a netmap.inf section of its own and cannot hold a one-to-many mapping`, sectionWhere);
    const target = findSection(sectionName);
    if (!target) return this.reject(kind, preId, 'netmap-missing-mapping-section', `${preId} refers to [${sectionName}], which is not in this file`, sectionWhere);
    return this.oneToMany(base, target);
  }

  private oneToMany(base: MappingBase, s: SectionLookup): OneToManyMapping | undefined {
    const header: Where = { file: this.file, line: s.headerLine, column: 1 };
    const { kind, preId } = base;
    const special = (name: string) => s.entries.filter((e) => e.key !== null && fold(e.key) === fold(name));
    const [valueNameEntry, ...moreNames] = special('ValueName');
    const [valueTypeEntry, ...moreTypes] = special('ValueType');
    for (const [first, extras] of [[valueNameEntry, moreNames], [valueTypeEntry, moreTypes]] as const) {
      for (const extra of extras) this.warn('netmap-duplicate-key', `[${s.name}] has ${extra.key} more than once; the first, on line ${first?.lineNo}, is used`, at(this.file, extra));
    }
    if (!valueNameEntry) return this.reject(kind, preId, 'netmap-missing-value-name', `[${s.name}] has no ValueName: the registry value that tells the adapter types apart`, header);
    if (!valueTypeEntry) return this.reject(kind, preId, 'netmap-missing-value-type', `[${s.name}] has no ValueType (1 = REG_SZ, 4 = REG_DWORD)`, header);
    const typeText = valueTypeEntry.fields[0] ?? '';
    const typeWhere = at(this.file, valueTypeEntry, 0);
    let valueType: number;
    try {
      valueType = parseIntField(typeText);
    } catch (err) {
      if (!(err instanceof InfFieldError)) throw err;
      return this.reject(kind, preId, 'netmap-bad-value-type', `ValueType "${typeText}" is not a number (1 = REG_SZ, 4 = REG_DWORD)`, typeWhere);
    }
    if (!COMPARABLE_VALUE_TYPES.includes(valueType)) {
      const known = valueType >= 0 && valueType <= 11;
      return this.reject(
        kind,
        preId,
        'netmap-unsupported-value-type',
        known
          ? `ValueType ${valueType} (${regTypeName(valueType)}) cannot be compared with INF text; use 1 (REG_SZ), 2 (REG_EXPAND_SZ) or 4 (REG_DWORD)`
          : `ValueType ${valueType} is not a registry type; use 1 (REG_SZ), 2 (REG_EXPAND_SZ) or 4 (REG_DWORD)`,
        typeWhere,
      );
    }
    const lines: OneToManyLine[] = [];
    const seen = new Map<string, number>();
    for (const e of s.entries) {
      if (e === valueNameEntry || e === valueTypeEntry || moreNames.includes(e) || moreTypes.includes(e)) continue;
      const where = at(this.file, e);
      if (e.key === null) {
        this.error('netmap-bare-line', `[${s.name}] lines are "<registry data> = <post-upgrade ID>"; this line has no "=" and is ignored`, where);
        continue;
      }
      if (e.fields.length !== 1) {
        this.error('netmap-too-many-fields', `[${s.name}] line has ${e.fields.length} fields after "="; expected one; the line is ignored`, at(this.file, e, 1));
        continue;
      }
      const left = e.key;
      const right = e.fields[0] ?? '';
      if (left === '' || right === '') {
        this.error('netmap-empty-side', `[${s.name}] line has an empty ${left === '' ? 'left' : 'right'} side and is ignored`, where);
        continue;
      }
      if (isKeyword(left, VALUE_NOT_PRESENT) && isKeyword(right, VALUE_NOT_PRESENT)) {
        this.error('netmap-empty-side', `[${s.name}] line has ${VALUE_NOT_PRESENT} on both sides and is ignored`, where);
        continue;
      }
      const pair = `${fold(left)}=${fold(right)}`;
      const first = seen.get(pair);
      if (first !== undefined) {
        this.warn('netmap-duplicate-key', `[${s.name}] repeats line ${first}`, where);
        continue;
      }
      seen.set(pair, e.lineNo);
      if (valueType === REG_DWORD && !isKeyword(left, VALUE_NOT_PRESENT) && !isKeyword(right, VALUE_NOT_PRESENT) && !isNumber(left) && !isNumber(right)) {
        this.warn('netmap-line-never-matches', `ValueType is REG_DWORD but neither "${left}" nor "${right}" is a number, so this line can never match`, where);
      }
      lines.push({ left, right, line: e.lineNo, column: where.column, rightColumn: at(this.file, e, 0).column });
    }
    if (lines.length === 0) return this.reject(kind, preId, 'netmap-empty-mapping-section', `[${s.name}] has no "<registry data> = <post-upgrade ID>" lines`, header);
    return {
      ...base,
      method: 'one-to-many',
      mappingSection: s.name,
      mappingSectionLine: s.headerLine,
      valueName: valueNameEntry.fields[0] ?? '',
      valueType,
      valueTypeLine: valueTypeEntry.lineNo,
      valueTypeColumn: typeWhere.column,
      lines,
    };
  }

  addMapping(m: NetmapMapping, e: Entry): void {
    const claim = `${lookupGroup(m.kind)}:${fold(m.preId)}`;
    const first = this.claimed.get(claim);
    if (first !== undefined) {
      this.reject(m.kind, m.preId, 'netmap-duplicate-id', `${m.preId} is already mapped on line ${first.line} ([${first.section}]); this entry is ignored`, at(this.file, e));
      return;
    }
    this.claimed.set(claim, { line: m.line, section: m.section });
    this.mappings.push(m);
  }

  supportEntry(e: Entry): void {
    const where = at(this.file, e);
    if (e.key === null || e.key === '') {
      this.error('netmap-entry-without-id', `[${SUPPORT_SECTION}] entries are "<post-upgrade ID> = <plugin>[, <inf>]"; this line has no ID`, where);
      return;
    }
    const first = this.supportKeys.get(fold(e.key));
    if (first !== undefined) {
      this.error('netmap-duplicate-support', `${e.key} already has an [${SUPPORT_SECTION}] entry on line ${first}; this one is ignored`, where);
      return;
    }
    const value = e.fields[0] ?? '';
    if (value === '') {
      this.error('netmap-empty-plugin', `${e.key} names no plugin; name a module path or package name, or ${NOT_SUPPORTED}`, at(this.file, e, 0));
      return;
    }
    this.supportKeys.set(fold(e.key), e.lineNo);
    if (e.fields.length > 2) this.warn('netmap-extra-fields', `fields after the INF name are ignored`, at(this.file, e, 2));
    if (isKeyword(value, NOT_SUPPORTED)) {
      if (e.fields.length > 1) this.warn('netmap-extra-fields', `${NOT_SUPPORTED} takes no INF name; "${e.fields[1] ?? ''}" is ignored`, at(this.file, e, 1));
      this.support.push({ key: e.key, line: e.lineNo, column: where.column, kind: 'not-supported' });
      return;
    }
    const inf = e.fields[1];
    const entry: SupportEntry = { key: e.key, line: e.lineNo, column: where.column, kind: 'plugin' };
    if (inf !== undefined && inf !== '') entry.inf = inf;
    const refWhere = at(this.file, e, 0);
    const plugin = this.pluginFrom(value, refWhere);
    if (this.plugin && this.plugin.resolved !== plugin.resolved) {
      throw new OemFileError(
        'netmap-second-plugin',
        this.file,
        `${e.key} names the plugin "${value}", but line ${this.plugin.line} already named "${this.plugin.ref}"; one netmap.inf has one plugin, which upgrades all its components (spec §5.5)`,
        refWhere.line,
        refWhere.column,
      );
    }
    if (!this.plugin) {
      if (entry.inf !== undefined) plugin.inf = entry.inf;
      this.plugin = plugin;
    }
    this.support.push(entry);
  }

  private pluginFrom(ref: string, where: Where): NetmapPlugin {
    const base = { ref, line: where.line, column: where.column };
    if (/\.(dll|exe)$/i.test(ref)) {
      return {
        ...base,
        resolved: ref,
        refKind: 'path',
        problem: this.error('netmap-plugin-is-dll', `"${ref}" is a Windows DLL; netmigrate runs JavaScript plugins: name the plugin's module path (e.g. ./plugin.mjs) or package name in its place`, where),
      };
    }
    if (ref.startsWith('@') || (/^[A-Za-z0-9][A-Za-z0-9._~-]*$/.test(ref) && !/\.[cm]?[jt]s$/i.test(ref))) {
      if (!/^(@[A-Za-z0-9][A-Za-z0-9._~-]*\/)?[A-Za-z0-9][A-Za-z0-9._~-]*(\/[^\\]*)?$/.test(ref)) {
        return { ...base, resolved: ref, refKind: 'package', problem: this.error('netmap-bad-plugin-name', `"${ref}" is neither a module path nor a package name`, where) };
      }
      return { ...base, resolved: ref, refKind: 'package' };
    }
    const p = resolveVendorPath(ref, this.dir, this.options.driveMap);
    if (!p.ok) return { ...base, resolved: ref, refKind: 'path', problem: this.error(`netmap-plugin-${p.problem}-path`, p.reason, where) };
    return { ...base, resolved: p.path, refKind: 'path' };
  }

  helpEntry(e: Entry): void {
    const where = at(this.file, e);
    if (e.key === null || e.key === '') {
      this.error('netmap-entry-without-id', `[${HELP_SECTION}] entries are "<post-upgrade ID> = <text file>, <htm file>"; this line has no ID`, where);
      return;
    }
    const first = this.helpKeys.get(fold(e.key));
    if (first !== undefined) {
      this.error('netmap-duplicate-help', `${e.key} already has help files on line ${first}; this entry is ignored`, where);
      return;
    }
    this.helpKeys.set(fold(e.key), e.lineNo);
    if (e.fields.length > 2) this.warn('netmap-extra-fields', 'fields after the HTML file are ignored', at(this.file, e, 2));
    const entry: HelpFilesEntry = { key: e.key, line: e.lineNo, column: where.column };
    (['txt', 'htm'] as const).forEach((which, i) => {
      const raw = e.fields[i] ?? '';
      if (raw === '') return;
      const p = resolveVendorPath(raw, this.dir, this.options.driveMap);
      if (!p.ok) {
        this.warn('netmap-help-windows-path', `${p.reason}; the default help file is shown instead (there is no i386 directory here to resolve it against)`, at(this.file, e, i));
        return;
      }
      entry[which] = p.path;
    });
    if (entry.txt === undefined && entry.htm === undefined) {
      this.warn('netmap-help-no-files', `${e.key} names no usable help file; the defaults are used`, where);
      return;
    }
    this.helpFiles.push(entry);
  }

  /** Files named in the netmap must exist: the plugin module (a module path) and the help files. */
  async checkFiles(): Promise<void> {
    const isFile = async (p: string) => (await stat(p).catch(() => undefined))?.isFile() === true;
    const plugin = this.plugin;
    if (plugin && plugin.refKind === 'path' && !plugin.problem && !(await isFile(plugin.resolved))) {
      plugin.problem = this.error('netmap-plugin-missing', `the plugin module ${plugin.resolved} does not exist`, { file: this.file, line: plugin.line, column: plugin.column });
    }
    for (const h of this.helpFiles) {
      for (const p of [h.txt, h.htm]) {
        if (p !== undefined && !(await isFile(p))) this.warn('netmap-help-file-missing', `the help file ${p} does not exist`, { file: this.file, line: h.line, column: h.column });
      }
    }
  }

  /** Every post-upgrade ID needs an [OemUpgradeSupport] entry; every entry should be used. */
  crossCheck(hasSupportSection: boolean): void {
    const top: Where = { file: this.file, line: 1, column: 1 };
    if (this.mappings.length === 0 && this.rejected.length === 0) this.warn('netmap-no-mappings', `netmap.inf has no mapping entries in any of ${MAPPING_SECTIONS.map((s) => s.name).join(', ')}`, top);
    if (!hasSupportSection) {
      this.error('netmap-no-upgrade-support', `netmap.inf has no [${SUPPORT_SECTION}] section, which is mandatory: no component it maps can be upgraded`, top);
    }
    const supportKeys = new Map(this.support.map((s) => [fold(s.key), s]));
    const postIds = new Set<string>();
    const preIds = new Set<string>();
    for (const m of this.mappings) {
      preIds.add(fold(m.preId));
      const candidates = m.method === 'one-to-one' ? [m.postId] : m.lines.flatMap((l) => [l.left, l.right]).filter((s) => !isKeyword(s, VALUE_NOT_PRESENT));
      for (const c of candidates) postIds.add(fold(c));
      if (!hasSupportSection) continue;
      if (m.method === 'one-to-one') {
        if (!supportKeys.has(fold(m.postId)) && !supportKeys.has(fold(m.preId))) {
          this.error('netmap-no-support-entry', `the post-upgrade ID ${m.postId} (for ${m.preId}) has no [${SUPPORT_SECTION}] entry, so no plugin upgrades it`, { file: this.file, line: m.line, column: m.postColumn });
        }
        continue;
      }
      if (supportKeys.has(fold(m.preId))) continue;
      for (const l of m.lines) {
        const sides = [l.left, l.right].filter((s) => !isKeyword(s, VALUE_NOT_PRESENT));
        if (!sides.some((s) => supportKeys.has(fold(s)))) {
          this.error('netmap-no-support-entry', `no [${SUPPORT_SECTION}] entry for ${sides.join(' or ')} (a post-upgrade ID of ${m.preId}), so no plugin upgrades that adapter type`, { file: this.file, line: l.line, column: l.column });
        }
      }
    }
    for (const s of this.support) {
      const where = { file: this.file, line: s.line, column: s.column };
      if (postIds.has(fold(s.key))) continue;
      if (preIds.has(fold(s.key))) {
        this.warn('netmap-support-keyed-by-pre-id', `${s.key} is a pre-upgrade ID; [${SUPPORT_SECTION}] is keyed by post-upgrade IDs. Accepted, as in the documentation's example`, where);
      } else {
        this.warn('netmap-unused-support-entry', `${s.key} is not an ID mapped in this file; the entry is never used`, where);
      }
    }
    for (const h of this.helpFiles) {
      if (!postIds.has(fold(h.key)) && !preIds.has(fold(h.key))) {
        this.warn('netmap-unused-help-entry', `${h.key} is not an ID mapped in this file; its help files are never shown`, { file: this.file, line: h.line, column: h.column });
      }
    }
  }

  result(hasSupportSection: boolean): Netmap {
    const out: Netmap = {
      dir: this.dir,
      file: this.file,
      mappings: this.mappings,
      rejected: this.rejected,
      support: this.support,
      hasSupportSection,
      helpFiles: this.helpFiles,
      diagnostics: this.diagnostics,
    };
    if (this.plugin) out.plugin = this.plugin;
    return out;
  }
}

function isNumber(s: string): boolean {
  try {
    parseIntField(s);
    return true;
  } catch {
    return false;
  }
}

/** The [OemUpgradeSupport] entry for a mapping: keyed by the post-upgrade ID, else by the pre-upgrade ID. */
export function supportFor(netmap: Netmap, postId: string, preId: string): SupportEntry | undefined {
  return netmap.support.find((s) => fold(s.key) === fold(postId)) ?? netmap.support.find((s) => fold(s.key) === fold(preId));
}

/** The [OemUpgradeHelpFiles] entry, looked up the same way. */
export function helpFilesFor(netmap: Netmap, postId: string | undefined, preId: string): HelpFilesEntry | undefined {
  return (postId === undefined ? undefined : netmap.helpFiles.find((h) => fold(h.key) === fold(postId))) ?? netmap.helpFiles.find((h) => fold(h.key) === fold(preId));
}
