// All netmap.inf files of a run, indexed by pre-upgrade ID. Two vendors claiming one ID is an
// operator's problem to fix; the first netmap (netupg.inf order) keeps the claim meanwhile.

import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import type { ComponentKind } from '../discovery/kinds.js';
import { lookupGroup, type LookupGroup, type Netmap, type NetmapMapping, type RejectedMapping } from './netmap.js';

export interface MappingClaim {
  netmap: Netmap;
  mapping: NetmapMapping;
}

export interface RejectedClaim {
  netmap: Netmap;
  rejected: RejectedMapping;
}

const keyOf = (group: LookupGroup, preId: string): string => `${group}:${preId.toLowerCase()}`;

export class MappingIndex {
  /** @internal Use buildMappingIndex. */
  constructor(
    readonly netmaps: readonly Netmap[],
    private readonly claims: ReadonlyMap<string, MappingClaim>,
    private readonly rejects: ReadonlyMap<string, RejectedClaim>,
  ) {}

  /**
   * The mapping for a component: adapters are looked up in the adapter and async adapter
   * sections, NT4 services in the service and client sections.
   */
  find(kind: ComponentKind, preId: string): MappingClaim | undefined {
    return this.claims.get(keyOf(lookupGroup(kind), preId));
  }

  /** An entry for this ID that a netmap.inf had but could not use (for explaining a miss). */
  findRejected(kind: ComponentKind, preId: string): RejectedClaim | undefined {
    return this.rejects.get(keyOf(lookupGroup(kind), preId));
  }

  /** Every claim, in netmap order then file order. */
  all(): MappingClaim[] {
    return [...this.claims.values()];
  }
}

export function buildMappingIndex(netmaps: readonly Netmap[]): { index: MappingIndex; diagnostics: EngineDiagnostic[] } {
  const diagnostics: EngineDiagnostic[] = [];
  const claims = new Map<string, MappingClaim>();
  const rejects = new Map<string, RejectedClaim>();
  const files = new Set<string>();
  const used: Netmap[] = [];
  for (const netmap of netmaps) {
    if (files.has(netmap.file)) {
      diagnostics.push({ severity: 'warning', code: 'netmap-listed-twice', message: `${netmap.file} is read once although it was given twice`, file: netmap.file });
      continue;
    }
    files.add(netmap.file);
    used.push(netmap);
    for (const mapping of netmap.mappings) {
      const key = keyOf(lookupGroup(mapping.kind), mapping.preId);
      const first = claims.get(key);
      if (first) {
        const a = first.mapping;
        diagnostics.push({
          severity: 'error',
          code: 'netmap-conflicting-claim',
          message: `${mapping.preId} is mapped by two netmap.inf files: ${first.netmap.file}:${a.line}:${a.column} ([${a.section}]) and ${netmap.file}:${mapping.line}:${mapping.column} ([${mapping.section}]); the first listed is used`,
          file: netmap.file,
          line: mapping.line,
          column: mapping.column,
        });
        continue;
      }
      claims.set(key, { netmap, mapping });
    }
    for (const rejected of netmap.rejected) {
      const key = keyOf(lookupGroup(rejected.kind), rejected.preId);
      if (!rejects.has(key)) rejects.set(key, { netmap, rejected });
    }
  }
  return { index: new MappingIndex(used, claims, rejects), diagnostics };
}
