// 1-based line and column of a field of an INF entry, for diagnostics. A small scanner over
// the entry's source text (quotes, `key =`, commas, `;` comments, continuation lines).

import type { InfDocument, InfLine } from '@netmigrate/inf';

/** `field` is 0-based among the fields after any `key =`; -1 is the entry's first character. */
export function fieldPosition(doc: InfDocument, line: InfLine, field: number): { line: number; column: number } {
  const raw = line.raw;
  const firstSegment = raw.split(/\r\n|\n|\r/)[0] ?? '';
  let physical = '';
  try {
    physical = doc.physicalLine(line.line).text;
  } catch {
    // edited documents may not map back; fall back to column 1
  }
  const startCol = Math.max(0, physical.indexOf(firstSegment)) + 1;

  // Offsets (in raw) where each field starts.
  const starts: number[] = [];
  let inQuote = false;
  let fieldStart = 0;
  let hasKey = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') inQuote = !inQuote;
    else if (inQuote) continue;
    else if (c === ';') break;
    else if (c === '=' && !hasKey && starts.length === 0) {
      hasKey = true;
      fieldStart = i + 1;
    } else if (c === ',') {
      starts.push(fieldStart);
      fieldStart = i + 1;
    }
  }
  starts.push(fieldStart);
  let off = field < 0 ? 0 : (starts[Math.min(field, starts.length - 1)] ?? 0);
  // Skip blanks, and a line continuation (backslash, blanks, line break) before the field.
  for (;;) {
    while (off < raw.length && (raw[off] === ' ' || raw[off] === '\t')) off++;
    const m = /^\\[ \t]*(?:\r\n|\n|\r)/.exec(raw.slice(off, off + 300));
    if (!m) break;
    off += m[0].length;
  }

  let lineNo = line.line;
  let lineStart = 0;
  for (let i = 0; i < off; i++) {
    const c = raw[i];
    if (c === '\n' || (c === '\r' && raw[i + 1] !== '\n')) {
      lineNo++;
      lineStart = i + 1;
    }
  }
  return { line: lineNo, column: lineNo === line.line ? startCol + off : off - lineStart + 1 };
}
