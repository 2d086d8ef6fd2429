// runInstallSection: what SetupInstallFromInfSection (registry) and
// SetupInstallServicesFromInfSection do with one install section, against a Registry.
// The work is in section.ts (order, checks), registry-phase.ts, services.ts and include.ts.

import type { InfDocument, SubstituterOptions } from '@netmigrate/inf';
import type { Registry } from '@netmigrate/registry';
import type { Change, SetupDiagnostic } from './execute.js';
import { runSection } from './section.js';

export { InstallError, SectionNotFoundError, UnsupportedDirectiveError, type InstallErrorCode } from './errors.js';

export interface InstallOptions {
  registry: Registry;
  /** Key path HKR maps to (e.g. the component's instance key). HKR lines are skipped with a diagnostic when absent. */
  hkr?: string | undefined;
  /** LANGID of the [Strings.<LangID>] section to prefer (see @netmigrate/inf createSubstituter). */
  lang?: SubstituterOptions['lang'];
  /** Directory for a numeric %DIRID% token. */
  dirid?: SubstituterOptions['dirid'];
  /**
   * Opens an INF named by Include= (e.g. looking in the including INF's directory); undefined
   * when it does not exist. Without it, Include= is an InstallError.
   */
  openInf?: ((name: string) => InfDocument | undefined) | undefined;
  /** Key path of the service database (default `HKLM\SYSTEM\CurrentControlSet\Services`). */
  servicesKey?: string | undefined;
  /** Also run `<section>.Services` when it exists, as InstallHinfSection does (default true). */
  servicesSection?: boolean | undefined;
  /**
   * False: `changes` comes back empty, and AddReg / DelReg lines do not build change records
   * at all (a large install runs faster and in less memory). Default true.
   */
  recordChanges?: boolean | undefined;
}

export interface InstallResult {
  changes: Change[];
  diagnostics: SetupDiagnostic[];
}

/**
 * Runs an install section against `options.registry`: Include / Needs, DelReg, AddReg,
 * AddService, DelService, then `<section>.Services` (see README "Order of processing").
 * Everything is checked before the first change: a directive that is not performed throws
 * UnsupportedDirectiveError, a directive that cannot be performed as written InstallError, a
 * missing section SectionNotFoundError. Line-level problems of AddReg / DelReg sections are
 * diagnostics (the line is skipped).
 */
export function runInstallSection(doc: InfDocument, sectionName: string, options: InstallOptions): InstallResult {
  return runSection(doc, sectionName, options);
}
