// Append-only byte storage for value data. Thousands of small values share one chunk instead of
// each owning a Uint8Array (a typed array object costs ~100 bytes, more than most values). Bytes
// are never rewritten once committed, so registries, snapshots and RegValue objects can share
// chunks freely.

const FIRST_CHUNK = 16 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;
/** Requests at least this big get a buffer of their own instead of ending a chunk early. */
const BIG = 256 * 1024;

export class ByteArena {
  /** The buffer the pending allocation lives in; read it right after alloc()/grow(). */
  buf: Uint8Array;
  pos = 0;
  #nextChunk = FIRST_CHUNK * 2;
  #saved: { buf: Uint8Array; pos: number } | undefined;

  constructor() {
    this.buf = new Uint8Array(FIRST_CHUNK);
  }

  /** Room for n bytes at the returned offset of `buf`; finish with commit() or abandon(). */
  alloc(n: number): number {
    if (this.buf.length - this.pos >= n) return this.pos;
    if (n >= BIG) {
      this.#saved = { buf: this.buf, pos: this.pos };
      this.buf = new Uint8Array(n);
      this.pos = 0;
      return 0;
    }
    this.#newChunk(n);
    return 0;
  }

  /** Keeps `used` bytes written at `start` and makes room for `more` after them; returns the new start. */
  grow(start: number, used: number, more: number): number {
    if (start + used + more <= this.buf.length) return start;
    const need = used + more;
    const old = this.buf;
    if (this.#saved || need >= BIG) {
      if (!this.#saved) this.#saved = { buf: this.buf, pos: this.pos };
      this.buf = new Uint8Array(Math.max(need, used * 2));
    } else {
      this.#newChunk(need);
    }
    this.buf.set(old.subarray(start, start + used), 0);
    this.pos = 0;
    return 0;
  }

  /** Ends the pending allocation at `end`; returns the buffer holding it. */
  commit(end: number): Uint8Array {
    if (!this.#saved) {
      this.pos = end;
      return this.buf;
    }
    // A dedicated buffer: trim it when much of it is unused, then go back to the chunk.
    let own = this.buf;
    if (end < own.length * 0.75) own = own.slice(0, end);
    this.buf = this.#saved.buf;
    this.pos = this.#saved.pos;
    this.#saved = undefined;
    return own;
  }

  /** Drops the pending allocation. */
  abandon(): void {
    if (this.#saved) {
      this.buf = this.#saved.buf;
      this.pos = this.#saved.pos;
      this.#saved = undefined;
    }
  }

  /** Copies bytes in and commits them; returns [buffer, offset]. */
  put(src: Uint8Array, off = 0, len = src.length - off): [Uint8Array, number] {
    const at = this.alloc(len);
    this.buf.set(src.subarray(off, off + len), at);
    return [this.commit(at + len), at];
  }

  #newChunk(min: number): void {
    const size = Math.max(min, this.#nextChunk);
    this.#nextChunk = Math.min(MAX_CHUNK, this.#nextChunk * 2);
    this.buf = new Uint8Array(size);
    this.pos = 0;
  }
}
