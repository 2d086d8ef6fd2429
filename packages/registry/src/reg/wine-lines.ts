// How reg import cuts a file into lines, modelled exactly, for files that contain a NUL
// (every other file splits simply at CR, LF and CRLF, which gives the same lines).
//
// reg import reads into a buffer of 4096 code units (bytes for an ANSI file) and looks for CR or
// LF with C string functions, so an embedded NUL ends the search. Finding no line end, it moves
// the partial line (up to that NUL) to the front and reads `size - len - 1` more units after it,
// doubling the buffer when fewer than 3 would fit. Everything between the NUL and the end of the
// previous read is overwritten: lost. The partial line is joined to whatever comes next.

const INITIAL = 4096;

export class WineLineReader {
  readonly #src: Uint8Array | Uint16Array;
  #fp: number;
  #size = INITIAL;
  /** The buffer; the current line is buf[start..end). */
  buf = new Uint16Array(INITIAL + 1);
  start = 0;
  end = 0;
  /** Source offset of the line's first unit (a joined line: of its first part). */
  source = 0;
  /** Set by read() when the refill before this line lost text: [source offset of the NUL, units lost]. */
  lost: [number, number] | undefined;
  #next = 0;
  #dataEnd = 0;
  // The buffer holds [carried partial line: #carryLen units from #carrySrc] + [a read from #chunkSrc].
  #carrySrc = 0;
  #carryLen = 0;
  #chunkSrc = 0;

  /** `src`: the file as units (UTF-16) or bytes (ANSI); `fp`: where reading starts (after the 2 bytes reg import reads first). */
  constructor(src: Uint8Array | Uint16Array, fp: number) {
    this.#src = src;
    this.#fp = fp;
  }

  #sourceOf(i: number): number {
    return i < this.#carryLen ? this.#carrySrc + i : this.#chunkSrc + (i - this.#carryLen);
  }

  /** The next line, or false at the end. */
  read(): boolean {
    this.lost = undefined;
    if (this.#next < 0) return false;
    let line = this.#next;
    for (;;) {
      const buf = this.buf;
      let p = line;
      let c = buf[p]!;
      while (c !== 0 && c !== 10 && c !== 13) c = buf[++p]!;
      if (c === 0) {
        const next = this.#next;
        let len = 0;
        while (buf[next + len] !== 0) len++;
        if (next + len < this.#dataEnd) this.lost = [this.#sourceOf(next + len), this.#dataEnd - (next + len)];
        const carrySrc = this.#sourceOf(next);
        buf.copyWithin(0, next, next + len);
        buf[len] = 0;
        if (this.#size - len < 3) {
          this.#size *= 2;
          const bigger = new Uint16Array(this.#size + 1);
          bigger.set(buf.subarray(0, len + 1));
          this.buf = bigger;
        }
        this.#carrySrc = carrySrc;
        this.#carryLen = len;
        const count = Math.min(this.#size - len - 1, this.#src.length - this.#fp);
        if (count <= 0) {
          this.#next = -1;
          this.start = 0;
          this.end = len;
          this.source = carrySrc;
          return true;
        }
        this.buf.set(this.#src.subarray(this.#fp, this.#fp + count), len);
        this.#chunkSrc = this.#fp;
        this.#fp += count;
        this.#dataEnd = len + count;
        this.buf[this.#dataEnd] = 0;
        this.#next = 0;
        line = 0;
        continue;
      }
      let next = p + 1;
      if (c === 13 && buf[p + 1] === 10) next++;
      this.#next = next;
      buf[p] = 0;
      this.start = line;
      this.end = p;
      this.source = this.#sourceOf(line);
      return true;
    }
  }
}

/** Offsets where each line starts (CR, LF and CRLF end lines), for turning offsets into line numbers. */
export function lineStarts(src: Uint8Array | Uint16Array, from: number): number[] {
  const starts = [from];
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === 13) {
      if (src[i + 1] === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of source offset `at` (the header is line 1). */
export function position(starts: number[], at: number): [line: number, column: number] {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return [lo + 1, at - starts[lo]! + 1];
}
