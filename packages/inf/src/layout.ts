// The structural pass: one walk over the text that finds section headers and the logical
// entries (start, end, physical line, section) and groups entries by merged section. Field
// text is not built here; it is tokenized lazily when a line is read. Everything is kept
// in typed arrays so a large file costs a few bytes per line beyond its text.

import { BACKSLASH, CR, LBRACKET, LF, SEMICOLON, foldCase, isBlank } from './chars.js';
import { InfSyntaxError } from './diagnostics.js';
import type { LineTable } from './lines.js';
import { endingOf, position } from './lines.js';
import { tokenizeEntry } from './tokenizer.js';

/** SetupAPI MAX_INF_SECTION_NAME_LENGTH. */
export const MAX_SECTION_NAME_LENGTH = 255;

/**
 * What to do with non-comment text before the first section header:
 * `setupapi` = newer SetupAPI (ignored when the file has a [Strings] section, else
 * ERROR_EXPECTED_SECTION_NAME); `reject` = older SetupAPI (always an error);
 * `ignore` = always ignored (for fragments such as a lone mapping line).
 */
export type PreamblePolicy = 'setupapi' | 'reject' | 'ignore';

export interface ScanOptions {
  file?: string | undefined;
  preamble: PreamblePolicy;
  /** Text inserted by an edit: entries before its first header belong to the section it is inserted into. */
  fragment?: boolean;
}

class U32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(4, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

export class Layout {
  // Section headers, in file order.
  readonly hdrCount: number;
  readonly hdrPos: Uint32Array;
  readonly hdrClose: Uint32Array;
  readonly hdrLine: Uint32Array;
  readonly hdrSection: Uint32Array;
  // Merged sections of this text (local ids, first-occurrence order).
  readonly sectionNames: string[];
  readonly sectionFolded: string[];
  readonly sectionIds: Map<string, number>;
  // Logical entries, in file order.
  readonly entCount: number;
  readonly entStart: Uint32Array;
  readonly entEnd: Uint32Array;
  readonly entLine: Uint32Array;
  /** Local section id, or -1 for fragment entries before the fragment's first header. */
  readonly entSection: Int32Array;
  /** Entries grouped by section: secEntries[secOffsets[s] .. secOffsets[s+1]). */
  readonly secOffsets: Uint32Array;
  readonly secEntries: Uint32Array;
  /** Ignored text before the first section: how many lines, and where the first one starts (-1 = none). */
  readonly preambleCount: number;
  readonly preamblePos: number;

  constructor(
    readonly text: string,
    readonly lines: LineTable,
    parts: {
      hdrPos: Uint32Array;
      hdrClose: Uint32Array;
      hdrLine: Uint32Array;
      hdrSection: Uint32Array;
      sectionNames: string[];
      sectionFolded: string[];
      sectionIds: Map<string, number>;
      entStart: Uint32Array;
      entEnd: Uint32Array;
      entLine: Uint32Array;
      entSection: Int32Array;
      preambleCount: number;
      preamblePos: number;
    },
  ) {
    this.hdrCount = parts.hdrPos.length;
    this.hdrPos = parts.hdrPos;
    this.hdrClose = parts.hdrClose;
    this.hdrLine = parts.hdrLine;
    this.hdrSection = parts.hdrSection;
    this.sectionNames = parts.sectionNames;
    this.sectionFolded = parts.sectionFolded;
    this.sectionIds = parts.sectionIds;
    this.entCount = parts.entStart.length;
    this.entStart = parts.entStart;
    this.entEnd = parts.entEnd;
    this.entLine = parts.entLine;
    this.entSection = parts.entSection;
    this.preambleCount = parts.preambleCount;
    this.preamblePos = parts.preamblePos;

    // Counting sort by section: O(entries), no per-section arrays.
    const nSec = this.sectionNames.length;
    const offsets = new Uint32Array(nSec + 1);
    for (let e = 0; e < this.entCount; e++) {
      const s = this.entSection[e] ?? -1;
      if (s >= 0) offsets[s + 1]!++;
    }
    for (let s = 0; s < nSec; s++) offsets[s + 1]! += offsets[s] ?? 0;
    const fill = offsets.slice(0, nSec);
    const grouped = new Uint32Array(offsets[nSec] ?? 0);
    for (let e = 0; e < this.entCount; e++) {
      const s = this.entSection[e] ?? -1;
      if (s >= 0) grouped[fill[s]!++] = e;
    }
    this.secOffsets = offsets;
    this.secEntries = grouped;
  }

  headerName(h: number): string {
    return this.text.slice((this.hdrPos[h] ?? 0) + 1, this.hdrClose[h] ?? 0).replace(/\0/g, ' ');
  }

  /** Last physical line of entry e (it may span several through continuations). */
  entryLastLine(e: number): number {
    return this.lines.lineOf(this.entEnd[e] ?? 0);
  }

  /**
   * The physical lines [first, last] of the SetupAPI line that contains physical line l.
   * SetupAPI lines end at LF only, and an entry may continue over several of them.
   */
  unitRange(l: number): [number, number] {
    const e = this.entryCovering(l);
    let first: number;
    let last: number;
    if (e >= 0) {
      first = this.entLine[e] ?? 0;
      last = this.entryLastLine(e);
    } else {
      first = l;
      last = l;
    }
    while (first > 0 && endingOf(this.text, this.lines, first - 1) === 'cr') first--;
    while (last < this.lines.count - 1 && endingOf(this.text, this.lines, last) === 'cr') last++;
    // Lone CRs may have pulled in an entry's first line; take all of that entry.
    const e2 = this.entryCovering(last);
    if (e2 >= 0 && e2 !== e) last = Math.max(last, this.entryLastLine(e2));
    return [first, last];
  }

  /** Entry whose physical lines include l, or -1. */
  entryCovering(l: number): number {
    const lines = this.entLine;
    let lo = 0;
    let hi = this.entCount - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((lines[mid] ?? 0) <= l) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return -1;
    return this.entryLastLine(found) >= l ? found : -1;
  }

  /** First entry index whose line is >= l. */
  firstEntryAtOrAfter(l: number): number {
    return lowerBound(this.entLine, this.entCount, l);
  }

  firstHeaderAtOrAfter(l: number): number {
    return lowerBound(this.hdrLine, this.hdrCount, l);
  }
}

function lowerBound(a: Uint32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function scanLayout(text: string, lines: LineTable, opts: ScanOptions): Layout {
  const n = text.length;
  const fragment = opts.fragment === true;
  const hdrPos = new U32(16);
  const hdrClose = new U32(16);
  const hdrLine = new U32(16);
  const hdrSection = new U32(16);
  const sectionNames: string[] = [];
  const sectionFolded: string[] = [];
  const sectionIds = new Map<string, number>();
  // Entries never outnumber physical lines, so these never grow.
  const cap = lines.count + 1;
  const entStart = new Uint32Array(cap);
  const entEnd = new Uint32Array(cap);
  const entLine = new Uint32Array(cap);
  const entSection = new Int32Array(cap);
  let entCount = 0;
  let preambleCount = 0;
  let preamblePos = -1;

  let cur = -1;
  const starts = lines.starts;
  const count = lines.count;
  const fail = (code: 'ERROR_BAD_SECTION_NAME_LINE' | 'ERROR_SECTION_NAME_TOO_LONG' | 'ERROR_EXPECTED_SECTION_NAME', reason: string, message: string, p: number): never => {
    throw new InfSyntaxError({ code, reason, message, file: opts.file, ...position(text, lines, p) });
  };
  // Next occurrence at or after the scan position (n = none); searched lazily, reused across lines.
  const next = (ch: string, from: number): number => {
    const i = text.indexOf(ch, from);
    return i < 0 ? n : i;
  };
  let nextBS = next('\\', 0);
  let nextSemi = next(';', 0);
  let nextRB = next(']', 0);

  // Walk SetupAPI lines: physical lines up to one that ends with LF (a lone CR does not end one).
  let l = 0;
  while (l < count) {
    const segStart = starts[l] as number;
    let last = l;
    while (last + 1 < count && text.charCodeAt((starts[last + 1] as number) - 1) === CR) last++;
    const lastEnd = starts[last + 1] as number;
    const segEnd = text.charCodeAt(lastEnd - 1) === LF ? lastEnd - 1 : lastEnd;
    let p = segStart;
    while (p < segEnd && isBlank(text.charCodeAt(p))) p++;
    if (p === segEnd) {
      l = last + 1;
      continue;
    }
    const lineOfP = last === l ? l : lines.lineOf(p);
    const c = text.charCodeAt(p);
    if (c === LBRACKET) {
      if (nextRB <= p) nextRB = next(']', p + 1);
      if (nextRB >= segEnd) {
        fail('ERROR_BAD_SECTION_NAME_LINE', 'missing-closing-bracket', "section header has no closing ']' on its line", p);
      }
      if (nextRB - p - 1 > MAX_SECTION_NAME_LENGTH) {
        fail('ERROR_SECTION_NAME_TOO_LONG', 'section-name-too-long', `section name is ${nextRB - p - 1} characters; the limit is ${MAX_SECTION_NAME_LENGTH}`, p);
      }
      let name = text.slice(p + 1, nextRB);
      if (name.indexOf('\0') >= 0) name = name.replace(/\0/g, ' ');
      const folded = foldCase(name);
      let id = sectionIds.get(folded);
      if (id === undefined) {
        id = sectionNames.length;
        sectionIds.set(folded, id);
        sectionNames.push(name);
        sectionFolded.push(folded);
      }
      hdrPos.push(p);
      hdrClose.push(nextRB);
      hdrLine.push(lineOfP);
      hdrSection.push(id);
      cur = id;
      // The rest of a header line is ignored, whatever it holds.
      l = last + 1;
      continue;
    }
    if (c === SEMICOLON) {
      l = last + 1;
      continue;
    }
    if (cur === -1 && !fragment) {
      if (opts.preamble === 'reject') {
        fail('ERROR_EXPECTED_SECTION_NAME', 'text-before-first-section', 'text before the first section header', p);
      }
      if (preamblePos < 0) preamblePos = p;
      preambleCount++;
      l = last + 1;
      continue;
    }
    let end = segEnd;
    if (nextBS < p) nextBS = next('\\', p);
    if (nextBS < segEnd) {
      // Only a backslash can continue a line, and only one followed by nothing but blanks and
      // backslashes up to the line end or a `;`. Quotes can only prevent a continuation, never
      // create one, so "no" is certain here and "maybe" is settled by the tokenizer.
      let maybe = false;
      let q = segEnd - 1;
      while (q > nextBS && isBlank(text.charCodeAt(q))) q--;
      if (text.charCodeAt(q) === BACKSLASH) maybe = true;
      else {
        if (nextSemi < nextBS) nextSemi = next(';', nextBS);
        while (!maybe && nextSemi < segEnd) {
          let r = nextSemi - 1;
          while (r > nextBS && isBlank(text.charCodeAt(r))) r--;
          if (text.charCodeAt(r) === BACKSLASH) maybe = true;
          else nextSemi = next(';', nextSemi + 1);
        }
      }
      if (maybe) end = tokenizeEntry(text, p, false).end;
    }
    entStart[entCount] = p;
    entEnd[entCount] = end;
    entLine[entCount] = lineOfP;
    entSection[entCount] = cur;
    entCount++;
    if (end === segEnd) l = last + 1;
    else {
      // A continuation: resume after the physical line holding the entry's end.
      l = last + 1;
      while (l < count && (starts[l + 1] as number) <= end) l++;
      l++;
    }
  }

  if (preambleCount > 0 && opts.preamble === 'setupapi' && !sectionIds.has('strings')) {
    fail('ERROR_EXPECTED_SECTION_NAME', 'text-before-first-section', 'text before the first section header (tolerated only when the file has a [Strings] section)', preamblePos);
  }

  return new Layout(text, lines, {
    hdrPos: hdrPos.view(),
    hdrClose: hdrClose.view(),
    hdrLine: hdrLine.view(),
    hdrSection: hdrSection.view(),
    sectionNames,
    sectionFolded,
    sectionIds,
    entStart: entStart.subarray(0, entCount),
    entEnd: entEnd.subarray(0, entCount),
    entLine: entLine.subarray(0, entCount),
    entSection: entSection.subarray(0, entCount),
    preambleCount,
    preamblePos,
  });
}
