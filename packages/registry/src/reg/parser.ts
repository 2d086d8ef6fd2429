import type { ByteArena } from '../model/arena.js';
import { unitsToString } from '../model/fold.js';
import { MAX_KEY_NAME, ROOTS, joinPath } from '../model/path.js';
import { REG_BINARY, REG_DWORD, REG_SZ, isStringType } from '../model/types.js';
import { MAX_VALUE_NAME } from '../model/value.js';
import { type Codepage, getCodepage } from './codepage.js';
import { DiagnosticSink, type RegDiagnostic } from './diagnostics.js';
import { type RegFormat, classifyHeader, readHeader } from './header.js';
import { WineLineReader, lineStarts, position } from './wine-lines.js';
import { NameInterner, type WcstoulResult, hexDigit, isBlank, isWcsSpace, startsWithAscii, wcstoul16 } from './scan.js';

// A line-at-a-time re-creation of what Wine 8's `reg import` does with a .reg file (behaviour
// established with Wine's test suite and by running Wine 8; no Wine code is used). It works on
// UTF-16 code units: a UTF-16 file is read in place, an ANSI file is decoded one line at a time
// through the code page, so the input is never held twice. Value bytes go straight into an
// append-only arena; the sink receives (buffer, offset, length) and copies nothing.

/** A key as a line names it. */
export class KeyRef {
  readonly root: number;
  readonly comps: readonly string[];
  #path: string | undefined;

  constructor(root: number, comps: readonly string[]) {
    this.root = root;
    this.comps = comps;
  }

  /** Canonical path: full root name, components as written (built on first use: an import never needs it). */
  get path(): string {
    return (this.#path ??= joinPath(this.root, this.comps));
  }
}

/** Receives what the file does, in file order. */
export interface RegSink {
  createKey(key: KeyRef, line: number): void;
  deleteKey(key: KeyRef, line: number): void;
  setValue(key: KeyRef, name: string, type: number, buf: Uint8Array, off: number, len: number, line: number): void;
  deleteValue(key: KeyRef, name: string, line: number): void;
}

export interface ParseOptions {
  /** Used in diagnostics and RegSyntaxError. */
  fileName?: string;
  /** Throw RegSyntaxError at the first line that is not imported, instead of warning and going on. */
  strict?: boolean;
  /** Code page of ANSI files (REGEDIT4, or a version-5 file without BOM). Default windows-1252. */
  codepage?: string | number;
  /**
   * How hex(1)/hex(2)/hex(7) bytes are read. 'by-header' (default, as Windows): REGEDIT4 →
   * code-page bytes, version 5 → UTF-16LE, whatever the file encoding. 'by-encoding' (as
   * Wine 8): an ANSI file → code-page bytes, a UTF-16 file → UTF-16LE.
   */
  hexStrings?: 'by-header' | 'by-encoding';
}

export interface ParseSummary {
  format: RegFormat;
  encoding: 'utf16le' | 'ansi';
  /** What Wine's reg import exits with for this file (1: not a registry file). */
  exitCode: 0 | 1;
  warnings: RegDiagnostic[];
}

const enum Mode {
  Start,
  Continuation,
  Win31,
}

const enum Hex {
  Done = -1,
  Error = -2,
  Backslash = -3,
}

interface Pending {
  name: string;
  type: number;
  line: number;
  column: number;
  start: number;
  used: number;
  nameTooLong: boolean;
}

const HEX_VALUE = Int8Array.from({ length: 128 }, (_, c) => hexDigit(c));
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function quoteName(name: string): string {
  return name === '' ? '@' : JSON.stringify(name);
}

const ROOT_NAMES = ROOTS.flatMap((r, i) => [[r.name, i], [r.short, i]] as const);

/** Index of the root whose full or short name (any case) is exactly u[s..e), or -1. */
function matchRoot(u: Uint16Array, s: number, e: number): number {
  next: for (const [name, i] of ROOT_NAMES) {
    if (name.length !== e - s) continue;
    for (let k = 0; k < name.length; k++) {
      let c = u[s + k]!;
      if (c >= 0x61 && c <= 0x7a) c -= 32;
      if (c !== name.charCodeAt(k)) continue next;
    }
    return i;
  }
  return -1;
}

class Parser {
  readonly diag: DiagnosticSink;
  readonly #sink: RegSink;
  readonly #arena: ByteArena;
  readonly #cp: Codepage;
  readonly #names = new NameInterner();
  readonly #num: WcstoulResult = { value: 0, end: 0, overflow: false, negative: false };
  #ansiStrings = false;
  #mode = Mode.Start;
  #key: KeyRef | null = null;
  #noKey = 'no [key] line precedes it';
  #pending: Pending | null = null;
  /** The previous key line (text after the root, components, component end offsets). */
  #prevKey: { root: number; buf: Uint16Array; text: Uint16Array; comps: string[]; ends: number[] } | undefined;
  /** The one Pending record (at most one value is open at a time). */
  readonly #pendingObject: Pending = { name: '', type: 0, line: 0, column: 0, start: 0, used: 0, nameTooLong: false };
  /** Unescaped text of the last quoted name or string. */
  #tmp = new Uint16Array(256);
  #tmpLen = 0;
  #errAt = 0;
  #errMsg = '';
  /** Write position while parsing hex bytes; index after the backslash on Hex.Backslash. */
  #hexPos = 0;
  #hexNext = 0;
  /**
   * errno after an overflowing number stays ERANGE (nothing resets it), and reg import's hex(N)
   * check reads errno: once any number has overflowed, hex(ffffffff) and hex(-1) are refused.
   */
  #erange = false;

  constructor(sink: RegSink, arena: ByteArena, options: ParseOptions) {
    this.diag = new DiagnosticSink(options.fileName, options.strict ?? false);
    this.#sink = sink;
    this.#arena = arena;
    this.#cp = getCodepage(options.codepage);
  }

  run(input: Uint8Array, options: ParseOptions): ParseSummary {
    const utf16 = input.length >= 2 && input[0] === 0xff && input[1] === 0xfe;
    const units = utf16 ? toUnits(input) : undefined;
    // A NUL changes how reg import cuts lines (wine-lines.ts); without one, plain CR/LF splitting
    // gives the same lines much faster.
    const hasNul = units ? units.indexOf(0, 1) >= 0 : input.length > 2 && input.indexOf(0, 2) >= 0;
    const fast = hasNul ? undefined : readHeader(input, this.#cp);
    const h = fast ?? this.#wineHeader(input, units);
    const summary: ParseSummary = { format: h.format, encoding: h.encoding, exitCode: h.exitCode, warnings: this.diag.list };
    if (h.format === 'unsupported') {
      this.diag.add(h.exitCode === 1 ? 'header-invalid' : 'header-unsupported', 1, 1, h.problem!);
      return summary;
    }
    this.#ansiStrings = options.hexStrings === 'by-encoding' ? !utf16 : h.format === 'regedit4';
    this.#mode = h.format === 'win31' ? Mode.Win31 : Mode.Start;
    let lastLine: number;
    if (this.#reader) lastLine = this.#wineLines(units);
    else lastLine = units ? this.#utf16Lines(units, fast!.bodyStart) : this.#ansiLines(input, fast!.bodyStart);
    if (this.#pending) {
      const p = this.#pending;
      this.diag.add('hex-continuation-eof', lastLine, 1, `the file ends inside the hex data of value ${quoteName(p.name)} (line ${p.line}); the bytes read so far are kept`);
      this.#finishHex(p);
    }
    return summary;
  }

  #reader: WineLineReader | undefined;
  #starts: number[] = [];
  #lineBuf = new Uint16Array(1024);

  /** Line 1 as reg import reads it when the file contains a NUL; sets up #reader. */
  #wineHeader(input: Uint8Array, units: Uint16Array | undefined): ReturnType<typeof classifyHeader> {
    const src = units ?? input;
    const reader = (this.#reader = new WineLineReader(src, units ? 1 : 2));
    this.#starts = lineStarts(src, units ? 1 : 2);
    this.#starts[0] = 0;
    let text = units ? '' : String.fromCharCode(input[0]!, input[1]!);
    if (reader.read()) text += units ? unitsToString(reader.buf, reader.start, reader.end) : this.#decoded(reader, true);
    return classifyHeader(text, input);
  }

  /** The reader's current line of bytes through the code page, as a string or into #lineBuf. */
  #decoded(reader: WineLineReader, asString: true): string;
  #decoded(reader: WineLineReader, asString: false): number;
  #decoded(reader: WineLineReader, asString: boolean): string | number {
    const n = reader.end - reader.start;
    if (this.#lineBuf.length < n) this.#lineBuf = new Uint16Array(Math.max(n, this.#lineBuf.length * 2));
    const toUnit = this.#cp.toUnit;
    for (let i = 0; i < n; i++) this.#lineBuf[i] = toUnit[reader.buf[reader.start + i]!]!;
    return asString ? unitsToString(this.#lineBuf, 0, n) : n;
  }

  #wineLines(units: Uint16Array | undefined): number {
    const reader = this.#reader!;
    const starts = this.#starts;
    while (reader.read()) {
      if (reader.lost) {
        const [at, n] = reader.lost;
        const [ln, col] = position(starts, at);
        const through = position(starts, at + n - 1)[0];
        this.diag.add('nul-character', ln, col, `NUL character: like reg import, the rest of its read buffer is lost (${n} characters, through line ${through}) and the text before the NUL runs on into what follows`);
      }
      const ln = position(starts, reader.source)[0];
      if (units) this.#line(reader.buf, reader.start, reader.end, ln);
      else this.#line(this.#lineBuf, 0, this.#decoded(reader, false), ln);
    }
    return starts.length;
  }

  #utf16Lines(u: Uint16Array, bodyStart: number): number {
    const n = u.length;
    let pos = bodyStart >> 1;
    let ln = 1;
    while (pos < n) {
      let e = pos;
      for (; e < n; e++) {
        const c = u[e]!;
        if (c <= 13 && (c === 10 || c === 13)) break;
      }
      ln++;
      this.#line(u, pos, e, ln);
      pos = e + 1;
      if (u[e] === 13 && pos < n && u[pos] === 10) pos++;
    }
    return ln;
  }

  #ansiLines(input: Uint8Array, bodyStart: number): number {
    const n = input.length;
    const toUnit = this.#cp.toUnit;
    let buf = this.#lineBuf;
    let pos = bodyStart;
    let ln = 1;
    while (pos < n) {
      let e = pos;
      for (; e < n; e++) {
        const c = input[e]!;
        if (c <= 13 && (c === 10 || c === 13)) break;
      }
      const len = e - pos;
      if (len > buf.length) buf = this.#lineBuf = new Uint16Array(Math.max(len, buf.length * 2));
      for (let i = 0; i < len; i++) buf[i] = toUnit[input[pos + i]!]!;
      ln++;
      this.#line(buf, 0, len, ln);
      pos = e + 1;
      if (input[e] === 13 && pos < n && input[pos] === 10) pos++;
    }
    return ln;
  }

  #line(u: Uint16Array, s: number, e: number, ln: number): void {
    if (this.#mode === Mode.Start) this.#startLine(u, s, e, ln);
    else if (this.#mode === Mode.Continuation) this.#continuationLine(u, s, e, ln);
    else this.#win31Line(u, s, e, ln);
  }

  /**
   * The key named by u[s..e), resolved as RegCreateKeyEx does under Wine: a full or short root
   * name (any case), then components; doubled and trailing "\\" are skipped, a "\\" right after
   * the root's separator is an error. Components are interned (export paths repeat them).
   */
  #keyRef(u: Uint16Array, s: number, e: number): KeyRef | string {
    let q = s;
    while (q < e && u[q] !== 0x5c) q++;
    const root = matchRoot(u, s, q);
    if (root < 0) return `unknown root key "${unitsToString(u, s, Math.min(q, s + 60))}"`;
    const comps: string[] = [];
    if (q < e) {
      if (q + 1 < e && u[q + 1] === 0x5c) return '"\\\\" right after the root key';
      let a = q + 1;
      // Consecutive key lines of an export share most of their path: take the components of
      // the previous line's text as far as it is identical, and parse only the rest.
      const prev = this.#prevKey;
      if (prev && prev.root === root && prev.text.length > 0) {
        const t = prev.text;
        let i = 0;
        const n = Math.min(t.length, e - a);
        while (i < n && t[i] === u[a + i]) i++;
        // Whole components only: the shared part must end at a separator in both lines.
        for (let k = 0; k < prev.ends.length; k++) {
          const end = prev.ends[k]!;
          if (end < i || (end === i && (a + i === e || u[a + i] === 0x5c))) comps.push(prev.comps[k]!);
          else break;
        }
        if (comps.length) a += prev.ends[comps.length - 1]! + 1;
      }
      while (a < e) {
        let b = a;
        while (b < e && u[b] !== 0x5c) b++;
        if (b - a > MAX_KEY_NAME) return `key name is ${b - a} characters long; the limit is ${MAX_KEY_NAME}`;
        if (b > a) comps.push(this.#names.get(u, a, b));
        a = b + 1;
      }
      this.#rememberKey(u, q + 1, e, root, comps);
    }
    return new KeyRef(root, comps);
  }

  /** Keeps the text after the root of the last key line and where each component ends in it. */
  #rememberKey(u: Uint16Array, a: number, e: number, root: number, comps: string[]): void {
    const n = e - a;
    let prev = this.#prevKey;
    if (!prev || prev.buf.length < n) prev = this.#prevKey = { root, buf: new Uint16Array(Math.max(n, 256)), text: new Uint16Array(0), comps, ends: [] };
    prev.buf.set(u.subarray(a, e));
    prev.text = prev.buf.subarray(0, n);
    prev.root = root;
    prev.comps = comps;
    // Only paths without empty components are reused (doubled "\\" would break the mapping).
    const ends: number[] = [];
    let i = 0;
    for (const c of comps) {
      if (i + c.length > n || (i + c.length < n && prev.text[i + c.length] !== 0x5c)) {
        prev.text = prev.text.subarray(0, 0);
        prev.ends = [];
        return;
      }
      i += c.length;
      ends.push(i);
      i++;
    }
    if (i < n) {
      prev.text = prev.text.subarray(0, 0);
      prev.ends = [];
      return;
    }
    prev.ends = ends;
  }

  // ---- version 4 / 5 lines ----

  #startLine(u: Uint16Array, s: number, e: number, ln: number): void {
    let i = s;
    while (i < e && isBlank(u[i]!)) i++;
    if (i === e) return;
    const c = u[i]!;
    if (c === 0x22) this.#valueLine(u, s, i, e, ln);
    else if (c === 0x5b) this.#keyLine(u, s, i, e, ln);
    else if (c === 0x40) this.#valueLine(u, s, i, e, ln);
    else if (c !== 0x3b && c !== 0x23) {
      this.diag.add('line-ignored', ln, i - s + 1, 'line ignored: not a [key], "name"=data, @=data or a ;/# comment');
    }
  }

  #keyLine(u: Uint16Array, s: number, i: number, e: number, ln: number): void {
    const p = i + 1;
    if (p < e && isBlank(u[p]!)) {
      this.diag.add('key-syntax', ln, p - s + 1, 'blank after "[": line ignored (values that follow still go to the previous key)');
      return;
    }
    let close = -1;
    for (let j = e - 1; j >= p; j--) {
      if (u[j] === 0x5d) {
        close = j;
        break;
      }
    }
    if (close < 0) {
      this.diag.add('key-syntax', ln, i - s + 1, 'no closing "]": line ignored (values that follow still go to the previous key)');
      return;
    }
    let t = close + 1;
    while (t < e && isBlank(u[t]!)) t++;
    if (t < e && u[t] !== 0x3b) this.diag.add('key-trailing-text', ln, t - s + 1, 'text after the closing "]" is ignored');

    if (p < close && u[p] === 0x2d) {
      this.#key = null;
      this.#noKey = `line ${ln} deleted a key and opened none`;
      const q = p + 1;
      if (q >= close || (u[q] !== 0x48 && u[q] !== 0x68)) {
        this.diag.add('key-delete-invalid', ln, q - s + 1, '"[-" must be followed directly by the key path: nothing deleted');
        return;
      }
      const r = this.#keyRef(u, q, close);
      if (typeof r === 'string') {
        this.diag.add('key-delete-invalid', ln, q - s + 1, `${r}: nothing deleted`);
      } else if (r.comps.length === 0) {
        this.diag.add('key-delete-invalid', ln, q - s + 1, 'a root key cannot be deleted: nothing deleted');
      } else {
        this.#sink.deleteKey(r, ln);
      }
      return;
    }

    const ref = this.#keyRef(u, p, close);
    if (typeof ref === 'string') {
      this.#key = null;
      this.#noKey = `the key at line ${ln} could not be created`;
      this.diag.add('key-invalid', ln, p - s + 1, `${ref}: the key and its values are ignored`);
      return;
    }
    this.#key = ref;
    this.#sink.createKey(ref, ln);
  }

  #valueLine(u: Uint16Array, s: number, i: number, e: number, ln: number): void {
    let name = '';
    let p = i + 1;
    let nameTooLong = false;
    if (u[i] === 0x22) {
      const end = this.#unescape(u, p, e, s, ln);
      if (end < 0) {
        this.diag.add('value-name-syntax', ln, this.#errAt - s + 1, `value name: ${this.#errMsg}; line ignored`);
        return;
      }
      nameTooLong = this.#tmpLen > MAX_VALUE_NAME;
      name = nameTooLong ? unitsToString(this.#tmp, 0, 40) + '…' : this.#names.get(this.#tmp, 0, this.#tmpLen);
      p = end;
    }
    while (p < e && isBlank(u[p]!)) p++;
    if (p >= e || u[p] !== 0x3d) {
      this.diag.add('value-missing-equals', ln, p - s + 1, `"=" expected after the value name; line ignored`);
      return;
    }
    p++;
    while (p < e && isBlank(u[p]!)) p++;
    let e2 = e;
    while (e2 > p && isBlank(u[e2 - 1]!)) e2--;
    const column = i - s + 1;

    if (p < e2 && u[p] === 0x2d) {
      let q = p + 1;
      while (q < e2 && isBlank(u[q]!)) q++;
      if (q < e2 && u[q] !== 0x3b) {
        this.diag.add('value-delete-syntax', ln, q - s + 1, 'only blanks or a ";" comment may follow "=-": nothing deleted');
      } else if (!this.#key) {
        this.diag.add('value-without-key', ln, column, `deletion of ${quoteName(name)} ignored: ${this.#noKey}`);
      } else if (!nameTooLong) {
        this.#sink.deleteValue(this.#key, name, ln);
      }
      return;
    }
    const c = u[p];
    if (c === 0x22) return this.#stringData(u, s, p, e2, ln, name, column, nameTooLong);
    if (c === 0x68 && startsWithAscii(u, p, e2, 'hex:')) return this.#hexData(u, s, p + 4, e2, ln, name, REG_BINARY, column, nameTooLong);
    if (c === 0x64 && startsWithAscii(u, p, e2, 'dword:')) return this.#dwordData(u, s, p + 6, e2, ln, name, column, nameTooLong);
    if (c === 0x68 && startsWithAscii(u, p, e2, 'hex(')) {
      const q = p + 4;
      const x = q + 1 < e2 ? u[q + 1]! : 0;
      const num = this.#num;
      let stale = false;
      if (q < e2 && x !== 0x78 && x !== 0x58) {
        wcstoul16(u, q, e2, num);
        if (num.overflow) this.#erange = true;
        const close = num.end;
        stale = this.#erange && num.value === 0xffffffff;
        if (close + 1 < e2 && u[close] === 0x29 && u[close + 1] === 0x3a && !stale) {
          return this.#hexData(u, s, close + 2, e2, ln, name, num.value, column, nameTooLong);
        }
      }
      this.diag.add('data-type-unknown', ln, p - s + 1, stale
        ? 'hex(ffffffff) is refused after an earlier number overflowed (reg import reads a stale ERANGE); value ignored'
        : 'bad hex(type): the type must be hex digits without 0x, at most ffffffff; value ignored');
      return;
    }
    this.diag.add('data-type-unknown', ln, p - s + 1, p < e2 ? 'unknown data type (expected "string", dword:, hex: or hex(type):); value ignored' : 'no data after "="; value ignored');
  }

  /**
   * Unescapes a quoted string starting after its opening quote into #tmp. Returns the index
   * after the closing quote, or -1 (#errAt/#errMsg say why). \\ \" \n \r are escapes; \0 is an
   * error; any other escaped character stands for itself (with a warning), as in reg import.
   */
  #unescape(u: Uint16Array, p: number, e: number, s: number, ln: number): number {
    if (this.#tmp.length < e - p) this.#tmp = new Uint16Array(Math.max(e - p, this.#tmp.length * 2));
    const out = this.#tmp;
    let o = 0;
    for (; p < e; p++) {
      let c = u[p]!;
      if (c === 0x5c) {
        p++;
        if (p >= e) {
          this.#errAt = p - 1;
          this.#errMsg = 'backslash at the end of the line (strings do not continue)';
          return -1;
        }
        c = u[p]!;
        if (c === 0x6e) c = 10;
        else if (c === 0x72) c = 13;
        else if (c === 0x30) {
          this.#errAt = p - 1;
          this.#errMsg = 'the escape \\0 is not allowed';
          return -1;
        } else if (c !== 0x5c && c !== 0x22) {
          this.diag.add('escape-unknown', ln, p - s, `unknown escape "\\${String.fromCharCode(c)}" is read as "${String.fromCharCode(c)}"`);
        }
        out[o++] = c;
      } else if (c === 0x22) {
        this.#tmpLen = o;
        return p + 1;
      } else {
        out[o++] = c;
      }
    }
    this.#errAt = e;
    this.#errMsg = 'no closing quote';
    return -1;
  }

  #stringData(u: Uint16Array, s: number, p: number, e2: number, ln: number, name: string, column: number, nameTooLong: boolean): void {
    const end = this.#unescape(u, p + 1, e2, s, ln);
    if (end < 0) {
      this.diag.add('string-syntax', ln, this.#errAt - s + 1, `string data: ${this.#errMsg}; value ignored`);
      return;
    }
    let t = end;
    while (t < e2 && isBlank(u[t]!)) t++;
    if (t < e2 && u[t] !== 0x3b) {
      this.diag.add('string-syntax', ln, t - s + 1, 'text after the closing quote (only a ";" comment may follow); value ignored');
      return;
    }
    const n = this.#tmpLen;
    const arena = this.#arena;
    const at = arena.alloc(n * 2 + 2);
    const buf = arena.buf;
    const tmp = this.#tmp;
    let o = at;
    for (let i = 0; i < n; i++) {
      const c = tmp[i]!;
      buf[o++] = c & 0xff;
      buf[o++] = c >>> 8;
    }
    buf[o++] = 0;
    buf[o++] = 0;
    this.#emit(name, REG_SZ, at, o - at, ln, column, nameTooLong);
  }

  #dwordData(u: Uint16Array, s: number, p: number, e2: number, ln: number, name: string, column: number, nameTooLong: boolean): void {
    let q = p;
    while (q < e2 && isBlank(u[q]!)) q++;
    if (q >= e2) {
      this.diag.add('dword-syntax', ln, q - s + 1, 'dword: without digits; value ignored');
      return;
    }
    let d = q;
    let v = 0;
    for (; d < e2; d++) {
      const x = hexDigit(u[d]!);
      if (x < 0) break;
      v = v * 16 + x;
    }
    if (d - q > 8) {
      this.diag.add('dword-syntax', ln, q - s + 1, `dword: takes 1 to 8 hex digits, found ${d - q}; value ignored`);
      return;
    }
    let t = d;
    while (t < e2 && isBlank(u[t]!)) t++;
    if (t < e2 && u[t] !== 0x3b) {
      this.diag.add('dword-syntax', ln, t - s + 1, 'dword: takes hex digits only (no 0x, no sign), then an optional ";" comment; value ignored');
      return;
    }
    const arena = this.#arena;
    const at = arena.alloc(4);
    const buf = arena.buf;
    buf[at] = v & 0xff;
    buf[at + 1] = (v >>> 8) & 0xff;
    buf[at + 2] = (v >>> 16) & 0xff;
    buf[at + 3] = v >>> 24;
    this.#emit(name, REG_DWORD, at, 4, ln, column, nameTooLong);
  }

  #hexData(u: Uint16Array, s: number, p: number, e2: number, ln: number, name: string, type: number, column: number, nameTooLong: boolean): void {
    const arena = this.#arena;
    if (p >= e2) {
      // "hex(2):" with nothing after it: 0 bytes, not even a terminator.
      const at = arena.alloc(0);
      this.#emit(name, type, at, 0, ln, column, nameTooLong);
      return;
    }
    const start = arena.alloc(((e2 - p) >> 1) + 2);
    this.#hexPos = start;
    const r = this.#hexList(u, p, e2);
    if (r === Hex.Error) {
      arena.abandon();
      this.diag.add('hex-syntax', ln, this.#errAt - s + 1, `${this.#errMsg}; value ignored`);
      return;
    }
    const pending = this.#pendingObject;
    pending.name = name;
    pending.type = type;
    pending.line = ln;
    pending.column = column;
    pending.start = start;
    pending.used = this.#hexPos - start;
    pending.nameTooLong = nameTooLong;
    if (r === Hex.Backslash) {
      if (this.#afterBackslash(u, s, e2, ln)) {
        this.#pending = pending;
        this.#mode = Mode.Continuation;
      }
      return;
    }
    this.#finishHex(pending);
  }

  /** Only blanks or a ";" comment may follow a continuation backslash. */
  #afterBackslash(u: Uint16Array, s: number, e: number, ln: number): boolean {
    let t = this.#hexNext;
    while (t < e && isBlank(u[t]!)) t++;
    if (t < e && u[t] !== 0x3b) {
      this.#arena.abandon();
      this.diag.add('hex-syntax', ln, t - s + 1, 'text after the continuation "\\" (only a ";" comment may follow); value ignored');
      return false;
    }
    return true;
  }

  /**
   * Parses comma-separated hex bytes into the arena at #hexPos, each item read as wcstoul
   * would (so " 0x1a" and "+1" pass, "1a4" fails for being > ff). The caller reserved room.
   */
  #hexList(u: Uint16Array, p: number, e: number): Hex {
    const buf = this.#arena.buf;
    let o = this.#hexPos;
    const num = this.#num;
    while (p < e) {
      // Fast path: two hex digits and a comma (or the end).
      const c0 = u[p]!;
      const c1 = p + 1 < e ? u[p + 1]! : 0;
      const h = c0 < 128 ? HEX_VALUE[c0]! : -1;
      const l = c1 < 128 ? HEX_VALUE[c1]! : -1;
      if ((h | l) >= 0 && (p + 2 === e || u[p + 2] === 0x2c)) {
        buf[o++] = (h << 4) | l;
        p += 3;
        continue;
      }
      if (c0 === 0x5c) {
        this.#hexPos = o;
        this.#hexNext = p + 1;
        return Hex.Backslash;
      }
      wcstoul16(u, p, e, num);
      if (num.overflow) this.#erange = true;
      if (num.end === p) {
        let t = p;
        while (t < e && isBlank(u[t]!)) t++;
        if (t < e && u[t] === 0x5c) {
          this.#hexPos = o;
          this.#hexNext = t + 1;
          return Hex.Backslash;
        }
        if (t < e && u[t] === 0x3b) break;
        this.#errAt = t;
        this.#errMsg = t < e ? `"${String.fromCharCode(u[t]!)}" where a hex byte was expected` : 'a hex byte was expected after ","';
        return Hex.Error;
      }
      if (num.value > 0xff) {
        this.#errAt = p;
        this.#errMsg = `${unitsToString(u, p, num.end).trim()} is more than one byte`;
        return Hex.Error;
      }
      buf[o++] = num.value;
      let q = num.end;
      if (q < e && u[q] !== 0x2c) {
        while (q < e && isBlank(u[q]!)) q++;
        if (q < e && u[q] !== 0x3b) {
          this.#errAt = q;
          this.#errMsg = u[q] === 0x5c ? '"\\" must follow a comma to continue the data' : `"${String.fromCharCode(u[q]!)}" where "," was expected`;
          return Hex.Error;
        }
        break;
      }
      p = q + 1;
    }
    this.#hexPos = o;
    return Hex.Done;
  }

  #continuationLine(u: Uint16Array, s: number, e: number, ln: number): void {
    let i = s;
    while (i < e && isBlank(u[i]!)) i++;
    if (i === e || u[i] === 0x3b) return;
    const p = this.#pending!;
    if (hexDigit(u[i]!) < 0) {
      this.#pending = null;
      this.#mode = Mode.Start;
      this.#arena.abandon();
      const what = `value ${quoteName(p.name)} (line ${p.line}) ended with ",\\"`;
      this.diag.add('hex-continuation-broken', ln, i - s + 1, u[i] === 0x23
        ? `${what}; this # comment line ends it and the value is ignored`
        : `${what} but this line does not continue its hex data: the value and this line are both ignored (as reg import does)`);
      return;
    }
    const arena = this.#arena;
    p.start = arena.grow(p.start, p.used, ((e - i) >> 1) + 2);
    this.#hexPos = p.start + p.used;
    const r = this.#hexList(u, i, e);
    if (r === Hex.Error) {
      this.#pending = null;
      this.#mode = Mode.Start;
      arena.abandon();
      this.diag.add('hex-syntax', ln, this.#errAt - s + 1, `${this.#errMsg}; value ${quoteName(p.name)} (line ${p.line}) ignored`);
      return;
    }
    p.used = this.#hexPos - p.start;
    if (r === Hex.Backslash) {
      if (!this.#afterBackslash(u, s, e, ln)) {
        this.#pending = null;
        this.#mode = Mode.Start;
      }
      return;
    }
    this.#pending = null;
    this.#mode = Mode.Start;
    this.#finishHex(p);
  }

  /** hex(1)/hex(2)/hex(7) data gets its NUL terminator and, from code-page bytes, becomes UTF-16LE. */
  #finishHex(p: Pending): void {
    this.#pending = null;
    const arena = this.#arena;
    let { start, used } = p;
    if (isStringType(p.type) && used > 0) {
      if (this.#ansiStrings) {
        if (arena.buf[start + used - 1] !== 0) {
          start = arena.grow(start, used, 1);
          arena.buf[start + used++] = 0;
        }
        start = arena.grow(start, used, used);
        const buf = arena.buf;
        const toUnit = this.#cp.toUnit;
        for (let i = used - 1; i >= 0; i--) {
          const c = toUnit[buf[start + i]!]!;
          buf[start + 2 * i] = c & 0xff;
          buf[start + 2 * i + 1] = c >>> 8;
        }
        used *= 2;
      } else if (used % 2 === 1) {
        this.diag.add('string-data-odd-length', p.line, p.column, `${quoteName(p.name)}: UTF-16 string data of ${used} bytes (odd) is kept as written, without a terminator`);
      } else if (arena.buf[start + used - 1] !== 0 || arena.buf[start + used - 2] !== 0) {
        start = arena.grow(start, used, 2);
        arena.buf[start + used++] = 0;
        arena.buf[start + used++] = 0;
      }
    }
    this.#emit(p.name, p.type, start, used, p.line, p.column, p.nameTooLong);
  }

  #emit(name: string, type: number, at: number, len: number, ln: number, column: number, nameTooLong: boolean): void {
    const arena = this.#arena;
    if (!this.#key) {
      arena.abandon();
      this.diag.add('value-without-key', ln, column, `value ${quoteName(name)} ignored: ${this.#noKey}`);
      return;
    }
    if (nameTooLong) {
      arena.abandon();
      this.diag.add('value-name-too-long', ln, column, `value name longer than ${MAX_VALUE_NAME} characters; value ignored`);
      return;
    }
    const buf = arena.commit(at + len);
    this.#sink.setValue(this.#key, name, type, buf, at, len, ln);
  }

  // ---- Windows 3.1 format: HKEY_CLASSES_ROOT\path [=] value ----

  #win31Line(u: Uint16Array, s: number, e: number, ln: number): void {
    if (!startsWithAscii(u, s, e, 'HKEY_CLASSES_ROOT')) {
      let i = s;
      while (i < e && isWcsSpace(u[i]!)) i++;
      if (i < e) this.diag.add('win31-line-ignored', ln, 1, 'REGEDIT (Windows 3.1) lines must start with HKEY_CLASSES_ROOT in column 1; line ignored');
      return;
    }
    let k = s;
    while (k < e && !isWcsSpace(u[k]!)) k++;
    let v = k;
    while (v < e && isBlank(u[v]!)) v++;
    if (v < e && u[v] === 0x3d) v++;
    if (v < e && u[v] === 0x20) v++;
    // reg import ends the key by writing a NUL at its end; when the key ended at some other
    // white space (\v, NBSP, ...) and nothing was skipped, that NUL also ends the value: "".
    if (v === k) v = e;
    const ref = this.#keyRef(u, s, k);
    if (typeof ref === 'string') {
      this.diag.add('key-invalid', ln, 1, `${ref}: line ignored`);
      return;
    }
    this.#key = ref;
    this.#sink.createKey(ref, ln);
    const arena = this.#arena;
    const at = arena.alloc((e - v) * 2 + 2);
    const buf = arena.buf;
    let o = at;
    for (let i = v; i < e; i++) {
      buf[o++] = u[i]! & 0xff;
      buf[o++] = u[i]! >>> 8;
    }
    buf[o++] = 0;
    buf[o++] = 0;
    this.#emit('', REG_SZ, at, o - at, ln, v - s + 1, false);
  }
}

/** The file as UTF-16 code units, in place when the platform and the alignment allow. */
function toUnits(input: Uint8Array): Uint16Array {
  if (LITTLE_ENDIAN && input.byteOffset % 2 === 0) return new Uint16Array(input.buffer, input.byteOffset, input.length >> 1);
  const u = new Uint16Array(input.length >> 1);
  for (let i = 0; i < u.length; i++) u[i] = input[2 * i]! | (input[2 * i + 1]! << 8);
  return u;
}

/** Runs the reader over a whole file, feeding `sink`; value bytes are allocated from `arena`. */
export function runParser(input: Uint8Array, options: ParseOptions, sink: RegSink, arena: ByteArena): ParseSummary {
  if (!(input instanceof Uint8Array)) throw new TypeError('the .reg input must be a Uint8Array');
  const parser = new Parser(sink, arena, options);
  return parser.run(input, options);
}
