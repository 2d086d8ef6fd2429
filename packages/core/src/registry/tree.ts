import { REG, type RegistryKeyView, type RegistryValueView } from './view.js';

/**
 * A registry snapshot as plain data: what travels to the sandbox child once at start. Values
 * keep their raw bytes, so nothing is lost or re-encoded on the way; with Node's 'advanced'
 * IPC serialization the Uint8Arrays cross as binary, not as JSON number lists.
 */
export interface RegistryTreeData {
  readonly name: string;
  readonly values: readonly RegistryValueData[];
  readonly subkeys: readonly RegistryTreeData[];
}

export interface RegistryValueData {
  readonly name: string;
  readonly type: number;
  readonly data: Uint8Array;
}

/** Copies any key view (and everything under it) into plain data. */
export function treeFromView(key: RegistryKeyView): RegistryTreeData {
  return {
    name: key.name,
    values: key.values().map((v) => ({ name: v.name, type: v.type, data: Uint8Array.from(v.data) })),
    subkeys: key.subkeys().map(treeFromView),
  };
}

/**
 * A read-only view over plain data. `parentPath` is the path of the key holding `data`
 * ('' for a root such as HKEY_LOCAL_MACHINE).
 */
export function viewFromTree(data: RegistryTreeData, parentPath = ''): RegistryKeyView {
  return new TreeKeyView(data, parentPath === '' ? data.name : `${parentPath}\\${data.name}`);
}

/**
 * The key at a full backslash path (`HKEY_LOCAL_MACHINE\\SYSTEM\\…`) when `root` is the key
 * the path starts with; undefined when the path lies elsewhere or the key is absent.
 */
export function keyAtPath(root: RegistryKeyView, fullPath: string): RegistryKeyView | undefined {
  const [first, ...rest] = fullPath.split('\\').filter((p) => p !== '');
  if (first === undefined || first.toLowerCase() !== root.name.toLowerCase()) return undefined;
  return rest.reduce<RegistryKeyView | undefined>((key, name) => key?.subkey(name), root);
}

/**
 * The key at `fullPath` below `root`, or an empty key standing in for it when the snapshot
 * lacks it (docs/decisions.md: an absent parameters key is handed over empty). Undefined only
 * when the path does not start at `root`.
 */
export function keyOrEmptyAtPath(root: RegistryKeyView, fullPath: string): RegistryKeyView | undefined {
  const parts = fullPath.split('\\').filter((p) => p !== '');
  if (parts[0]?.toLowerCase() !== root.name.toLowerCase()) return undefined;
  const name = parts.at(-1) as string;
  return keyAtPath(root, fullPath) ?? viewFromTree({ name, values: [], subkeys: [] }, parts.slice(0, -1).join('\\'));
}

/** A read-only value view over plain data; `keyPath` names the key in type errors. */
export function valueViewFromData(data: RegistryValueData, keyPath: string): RegistryValueView {
  return new TreeValueView(data, keyPath);
}

class TreeKeyView implements RegistryKeyView {
  private byName?: Map<string, RegistryTreeData>;

  constructor(
    private readonly data: RegistryTreeData,
    readonly path: string,
  ) {}

  get name(): string {
    return this.data.name;
  }

  subkeys(): RegistryKeyView[] {
    return this.data.subkeys.map((child) => new TreeKeyView(child, `${this.path}\\${child.name}`));
  }

  subkey(name: string): RegistryKeyView | undefined {
    // Built on first lookup: most keys a plugin walks are never searched by name.
    this.byName ??= new Map(this.data.subkeys.map((k) => [k.name.toLowerCase(), k]));
    const child = this.byName.get(name.toLowerCase());
    return child === undefined ? undefined : new TreeKeyView(child, `${this.path}\\${child.name}`);
  }

  values(): RegistryValueView[] {
    return this.data.values.map((v) => new TreeValueView(v, this.path));
  }

  value(name: string): RegistryValueView | undefined {
    const wanted = name.toLowerCase();
    const found = this.data.values.find((v) => v.name.toLowerCase() === wanted);
    return found === undefined ? undefined : new TreeValueView(found, this.path);
  }
}

const utf16 = new TextDecoder('utf-16le');

class TreeValueView implements RegistryValueView {
  constructor(
    private readonly raw: RegistryValueData,
    private readonly keyPath: string,
  ) {}

  get name(): string {
    return this.raw.name;
  }

  get type(): number {
    return this.raw.type;
  }

  get data(): Uint8Array {
    // A copy: the view is read-only, so a plugin must not reach the shared bytes.
    return Uint8Array.from(this.raw.data);
  }

  asString(): string {
    this.expect([REG.SZ], 'asString');
    return this.text();
  }

  asExpandString(): string {
    this.expect([REG.EXPAND_SZ], 'asExpandString');
    return this.text();
  }

  asDword(): number {
    this.expect([REG.DWORD, REG.DWORD_BIG_ENDIAN], 'asDword');
    this.expectLength(4);
    const view = new DataView(this.raw.data.buffer, this.raw.data.byteOffset, 4);
    return view.getUint32(0, this.raw.type === REG.DWORD);
  }

  asQword(): bigint {
    this.expect([REG.QWORD], 'asQword');
    this.expectLength(8);
    return new DataView(this.raw.data.buffer, this.raw.data.byteOffset, 8).getBigUint64(0, true);
  }

  asMultiString(): string[] {
    this.expect([REG.MULTI_SZ], 'asMultiString');
    const all = utf16.decode(this.raw.data).split('\0');
    const end = all.indexOf('');
    return end === -1 ? all : all.slice(0, end);
  }

  asBinary(): Uint8Array {
    this.expect([REG.BINARY], 'asBinary');
    return this.data;
  }

  /** Text up to the first NUL (the terminator, when there is one). */
  private text(): string {
    const all = utf16.decode(this.raw.data);
    const nul = all.indexOf('\0');
    return nul === -1 ? all : all.slice(0, nul);
  }

  private expect(types: number[], method: string): void {
    if (!types.includes(this.raw.type)) {
      throw new TypeError(`${this.where()}: ${method}() needs type ${types.join(' or ')}, the value has type ${this.raw.type}`);
    }
  }

  private expectLength(bytes: number): void {
    if (this.raw.data.byteLength !== bytes) {
      throw new TypeError(`${this.where()}: expected ${bytes} bytes of data, found ${this.raw.data.byteLength}`);
    }
  }

  private where(): string {
    return `${this.keyPath}\\${this.raw.name === '' ? '(Default)' : this.raw.name}`;
  }
}
