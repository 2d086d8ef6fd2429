// Vendor files: netupg.inf, netmap.inf, ID mapping, plugin selection and help files (spec §3, §5, §7).
export { OemFileError } from './errors.js';
export { formatDiagnostic, type EngineDiagnostic } from '../discovery/diagnostics.js';
export {
  NETUPG_ENV_VARS, locateNetupgInf, readNetupgInf,
  type LocateNetupgOptions, type NetupgInf, type NetupgLocation, type NetupgSource, type OemDir, type ReadNetupgOptions,
} from './netupg.js';
export {
  COMPARABLE_VALUE_TYPES, HELP_SECTION, MAPPING_SECTIONS, NOT_SUPPORTED, SUPPORT_SECTION, VALUE_NOT_PRESENT,
  helpFilesFor, lookupGroup, readNetmapInf, supportFor,
  type HelpFilesEntry, type LookupGroup, type Netmap, type NetmapMapping, type NetmapPlugin, type OneToManyLine,
  type OneToManyMapping, type OneToOneMapping, type ReadNetmapOptions, type RejectedMapping, type SupportEntry,
} from './netmap.js';
export { MappingIndex, buildMappingIndex, type MappingClaim, type RejectedClaim } from './mapping-index.js';
export { DEFAULT_HELP_FILES, mapComponent, matchOneToMany, type MappingResult } from './map.js';
export { loadVendorFiles, type LoadVendorFilesOptions, type VendorFiles } from './load.js';
export { resolveVendorPath, type DriveMap, type VendorPath } from './paths.js';
