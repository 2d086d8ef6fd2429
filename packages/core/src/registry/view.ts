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

/**
 * The key a post-upgrade hook writes the component's parameters into (hkeyParams of
 * DoPostUpgradeProcessing), and every key opened or created below it. Reads see the hook's own
 * earlier writes. Every call is checked at once and throws a `RegistryCallError` (code
 * ERROR_INVALID_PARAMETER, or ERROR_KEY_DELETED for a key deleted meanwhile) at the call that
 * broke a rule; accepted writes are recorded and applied to the target registry by the engine
 * after the hook succeeded. Names compare case-insensitively the way the registry does.
 */
export interface WritableRegistryKey extends RegistryKeyView {
  subkeys(): WritableRegistryKey[];
  /** Like RegistryKeyView.subkey: undefined for anything that names no direct subkey. */
  subkey(name: string): WritableRegistryKey | undefined;
  /** RegOpenKeyEx on one direct subkey: `subkey(name)`, but a name no key can have is refused. */
  openSubkey(name: string): WritableRegistryKey | undefined;
  /** RegCreateKeyEx on one direct subkey: opens it when it exists, creates it otherwise. */
  createSubkey(name: string): WritableRegistryKey;
  /** Deletes a direct subkey with everything below it; false when there was none. */
  deleteSubkey(name: string): boolean;
  /** RegSetValueEx: any type number 0..0xffffffff and the bytes exactly as given (copied). '' is the default value. */
  setValue(name: string, type: number, data: Uint8Array): void;
  /** Deletes a value; false when there was none. */
  deleteValue(name: string): boolean;
  /** REG_SZ: UTF-16LE plus the terminating NUL; `s` must not contain a NUL. */
  setString(name: string, s: string): void;
  /** REG_EXPAND_SZ, stored unexpanded, encoded like setString. */
  setExpandString(name: string, s: string): void;
  /** REG_MULTI_SZ: each string and a NUL, then a final NUL; no empty strings (one would end the list). */
  setMultiString(name: string, list: readonly string[]): void;
  /** REG_DWORD, little-endian; an integer in -2^31 .. 2^32-1 (negative numbers as two's complement). */
  setDword(name: string, n: number): void;
  /** REG_QWORD, little-endian; -2^63 .. 2^64-1. */
  setQword(name: string, n: bigint): void;
  /** REG_BINARY: the bytes (copied). */
  setBinary(name: string, data: Uint8Array): void;
}
