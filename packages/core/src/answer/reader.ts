import { parseInf, type InfDocument } from '@netmigrate/inf';
import type { AnswerFileEntry, AnswerFileReader } from './writer.js';

/**
 * The committed answer file as a post-upgrade hook reads it. Parsed once with SetupAPI's
 * rules (@netmigrate/inf, lenient); the document itself stays out of the plugin's reach, so a
 * hook cannot change what the next component reads. Throws the parser's InfSyntaxError (file,
 * line, column) for text SetupAPI could not open.
 */
export function answerFileReader(text: string, fileName?: string): AnswerFileReader {
  return new InfAnswerFileReader(parseInf(text, fileName === undefined ? {} : { fileName }));
}

class InfAnswerFileReader implements AnswerFileReader {
  readonly #doc: InfDocument;

  constructor(doc: InfDocument) {
    this.#doc = doc;
  }

  sectionNames(): string[] {
    return this.#doc.sections().map((s) => s.name);
  }

  hasSection(name: string): boolean {
    return this.#section(name) !== undefined;
  }

  lines(section: string): readonly string[] | undefined {
    // An entry's raw text runs up to its line ending (a CR of CRLF included); drop that.
    return this.#section(section)?.lines().map((l) => l.raw.replace(/\r?\n?$/, '').replace(/\r$/, ''));
  }

  value(section: string, key: string): string | undefined {
    if (typeof key !== 'string') return undefined;
    return this.#section(section)?.find(key)?.lineText();
  }

  entries(section: string): readonly AnswerFileEntry[] | undefined {
    return this.#section(section)?.lines().map((l) => Object.freeze({ key: l.key, fields: Object.freeze([...l.fields]) }));
  }

  #section(name: string) {
    return typeof name === 'string' ? this.#doc.section(name) : undefined;
  }
}
