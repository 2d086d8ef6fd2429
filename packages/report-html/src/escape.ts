// Escaping for the two renderers. Every string from a report passes through one of these.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\0': '\ufffd' };

/**
 * Safe in text and in a double- or single-quoted attribute value alike. NUL becomes U+FFFD,
 * which is what the HTML parser makes of it in attributes (in text it would drop it).
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'\0]/g, (c) => HTML_ESCAPES[c] as string);
}

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to put in an href, or undefined when `s` must be shown as text: only absolute
 * http, https and mailto URLs become links. Parsed as a browser parses an href (WHATWG URL),
 * so tricks such as `java\tscript:` or leading control characters are judged as the browser would.
 */
export function linkTarget(s: string): string | undefined {
  let url: URL;
  try {
    url = new URL(s.trim());
  } catch {
    return undefined;
  }
  return LINK_SCHEMES.has(url.protocol) ? url.href : undefined;
}

/** An id fragment from arbitrary text: letters, digits, `-` and `_` only (the caller makes it unique). */
export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
}

/**
 * Markdown text on one line (a table cell, a list item): backslash-escapes what Markdown or its
 * raw HTML could read as syntax anywhere in a line, and what would start a block at its start.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_{}[\]<>|~&#]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([+\-=.!:])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A fenced code block that no line of `text` can close: the fence is longer than any backtick run in it. */
export function fence(text: string, info = ''): string {
  const body = text.replace(/\r\n?/g, '\n');
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const bar = '`'.repeat(Math.max(3, longest + 1));
  return `${bar}${info}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}${bar}`;
}

/**
 * Literal text as a code span (no escapes, entities or HTML are read inside one), on one line.
 * In a table cell a pipe still ends the cell, so `table` escapes pipes the GFM way (`\|`).
 */
export function codeSpan(s: string, table = false): string {
  if (s === '') return '';
  let body = s.replace(/\r\n?|\n/g, ' ');
  if (table) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const bar = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick, or with a space at both ends, is padded: the parser strips one space each side.
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ' ' : '';
  return `${bar}${pad}${body}${pad}${bar}`;
}
