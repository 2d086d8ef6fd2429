// Columns of an INF entry's key and fields. @netmigrate/inf gives the physical line of each
// entry; diagnostics here also point at the field concerned, so find where each starts on
// the entry's first physical line (quotes respected; a field continued onto a later line
// falls back to the last column found).

import type { InfDocument, InfLine } from '@netmigrate/inf';

export interface EntryColumns {
  /** 1-based column of the entry's first character (its key, or its first field). */
  key: number;
  /** 1-based column where each field starts. */
  fields: number[];
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

export function entryColumns(doc: InfDocument, line: InfLine): EntryColumns {
  const text = doc.physicalLine(line.line).text;
  let i = 0;
  while (isBlank(text[i])) i++;
  let quoted = false;
  let eq = -1;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ',')) break;
    else if (!quoted && c === '=') {
      eq = j;
      break;
    }
  }
  const fields: number[] = [];
  let p = eq >= 0 ? eq + 1 : i;
  for (;;) {
    while (isBlank(text[p])) p++;
    fields.push(p + 1);
    let comma = -1;
    quoted = false;
    for (let j = p; j < text.length; j++) {
      const c = text[j];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === ';') break;
      else if (!quoted && c === ',') {
        comma = j;
        break;
      }
    }
    if (comma < 0) break;
    p = comma + 1;
  }
  return { key: i + 1, fields };
}

/** Column of field i, or of the last field found before it. */
export function fieldColumn(cols: EntryColumns, i: number): number {
  return cols.fields[Math.min(i, cols.fields.length - 1)] ?? cols.key;
}
