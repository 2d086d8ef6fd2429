import { InfSyntaxError, InfWriteError, parseInf } from '@netmigrate/inf';
import { AnswerFileTextError } from './errors.js';

/** winnt.sif is ANSI text; Windows 2000 setup reads it with the system code page (US/Western: 1252). */
export const ANSWER_FILE_ENCODING = 'windows-1252';
/** SetupAPI accepts any line ending; Windows writes CRLF, and so do we. */
export const EOL = '\r\n';

export interface CheckedEntry {
  /** The entry's key as SetupAPI reads it (null for a keyless line such as an AddReg entry). */
  readonly key: string | null;
  readonly fields: readonly string[];
}

/**
 * Parses `line` as the only entry of `[section]`, exactly as the file will be read back:
 * throws AnswerFileTextError for a character Windows-1252 cannot encode or for text that
 * would not come back as one entry. The writer's own rules (answer/limits.ts) run first; this
 * is the check against the real parser and code page.
 */
export function checkEntry(section: string, line: string): CheckedEntry {
  checkSectionName(section);
  const prefix = `[${section}]${EOL}`;
  let doc;
  try {
    doc = parseInf(`${prefix}${line}${EOL}`, { encoding: ANSWER_FILE_ENCODING, textBeforeFirstSection: 'reject' });
  } catch (e) {
    if (e instanceof InfWriteError && e.index !== undefined) {
      throw new AnswerFileTextError(section, line, e.index - prefix.length + 1, unencodable(line, e.index - prefix.length));
    }
    throw new AnswerFileTextError(section, line, 1, `the line does not parse as an INF entry (${(e as Error).message})`);
  }
  const sections = doc.sections();
  const entries = sections[0]?.lines() ?? [];
  if (sections.length !== 1 || entries.length !== 1) {
    throw new AnswerFileTextError(section, line, 1, `the line reads back as ${entries.length} entries in ${sections.length} sections, not as one entry`);
  }
  const entry = entries[0] as NonNullable<(typeof entries)[0]>;
  return { key: entry.implicitKey ? null : entry.key, fields: entry.fields };
}

/** Throws AnswerFileTextError when the section name cannot be written as a header in Windows-1252. */
export function checkSectionName(section: string): void {
  try {
    parseInf(`[${section}]${EOL}`, { encoding: ANSWER_FILE_ENCODING, textBeforeFirstSection: 'reject' });
  } catch (e) {
    if (e instanceof InfWriteError && e.index !== undefined) throw new AnswerFileTextError(section, undefined, e.index, unencodable(section, e.index - 1));
    if (e instanceof InfSyntaxError || e instanceof InfWriteError) throw new AnswerFileTextError(section, undefined, 1, `the name does not parse as a section header (${e.message})`);
    throw e;
  }
}

function unencodable(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  const shown = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `character ${shown} (${JSON.stringify(String.fromCodePoint(code))}) cannot be written in Windows-1252, the answer file's ANSI code page`;
}
