import { createHash } from 'node:crypto';
import { StoreFormatError } from '../model/errors.js';
import { KeyNode } from '../model/node.js';
import { ROOTS } from '../model/path.js';

// Store file, version 1.0 (all integers little-endian):
//
//   offset size
//   0      8    magic 89 4E 4D 52 45 47 0D 0A ("\x89NMREG\r\n": catches 7-bit and CRLF mangling)
//   8      2    major version (1): readers refuse other majors
//   10     2    minor version (0): additions a 1.0 reader may ignore
//   12     4    header size (64)
//   16     8    payload size in bytes
//   24     4    key count (the five roots included)
//   28     4    value count
//   32     32   SHA-256 of bytes 0..31 followed by the payload
//   64     ...  payload: the five roots in HKCR, HKCU, HKLM, HKU, HKCC order, each a key record
//
//   key record:   u32 name length (UTF-16 code units), name (UTF-16LE),
//                 u32 value count, value records (creation order),
//                 u32 subkey count, key records (creation order)
//   value record: u32 name length, name (UTF-16LE), u32 type, u32 data length, data
//
// The file must be exactly header + payload long; anything else is a torn or foreign file.

export const STORE_MAGIC = Uint8Array.of(0x89, 0x4e, 0x4d, 0x52, 0x45, 0x47, 0x0d, 0x0a);
export const STORE_MAJOR = 1;
export const STORE_MINOR = 0;
export const HEADER_SIZE = 64;

function nameSize(s: string): number {
  return 4 + s.length * 2;
}

export function encodeStore(roots: readonly KeyNode[]): Uint8Array {
  let size = 0;
  let keys = 0;
  let values = 0;
  const stack: KeyNode[] = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    keys++;
    size += nameSize(n.name) + 8;
    for (let i = 0; i < n.valueCount; i++) {
      const [name, , , , len] = n.slot(i);
      size += nameSize(name) + 8 + len;
      values++;
    }
    if (n.kids) stack.push(...n.kids);
  }

  const out = new Uint8Array(HEADER_SIZE + size);
  const dv = new DataView(out.buffer);
  let p = HEADER_SIZE;
  const u32 = (v: number): void => {
    dv.setUint32(p, v, true);
    p += 4;
  };
  const str = (s: string): void => {
    u32(s.length);
    for (let i = 0; i < s.length; i++, p += 2) dv.setUint16(p, s.charCodeAt(i), true);
  };
  const write = (n: KeyNode): void => {
    str(n.name);
    u32(n.valueCount);
    for (let i = 0; i < n.valueCount; i++) {
      const [name, type, buf, off, len] = n.slot(i);
      str(name);
      u32(type);
      u32(len);
      out.set(buf.subarray(off, off + len), p);
      p += len;
    }
    u32(n.kids ? n.kids.length : 0);
    for (const k of n.kids ?? []) write(k);
  };
  for (const r of roots) write(r);

  out.set(STORE_MAGIC, 0);
  dv.setUint16(8, STORE_MAJOR, true);
  dv.setUint16(10, STORE_MINOR, true);
  dv.setUint32(12, HEADER_SIZE, true);
  dv.setBigUint64(16, BigInt(size), true);
  dv.setUint32(24, keys, true);
  dv.setUint32(28, values, true);
  out.set(digest(out), 32);
  return out;
}

function digest(file: Uint8Array): Uint8Array {
  return createHash('sha256').update(file.subarray(0, 32)).update(file.subarray(HEADER_SIZE)).digest();
}

/** Verifies and decodes a store file. Value bytes stay in `file` (no copy). */
export function decodeStore(file: Uint8Array, fileName: string, epoch: number): KeyNode[] {
  const bad = (code: ConstructorParameters<typeof StoreFormatError>[1], msg: string): never => {
    throw new StoreFormatError(fileName, code, msg);
  };
  if (file.length < 8 || !STORE_MAGIC.every((b, i) => file[i] === b)) bad('bad-magic', 'not a netmigrate registry store (bad magic)');
  if (file.length < HEADER_SIZE) bad('truncated', `file is ${file.length} bytes, shorter than the ${HEADER_SIZE}-byte header`);
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const major = dv.getUint16(8, true);
  if (major !== STORE_MAJOR) bad('unsupported-version', `store format version ${major}.${dv.getUint16(10, true)} is not supported (this reader knows ${STORE_MAJOR}.x)`);
  const headerSize = dv.getUint32(12, true);
  if (headerSize !== HEADER_SIZE) bad('corrupt', `header size ${headerSize}, expected ${HEADER_SIZE}`);
  const payload = dv.getBigUint64(16, true);
  const expected = BigInt(HEADER_SIZE) + payload;
  if (BigInt(file.length) !== expected) {
    bad(BigInt(file.length) < expected ? 'truncated' : 'corrupt', `file is ${file.length} bytes, the header says ${expected} (torn or damaged file)`);
  }
  const sum = digest(file);
  for (let i = 0; i < 32; i++) if (sum[i] !== file[32 + i]) bad('checksum', 'checksum mismatch (torn or damaged file)');

  let p = HEADER_SIZE;
  const end = file.length;
  const u32 = (): number => {
    if (p + 4 > end) bad('corrupt', `record runs past the end at byte ${p}`);
    const v = dv.getUint32(p, true);
    p += 4;
    return v;
  };
  const str = (): string => {
    const n = u32();
    if (p + n * 2 > end) bad('corrupt', `name runs past the end at byte ${p}`);
    const s = Buffer.from(file.buffer, file.byteOffset + p, n * 2).toString('utf16le');
    p += n * 2;
    return s;
  };
  let keys = 0;
  let values = 0;
  // Iterative: key depth is bounded only by the data.
  const readKey = (): KeyNode => {
    const root = new KeyNode(str(), epoch);
    const todo: [KeyNode, number][] = [];
    let node = root;
    for (;;) {
      keys++;
      const nv = u32();
      for (let i = 0; i < nv; i++) {
        const name = str();
        const type = u32();
        const len = u32();
        if (p + len > end) bad('corrupt', `value data runs past the end at byte ${p}`);
        node.appendValue(name, type, file, p, len);
        p += len;
        values++;
      }
      let remaining = u32();
      todo.push([node, remaining]);
      // Find the next key to read: the first pending child of the innermost unfinished key.
      for (;;) {
        const top = todo[todo.length - 1];
        if (!top) return root;
        remaining = top[1];
        if (remaining > 0) {
          top[1] = remaining - 1;
          const kid = new KeyNode(str(), epoch);
          top[0].insertKid(kid);
          node = kid;
          break;
        }
        todo.pop();
      }
    }
  };
  const roots = ROOTS.map((r) => {
    const n = readKey();
    if (n.name !== r.name) bad('corrupt', `root "${n.name}" where ${r.name} was expected`);
    return n;
  });
  if (p !== end) bad('corrupt', `${end - p} bytes left after the last key`);
  if (keys !== dv.getUint32(24, true) || values !== dv.getUint32(28, true)) bad('corrupt', 'key/value counts do not match the header');
  return roots;
}
