// Runs the import table (import-cases.ts) through Wine 8 and through this package:
//   node --import ./packages/registry/src/test-support/ts-loader.mjs packages/registry/src/test-support/spotcheck-wine.ts [case-id-filter]
// Reports (1) where Wine disagrees with the table's expectations and (2) where Wine's
// `reg export` of the imported key differs byte for byte from ours.
import { hexBytes } from '../model/utf16.js';
import { Registry } from '../model/registry.js';
import { importRegFile } from '../reg/read.js';
import { exportReg } from '../reg/writer.js';
import { IMPORT_CASES, KEY, W31, caseBytes, encodingsOf, type ImportCase } from './import-cases.js';
import { Wine } from './wine.js';

const filter = process.argv[2];
const wine = new Wine();

function problems(c: ImportCase, reg: Registry): string[] {
  const out: string[] = [];
  const base = c.key ?? KEY;
  const key = reg.key(base);
  for (const [name, want] of Object.entries(c.values ?? {})) {
    const v = key?.value(name);
    if (want === null) {
      if (v) out.push(`value ${JSON.stringify(name)} exists (${v.toString()})`);
    } else if (!v) out.push(`value ${JSON.stringify(name)} missing`);
    else if (v.type !== want.type || hexBytes(v.data) !== want.hex) out.push(`value ${JSON.stringify(name)} is ${v.type}:${hexBytes(v.data)}, table says ${want.type}:${want.hex}`);
  }
  for (const [path, exists] of Object.entries(c.keys ?? {})) {
    const full = path.startsWith('HKEY_') ? path : `${base}\\${path}`;
    if ((reg.key(full) !== undefined) !== exists) out.push(`key ${full} ${exists ? 'missing' : 'exists'}`);
  }
  return out;
}

let bad = 0;
let runs = 0;
for (const c of IMPORT_CASES) {
  if (filter && !c.id.includes(filter)) continue;
  for (const enc of encodingsOf(c)) {
    runs++;
    const bytes = caseBytes(c, enc, '\r\n');
    const keys = [KEY, W31];
    for (const k of keys) wine.deleteKey(k);
    const r = wine.import(bytes);
    const report: string[] = [];
    const want = c.exitCode ?? 0;
    if (r.status !== want) report.push(`exit code ${r.status}, table says ${want}`);

    const wineReg = new Registry();
    const ours = importRegFile(bytes).registry;
    for (const k of keys) {
      const w = wine.export(k);
      if (w) importRegFile(w, { into: wineReg });
      const o = ours.key(k) ? exportReg(ours, { format: 'regedit5', keys: [k], sortValues: true }) : undefined;
      if (!w !== !o) report.push(`${k}: ${w ? 'only Wine' : 'only we'} created it`);
      else if (w && o && Buffer.compare(Buffer.from(w), Buffer.from(o)) !== 0) {
        const wl = Buffer.from(w).subarray(2).toString('utf16le').split('\r\n');
        const ol = Buffer.from(o).subarray(2).toString('utf16le').split('\r\n');
        const i = wl.findIndex((l, j) => l !== ol[j]);
        report.push(`${k}: export differs at line ${i + 1}:\n      wine: ${JSON.stringify(wl[i])}\n      ours: ${JSON.stringify(ol[i])}`);
      }
    }
    report.push(...problems(c, wineReg).map((p) => `Wine vs table: ${p}`));
    if (report.length) {
      bad++;
      console.log(`✗ ${c.id} [${enc}]${c.note ? ` (${JSON.stringify(c.note)})` : ''}\n    ${report.join('\n    ')}`);
    } else console.log(`✓ ${c.id} [${enc}]`);
  }
}
console.log(`\n${runs - bad}/${runs} runs agree with Wine 8`);
process.exitCode = bad ? 1 : 0;
