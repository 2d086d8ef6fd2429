// Text for new or replaced lines. The contract: tokenizing what formatField writes and
// then substituting strings yields exactly the input. So `%` is always doubled (substitution
// applies inside quotes too) and quotes are added only when the plain text would be read
// differently.

import { BACKSLASH, isBlank } from './chars.js';
import { InfWriteError, describeChar } from './diagnostics.js';
import { MAX_SECTION_NAME_LENGTH } from './layout.js';

/** Characters that would end the token, start a quote or comment, or split key and value. */
const NEEDS_QUOTES = /[",;=]/;

/** Throws InfWriteError for characters no INF line can carry. */
export function checkRepresentable(s: string, what: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0d) throw new InfWriteError('carriage-return', `${what} contains a carriage return (CR) at index ${i}; INF lines cannot hold one`, i);
    if (c === 0x0a) throw new InfWriteError('line-feed', `${what} contains a line feed (LF) at index ${i}; INF lines cannot hold one`, i);
    if (c === 0x00) throw new InfWriteError('nul', `${what} contains a NUL at index ${i}; SetupAPI reads NUL as a space`, i);
    if (c === 0x1a) throw new InfWriteError('ctrl-z', `${what} contains Ctrl-Z (0x1A) at index ${i}; SetupAPI stops reading the file there`, i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      throw new InfWriteError('unpaired-surrogate', `${what} contains an unpaired surrogate ${describeChar(c)} at index ${i}`, i);
    }
  }
}

/**
 * One key or field, quoted and escaped so that SetupAPI reads back exactly `s`:
 * `%` → `%%`; quotes when the text holds `"` `,` `;` `=`, starts with `[`, starts or ends
 * with a blank, or ends with a backslash (which would continue the line); `"` → `""` inside.
 */
export function formatField(s: string): string {
  checkRepresentable(s, 'string');
  const escaped = s.indexOf('%') < 0 ? s : s.replace(/%/g, '%%');
  if (s.length === 0) return '';
  const needsQuotes =
    NEEDS_QUOTES.test(s) ||
    s.charCodeAt(0) === 0x5b ||
    isBlank(s.charCodeAt(0)) ||
    isBlank(s.charCodeAt(s.length - 1)) ||
    s.charCodeAt(s.length - 1) === BACKSLASH;
  if (!needsQuotes) return escaped;
  return `"${escaped.replace(/"/g, '""')}"`;
}

/**
 * A whole entry line (without line ending). `key` null writes a keyless line of fields.
 * A key with no fields writes a bare line, which SetupAPI reads as key and single field.
 */
export function formatLine(key: string | null, fields: readonly string[]): string {
  if (key === null) {
    if (fields.length === 0) throw new InfWriteError('no-fields', 'a line without a key needs at least one field');
    // A lone empty field must be quoted, or the line would be blank.
    if (fields.length === 1 && fields[0] === '') return '""';
    return fields.map(formatField).join(',');
  }
  if (fields.length === 0) return key === '' ? '""' : formatField(key);
  return `${formatField(key)}=${fields.map(formatField).join(',')}`;
}

/** `[name]`; the name is kept literally (quotes, `;` and `\` are not special between brackets). */
export function formatSectionHeader(name: string): string {
  checkRepresentable(name, 'section name');
  const close = name.indexOf(']');
  if (close >= 0) throw new InfWriteError('closing-bracket', `section name contains ']' at index ${close}; the first ']' ends the name`, close);
  if (name.length > MAX_SECTION_NAME_LENGTH) {
    throw new InfWriteError('section-name-too-long', `section name is ${name.length} characters; the limit is ${MAX_SECTION_NAME_LENGTH}`);
  }
  return `[${name}]`;
}
