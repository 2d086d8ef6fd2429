import { RegFormatError } from '../model/errors.js';
import { Registry } from '../model/registry.js';
import { getCodepage } from './codepage.js';
import type { RegOperation } from './operations.js';
import { exportReg } from './writer.js';

export interface WriteOperationsOptions {
  format: 'regedit5' | 'regedit4';
  /** Code page of REGEDIT4 output. Default windows-1252. */
  codepage?: string | number;
}

const HEADERS = { regedit5: 'Windows Registry Editor Version 5.00', regedit4: 'REGEDIT4' } as const;

/**
 * Writes what a .reg file *does* — key creations, value writes, and the deletions
 * (`[-key]`, `"name"=-`) that a registry tree cannot hold — in file order, so converting a
 * file between REGEDIT4 and version 5 loses nothing the target format can express. Values
 * are rendered by exportReg itself, so each line is exactly what an export would write.
 */
export function writeRegOperations(operations: readonly RegOperation[], options: WriteOperationsOptions): Uint8Array {
  const cp = options.format === 'regedit4' ? getCodepage(options.codepage) : undefined;
  const decode = (bytes: Uint8Array): string => {
    if (!cp) return Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.byteLength - 2).toString('utf16le');
    let s = '';
    for (const b of bytes) s += String.fromCharCode(cp.toUnit[b] ?? 0x3f);
    return s;
  };
  // One throwaway registry per rendered key: exportReg gives the canonical path spelling and
  // the value lines (escaping, dword/hex forms, wrapping) in the target format.
  const render = (path: string, values: RegOperation[]): { header: string; lines: string } => {
    const reg = new Registry();
    reg.createKey(path);
    for (const op of values) if (op.kind === 'setValue') reg.setValue(path, op.value);
    const text = decode(exportReg(reg, { format: options.format, keys: [path], codepage: options.codepage }));
    const start = text.indexOf('\r\n[') + 2;
    const headerEnd = text.indexOf(']\r\n', start) + 3;
    return { header: text.slice(start, headerEnd - 2), lines: text.slice(headerEnd, text.length - 2) };
  };

  let out = HEADERS[options.format] + '\r\n';
  let i = 0;
  while (i < operations.length) {
    const op = operations[i]!;
    if (op.kind === 'deleteKey') {
      const { header } = render(op.path, []);
      out += `\r\n[-${header.slice(1, -1)}]\r\n`;
      i++;
      continue;
    }
    // A run of operations on one key becomes one [key] block, in order.
    const folded = op.path.toLowerCase();
    let j = i + 1;
    while (j < operations.length && operations[j]!.kind !== 'deleteKey' && operations[j]!.path.toLowerCase() === folded) j++;
    const run = operations.slice(i, j);
    out += `\r\n${render(op.path, []).header}\r\n`;
    for (const step of run) {
      if (step.kind === 'setValue') out += render(op.path, [step]).lines;
      else if (step.kind === 'deleteValue') out += `${quoteName(step.name, step.path, cp)}=-\r\n`;
    }
    i = j;
  }
  out += '\r\n';
  return encode(out, cp);
}

function quoteName(name: string, path: string, cp: ReturnType<typeof getCodepage> | undefined): string {
  if (name === '') return '@';
  if (cp) for (let k = 0; k < name.length; k++) if (cp.byteOf(name.charCodeAt(k)) < 0) throw new RegFormatError(path, name, `the value name contains a character code page ${cp.name} cannot represent`);
  // The same escapes exportReg writes: \\ and \", and line breaks as \n / \r (which reg import reads).
  return `"${name.replace(/[\\"\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`))}"`;
}

function encode(text: string, cp: ReturnType<typeof getCodepage> | undefined): Uint8Array {
  if (!cp) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = cp.byteOf(text.charCodeAt(k));
  return bytes;
}
