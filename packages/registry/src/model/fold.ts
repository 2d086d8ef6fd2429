// Case-insensitive name handling as Wine 8's registry does it (checked against Wine 8): a name
// folds to lower case one UTF-16 code unit at a time, using only case pairs that map both ways
// (upper→lower→the same upper). So KELVIN SIGN, OHM SIGN, ANGSTROM SIGN, CAPITAL SHARP S, the
// title-case digraphs and I WITH DOT stay distinct from k, ω, å, ß, ǆ, i, as in Wine and Windows.
// Names sort by the folded units, shorter prefix first.
//
// The pairs are Unicode 14.0's simple case mappings (Wine 8's tables are of that age), generated
// once with Perl's Unicode::UCD and kept here as data, so the result does not depend on the ICU
// version Node ships (Node 20's knows Unicode 16/17 pairs such as U+A7DC that Wine 8 does not).
// Runs: [first upper-case code unit, count, step between entries, lower - upper].
const CASE_RUNS: readonly (readonly [number, number, number, number])[] = [
  [0x41, 26, 1, 32], [0xc0, 23, 1, 32], [0xd8, 7, 1, 32], [0x100, 24, 2, 1], [0x132, 3, 2, 1], [0x139, 8, 2, 1],
  [0x14a, 23, 2, 1], [0x178, 1, 1, -121], [0x179, 3, 2, 1], [0x181, 1, 1, 210], [0x182, 2, 2, 1], [0x186, 1, 1, 206],
  [0x187, 1, 1, 1], [0x189, 2, 1, 205], [0x18b, 1, 1, 1], [0x18e, 1, 1, 79], [0x18f, 1, 1, 202], [0x190, 1, 1, 203],
  [0x191, 1, 1, 1], [0x193, 1, 1, 205], [0x194, 1, 1, 207], [0x196, 1, 1, 211], [0x197, 1, 1, 209], [0x198, 1, 1, 1],
  [0x19c, 1, 1, 211], [0x19d, 1, 1, 213], [0x19f, 1, 1, 214], [0x1a0, 3, 2, 1], [0x1a6, 1, 1, 218], [0x1a7, 1, 1, 1],
  [0x1a9, 1, 1, 218], [0x1ac, 1, 1, 1], [0x1ae, 1, 1, 218], [0x1af, 1, 1, 1], [0x1b1, 2, 1, 217], [0x1b3, 2, 2, 1],
  [0x1b7, 1, 1, 219], [0x1b8, 1, 1, 1], [0x1bc, 1, 1, 1], [0x1c4, 1, 1, 2], [0x1c7, 1, 1, 2], [0x1ca, 1, 1, 2],
  [0x1cd, 8, 2, 1], [0x1de, 9, 2, 1], [0x1f1, 1, 1, 2], [0x1f4, 1, 1, 1], [0x1f6, 1, 1, -97], [0x1f7, 1, 1, -56],
  [0x1f8, 20, 2, 1], [0x220, 1, 1, -130], [0x222, 9, 2, 1], [0x23a, 1, 1, 10795], [0x23b, 1, 1, 1], [0x23d, 1, 1, -163],
  [0x23e, 1, 1, 10792], [0x241, 1, 1, 1], [0x243, 1, 1, -195], [0x244, 1, 1, 69], [0x245, 1, 1, 71], [0x246, 5, 2, 1],
  [0x370, 2, 2, 1], [0x376, 1, 1, 1], [0x37f, 1, 1, 116], [0x386, 1, 1, 38], [0x388, 3, 1, 37], [0x38c, 1, 1, 64],
  [0x38e, 2, 1, 63], [0x391, 17, 1, 32], [0x3a3, 9, 1, 32], [0x3cf, 1, 1, 8], [0x3d8, 12, 2, 1], [0x3f7, 1, 1, 1],
  [0x3f9, 1, 1, -7], [0x3fa, 1, 1, 1], [0x3fd, 3, 1, -130], [0x400, 16, 1, 80], [0x410, 32, 1, 32], [0x460, 17, 2, 1],
  [0x48a, 27, 2, 1], [0x4c0, 1, 1, 15], [0x4c1, 7, 2, 1], [0x4d0, 48, 2, 1], [0x531, 38, 1, 48], [0x10a0, 38, 1, 7264],
  [0x10c7, 1, 1, 7264], [0x10cd, 1, 1, 7264], [0x13a0, 80, 1, 38864], [0x13f0, 6, 1, 8], [0x1c90, 43, 1, -3008], [0x1cbd, 3, 1, -3008],
  [0x1e00, 75, 2, 1], [0x1ea0, 48, 2, 1], [0x1f08, 8, 1, -8], [0x1f18, 6, 1, -8], [0x1f28, 8, 1, -8], [0x1f38, 8, 1, -8],
  [0x1f48, 6, 1, -8], [0x1f59, 4, 2, -8], [0x1f68, 8, 1, -8], [0x1f88, 8, 1, -8], [0x1f98, 8, 1, -8], [0x1fa8, 8, 1, -8],
  [0x1fb8, 2, 1, -8], [0x1fba, 2, 1, -74], [0x1fbc, 1, 1, -9], [0x1fc8, 4, 1, -86], [0x1fcc, 1, 1, -9], [0x1fd8, 2, 1, -8],
  [0x1fda, 2, 1, -100], [0x1fe8, 2, 1, -8], [0x1fea, 2, 1, -112], [0x1fec, 1, 1, -7], [0x1ff8, 2, 1, -128], [0x1ffa, 2, 1, -126],
  [0x1ffc, 1, 1, -9], [0x2132, 1, 1, 28], [0x2160, 16, 1, 16], [0x2183, 1, 1, 1], [0x24b6, 26, 1, 26], [0x2c00, 48, 1, 48],
  [0x2c60, 1, 1, 1], [0x2c62, 1, 1, -10743], [0x2c63, 1, 1, -3814], [0x2c64, 1, 1, -10727], [0x2c67, 3, 2, 1], [0x2c6d, 1, 1, -10780],
  [0x2c6e, 1, 1, -10749], [0x2c6f, 1, 1, -10783], [0x2c70, 1, 1, -10782], [0x2c72, 1, 1, 1], [0x2c75, 1, 1, 1], [0x2c7e, 2, 1, -10815],
  [0x2c80, 50, 2, 1], [0x2ceb, 2, 2, 1], [0x2cf2, 1, 1, 1], [0xa640, 23, 2, 1], [0xa680, 14, 2, 1], [0xa722, 7, 2, 1],
  [0xa732, 31, 2, 1], [0xa779, 2, 2, 1], [0xa77d, 1, 1, -35332], [0xa77e, 5, 2, 1], [0xa78b, 1, 1, 1], [0xa78d, 1, 1, -42280],
  [0xa790, 2, 2, 1], [0xa796, 10, 2, 1], [0xa7aa, 1, 1, -42308], [0xa7ab, 1, 1, -42319], [0xa7ac, 1, 1, -42315], [0xa7ad, 1, 1, -42305],
  [0xa7ae, 1, 1, -42308], [0xa7b0, 1, 1, -42258], [0xa7b1, 1, 1, -42282], [0xa7b2, 1, 1, -42261], [0xa7b3, 1, 1, 928], [0xa7b4, 8, 2, 1],
  [0xa7c4, 1, 1, -48], [0xa7c5, 1, 1, -42307], [0xa7c6, 1, 1, -35384], [0xa7c7, 2, 2, 1], [0xa7d0, 1, 1, 1], [0xa7d6, 2, 2, 1],
  [0xa7f5, 1, 1, 1], [0xff21, 26, 1, 32],
];

let table: Uint16Array | undefined;

function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  for (const [first, count, step, delta] of CASE_RUNS) {
    for (let k = 0; k < count; k++) t[first + k * step] = first + k * step + delta;
  }
  table = t;
  return t;
}

export function foldUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  return foldTable()[c]!;
}

// Index lookups fold the same few thousand names over and over; remember the answers.
const foldCache = new Map<string, string>();

/** A string that is equal for two names exactly when the names are case-insensitively equal. */
export function foldName(s: string): string {
  const hit = foldCache.get(s);
  if (hit !== undefined) return hit;
  const f = computeFold(s);
  if (foldCache.size >= 50_000) foldCache.clear();
  foldCache.set(s, f);
  return f;
}

function computeFold(s: string): string {
  let plain = true;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      plain = false;
      break;
    }
    if (c >= 0x41 && c <= 0x5a) plain = false;
  }
  if (plain) return s;
  if (ascii) return s.toLowerCase();
  const t = foldTable();
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = t[s.charCodeAt(i)]!;
  return unitsToString(units, 0, units.length);
}

export function namesEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && foldUnit(x) !== foldUnit(y)) return false;
  }
  return true;
}

/** Wine's order for subkeys (and for values with sortValues): folded code units, then length. */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const d = foldUnit(x) - foldUnit(y);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const CHUNK = 8192;

/** Builds a JS string from UTF-16 code units without decoding (lone surrogates survive). */
export function unitsToString(u: Uint16Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n <= CHUNK) return String.fromCharCode.apply(null, u.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i += CHUNK) {
    s += String.fromCharCode.apply(null, u.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  }
  return s;
}
