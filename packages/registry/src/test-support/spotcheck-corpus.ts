// Imports every fixtures/corpus file into Wine 8 and compares, value by value, with this reader:
//   node --import ./packages/registry/src/test-support/ts-loader.mjs packages/registry/src/test-support/spotcheck-corpus.ts
// Run twice per file: with the default hexStrings ('by-header') and with 'by-encoding' (Wine 8's rule).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hexBytes } from '../model/utf16.js';
import { importRegFile, parseRegFile } from '../reg/read.js';
import { Wine } from './wine.js';

const dir = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const wine = new Wine();
let bad = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith('.reg')).sort()) {
  const bytes = new Uint8Array(readFileSync(dir + f));
  const ops = parseRegFile(bytes).operations;
  const r = wine.import(bytes, f);
  for (const hexStrings of ['by-header', 'by-encoding'] as const) {
    const ours = importRegFile(bytes, { hexStrings }).registry;
    const report: string[] = [];
    if (r.status !== parseRegFile(bytes).exitCode) report.push(`exit code: wine ${r.status}`);
    const keys = [...new Set(ops.filter((o) => o.kind !== 'deleteKey').map((o) => o.path))];
    for (const k of keys) {
      const w = wine.export(k);
      if (!w) {
        report.push(`Wine has no key ${k}`);
        continue;
      }
      const wk = importRegFile(w).registry.key(k)!;
      for (const v of ours.key(k)!.values()) {
        const wv = wk.value(v.name);
        if (!wv) report.push(`${k} "${v.name}": missing in Wine`);
        else if (wv.type !== v.type || hexBytes(wv.data) !== hexBytes(v.data)) report.push(`${k} "${v.name}": wine ${wv.type}:${hexBytes(wv.data).slice(0, 60)}… ours ${v.type}:${hexBytes(v.data).slice(0, 60)}…`);
      }
    }
    if (report.length) bad++;
    console.log(`${report.length ? '✗' : '✓'} ${f} [${hexStrings}] ${ops.length} operations${report.length ? `\n    ${report.join('\n    ')}` : ''}`);
  }
}
process.exitCode = bad ? 1 : 0;
