// The answer file a run produced, read as SetupAPI reads it: sections by name
// (case-insensitive, duplicates merged), entries with key and fields, values with [Strings]
// substitution. What a vendor's test asserts on.

import { parseInf, type InfDocument } from '@netmigrate/inf';

export interface AnswerFileEntry {
  /** The key, or null for a bare entry such as an AddReg line. */
  readonly key: string | null;
  /** Fields after quote processing, before substitution. */
  readonly fields: readonly string[];
  /** The entry as written, comment and trailing blanks removed. */
  readonly text: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export class AnswerFileText {
  readonly #doc: InfDocument;

  /** `bytes` as written (Windows-1252); `fileName` names it in messages. */
  constructor(
    readonly bytes: Uint8Array,
    readonly fileName = 'winnt.sif',
  ) {
    this.#doc = parseInf(bytes, { fileName, textBeforeFirstSection: 'ignore' });
  }

  static fromText(text: string, fileName?: string): AnswerFileText {
    return new AnswerFileText(Buffer.from(text, 'latin1'), fileName);
  }

  /** The whole file, CRLF line endings as written. */
  get text(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }

  /** Section names in file order (first spelling of a merged section). */
  sectionNames(): string[] {
    return this.#doc.sections().map((s) => s.name);
  }

  hasSection(name: string): boolean {
    return this.#doc.section(name) !== undefined;
  }

  /** The section's entries as written (comment and trailing blanks removed), or undefined when there is no such section. */
  lines(section: string): string[] | undefined {
    return this.entries(section)?.map((e) => e.text);
  }

  /** The section's entries with key and fields, or undefined when there is no such section. */
  entries(section: string): AnswerFileEntry[] | undefined {
    const s = this.#doc.section(section);
    if (s === undefined) return undefined;
    return s.lines().map((l) => ({ key: l.key, fields: l.fields, text: withoutComment(l.raw), line: l.line }));
  }

  /**
   * SetupFindFirstLine + SetupGetLineText: the fields of the first entry whose key is `key`
   * (case-insensitive), substituted and joined with `,`; undefined when there is none.
   */
  value(section: string, key: string): string | undefined {
    return this.#doc.section(section)?.find(key)?.lineText();
  }

  /** The document itself, for anything else (@netmigrate/inf). */
  document(): InfDocument {
    return this.#doc;
  }
}

/** The text of an entry without its `;` comment (outside quotes) and trailing blanks. */
export function withoutComment(raw: string): string {
  const text = raw.replace(/[\r\n]+$/, '');
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}
