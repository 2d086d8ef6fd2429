/**
 * The registry as a plugin sees it. Structural stand-ins with the shape @netmigrate/registry's
 * `RegistryKeyView` is being given; any object of this shape (that package's snapshots
 * included) can be passed in.
 */

/** winnt.h value types (spec §10.1). */
export const REG = {
  NONE: 0,
  SZ: 1,
  EXPAND_SZ: 2,
  BINARY: 3,
  DWORD: 4,
  DWORD_BIG_ENDIAN: 5,
  LINK: 6,
  MULTI_SZ: 7,
  RESOURCE_LIST: 8,
  FULL_RESOURCE_DESCRIPTOR: 9,
  RESOURCE_REQUIREMENTS_LIST: 10,
  QWORD: 11,
} as const;

/** Accessors behave as @netmigrate/registry's RegValue: each checks the type, and throws otherwise. */
export interface RegistryValueView {
  /** '' is the key's default value. */
  readonly name: string;
  readonly type: number;
  /** Raw bytes as the registry stores them (strings are UTF-16LE); a copy on each access. */
  readonly data: Uint8Array;
  /** REG_SZ text up to the first NUL. */
  asString(): string;
  /** REG_EXPAND_SZ text, unexpanded. */
  asExpandString(): string;
  /** REG_MULTI_SZ strings, up to the first empty one. */
  asMultiString(): string[];
  /** REG_DWORD or REG_DWORD_BIG_ENDIAN of exactly 4 bytes. */
  asDword(): number;
  /** REG_QWORD of exactly 8 bytes. */
  asQword(): bigint;
  /** REG_BINARY bytes (a copy). */
  asBinary(): Uint8Array;
}

export interface RegistryKeyView {
  /** Last path component. */
  readonly name: string;
  /** Full path, components joined with backslashes. */
  readonly path: string;
  subkeys(): RegistryKeyView[];
  /** A direct subkey by name, compared case-insensitively; undefined if absent. */
  subkey(name: string): RegistryKeyView | undefined;
  values(): RegistryValueView[];
  /** A value by name, compared case-insensitively; undefined if absent. */
  value(name: string): RegistryValueView | undefined;
}

/** The key a post-upgrade hook writes the component's parameters into. */
export interface WritableRegistryKey extends RegistryKeyView {
  setValue(name: string, type: number, data: Uint8Array): void;
  deleteValue(name: string): void;
  createSubkey(name: string): WritableRegistryKey;
}
