/**
 * Which section names and lines the writer accepts. Each rule exists because the text would
 * otherwise change the answer file's structure when it is parsed again (a section smuggled in
 * through a line, a line glued to the next one, a file cut short) or lose data.
 */

/** MAX_INF_SECTION_NAME_LENGTH (setupapi.h). */
export const MAX_SECTION_NAME_LENGTH = 255;
/** MAX_INF_STRING_LENGTH is 4096 including the terminating NUL. */
export const MAX_FIELD_LENGTH = 4095;
/**
 * No INF line limit is documented; ours is four maximal fields' worth. It bounds what one call
 * can add, and still fits an AddReg line with a maximal value after its short fields.
 */
export const MAX_LINE_LENGTH = 16_384;

const CONTROL_IN_NAME = /[\u0000-\u001f\u007f]/;
// Tab is a blank in INF text; every other C0 control is refused. CR/LF would end the line,
// NUL ends a C string, and 0x1A (Ctrl-Z) is read as the end of the file.
const CONTROL_IN_LINE = /[\u0000-\u0008\u000a-\u001f]/;
const NAME_PUNCTUATION = /[[\];%"]/;
// With the u flag a well-formed pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why `name` is not a usable section name, or undefined when it is. */
export function sectionNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `a section name must be a string, got ${describeType(name)}`;
  if (name === '') return 'the section name is empty';
  if (name.length > MAX_SECTION_NAME_LENGTH) {
    return `the section name is ${name.length} characters long, over the INF limit of ${MAX_SECTION_NAME_LENGTH}`;
  }
  if (CONTROL_IN_NAME.test(name)) return `the section name contains a control character (${controlAt(name, CONTROL_IN_NAME)})`;
  const punct = NAME_PUNCTUATION.exec(name);
  if (punct !== null) {
    return `the section name contains "${punct[0]}", which ends a section header or is read as a comment, string key or quote when the name is referenced`;
  }
  if (name.trim() !== name) return 'the section name has leading or trailing blanks, which INF parsers drop when the name is referenced';
  if (name.endsWith('\\')) return 'the section name ends with a backslash, which continues the line when the name is referenced';
  if (LONE_SURROGATE.test(name)) return 'the section name contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** Why `line` is not a usable answer-file entry, or undefined when it is. */
export function lineProblem(line: unknown): string | undefined {
  if (typeof line !== 'string') return `a line must be a string, got ${describeType(line)}`;
  if (line.length > MAX_LINE_LENGTH) return `the line is ${line.length} characters long, over the limit of ${MAX_LINE_LENGTH}`;
  if (CONTROL_IN_LINE.test(line)) {
    return `the line contains a control character (${controlAt(line, CONTROL_IN_LINE)}); one call adds exactly one line`;
  }
  if (LONE_SURROGATE.test(line)) return 'the line contains an unpaired UTF-16 surrogate';
  const { body, fields } = scanLine(line);
  if (body.trim() === '') return 'the line holds no entry (it is blank or only a comment)';
  if (body.trimStart().startsWith('[')) return 'the line starts with "[", which would be read as a section header';
  if (/\\[\s\\]*$/.test(body) && !endsInsideQuotes(body)) {
    return 'the line ends with a backslash, which would continue it onto the next line';
  }
  const long = fields.findIndex((f) => f.length > MAX_FIELD_LENGTH);
  if (long !== -1) {
    return `field ${long + 1} of the line is ${fields[long]?.length} characters long, over the INF limit of ${MAX_FIELD_LENGTH}`;
  }
  return undefined;
}

/**
 * Splits a line the way SetupAPI reads it: quotes protect `,` `;` `=` and `\`, `;` outside
 * quotes starts a comment, the key ends at the first `=` seen before any `,`. Returns the text
 * before the comment and the raw fields (key included) for the length check.
 */
function scanLine(line: string): { body: string; fields: string[] } {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  let keyPossible = true;
  let end = line.length;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ';') {
      end = i;
      break;
    } else if (!quoted && (ch === ',' || (ch === '=' && keyPossible))) {
      fields.push(current.trim());
      current = '';
      keyPossible = false;
      continue;
    }
    current += ch;
  }
  fields.push(current.trim());
  return { body: line.slice(0, end), fields };
}

function endsInsideQuotes(body: string): boolean {
  let quoted = false;
  for (const ch of body) if (ch === '"') quoted = !quoted;
  return quoted;
}

function controlAt(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  const code = match?.[0].charCodeAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at index ${match?.index ?? 0}`;
}

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
