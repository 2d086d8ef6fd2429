import { KeyNotFoundError, RegFormatError } from '../model/errors.js';
import { compareNames } from '../model/fold.js';
import { type KeyNode, STRIDE } from '../model/node.js';
import { ROOTS, joinPath, parseKeyPath } from '../model/path.js';
import type { RegistryBase } from '../model/registry.js';
import { REG_BINARY, REG_DWORD, REG_SZ, isStringType } from '../model/types.js';
import { type Codepage, getCodepage } from './codepage.js';

export interface ExportOptions {
  format: 'regedit5' | 'regedit4';
  /** Export only these subtrees, in this order (HKLM\... or full names; printed as spelled here). Default: every non-empty root. */
  keys?: string[];
  /** Sort values as Wine's reg export does (case-insensitively); default: creation order, as Windows does. */
  sortValues?: boolean;
  /** Code page of REGEDIT4 output. Default windows-1252. */
  codepage?: string | number;
  /**
   * Write values that cannot be read back identically in the nearest form (what Wine or
   * Windows would write: '?' for characters outside the code page, a NUL-terminated string
   * where the data had none) instead of throwing RegFormatError.
   */
  lossy?: boolean;
}

// reg export wraps hex data once a line reaches this many characters (then "\" CRLF "  ").
const WRAP_AT = 77;
const HEX = Uint16Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const TAGS: Record<number, string> = Object.fromEntries(Array.from({ length: 12 }, (_, t) => [t, t === REG_BINARY ? 'hex:' : `hex(${t.toString(16)}):`]));
const CHUNK = 1 << 20;
const EMPTY = new Uint16Array(0);
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Collects UTF-16 code units in 2 MB chunks (no rope of strings, no doubling copies). */
class Units {
  chunks: Uint16Array[] = [];
  cur = new Uint16Array(CHUNK);
  pos = 0;
  /** When set, full chunks go here (streaming) instead of being kept. */
  onFull: ((units: Uint16Array) => void) | undefined;

  ensure(n: number): void {
    if (this.pos + n <= this.cur.length) return;
    if (this.onFull) {
      this.onFull(this.cur.subarray(0, this.pos));
      if (this.cur.length < n) this.cur = new Uint16Array(n);
    } else {
      this.chunks.push(this.cur.subarray(0, this.pos));
      this.cur = new Uint16Array(Math.max(CHUNK, n));
    }
    this.pos = 0;
  }

  ascii(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.cur[this.pos++] = s.charCodeAt(i);
  }

  /** The chunks, handed over once: the writer lets go of them so each can be freed after copying. */
  take(): Uint16Array[] {
    const all = [...this.chunks, this.cur.subarray(0, this.pos)];
    this.chunks = [];
    this.cur = new Uint16Array(0);
    this.pos = 0;
    return all;
  }
}

class Writer {
  readonly out = new Units();
  readonly #ansi: Codepage | undefined;
  readonly #lossy: boolean;
  readonly #sortValues: boolean;

  constructor(options: ExportOptions) {
    this.#ansi = options.format === 'regedit4' ? getCodepage(options.codepage) : undefined;
    this.#lossy = options.lossy ?? false;
    this.#sortValues = options.sortValues ?? false;
  }

  /** Can the code unit be written in the output encoding? */
  #encodable(c: number): boolean {
    return !this.#ansi || this.#ansi.byteOf(c) >= 0;
  }

  /** Writes text, escaped for a quoted name or string when `escape`; returns the units written. */
  #text(s: string, escape: boolean, key: string, value: string | undefined, what: string): number {
    const out = this.out;
    out.ensure(s.length * 2);
    const before = out.pos;
    const buf = out.cur;
    let p = out.pos;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (escape) {
        if (c === 0x5c || c === 0x22) {
          buf[p++] = 0x5c;
        } else if (c === 10 || c === 13) {
          buf[p++] = 0x5c;
          c = c === 10 ? 0x6e : 0x72;
        }
      } else if (c === 10 || c === 13) {
        throw new RegFormatError(key, value, `${what} contains a line break, which a .reg key line cannot hold`);
      }
      if (!this.#encodable(c)) {
        if (!this.#lossy) {
          throw new RegFormatError(key, value, `${what} contains U+${c.toString(16).toUpperCase().padStart(4, '0')}, which code page ${this.#ansi!.name} cannot represent`);
        }
        c = 0x3f;
      }
      buf[p++] = c;
    }
    out.pos = p;
    return p - before;
  }

  key(path: string, node: KeyNode): void {
    this.out.ascii('\r\n[');
    this.#text(path, false, path, undefined, 'the key path');
    this.out.ascii(']\r\n');
    const n = node.valueCount;
    const v = node.vals;
    if (v && this.#sortValues) {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareNames(v[a * STRIDE] as string, v[b * STRIDE] as string));
      for (const i of order) this.#slot(path, v, i * STRIDE);
    } else if (v) {
      for (let p = 0; p < n * STRIDE; p += STRIDE) this.#slot(path, v, p);
    }
    if (node.kids) {
      const kids = node.kids.length > 1 ? node.kids.slice().sort((a, b) => compareNames(a.name, b.name)) : node.kids;
      for (const k of kids) this.key(`${path}\\${k.name}`, k);
    }
  }

  #slot(path: string, v: (string | number | Uint8Array)[], p: number): void {
    this.#value(path, v[p] as string, v[p + 1] as number, v[p + 2] as Uint8Array, v[p + 3] as number, v[p + 4] as number);
  }

  #value(key: string, name: string, type: number, buf: Uint8Array, off: number, len: number): void {
    const out = this.out;
    let lineLen: number;
    if (name === '') {
      out.ascii('@=');
      lineLen = 2;
    } else {
      out.ascii('"');
      lineLen = this.#text(name, true, key, name, 'the value name') + 3;
      out.ascii('"=');
    }
    if (type === REG_SZ && this.#isPlainString(buf, off, len)) {
      this.#stringData(buf, off, len - 2, key, name);
    } else if (type === REG_DWORD && len === 4) {
      out.ascii('dword:');
      out.ensure(8);
      for (let i = 3; i >= 0; i--) {
        const b = buf[off + i]!;
        out.cur[out.pos++] = HEX[b >> 4]!;
        out.cur[out.pos++] = HEX[b & 15]!;
      }
    } else {
      const tag = TAGS[type] ?? `hex(${type.toString(16)}):`;
      out.ascii(tag);
      const bytes = isStringType(type) ? this.#stringBytes(key, name, type, buf, off, len) : buf.subarray(off, off + len);
      this.#hex(bytes, lineLen + tag.length);
    }
    out.ascii('\r\n');
  }

  /** REG_SZ data that reads back identically from "...": terminated, no other NUL, characters encodable. */
  #isPlainString(buf: Uint8Array, off: number, len: number): boolean {
    if (len < 2 || len % 2 !== 0 || buf[off + len - 1] !== 0 || buf[off + len - 2] !== 0) return false;
    for (let p = off; p < off + len - 2; p += 2) if (buf[p] === 0 && buf[p + 1] === 0) return false;
    return true;
  }

  /** "..." from UTF-16LE bytes (no terminator), escaped as reg export escapes. */
  #stringData(buf: Uint8Array, off: number, len: number, key: string, name: string): void {
    const out = this.out;
    out.ensure(len + 2); // len bytes = len/2 units, each at most 2 units when escaped
    const o = out.cur;
    let p = out.pos;
    o[p++] = 0x22;
    for (let i = off; i < off + len; i += 2) {
      let c = buf[i]! | (buf[i + 1]! << 8);
      if (c === 0x5c || c === 0x22) o[p++] = 0x5c;
      else if (c === 10 || c === 13) {
        o[p++] = 0x5c;
        c = c === 10 ? 0x6e : 0x72;
      }
      if (c >= 0x80 && !this.#encodable(c)) {
        if (!this.#lossy) throw new RegFormatError(key, name, `the string contains U+${c.toString(16).toUpperCase().padStart(4, '0')}, which code page ${this.#ansi!.name} cannot represent`);
        c = 0x3f;
      }
      o[p++] = c;
    }
    o[p++] = 0x22;
    out.pos = p;
  }

  /**
   * The bytes to write for hex(1)/hex(2)/hex(7) data. The reader NUL-terminates such data, so
   * unterminated data cannot come back as it was; REGEDIT4 also needs it in code-page bytes.
   */
  #stringBytes(key: string, name: string, type: number, buf: Uint8Array, off: number, len: number): Uint8Array {
    const data = buf.subarray(off, off + len);
    const fail = (why: string): never => {
      throw new RegFormatError(key, name, why);
    };
    const evenUnterminated = len > 0 && len % 2 === 0 && (data[len - 1] !== 0 || data[len - 2] !== 0);
    if (!this.#ansi) {
      if (evenUnterminated && !this.#lossy) fail(`hex(${type.toString(16)}) data without a NUL terminator cannot be read back unchanged (the reader adds one)`);
      return data;
    }
    if (len % 2 !== 0) {
      if (!this.#lossy) fail('string data of an odd number of bytes cannot be written as REGEDIT4 (code-page) characters');
      return data.subarray(0, len - 1).filter((_, i) => i % 2 === 0);
    }
    if (evenUnterminated && !this.#lossy) fail(`hex(${type.toString(16)}) data without a NUL terminator cannot be read back unchanged (the reader adds one)`);
    const bytes = new Uint8Array(len / 2);
    for (let i = 0; i < bytes.length; i++) {
      const c = data[2 * i]! | (data[2 * i + 1]! << 8);
      const b = this.#ansi.byteOf(c);
      if (b < 0 && !this.#lossy) fail(`the data contains U+${c.toString(16).toUpperCase().padStart(4, '0')}, which code page ${this.#ansi.name} cannot represent`);
      bytes[i] = b < 0 ? 0x3f : b;
    }
    return bytes;
  }

  #hex(bytes: Uint8Array, lineLen: number): void {
    const out = this.out;
    const n = bytes.length;
    // Worst case per byte: "xx," plus a 5-unit line break.
    out.ensure(n * 3 + Math.ceil(n / 20) * 5 + 8);
    const buf = out.cur;
    let p = out.pos;
    for (let i = 0; i < n; i++) {
      const b = bytes[i]!;
      buf[p++] = HEX[b >> 4]!;
      buf[p++] = HEX[b & 15]!;
      if (i === n - 1) break;
      buf[p++] = 0x2c;
      lineLen += 3;
      if (lineLen >= WRAP_AT) {
        buf[p++] = 0x5c;
        buf[p++] = 13;
        buf[p++] = 10;
        buf[p++] = 0x20;
        buf[p++] = 0x20;
        lineLen = 2;
      }
    }
    out.pos = p;
  }

  /** Units as output bytes (UTF-16LE, or code-page bytes); `bom` puts FF FE first. */
  encode(units: Uint16Array, bom: boolean): Uint8Array {
    if (this.#ansi) {
      const cp = this.#ansi;
      const res = new Uint8Array(units.length);
      for (let i = 0; i < units.length; i++) res[i] = cp.byteOf(units[i]!);
      return res;
    }
    const res = new Uint8Array((bom ? 2 : 0) + units.length * 2);
    let p = 0;
    if (bom) {
      res[p++] = 0xff;
      res[p++] = 0xfe;
    }
    if (LITTLE_ENDIAN) res.set(new Uint8Array(units.buffer, units.byteOffset, units.length * 2), p);
    else for (let i = 0; i < units.length; i++, p += 2) [res[p], res[p + 1]] = [units[i]! & 0xff, units[i]! >>> 8];
    return res;
  }

  bytes(): Uint8Array {
    const chunks = this.out.take();
    const units = chunks.reduce((n, c) => n + c.length, 0);
    if (this.#ansi) {
      const cp = this.#ansi;
      const res = new Uint8Array(units);
      let p = 0;
      for (let k = 0; k < chunks.length; k++) {
        const c = chunks[k]!;
        for (let i = 0; i < c.length; i++) res[p++] = cp.byteOf(c[i]!);
        chunks[k] = EMPTY;
      }
      return res;
    }
    const res = new Uint8Array(2 + units * 2);
    res[0] = 0xff;
    res[1] = 0xfe;
    let p = 2;
    for (let k = 0; k < chunks.length; k++) {
      const c = chunks[k]!;
      chunks[k] = EMPTY;
      if (LITTLE_ENDIAN) {
        res.set(new Uint8Array(c.buffer, c.byteOffset, c.length * 2), p);
        p += c.length * 2;
        continue;
      }
      for (let i = 0; i < c.length; i++) {
        res[p++] = c[i]! & 0xff;
        res[p++] = c[i]! >>> 8;
      }
    }
    return res;
  }
}

/**
 * Writes a registry (or snapshot) as a .reg file. 'regedit5' is byte for byte what Wine's
 * `reg export` writes (UTF-16LE with BOM, CRLF); 'regedit4' is the same layout in a code page.
 * Where Wine's output would not read back as the same value, a lossless form is used instead
 * (see the README); values with no lossless form throw RegFormatError unless `lossy`.
 */
export function exportReg(reg: RegistryBase, options: ExportOptions): Uint8Array {
  const w = new Writer(options);
  writeAll(reg, options, w);
  return w.bytes();
}

/**
 * Like exportReg, but hands the file to `write` in pieces of about 2 MB as it is produced, so a
 * large export never sits in memory whole (write each piece to a file as it comes).
 */
export function exportRegTo(reg: RegistryBase, options: ExportOptions, write: (chunk: Uint8Array) => void): void {
  const w = new Writer(options);
  let first = true;
  w.out.onFull = (units) => {
    write(w.encode(units, first && options.format === 'regedit5'));
    first = false;
  };
  writeAll(reg, options, w);
  w.out.onFull(w.out.cur.subarray(0, w.out.pos));
}

function writeAll(reg: RegistryBase, options: ExportOptions, w: Writer): void {
  if (options.format !== 'regedit5' && options.format !== 'regedit4') throw new RangeError(`unknown .reg format "${String(options.format)}"`);
  w.out.ascii(options.format === 'regedit5' ? 'Windows Registry Editor Version 5.00\r\n' : 'REGEDIT4\r\n');
  if (options.keys) {
    for (const k of options.keys) {
      const p = parseKeyPath(k);
      let node = reg._roots[p.root]!;
      for (const c of p.components) {
        const kid = node.findKid(c);
        if (!kid) throw new KeyNotFoundError(joinPath(p.root, p.components), 'cannot export a key that does not exist');
        node = kid;
      }
      // As reg export does: the key asked for is printed as it was asked for (full root name),
      // the subkeys below it as stored.
      w.key(joinPath(p.root, p.components), node);
    }
  } else {
    reg._roots.forEach((node, i) => {
      if (node.valueCount || node.kids?.length) w.key(ROOTS[i]!.name, node);
    });
  }
  w.out.ascii('\r\n');
}
