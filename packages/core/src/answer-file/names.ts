import { sectionNameProblem } from '../answer/limits.js';

/** The five top-level network sections NetSetup writes (spec §8.2), in the order we render them. */
export const TOP_LEVEL_SECTIONS = ['NetAdapters', 'AsyncAdapters', 'NetProtocols', 'NetServices', 'NetClients'] as const;
export type TopLevelSection = (typeof TOP_LEVEL_SECTIONS)[number];

/**
 * Our own engine section: what the GUI-mode phase needs to know about a plugin-handled
 * component that the documented sections cannot carry (the pdwFlags, the pre-upgrade instance
 * DoPostUpgradeProcessing receives, the plugin's working directory). One line per component
 * whose DoPreUpgradeProcessing returned flags; see docs/answer-file.md.
 */
export const PRE_UPGRADE_SECTION = 'Netmigrate.PreUpgrade';

/** Section names no plugin may ever create, whether or not the engine has written them yet. */
/** Our record of the upgrade itself (From/To product type and build), for GUI mode's NetUpgradeInfo. */
export const UPGRADE_SECTION = 'Netmigrate.Upgrade';
export const ENGINE_SECTION_NAMES: readonly string[] = [...TOP_LEVEL_SECTIONS, UPGRADE_SECTION, PRE_UPGRADE_SECTION];

/** Keys of a parameters section that only the engine writes; a plugin line may not use them. */
export const ENGINE_KEYS = ['OemDllToLoad'] as const;

export const paramsSection = (key: string): string => `params.${key}`;
export const oemSection = (key: string): string => `params.${key}.OemSection`;

/**
 * Hands out the keys of the top-level sections (`<key>=params.<key>`). The key is the
 * post-upgrade ID, as in the documented example (spec §8.2, §8.4); a second instance of the
 * same ID gets `<id>.2`, a third `<id>.3`, and so on, so every instance has its own parameters
 * and OEM section. Keys are unique across all five sections (the params sections share one
 * namespace) and compare case-insensitively, like every INF name.
 */
export class KeyAllocator {
  readonly #used = new Set<string>();

  /** The key for the next component with post-upgrade ID `id`; throws when `id` cannot name a section. */
  allocate(id: string): string {
    const problem = keyProblem(id);
    if (problem !== undefined) throw new RangeError(`the post-upgrade ID ${JSON.stringify(id)} cannot be used in the answer file: ${problem}`);
    let key = id;
    for (let n = 2; this.#used.has(key.toLowerCase()); n++) key = `${id}.${n}`;
    const suffixed = keyProblem(key);
    if (suffixed !== undefined) throw new RangeError(`the answer-file key ${JSON.stringify(key)} for post-upgrade ID ${JSON.stringify(id)} is unusable: ${suffixed}`);
    this.#used.add(key.toLowerCase());
    return key;
  }

  /** Marks a key as taken without allocating it from an ID (built-in components). */
  claim(key: string): void {
    if (this.#used.has(key.toLowerCase())) throw new RangeError(`the answer-file key ${key} is already in use`);
    this.#used.add(key.toLowerCase());
  }
}

/** Why `id` cannot be a top-level key whose sections are params.<id> and params.<id>.OemSection. */
export function keyProblem(id: string): string | undefined {
  for (const name of [paramsSection(id), oemSection(id)]) {
    const problem = sectionNameProblem(name);
    if (problem !== undefined) return problem.replace('the section name', `the section name ${name}`);
  }
  // `=` and `,` would split the key from its value when the top-level line is read back.
  if (/[=,]/.test(id)) return 'it contains "=" or ",", which would split the top-level line';
  return undefined;
}
