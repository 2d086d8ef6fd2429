// Assertions on answer files and registries. They throw node:assert's AssertionError with
// `actual` and `expected`, which vitest, jest and node:test all show as a diff, so the kit
// needs no particular test runner.

import { AssertionError } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { REG_BINARY, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_EXPAND_SZ, REG_MULTI_SZ, REG_QWORD, REG_SZ, regTypeName } from '@netmigrate/registry';
import { toRegValue, type RegData } from './values.js';

function fail(message: string, actual: unknown, expected: unknown, operator: string): never {
  throw new AssertionError({ message, actual, expected, operator });
}

/** Something with sections: an AnswerFileText (from runUpgrade) or core's AnswerFileView. */
export interface SectionSource {
  sectionNames(): string[];
  lines(section: string): readonly string[] | undefined;
  value(section: string, key: string): string | undefined;
}

export class SectionAssertion {
  /** @internal */
  constructor(
    private readonly answer: SectionSource,
    private readonly name: string,
  ) {}

  #lines(): readonly string[] {
    const lines = this.answer.lines(this.name);
    if (lines === undefined) {
      fail(`the answer file has no section [${this.name}]; its sections: ${this.answer.sectionNames().map((s) => `[${s}]`).join(' ') || 'none'}`, undefined, this.name, 'hasSection');
    }
    return lines;
  }

  /** The section exists. */
  toExist(): this {
    this.#lines();
    return this;
  }

  /** The section does not exist. */
  toBeAbsent(): this {
    const lines = this.answer.lines(this.name);
    if (lines !== undefined) fail(`the answer file has a section [${this.name}] that should not be there`, lines, undefined, 'notHasSection');
    return this;
  }

  /** Exactly these entries, in this order, as written (comments and trailing blanks aside). */
  toHaveLines(expected: readonly string[]): this {
    const actual = [...this.#lines()];
    if (actual.length !== expected.length || actual.some((l, i) => l !== expected[i])) {
      fail(`[${this.name}] does not hold exactly the expected lines`, actual, [...expected], 'toHaveLines');
    }
    return this;
  }

  /** These entries appear, in this relative order, among others. */
  toContainLines(expected: readonly string[]): this {
    const actual = [...this.#lines()];
    let at = 0;
    for (const line of expected) {
      const found = actual.indexOf(line, at);
      if (found < 0) {
        const where = actual.includes(line) ? 'out of order' : 'missing';
        fail(`[${this.name}]: line ${JSON.stringify(line)} is ${where}`, actual, [...expected], 'toContainLines');
      }
      at = found + 1;
    }
    return this;
  }

  /** The first entry with `key` has this value (fields substituted, joined with `,`), or is absent for `undefined`. */
  toHaveValue(key: string, expected: string | undefined): this {
    this.#lines();
    const actual = this.answer.value(this.name, key);
    if (actual !== expected) fail(`[${this.name}] ${key}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`, actual, expected, 'toHaveValue');
    return this;
  }
}

/** Assertions on one section of an answer file. */
export function expectSection(answer: SectionSource, name: string): SectionAssertion {
  return new SectionAssertion(answer, name);
}

interface KeyLike {
  readonly path: string;
  subkeys(): readonly KeyLike[];
  values(): readonly ValueLike[];
  value(name: string): ValueLike | undefined;
}

interface ValueLike {
  readonly name: string;
  readonly type: number;
  readonly data: Uint8Array;
}

/** Something with keys by path: a @netmigrate/registry Registry, snapshot or store. */
export interface KeySource {
  key(path: string): KeyLike | undefined;
}

/** A value as a reader would want to see it in a failure message. */
export function describeValue(v: ValueLike | undefined): string {
  if (v === undefined) return '(absent)';
  const d = v.data;
  const utf16 = () => Buffer.from(d.buffer, d.byteOffset, d.byteLength - (d.byteLength % 2)).toString('utf16le');
  switch (v.type) {
    case REG_SZ:
    case REG_EXPAND_SZ:
      return `${regTypeName(v.type)} ${JSON.stringify(utf16().replace(/\0+$/, ''))}`;
    case REG_MULTI_SZ:
      return `REG_MULTI_SZ ${JSON.stringify(utf16().replace(/\0+$/, '').split('\0').filter((s, i, a) => s !== '' || i < a.length - 1))}`;
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN:
      if (d.byteLength === 4) {
        const n = new DataView(d.buffer, d.byteOffset, 4).getUint32(0, v.type === REG_DWORD);
        return `${regTypeName(v.type)} ${n} (0x${n.toString(16).padStart(8, '0')})`;
      }
      break;
    case REG_QWORD:
      if (d.byteLength === 8) return `REG_QWORD ${new DataView(d.buffer, d.byteOffset, 8).getBigUint64(0, true)}n`;
      break;
    case REG_BINARY:
      break;
  }
  return `${regTypeName(v.type)} hex:${Buffer.from(d).toString('hex').replace(/(..)(?!$)/g, '$1,')}`;
}

export class ValueAssertion {
  /** @internal */
  constructor(
    private readonly registry: KeySource,
    private readonly path: string,
    private readonly name: string,
  ) {}

  #label(): string {
    return `${this.path} ${this.name === '' ? '(default)' : JSON.stringify(this.name)}`;
  }

  #value(): ValueLike | undefined {
    return this.registry.key(this.path)?.value(this.name);
  }

  /**
   * The value has this type and data: a string is REG_SZ, an integer REG_DWORD, a bigint
   * REG_QWORD, a string array REG_MULTI_SZ, bytes REG_BINARY; `reg.expandSz(…)` and the other
   * `reg.*` for the rest.
   */
  toEqual(expected: RegData): this {
    const want = toRegValue(this.name, expected, this.#label());
    const got = this.#value();
    if (got === undefined && this.registry.key(this.path) === undefined) fail(`${this.#label()}: the key does not exist`, '(no key)', describeValue(want), 'toEqual');
    if (got === undefined || got.type !== want.type || !Buffer.from(got.data).equals(Buffer.from(want.data))) {
      fail(`${this.#label()}: expected ${describeValue(want)}, got ${describeValue(got)}`, describeValue(got), describeValue(want), 'toEqual');
    }
    return this;
  }

  /** The value exists (any type). */
  toExist(): this {
    if (this.#value() === undefined) fail(`${this.#label()} does not exist`, '(absent)', '(present)', 'toExist');
    return this;
  }

  /** Neither the value exists (its key may or may not). */
  toBeAbsent(): this {
    const got = this.#value();
    if (got !== undefined) fail(`${this.#label()} should not exist, but holds ${describeValue(got)}`, describeValue(got), '(absent)', 'toBeAbsent');
    return this;
  }
}

/** Assertions on one registry value (`path` takes HKLM\… or HKEY_LOCAL_MACHINE\…). */
export function expectValue(registry: KeySource, path: string, name: string): ValueAssertion {
  return new ValueAssertion(registry, path, name);
}

export class KeyAssertion {
  /** @internal */
  constructor(
    private readonly registry: KeySource,
    private readonly path: string,
  ) {}

  toExist(): this {
    if (this.registry.key(this.path) === undefined) fail(`the key ${this.path} does not exist`, '(absent)', '(present)', 'toExist');
    return this;
  }

  toBeAbsent(): this {
    if (this.registry.key(this.path) !== undefined) fail(`the key ${this.path} should not exist`, '(present)', '(absent)', 'toBeAbsent');
    return this;
  }

  /** Exactly these subkey names (compared case-insensitively, any order). */
  toHaveSubkeys(expected: readonly string[]): this {
    const key = this.registry.key(this.path);
    if (key === undefined) fail(`the key ${this.path} does not exist`, '(absent)', [...expected], 'toHaveSubkeys');
    const actual = key.subkeys().map((k) => k.path.slice(k.path.lastIndexOf('\\') + 1));
    const norm = (l: readonly string[]) => l.map((s) => s.toLowerCase()).sort();
    if (JSON.stringify(norm(actual)) !== JSON.stringify(norm(expected))) fail(`${this.path} has other subkeys than expected`, actual.sort(), [...expected].sort(), 'toHaveSubkeys');
    return this;
  }
}

export function expectKey(registry: KeySource, path: string): KeyAssertion {
  return new KeyAssertion(registry, path);
}

export interface GoldenOptions {
  /** Applied to the actual text before comparing and writing (e.g. `run.normalize`). */
  readonly normalize?: (text: string) => string;
  /** How bytes become text; default latin1 (answer files and REGEDIT4 are Windows-1252). */
  readonly encoding?: BufferEncoding;
}

/**
 * Compares `actual` with the golden file at `path`. With UPDATE_GOLDEN=1 in the environment it
 * (re)writes the file instead: review the diff before committing it. A missing golden file
 * fails, saying how to create it.
 */
export function matchGolden(actual: string | Uint8Array, path: string, options: GoldenOptions = {}): void {
  const encoding = options.encoding ?? 'latin1';
  let text = typeof actual === 'string' ? actual : Buffer.from(actual).toString(encoding);
  if (options.normalize) text = options.normalize(text);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(text, encoding));
    return;
  }
  if (!existsSync(path)) fail(`the golden file ${path} does not exist; run the test with UPDATE_GOLDEN=1 to write it, then review it`, text, undefined, 'matchGolden');
  const golden = readFileSync(path).toString(encoding);
  if (golden !== text) fail(`the output differs from the golden file ${path} (UPDATE_GOLDEN=1 rewrites it; review the diff)`, text, golden, 'matchGolden');
}
