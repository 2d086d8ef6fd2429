// A readable, exact listing of what a .reg file does (for golden files).
import { regTypeName } from '../model/types.js';
import { hexBytes, decodeUtf16 } from '../model/utf16.js';
import type { RegValue } from '../model/value.js';
import type { RegFile } from '../reg/operations.js';

function describeValue(v: RegValue): string {
  const d = v.data;
  let text = '';
  if ((v.type === 1 || v.type === 2 || v.type === 7) && d.length % 2 === 0) text = ` ${JSON.stringify(decodeUtf16(d, 0, d.length, false))}`;
  else if (v.type === 4 && d.length === 4) text = ` ${v.asDword()}`;
  return `${v.name === '' ? '@' : JSON.stringify(v.name)} ${regTypeName(v.type)}${text} [${d.length} bytes: ${hexBytes(d)}]`;
}

export function renderRegFile(file: RegFile): string {
  const lines = [`format=${file.format} encoding=${file.encoding} exitCode=${file.exitCode}`];
  for (const op of file.operations) {
    if (op.kind === 'setValue') lines.push(`${op.line} setValue [${op.path}] ${describeValue(op.value)}`);
    else if (op.kind === 'deleteValue') lines.push(`${op.line} deleteValue [${op.path}] ${JSON.stringify(op.name)}`);
    else lines.push(`${op.line} ${op.kind} [${op.path}]`);
  }
  for (const d of file.warnings) lines.push(`${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
  return lines.join('\n') + '\n';
}
