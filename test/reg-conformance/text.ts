// Byte-level text helpers shared by the generator, the corpus rewrite and the diff printer.
// Kept independent of @netmigrate/registry so the suite never checks the package with itself.

// Windows-1252 bytes 0x80-0x9f. (Node 20's TextDecoder('windows-1252') decodes as Latin-1, so
// the table is spelled out.) The five unassigned bytes map to the C1 controls of the same
// number, as MultiByteToWideChar does on Windows and in Wine.
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const CP1252_DECODE: string[] = Array.from({ length: 256 }, (_, b) =>
  String.fromCharCode(b >= 0x80 && b < 0xa0 ? (CP1252_80_9F[b - 0x80] ?? b) : b),
);
const CP1252_ENCODE = new Map<string, number>(CP1252_DECODE.map((c, b) => [c, b]));

export function decodeCp1252(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += CP1252_DECODE[b] ?? '';
  return s;
}

export function isCp1252(text: string): boolean {
  for (const ch of text) if (!CP1252_ENCODE.has(ch)) return false;
  return true;
}

/** Windows-1252 bytes of text; throws on a character the code page lacks (a generator bug). */
export function encodeCp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = CP1252_ENCODE.get(text.charAt(i));
    if (b === undefined) throw new Error(`not in Windows-1252: U+${text.charCodeAt(i).toString(16)}`);
    out[i] = b;
  }
  return out;
}

/** UTF-16LE code units, no BOM; lone surrogates pass through unchanged. */
export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i] = u & 0xff;
    out[2 * i + 1] = u >> 8;
  }
  return out;
}

export function decodeUtf16le(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  return s;
}

export const BOM = Uint8Array.of(0xff, 0xfe);

export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xfe;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Each byte as one char (latin1): a lossless string view of an ANSI file. */
export function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function latin1ToBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error('latin1ToBytes: char above 0xff');
    return code;
  });
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Human view of a .reg file for diffs: BOM'd files decoded as UTF-16LE, others as Windows-1252. */
export function regText(bytes: Uint8Array): string {
  if (hasBom(bytes)) return decodeUtf16le(bytes.subarray(2));
  return decodeCp1252(bytes);
}

/** Makes CR, LF, tabs and control characters visible in one diff line. */
export function visible(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\r') return '␍';
    if (c === '\t') return '→';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
