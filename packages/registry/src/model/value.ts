import { InvalidValueError, RegValueDataError, RegValueTypeError } from './errors.js';
import { bytesEqual, decodeUtf16, encodeUtf16, hexBytes } from './utf16.js';
import {
  REG_BINARY, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_EXPAND_SZ, REG_MULTI_SZ, REG_QWORD, REG_SZ, isStringType, isValidType,
  regTypeName,
} from './types.js';

/** Windows' limit for value names (RegSetValueEx rejects longer ones; so does Wine's import). */
export const MAX_VALUE_NAME = 16383;

export function checkValueName(name: string): void {
  if (typeof name !== 'string') throw new InvalidValueError('value name must be a string');
  if (name.length > MAX_VALUE_NAME) throw new InvalidValueError(`value name is ${name.length} characters long; the limit is ${MAX_VALUE_NAME}`);
  if (name.includes('\0')) throw new InvalidValueError(`value name ${JSON.stringify(name)} contains a NUL character`);
}

function checkText(what: string, s: string): void {
  if (typeof s !== 'string') throw new InvalidValueError(`${what} must be a string`);
  if (s.includes('\0')) throw new InvalidValueError(`${what} ${JSON.stringify(s)} contains a NUL character; use RegValue.raw for such data`);
}

/** Internal: creation without copying, for storage that is already immutable (the byte arena). */
export const WRAP = Symbol('RegValue.wrap');

/**
 * One registry value. Immutable: the bytes live in storage nobody writes to again, and `data`
 * hands out a copy. Name '' is the default value (`@` in .reg files).
 */
export class RegValue {
  readonly name: string;
  readonly type: number;
  readonly #buf: Uint8Array;
  readonly #off: number;
  readonly #len: number;

  private constructor(name: string, type: number, buf: Uint8Array, off: number, len: number) {
    this.name = name;
    this.type = type;
    this.#buf = buf;
    this.#off = off;
    this.#len = len;
    Object.freeze(this);
  }

  /** @internal */
  static [WRAP](name: string, type: number, buf: Uint8Array, off: number, len: number): RegValue {
    return new RegValue(name, type, buf, off, len);
  }

  static sz(name: string, s: string): RegValue {
    checkText('REG_SZ data', s);
    return RegValue.#make(name, REG_SZ, encodeUtf16(s, true));
  }

  static expandSz(name: string, s: string): RegValue {
    checkText('REG_EXPAND_SZ data', s);
    return RegValue.#make(name, REG_EXPAND_SZ, encodeUtf16(s, true));
  }

  /** Each string NUL-terminated plus a final NUL; an empty list is a single NUL (as regedit writes it). */
  static multiSz(name: string, list: readonly string[]): RegValue {
    if (!Array.isArray(list)) throw new InvalidValueError('REG_MULTI_SZ data must be an array of strings');
    for (const s of list) {
      checkText('REG_MULTI_SZ element', s);
      if (s === '') throw new InvalidValueError('REG_MULTI_SZ cannot hold an empty string (it would end the list); use RegValue.raw');
    }
    const joined = list.length === 0 ? '' : list.join('\0') + '\0';
    return RegValue.#make(name, REG_MULTI_SZ, encodeUtf16(joined, true));
  }

  /** n: an integer in -2^31 .. 2^32-1 (negative numbers are stored as two's complement). */
  static dword(name: string, n: number): RegValue {
    if (!Number.isInteger(n) || n < -0x80000000 || n > 0xffffffff) throw new InvalidValueError(`REG_DWORD out of range: ${n}`);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n >>> 0, true);
    return RegValue.#make(name, REG_DWORD, b);
  }

  /** n: -2^63 .. 2^64-1 (negative numbers are stored as two's complement). */
  static qword(name: string, n: bigint): RegValue {
    if (typeof n !== 'bigint' || n < -(1n << 63n) || n > (1n << 64n) - 1n) throw new InvalidValueError(`REG_QWORD out of range: ${String(n)}`);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n), true);
    return RegValue.#make(name, REG_QWORD, b);
  }

  static binary(name: string, bytes: Uint8Array): RegValue {
    return RegValue.raw(name, REG_BINARY, bytes);
  }

  /** Any type number 0..0xffffffff with the bytes exactly as given (copied). */
  static raw(name: string, type: number, bytes: Uint8Array): RegValue {
    if (!isValidType(type)) throw new InvalidValueError(`value type must be an integer 0..0xffffffff, got ${type}`);
    if (!(bytes instanceof Uint8Array)) throw new InvalidValueError('value data must be a Uint8Array');
    return RegValue.#make(name, type, bytes.slice());
  }

  static #make(name: string, type: number, bytes: Uint8Array): RegValue {
    checkValueName(name);
    return new RegValue(name, type, bytes, 0, bytes.length);
  }

  /** The raw bytes as Windows stores them (a fresh copy on each access). */
  get data(): Uint8Array {
    return this.#buf.slice(this.#off, this.#off + this.#len);
  }

  get size(): number {
    return this.#len;
  }

  /** @internal zero-copy access for this package: [buffer, offset, length]. */
  get storage(): readonly [Uint8Array, number, number] {
    return [this.#buf, this.#off, this.#len];
  }

  #expect(...types: number[]): void {
    if (!types.includes(this.type)) throw new RegValueTypeError(this.name, types, this.type);
  }

  /** REG_SZ text up to the first NUL (the terminator, when present). */
  asString(): string {
    this.#expect(REG_SZ);
    return decodeUtf16(this.#buf, this.#off, this.#len, true);
  }

  /** REG_EXPAND_SZ text, unexpanded (%SystemRoot% stays as written). */
  asExpandString(): string {
    this.#expect(REG_EXPAND_SZ);
    return decodeUtf16(this.#buf, this.#off, this.#len, true);
  }

  /** REG_MULTI_SZ strings; the list ends at the first empty string or at the end of the data. */
  asMultiString(): string[] {
    this.#expect(REG_MULTI_SZ);
    const all = decodeUtf16(this.#buf, this.#off, this.#len, false);
    const out: string[] = [];
    for (const part of all.split('\0')) {
      if (part === '') break;
      out.push(part);
    }
    return out;
  }

  /** REG_DWORD (little-endian) or REG_DWORD_BIG_ENDIAN; the data must be exactly 4 bytes. */
  asDword(): number {
    this.#expect(REG_DWORD, REG_DWORD_BIG_ENDIAN);
    if (this.#len !== 4) throw new RegValueDataError(this.name, `${regTypeName(this.type)} data is ${this.#len} bytes, expected 4`);
    const view = new DataView(this.#buf.buffer, this.#buf.byteOffset + this.#off, 4);
    return view.getUint32(0, this.type === REG_DWORD);
  }

  /** REG_QWORD; the data must be exactly 8 bytes. */
  asQword(): bigint {
    this.#expect(REG_QWORD);
    if (this.#len !== 8) throw new RegValueDataError(this.name, `REG_QWORD data is ${this.#len} bytes, expected 8`);
    return new DataView(this.#buf.buffer, this.#buf.byteOffset + this.#off, 8).getBigUint64(0, true);
  }

  /** REG_BINARY bytes (a copy). Other types' bytes are always available through `data`. */
  asBinary(): Uint8Array {
    this.#expect(REG_BINARY);
    return this.data;
  }

  /** Same type and bytes (names are not compared). */
  sameData(other: RegValue): boolean {
    const [b, o, l] = other.storage;
    return this.type === other.type && bytesEqual(this.#buf, this.#off, this.#len, b, o, l);
  }

  /** A readable form for logs and test failures. */
  toJSON(): { name: string; type: string; data: string } {
    let data: string;
    const evenTerminated = this.#len >= 2 && this.#len % 2 === 0 && this.#buf[this.#off + this.#len - 1] === 0 && this.#buf[this.#off + this.#len - 2] === 0;
    if (isStringType(this.type) && evenTerminated) data = JSON.stringify(decodeUtf16(this.#buf, this.#off, this.#len - 2, false));
    else if (this.type === REG_DWORD && this.#len === 4) data = `0x${this.asDword().toString(16).padStart(8, '0')}`;
    else data = `hex:${hexBytes(this.#buf, this.#off, this.#len)}`;
    return { name: this.name, type: regTypeName(this.type), data };
  }

  toString(): string {
    const j = this.toJSON();
    return `${j.name === '' ? '@' : JSON.stringify(j.name)} ${j.type} ${j.data}`;
  }
}
