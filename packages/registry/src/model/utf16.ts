// UTF-16LE <-> JS string. Windows stores text as UTF-16 code units; JS strings are UTF-16 code
// units too, so conversion is a plain copy and lone surrogates survive in both directions.

export function encodeUtf16(s: string, nulTerminate: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2 + (nulTerminate ? 2 : 0));
  for (let i = 0, p = 0; i < s.length; i++, p += 2) {
    const c = s.charCodeAt(i);
    out[p] = c & 0xff;
    out[p + 1] = c >>> 8;
  }
  return out;
}

/** Decodes code units [off, off+len) (a trailing odd byte is ignored); stops at the first NUL unit if asked. */
export function decodeUtf16(buf: Uint8Array, off: number, len: number, stopAtNul: boolean): string {
  let end = off + (len & ~1);
  if (stopAtNul) {
    for (let p = off; p < end; p += 2) {
      if (buf[p] === 0 && buf[p + 1] === 0) {
        end = p;
        break;
      }
    }
  }
  if (end <= off) return '';
  return Buffer.from(buf.buffer, buf.byteOffset + off, end - off).toString('utf16le');
}

/** Index (in code units, relative to off) of every NUL unit. */
export function nulUnitPositions(buf: Uint8Array, off: number, len: number): number[] {
  const out: number[] = [];
  const end = off + (len & ~1);
  for (let p = off; p < end; p += 2) if (buf[p] === 0 && buf[p + 1] === 0) out.push((p - off) >> 1);
  return out;
}

/** "0a,ff,..." (the .reg hex list form; used for messages and tests). */
export function hexBytes(buf: Uint8Array, off = 0, len = buf.length - off): string {
  if (len <= 0) return '';
  const h = Buffer.from(buf.buffer, buf.byteOffset + off, len).toString('hex');
  return h.replace(/(..)(?!$)/g, '$1,');
}

export function bytesEqual(a: Uint8Array, aOff: number, aLen: number, b: Uint8Array, bOff: number, bLen: number): boolean {
  if (aLen !== bLen) return false;
  if (a === b && aOff === bOff) return true;
  for (let i = 0; i < aLen; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}
