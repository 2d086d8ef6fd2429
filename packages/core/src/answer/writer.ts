/**
 * NetUpgradeAddSection / NetUpgradeAddLineToSection as an object. Both throw an
 * `AnswerFileError` (code ERROR_INVALID_PARAMETER) instead of returning it, synchronously, so
 * plugin code sees the failure at the call that caused it.
 */
export interface AnswerFileWriter {
  /** Adds a section to the answer file; adding one this plugin already added is a no-op. */
  addSection(name: string): void;
  /** Adds one entry to a section this plugin added in this run. */
  addLine(section: string, line: string): void;
}

/** What a hook asked for, in order: the unit staged into the real answer file, or dropped. */
export type AnswerFileOp =
  | { readonly kind: 'addSection'; readonly name: string }
  | { readonly kind: 'addLine'; readonly section: string; readonly line: string };

/** One entry of an answer-file section, as SetupAPI splits it. */
export interface AnswerFileEntry {
  /** The key before `=`, quotes removed; null for a keyless line (e.g. `a,b`). A bare single-field line is its own key. */
  readonly key: string | null;
  /** The fields after `=` (or the whole line), quotes removed; `%strkey%` and `%%` are NOT substituted. */
  readonly fields: readonly string[];
}

/** The answer file as DoPostUpgradeProcessing reads it (hinfAnswerFile): read-only. */
export interface AnswerFileReader {
  /** Section names in file order, each as its first header spells it. */
  sectionNames(): string[];
  /** Section names compare case-insensitively. */
  hasSection(name: string): boolean;
  /** The section's entries as written (text of each entry without its line ending), or undefined when there is no such section. */
  lines(section: string): readonly string[] | undefined;
  /**
   * SetupFindFirstLine + SetupGetLineText: the first entry whose key matches (case-insensitive),
   * its fields substituted with the file's own [Strings] (`%%` → `%`) and joined with `,`;
   * undefined when the section or key is absent.
   */
  value(section: string, key: string): string | undefined;
  /** The section's entries split into key and fields (no substitution), or undefined when there is no such section. */
  entries(section: string): readonly AnswerFileEntry[] | undefined;
}
