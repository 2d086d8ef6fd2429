// One discovered component → its Windows 2000 ID, plugin and help files (spec §4.2-§4.3,
// §5, §7). One-to-many entries read the component's Parameters value here.

import { compareNames, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_EXPAND_SZ, REG_SZ, regTypeName, type RegistryBase, type RegValue } from '@netmigrate/registry';
import { parseIntField } from '@netmigrate/inf';
import { builtInById } from '../discovery/builtin.js';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import type { DiscoveredComponent } from '../discovery/discover.js';
import type { ComponentKind } from '../discovery/kinds.js';
import type { MappingIndex } from './mapping-index.js';
import {
  MAPPING_SECTIONS, VALUE_NOT_PRESENT, helpFilesFor, lookupGroup, supportFor, type Netmap, type NetmapMapping, type OneToManyLine,
  type OneToManyMapping, type SupportEntry,
} from './netmap.js';

/** Windows 2000's own Compatibility Report help (spec §7), shipped in `\i386\winntupg`; the report tool locates them. */
export const DEFAULT_HELP_FILES = { txt: 'unsupmsg.txt', htm: 'unsupmsg.htm' } as const;

export interface MappingResult {
  /** `no-match`: a one-to-many entry was found but no line matched and there is no ValueNotPresent line. */
  status: 'mapped' | 'not-supported' | 'no-mapping' | 'no-match';
  /** The class of the section that mapped it (an NT4 service in OemNetClients is a client), else as discovered. */
  kind: ComponentKind;
  nt5InfId?: string;
  netmap?: Netmap;
  /** Module path (absolute) or package name; set when status is `mapped` by a vendor. Package names resolve from `netmap.dir`. */
  pluginRef?: string;
  /** INF named beside the plugin in [OemUpgradeSupport]. */
  inf?: string;
  /** For components the Compatibility Report lists (every status but `mapped`). */
  helpFiles?: { txt?: string; htm?: string };
  helpFilesSource?: 'netmap' | 'default';
  /** Windows 2000 upgrades the component itself. */
  builtIn?: boolean;
  mapping?: NetmapMapping;
  support?: SupportEntry;
  /** Why a component that has an entry is not upgraded: the vendor file's error, with its position. */
  problem?: EngineDiagnostic;
  /** Human explanation, e.g. "one-to-many via [DATAFIREU] ValueName=BoardType: 'DataFireIsaU' matched line 7 …". */
  detail: string;
}

const sectionsFor = (kind: ComponentKind): string =>
  MAPPING_SECTIONS.filter((s) => lookupGroup(s.kind) === lookupGroup(kind))
    .map((s) => s.name)
    .join('/');

const pos = (netmap: Netmap, line: number, column?: number): string => `${netmap.file}:${line}${column === undefined ? '' : `:${column}`}`;

export function mapComponent(component: DiscoveredComponent, index: MappingIndex, snapshot: RegistryBase): MappingResult {
  const { preNT5InfId: preId, preNT5Instance: instance } = component;
  if (component.builtIn !== undefined) {
    const table = builtInById(component.builtIn);
    const shadowed = index.find(component.kind, preId);
    return {
      status: 'mapped',
      kind: table?.kind ?? component.kind,
      nt5InfId: component.builtIn,
      builtIn: true,
      detail:
        `built-in: Windows 2000 upgrades ${instance} (${preId}) itself as ${component.builtIn}; no vendor files are used` +
        (shadowed ? ` (the entry at ${pos(shadowed.netmap, shadowed.mapping.line, shadowed.mapping.column)} does not apply)` : ''),
    };
  }

  const claim = index.find(component.kind, preId);
  if (!claim) {
    const rejected = index.findRejected(component.kind, preId);
    const result: MappingResult = {
      status: 'no-mapping',
      kind: component.kind,
      helpFiles: { ...DEFAULT_HELP_FILES },
      helpFilesSource: 'default',
      detail: rejected
        ? `the entry for ${preId} at ${pos(rejected.netmap, rejected.rejected.reason.line ?? 1, rejected.rejected.reason.column)} is unusable (${rejected.rejected.reason.message}); the component is listed in the Compatibility Report`
        : `no netmap.inf maps ${preId} in ${sectionsFor(component.kind)}; the component is listed in the Compatibility Report`,
    };
    if (rejected) {
      result.netmap = rejected.netmap;
      result.problem = { ...rejected.rejected.reason, component: instance };
    }
    return result;
  }

  const { netmap, mapping } = claim;
  const kind = mapping.kind;
  let postId: string;
  let how: string;
  // Where the post-upgrade ID was written: what a missing [OemUpgradeSupport] entry is reported at.
  let postAt: { line: number; column: number };
  if (mapping.method === 'one-to-one') {
    postId = mapping.postId;
    postAt = { line: mapping.line, column: mapping.postColumn };
    how = `one-to-one via [${mapping.section}] at ${pos(netmap, mapping.line, mapping.column)}: ${preId} = ${postId}`;
  } else {
    const m = matchOneToMany(mapping, snapshot.key(component.paramsPath)?.value(mapping.valueName));
    const via = `one-to-many via [${mapping.mappingSection}] ValueName=${mapping.valueName}`;
    if (!m.ok) {
      const result: MappingResult = { status: 'no-match', kind, netmap, mapping, ...helpFiles(netmap, undefined, preId), detail: `${via} (${pos(netmap, mapping.line, mapping.column)}): ${m.why}` };
      if (m.problem) result.problem = { ...m.problem, file: netmap.file, component: instance };
      return result;
    }
    postId = m.postId;
    postAt = { line: m.line.line, column: m.line.column };
    how = `${via}: ${m.why}`;
  }

  const support = supportFor(netmap, postId, preId);
  const base = { kind, nt5InfId: postId, netmap, mapping };
  if (!support) {
    const problem: EngineDiagnostic = netmap.hasSupportSection
      ? { severity: 'error', code: 'netmap-no-support-entry', message: `the post-upgrade ID ${postId} has no [OemUpgradeSupport] entry, so no plugin upgrades it`, file: netmap.file, ...postAt, component: instance }
      : { severity: 'error', code: 'netmap-no-upgrade-support', message: 'netmap.inf has no [OemUpgradeSupport] section, which is mandatory', file: netmap.file, line: 1, column: 1, component: instance };
    return { status: 'not-supported', ...base, ...helpFiles(netmap, postId, preId), problem, detail: `${how}; ${problem.message}: not upgraded` };
  }
  if (support.kind === 'not-supported') {
    return { status: 'not-supported', ...base, support, ...helpFiles(netmap, postId, preId), detail: `${how}; [OemUpgradeSupport] at ${pos(netmap, support.line, support.column)} says NotSupported` };
  }
  const plugin = netmap.plugin;
  if (!plugin || plugin.problem) {
    const problem = { ...(plugin?.problem ?? { severity: 'error' as const, code: 'netmap-empty-plugin', message: 'no usable plugin', file: netmap.file, line: support.line, column: support.column }), component: instance };
    return { status: 'not-supported', ...base, support, ...helpFiles(netmap, postId, preId), problem, detail: `${how}; the plugin cannot run: ${problem.message}` };
  }
  const result: MappingResult = {
    status: 'mapped',
    ...base,
    support,
    pluginRef: plugin.resolved,
    detail: `${how}; plugin ${plugin.ref} (${pos(netmap, support.line, support.column)})`,
  };
  if (support.inf !== undefined) result.inf = support.inf;
  return result;
}

function helpFiles(netmap: Netmap, postId: string | undefined, preId: string): Pick<MappingResult, 'helpFiles' | 'helpFilesSource'> {
  const entry = helpFilesFor(netmap, postId, preId);
  if (!entry) return { helpFiles: { ...DEFAULT_HELP_FILES }, helpFilesSource: 'default' };
  const files: { txt?: string; htm?: string } = {};
  if (entry.txt !== undefined) files.txt = entry.txt;
  if (entry.htm !== undefined) files.htm = entry.htm;
  return { helpFiles: files, helpFilesSource: 'netmap' };
}

type Match = { ok: true; postId: string; line: OneToManyLine; why: string } | { ok: false; why: string; problem?: EngineDiagnostic };

const isNotPresent = (s: string): boolean => s.toLowerCase() === VALUE_NOT_PRESENT.toLowerCase();

/**
 * Compares the registry data with both sides of every line (spec §5.4's orientation
 * problem): first reading (a), left = registry data, over all lines; then reading (b),
 * right = registry data. An absent value takes the line with ValueNotPresent on either side.
 */
export function matchOneToMany(mapping: OneToManyMapping, value: RegValue | undefined): Match {
  const lineRef = (l: OneToManyLine) => `line ${l.line}`;
  if (value === undefined) {
    const left = mapping.lines.find((l) => isNotPresent(l.left));
    if (left) return { ok: true, postId: left.right, line: left, why: `no ${mapping.valueName} value: ${VALUE_NOT_PRESENT} matched ${lineRef(left)} (left side) → ${left.right}` };
    const right = mapping.lines.find((l) => isNotPresent(l.right));
    if (right) return { ok: true, postId: right.left, line: right, why: `no ${mapping.valueName} value: ${VALUE_NOT_PRESENT} matched ${lineRef(right)} (right side) → ${right.left}` };
    return { ok: false, why: `the adapter has no ${mapping.valueName} value and [${mapping.mappingSection}] has no ${VALUE_NOT_PRESENT} line` };
  }
  const data = readData(mapping, value);
  if (!data.ok) return { ok: false, why: data.problem.message, problem: data.problem };
  const shown = typeof data.value === 'number' ? `${data.value} (0x${data.value.toString(16)})` : `'${data.value}'`;
  const equals = (side: string): boolean => (typeof data.value === 'number' ? numberEquals(side, data.value) : compareNames(side, data.value) === 0);
  const usable = mapping.lines.filter((l) => !isNotPresent(l.left) && !isNotPresent(l.right));
  const a = usable.find((l) => equals(l.left));
  if (a) return { ok: true, postId: a.right, line: a, why: `${shown} matched the left side of ${lineRef(a)} → ${a.right}` };
  const b = usable.find((l) => equals(l.right));
  if (b) return { ok: true, postId: b.left, line: b, why: `${shown} matched the right side of ${lineRef(b)} → ${b.left}` };
  return { ok: false, why: `${shown} matched no line of [${mapping.mappingSection}]` };
}

function readData(mapping: OneToManyMapping, value: RegValue): { ok: true; value: string | number } | { ok: false; problem: EngineDiagnostic } {
  const stringType = mapping.valueType === REG_SZ || mapping.valueType === REG_EXPAND_SZ;
  try {
    if (stringType && value.type === REG_SZ) return { ok: true, value: value.asString() };
    if (stringType && value.type === REG_EXPAND_SZ) return { ok: true, value: value.asExpandString() };
    if (mapping.valueType === REG_DWORD && (value.type === REG_DWORD || value.type === REG_DWORD_BIG_ENDIAN)) return { ok: true, value: value.asDword() };
  } catch (e) {
    return { ok: false, problem: mismatch(mapping, `${mapping.valueName} cannot be read as ${regTypeName(value.type)}: ${(e as Error).message}`) };
  }
  return {
    ok: false,
    problem: mismatch(mapping, `${mapping.valueName} is ${regTypeName(value.type)} in the registry but ValueType is ${mapping.valueType} (${regTypeName(mapping.valueType)}); the adapter type cannot be told`),
  };
}

function mismatch(mapping: OneToManyMapping, message: string): EngineDiagnostic {
  return { severity: 'error', code: 'netmap-value-type-mismatch', message, line: mapping.valueTypeLine, column: mapping.valueTypeColumn };
}

/** DWORD data against INF text: any strtol form (`16`, `0x10`, `020`), compared as 32-bit unsigned. */
function numberEquals(side: string, data: number): boolean {
  try {
    return parseIntField(side) >>> 0 === data >>> 0;
  } catch {
    return false;
  }
}
