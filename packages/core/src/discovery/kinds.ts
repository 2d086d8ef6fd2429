/** The five classes of network component (spec §5.2); NT 3.51/4.0 themselves know no clients. */
export type ComponentKind = 'adapter' | 'asyncAdapter' | 'protocol' | 'service' | 'client';

export const COMPONENT_KINDS: readonly ComponentKind[] = ['adapter', 'asyncAdapter', 'protocol', 'service', 'client'];

/** Order of discovery output: adapters, then protocols, services, clients. */
export function kindRank(kind: ComponentKind): number {
  return COMPONENT_KINDS.indexOf(kind);
}
