// The errors runInstallSection throws. Each is thrown while the section (and every section it
// references) is checked, before the first change to the registry.

/** The install section does not exist (SetupAPI: ERROR_SECTION_NOT_FOUND). */
export class SectionNotFoundError extends Error {
  override readonly name = 'SectionNotFoundError';
  readonly code = 'ERROR_SECTION_NOT_FOUND';
  constructor(
    readonly section: string,
    readonly file: string | undefined,
  ) {
    super(`${file ?? '<inf>'}: install section [${section}] not found`);
  }
}

/** The section holds a directive this executor does not perform (it never skips one silently). */
export class UnsupportedDirectiveError extends Error {
  override readonly name = 'UnsupportedDirectiveError';
  constructor(
    readonly directive: string,
    readonly section: string,
    readonly file: string | undefined,
    readonly line: number,
    readonly column: number,
    /** Why, when there is more to say than "not performed" (e.g. which option would perform it). */
    readonly reason?: string,
  ) {
    super(`${file ?? '<inf>'}:${line}:${column}: directive "${directive}" in [${section}] is not performed (${reason ?? 'see the @netmigrate/setupapi README for the directives that are'}); nothing was executed`);
  }
}

export type InstallErrorCode =
  /** Include= and no `openInf` option. */
  | 'include-without-resolver'
  /** `openInf` returned nothing for a file named by Include=. */
  | 'include-not-found'
  /** A section named by Needs= is in none of the INFs. */
  | 'needs-section-not-found'
  /** A section needs itself, directly or through others. */
  | 'needs-cycle'
  /** AddService names a service-install or event-log-install section that does not exist (ERROR_BAD_SERVICE_INSTALLSECT). */
  | 'service-section-not-found'
  /** ServiceType, StartType, ErrorControl or ServiceBinary is missing (ERROR_BAD_SERVICE_INSTALLSECT). */
  | 'service-key-missing'
  /** A value of a service-install section is not valid (not an integer, out of range, empty binary path, …). */
  | 'bad-service-value'
  /** A service, event log or event source name that cannot be a key name. */
  | 'bad-service-name'
  /** The flags field of AddService / DelService is not an integer. */
  | 'bad-service-flags'
  /** ServiceBinary holds a %DIRID% the `dirid` option does not resolve. */
  | 'unresolved-dirid';

/** A directive cannot be performed as written (file:line:column of the offending field). */
export class InstallError extends Error {
  override readonly name = 'InstallError';
  constructor(
    readonly code: InstallErrorCode,
    /** Section holding the offending line. */
    readonly section: string,
    readonly file: string | undefined,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`${file ?? '<inf>'}:${line}:${column}: ${detail}; nothing was executed`);
  }
}
