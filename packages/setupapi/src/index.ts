// @netmigrate/setupapi — executes INF install sections' AddReg / DelReg directives against a
// @netmigrate/registry Registry, as SetupAPI does. It knows nothing of upgrades.

export {
  runInstallSection,
  SectionNotFoundError,
  UnsupportedDirectiveError,
  type InstallOptions,
  type InstallResult,
} from './install.js';
export {
  applyAddRegLine,
  applyDelRegLine,
  type Change,
  type DiagnosticCode,
  type LineContext,
  type SetupDiagnostic,
  type SourceRef,
} from './execute.js';
