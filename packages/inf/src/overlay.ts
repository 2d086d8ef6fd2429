// Edits as an overlay: the document is a list of chunks, each a range of physical lines of
// an immutable layout — the parsed file, or a small layout parsed from inserted text.
// An edit splits chunks at its line range and inserts one new chunk; untouched lines keep
// their original text and are never re-rendered. Chunk boundaries always fall between
// SetupAPI lines, so no logical entry spans two chunks.

import type { Layout } from './layout.js';

export interface Chunk {
  readonly layout: Layout;
  /** Physical line range [from, to) of the layout. */
  readonly from: number;
  readonly to: number;
}

export interface ViewSection {
  /** Spelling of the first header of this section in document order. */
  readonly name: string;
  readonly folded: string;
  /** Chunk index per entry, or null when every entry is in chunk 0. */
  readonly entChunk: Uint32Array | null;
  /** Entry index (in its chunk's layout) per entry, in document order. */
  readonly entIdx: Uint32Array;
  /** Indexes into View.hdr* of this section's headers, in document order. */
  readonly occurrences: readonly number[];
}

/** The merged logical view of a chunk list. */
export interface View {
  readonly chunks: readonly Chunk[];
  /** First virtual (document) line of each chunk; [chunks.length] = total lines. */
  readonly chunkStart: Uint32Array;
  readonly totalLines: number;
  readonly sections: readonly ViewSection[];
  readonly byFolded: ReadonlyMap<string, ViewSection>;
  readonly hdrChunk: Uint32Array;
  readonly hdrIdx: Uint32Array;
  readonly hdrLine: Uint32Array;
}

function starts(chunks: readonly Chunk[]): Uint32Array {
  const out = new Uint32Array(chunks.length + 1);
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    out[i + 1] = (out[i] ?? 0) + (c ? c.to - c.from : 0);
  }
  return out;
}

export function buildView(chunks: readonly Chunk[]): View {
  const chunkStart = starts(chunks);
  const totalLines = chunkStart[chunks.length] ?? 0;
  const only = chunks[0];
  if (chunks.length === 1 && only && only.from === 0 && only.to === only.layout.lines.count) return wholeLayoutView(chunks, chunkStart);

  const secs: { name: string; folded: string; chunk: number[]; idx: number[]; occ: number[] }[] = [];
  const byFolded = new Map<string, number>();
  const hdrChunk: number[] = [];
  const hdrIdx: number[] = [];
  const hdrLine: number[] = [];
  let cur = -1;
  chunks.forEach((ch, ci) => {
    const L = ch.layout;
    const base = (chunkStart[ci] ?? 0) - ch.from;
    let h = L.firstHeaderAtOrAfter(ch.from);
    const hEnd = L.firstHeaderAtOrAfter(ch.to);
    let e = L.firstEntryAtOrAfter(ch.from);
    const eEnd = L.firstEntryAtOrAfter(ch.to);
    while (h < hEnd || e < eEnd) {
      const hl = h < hEnd ? (L.hdrLine[h] ?? 0) : Infinity;
      const el = e < eEnd ? (L.entLine[e] ?? 0) : Infinity;
      if (hl <= el) {
        const folded = L.sectionFolded[L.hdrSection[h] ?? 0] ?? '';
        let s = byFolded.get(folded);
        if (s === undefined) {
          s = secs.length;
          byFolded.set(folded, s);
          secs.push({ name: L.headerName(h), folded, chunk: [], idx: [], occ: [] });
        }
        secs[s]?.occ.push(hdrLine.length);
        hdrChunk.push(ci);
        hdrIdx.push(h);
        hdrLine.push(base + hl);
        cur = s;
        h++;
      } else {
        // Entries before any header (text before the first section) belong to no section.
        const sec = secs[cur];
        if (sec) {
          sec.chunk.push(ci);
          sec.idx.push(e);
        }
        e++;
      }
    }
  });
  const sections: ViewSection[] = secs.map((s) => ({
    name: s.name,
    folded: s.folded,
    entChunk: Uint32Array.from(s.chunk),
    entIdx: Uint32Array.from(s.idx),
    occurrences: s.occ,
  }));
  return {
    chunks,
    chunkStart,
    totalLines,
    sections,
    byFolded: new Map(sections.map((s) => [s.folded, s])),
    hdrChunk: Uint32Array.from(hdrChunk),
    hdrIdx: Uint32Array.from(hdrIdx),
    hdrLine: Uint32Array.from(hdrLine),
  };
}

/** The unedited document: the scanner's grouping is the view, no copying. */
function wholeLayoutView(chunks: readonly Chunk[], chunkStart: Uint32Array): View {
  const L = (chunks[0] as Chunk).layout;
  const occ: number[][] = L.sectionNames.map(() => []);
  for (let h = 0; h < L.hdrCount; h++) occ[L.hdrSection[h] ?? 0]?.push(h);
  const sections: ViewSection[] = L.sectionNames.map((name, s) => ({
    name,
    folded: L.sectionFolded[s] ?? '',
    entChunk: null,
    entIdx: L.secEntries.subarray(L.secOffsets[s] ?? 0, L.secOffsets[s + 1] ?? 0),
    occurrences: occ[s] ?? [],
  }));
  return {
    chunks,
    chunkStart,
    totalLines: L.lines.count,
    sections,
    byFolded: new Map(sections.map((s) => [s.folded, s])),
    hdrChunk: new Uint32Array(L.hdrCount),
    hdrIdx: Uint32Array.from({ length: L.hdrCount }, (_, h) => h),
    hdrLine: L.hdrLine,
  };
}

/** Replace document lines [vFrom, vTo) with `inserted` (or nothing). */
export function spliceChunks(chunks: readonly Chunk[], vFrom: number, vTo: number, inserted: Chunk | null): Chunk[] {
  const before: Chunk[] = [];
  const after: Chunk[] = [];
  let v = 0;
  for (const ch of chunks) {
    const a = v;
    const b = v + (ch.to - ch.from);
    if (a < vFrom) before.push({ layout: ch.layout, from: ch.from, to: ch.from + (Math.min(b, vFrom) - a) });
    if (b > vTo) after.push({ layout: ch.layout, from: ch.from + (Math.max(a, vTo) - a), to: ch.to });
    v = b;
  }
  const out: Chunk[] = [];
  for (const ch of [...before, ...(inserted ? [inserted] : []), ...after]) {
    if (ch.to <= ch.from) continue;
    const prev = out[out.length - 1];
    // Re-join pieces of the same layout that became adjacent again.
    if (prev && prev.layout === ch.layout && prev.to === ch.from) out[out.length - 1] = { layout: ch.layout, from: prev.from, to: ch.to };
    else out.push(ch);
  }
  return out;
}

/** Chunk index holding document line v (binary search on chunkStart). */
export function chunkOf(view: View, v: number): number {
  const s = view.chunkStart;
  let lo = 0;
  let hi = view.chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((s[mid] ?? 0) <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
