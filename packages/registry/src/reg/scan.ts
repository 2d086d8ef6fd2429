const views = new WeakMap<ArrayBufferLike, Buffer>();

/** u[s..e) as a string, decoded natively (no argument list of code units as fromCharCode.apply builds). */
export function decodeUnits(u: Uint16Array, s: number, e: number): string {
  let b = views.get(u.buffer);
  if (!b) {
    b = Buffer.from(u.buffer);
    views.set(u.buffer, b);
  }
  return b.toString('utf16le', u.byteOffset + 2 * s, u.byteOffset + 2 * e);
}

// Character-level helpers that reproduce the C runtime calls reg import relies on.

/** iswspace() as Wine's C runtime answers it (the Unicode White_Space set; checked against Wine 8). */
export function isWcsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000;
}

export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Value of an ASCII hex digit, or -1. (Wine's runtime also takes other Unicode digits; we do not.) */
export function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

export interface WcstoulResult {
  value: number;
  /** Index after the number; the start index when no digit was read. */
  end: number;
  /** Set when the magnitude exceeded 32 bits (the runtime reports ERANGE). */
  overflow: boolean;
  negative: boolean;
}

/**
 * wcstoul(s, &end, 16): leading white space, an optional sign, an optional 0x, hex digits.
 * A negative number wraps modulo 2^32 as the runtime's unsigned conversion does.
 */
export function wcstoul16(u: Uint16Array, start: number, e: number, out: WcstoulResult): void {
  let q = start;
  while (q < e && isWcsSpace(u[q]!)) q++;
  let negative = false;
  if (q < e && (u[q] === 0x2b || u[q] === 0x2d)) {
    negative = u[q] === 0x2d;
    q++;
  }
  if (q + 1 < e && u[q] === 0x30 && (u[q + 1]! | 0x20) === 0x78) q += 2;
  let v = 0;
  let digits = 0;
  let overflow = false;
  for (; q < e; q++) {
    const d = hexDigit(u[q]!);
    if (d < 0) break;
    digits++;
    if (!overflow) {
      v = v * 16 + d;
      if (v > 0xffffffff) overflow = true;
    }
  }
  out.negative = negative;
  out.overflow = overflow;
  if (digits === 0) {
    out.value = 0;
    out.end = start;
    return;
  }
  out.end = q;
  if (overflow) {
    // The runtime clamps: ULONG_MAX for large positives; a negative beyond -ULONG_MAX gives 1.
    out.value = negative ? 1 : 0xffffffff;
  } else {
    out.value = negative && v !== 0 ? 0x100000000 - v : v;
  }
}

export function startsWithAscii(u: Uint16Array, p: number, e: number, text: string): boolean {
  if (e - p < text.length) return false;
  for (let i = 0; i < text.length; i++) if (u[p + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Shares one string per distinct value name: a big export repeats a few thousand names
 * hundreds of thousands of times. Hashes the code units so a repeat costs no allocation.
 */
export class NameInterner {
  #keys: (string | undefined)[];
  #hashes: Int32Array;
  #mask: number;
  #count = 0;
  static readonly LIMIT = 1 << 18;

  constructor() {
    this.#keys = new Array<string | undefined>(1024).fill(undefined);
    this.#hashes = new Int32Array(1024);
    this.#mask = 1023;
  }

  get(u: Uint16Array, s: number, e: number): string {
    const n = e - s;
    if (n === 0) return '';
    if (n > 80) return decodeUnits(u, s, e);
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
    const keys = this.#keys;
    let slot = h & this.#mask;
    for (;;) {
      const k = keys[slot];
      if (k === undefined) break;
      if (this.#hashes[slot] === h && k.length === n) {
        let same = true;
        for (let i = 0; i < n; i++) {
          if (k.charCodeAt(i) !== u[s + i]) {
            same = false;
            break;
          }
        }
        if (same) return k;
      }
      slot = (slot + 1) & this.#mask;
    }
    const str = decodeUnits(u, s, e);
    if (this.#count >= NameInterner.LIMIT) return str;
    keys[slot] = str;
    this.#hashes[slot] = h;
    if (++this.#count * 2 > keys.length) this.#rehash();
    return str;
  }

  #rehash(): void {
    const oldKeys = this.#keys;
    const oldHashes = this.#hashes;
    const size = oldKeys.length * 2;
    this.#keys = new Array<string | undefined>(size).fill(undefined);
    this.#hashes = new Int32Array(size);
    this.#mask = size - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k === undefined) continue;
      let slot = oldHashes[i]! & this.#mask;
      while (this.#keys[slot] !== undefined) slot = (slot + 1) & this.#mask;
      this.#keys[slot] = k;
      this.#hashes[slot] = oldHashes[i]!;
    }
  }
}
