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

/** The answer file as DoPostUpgradeProcessing reads it (hinfAnswerFile): read-only. */
export interface AnswerFileReader {
  sectionNames(): string[];
  hasSection(name: string): boolean;
  /** The section's entries as written, or undefined when there is no such section. */
  lines(section: string): readonly string[] | undefined;
}
