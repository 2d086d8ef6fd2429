// Character classes shared by the scanner, the tokenizer and the writer. They must agree:
// whatever the tokenizer trims as a blank, the writer has to protect with quotes.

export const LF = 0x0a;
export const CR = 0x0d;
export const CTRL_Z = 0x1a;
export const QUOTE = 0x22;
export const PERCENT = 0x25;
export const COMMA = 0x2c;
export const SEMICOLON = 0x3b;
export const EQUALS = 0x3d;
export const LBRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const RBRACKET = 0x5d;

/**
 * SetupAPI skips `iswspace` characters around tokens; a NUL is read as a space. LF is not
 * included: it ends a line and every caller tests for it first. The set is the Unicode
 * White_Space property minus LF, plus NUL (see docs/inf.md, "Blanks").
 */
export function isBlank(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c || c === 0x00;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Every character of `s[from, to)` is a blank. */
export function allBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Case-insensitive key for section names, keys and string keys. ASCII is lower-cased by
 * the engine; other characters fold one code unit at a time so the length never changes
 * (String#toLowerCase turns U+0130 into two units, which SetupAPI's per-character
 * comparison does not do).
 */
export function foldCase(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}
