// @netmigrate/setupapi — executes INF install sections (AddReg, DelReg, AddService, DelService,
// Include, Needs) against a @netmigrate/registry Registry, as SetupAPI does. It knows nothing of upgrades.

export {
  runInstallSection,
  InstallError,
  SectionNotFoundError,
  UnsupportedDirectiveError,
  type InstallErrorCode,
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
export {
  SERVICES_KEY,
  SPSVCINST_TAGTOFRONT,
  SPSVCINST_ASSOCSERVICE,
  SPSVCINST_DELETEEVENTLOGENTRY,
  SPSVCINST_NOCLOBBER_DISPLAYNAME,
  SPSVCINST_NOCLOBBER_STARTTYPE,
  SPSVCINST_NOCLOBBER_ERRORCONTROL,
  SPSVCINST_NOCLOBBER_LOADORDERGROUP,
  SPSVCINST_NOCLOBBER_DEPENDENCIES,
  SPSVCINST_NOCLOBBER_DESCRIPTION,
  SPSVCINST_STOPSERVICE,
  SPSVCINST_CLOBBER_SECURITY,
  SPSVCINST_STARTSERVICE,
  SPSVCINST_NOCLOBBER_REQUIREDPRIVILEGES,
} from './services.js';
