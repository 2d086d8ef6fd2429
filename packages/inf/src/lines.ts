// Physical lines: where each starts, kept in one typed array (no per-line objects). A line
// ends after CRLF, LF or a lone CR; the last one may have no ending. Note that SetupAPI
// itself only breaks lines at LF (a lone CR is a blank to it); the scanner accounts for that.

export type LineEnding = 'crlf' | 'lf' | 'cr' | 'none';

export class LineTable {
  constructor(
    /** starts[i] = offset of line i; starts[count] = text length (sentinel). */
    readonly starts: Uint32Array,
    readonly count: number,
  ) {}

  start(i: number): number {
    return this.starts[i] ?? 0;
  }

  /** Offset just after line i including its ending. */
  end(i: number): number {
    return this.starts[i + 1] ?? 0;
  }

  /** Line holding offset `pos` (the last line for pos at or past the end). */
  lineOf(pos: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = this.count - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((s[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** 1-based line and column of offset `pos`; just past a final line break is the next line. */
export function position(text: string, lines: LineTable, pos: number): { line: number; column: number } {
  if (lines.count === 0) return { line: 1, column: pos + 1 };
  const l = lines.lineOf(pos);
  if (pos >= lines.end(l) && l === lines.count - 1 && endingOf(text, lines, l) !== 'none') return { line: l + 2, column: pos - lines.end(l) + 1 };
  return { line: l + 1, column: pos - lines.start(l) + 1 };
}

export function endingOf(text: string, lines: LineTable, i: number): LineEnding {
  const end = lines.end(i);
  if (end <= lines.start(i)) return 'none';
  const last = text.charCodeAt(end - 1);
  if (last === 0x0a) return end - 2 >= lines.start(i) && text.charCodeAt(end - 2) === 0x0d ? 'crlf' : 'lf';
  if (last === 0x0d) return 'cr';
  return 'none';
}

/** Offset where line i's content ends (its line ending excluded). */
export function contentEnd(text: string, lines: LineTable, i: number): number {
  const e = endingOf(text, lines, i);
  const end = lines.end(i);
  return e === 'crlf' ? end - 2 : e === 'none' ? end : end - 1;
}

export function splitLines(text: string): LineTable {
  const len = text.length;
  let starts = new Uint32Array(Math.max(16, (len >>> 5) + 16));
  let n = 0;
  let pos = 0;
  let nextLF = text.indexOf('\n');
  let nextCR = text.indexOf('\r');
  while (pos < len) {
    if (n + 1 >= starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = pos;
    if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos);
    if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos);
    if (nextCR !== -1 && (nextLF === -1 || nextCR < nextLF - 1)) pos = nextCR + 1;
    else if (nextLF !== -1) pos = nextLF + 1;
    else pos = len;
  }
  starts[n] = len;
  return new LineTable(starts, n);
}
