import { regTypeName } from './types.js';

/** Base class of every error this package throws on purpose. */
export class RegistryError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A typed accessor (asString, asDword, ...) was called on a value of another type. */
export class RegValueTypeError extends RegistryError {
  readonly valueName: string;
  readonly expected: readonly number[];
  readonly actual: number;
  constructor(valueName: string, expected: readonly number[], actual: number) {
    super(
      'value-type',
      `value "${valueName}" is ${regTypeName(actual)}, expected ${expected.map(regTypeName).join(' or ')}`,
    );
    this.valueName = valueName;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The value has the right type but its bytes cannot be read as that type (e.g. a 2-byte REG_DWORD). */
export class RegValueDataError extends RegistryError {
  readonly valueName: string;
  constructor(valueName: string, message: string) {
    super('value-data', `value "${valueName}": ${message}`);
    this.valueName = valueName;
  }
}

/** A write was attempted through a read-only snapshot. */
export class ReadOnlyRegistryError extends RegistryError {
  constructor(operation: string) {
    super('read-only', `registry snapshot is read-only (attempted ${operation})`);
  }
}

export class InvalidKeyPathError extends RegistryError {
  readonly path: string;
  constructor(path: string, reason: string) {
    super('invalid-key-path', `invalid key path "${path}": ${reason}`);
    this.path = path;
  }
}

export class InvalidValueError extends RegistryError {
  constructor(message: string) {
    super('invalid-value', message);
  }
}

export class KeyNotFoundError extends RegistryError {
  readonly path: string;
  constructor(path: string, detail = 'key does not exist') {
    super('key-not-found', `${path}: ${detail}`);
    this.path = path;
  }
}

export interface SyntaxErrorInfo {
  file?: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

/** Thrown by the .reg reader in strict mode at the first bad line. */
export class RegSyntaxError extends RegistryError {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  readonly detail: string;
  constructor(info: SyntaxErrorInfo) {
    super(info.code, `${info.file ?? '<input>'}:${info.line}:${info.column}: ${info.message} [${info.code}]`);
    if (info.file !== undefined) this.file = info.file;
    this.line = info.line;
    this.column = info.column;
    this.detail = info.message;
  }
}

/** Thrown by the .reg writer when a key or value cannot be written so that it reads back identically. */
export class RegFormatError extends RegistryError {
  readonly keyPath: string;
  readonly valueName: string | undefined;
  constructor(keyPath: string, valueName: string | undefined, reason: string) {
    const what = valueName === undefined ? `key [${keyPath}]` : `value ${valueName === '' ? '@' : `"${valueName}"`} in [${keyPath}]`;
    super('not-expressible', `${what}: ${reason}`);
    this.keyPath = keyPath;
    this.valueName = valueName;
  }
}

/** A store file is not a store file, is of an unknown version, or is torn/corrupt. */
export class StoreFormatError extends RegistryError {
  readonly file: string;
  constructor(file: string, code: 'bad-magic' | 'unsupported-version' | 'truncated' | 'checksum' | 'corrupt', message: string) {
    super(code, `${file}: ${message}`);
    this.file = file;
  }
}

export class SavepointError extends RegistryError {
  constructor(message: string) {
    super('savepoint', message);
  }
}
