// The whole of §3.3 and §4.2 step 1-2 in one call: find netupg.inf, read every listed
// netmap.inf, index the mappings. What a phase needs before it maps any component.

import type { EngineDiagnostic } from '../discovery/diagnostics.js';
import { OemFileError } from './errors.js';
import { buildMappingIndex, type MappingIndex } from './mapping-index.js';
import { readNetmapInf, type Netmap } from './netmap.js';
import { locateNetupgInf, readNetupgInf, type LocateNetupgOptions, type NetupgInf, type NetupgLocation } from './netupg.js';
import type { DriveMap } from './paths.js';

export interface LoadVendorFilesOptions extends LocateNetupgOptions {
  driveMap?: DriveMap;
}

export interface VendorFiles {
  /** Undefined when nothing names a netupg.inf directory: the run has no vendor files. */
  location?: NetupgLocation;
  netupg?: NetupgInf;
  netmaps: Netmap[];
  index: MappingIndex;
  /** netupg.inf's, every netmap.inf's (a netmap that cannot be read at all is one error), and the index's. */
  diagnostics: EngineDiagnostic[];
}

/** Throws OemFileError only when netupg.inf itself is missing or unreadable. */
export async function loadVendorFiles(options: LoadVendorFilesOptions): Promise<VendorFiles> {
  const location = locateNetupgInf(options);
  if (!location) return { netmaps: [], ...buildMappingIndex([]) };
  const netupg = await readNetupgInf(location.dir, { source: location.source, ...(options.driveMap ? { driveMap: options.driveMap } : {}) });
  const diagnostics = [...netupg.diagnostics];
  const netmaps: Netmap[] = [];
  for (const oem of netupg.oemDirs) {
    try {
      const netmap = await readNetmapInf(oem.dir, options.driveMap ? { driveMap: options.driveMap } : {});
      netmaps.push(netmap);
      diagnostics.push(...netmap.diagnostics);
    } catch (e) {
      if (!(e instanceof OemFileError)) throw e;
      diagnostics.push(e.toDiagnostic());
    }
  }
  const built = buildMappingIndex(netmaps);
  diagnostics.push(...built.diagnostics);
  return { location, netupg, netmaps, index: built.index, diagnostics };
}
