// Runs the SetupAPI cases in real Wine, in the throwaway prefix of ../reg-conformance/wine.ts:
//  1. one `reg import` of every case's starting registry, after deleting the test roots, so each
//     case starts from a clean root of its own (checked by exporting them back);
//  2. `rundll32 setupapi.dll,InstallHinfSection <section> 128 <inf>`, a few at a time: per case
//     (`<id>.Install` in `<id>.inf`), or per batch of cases merged into one INF whose install
//     section holds all their directive lines (model.ts mergeModels; each case touches only its
//     own root, so neither the order nor the company matters);
//  3. one `reg export` per test root, split into one export per case root.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry, diffRegistries, importRegFile } from '@netmigrate/registry';
import { BOM, concatBytes, decodeUtf16le, encodeUtf16le } from '../reg-conformance/text.js';
import type { WinePrefix } from '../reg-conformance/wine.js';
import { winePath } from '../reg-conformance/wine.js';
import { TEST_ROOTS } from './generate.js';
import type { SetupCase } from './model.js';
import { mergeModels, renderInf } from './model.js';

const HEADER = 'Windows Registry Editor Version 5.00';

export interface WineRun {
  /** Per case: what `reg export <case root>` holds, cut out of the test root's export (null: no key). */
  exports: (Uint8Array | null)[];
  /** Per case: rundll32's exit code. */
  exitCodes: number[];
  importMs: number;
  installMs: number;
  exportMs: number;
}

/** The text of a version 5 .reg after its header line and blank line. */
function body(reg: Uint8Array): string {
  const text = decodeUtf16le(reg.subarray(2));
  if (!text.startsWith(`${HEADER}\r\n\r\n`)) {
    if (text.trim() === HEADER) return '';
    throw new Error(`not a version 5 export: ${JSON.stringify(text.slice(0, 60))}`);
  }
  return text.slice(HEADER.length + 4);
}

function utf16Reg(text: string): Uint8Array {
  return concatBytes(BOM, encodeUtf16le(text));
}

/**
 * The blocks of `reg export <root>` that belong to `caseRoot` (the key and its subkeys), as
 * `reg export <caseRoot>` would write them; null when there are none.
 */
export function splitExport(bulk: Uint8Array, caseRoot: string): Uint8Array | null {
  const blocks = body(bulk).split('\r\n\r\n');
  const lower = caseRoot.toLowerCase();
  const mine = blocks.filter((b) => {
    const key = /^\[(.*)\]$/m.exec(b.split('\r\n')[0] ?? '')?.[1]?.toLowerCase();
    return key !== undefined && (key === lower || key.startsWith(`${lower}\\`));
  });
  if (mine.length === 0) return null;
  return utf16Reg(`${HEADER}\r\n\r\n${mine.join('\r\n\r\n')}\r\n\r\n`);
}

let seq = 0;

/** A Wine program with output to files (daemons Wine starts would keep pipes open). */
function run(prefix: WinePrefix, args: string[], timeout = 120_000): Promise<{ code: number; out: string }> {
  const base = join(tmpdir(), `nm-setupapi-run-${process.pid}-${seq++}`);
  const fd = openSync(`${base}.out`, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(prefix.tools.wine, args, { env: prefix.env, stdio: ['ignore', fd, fd] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    const done = (fn: () => void): void => {
      clearTimeout(timer);
      closeSync(fd);
      fn();
    };
    child.on('error', (err) => done(() => reject(new Error(`wine ${args.join(' ')}: ${err.message}`))));
    child.on('exit', (code, signal) =>
      done(() => {
        const out = readFileSync(`${base}.out`, 'utf8');
        rmSync(`${base}.out`, { force: true });
        if (signal) reject(new Error(`wine ${args.join(' ')} killed by ${signal} (timeout ${timeout} ms)`));
        else resolve({ code: code ?? 1, out });
      }),
    );
  });
}

async function exportRoots(prefix: WinePrefix): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const [i, root] of TEST_ROOTS.entries()) {
    const file = join(prefix.work, `root${i}.reg`);
    rmSync(file, { force: true });
    const r = await run(prefix, ['reg', 'export', root, winePath(file), '/y']);
    if (r.code !== 0 || !existsSync(file)) throw new Error(`reg export ${root} failed (exit ${r.code}): ${r.out}`);
    out.set(root, new Uint8Array(readFileSync(file)));
  }
  return out;
}

function rootOf(c: SetupCase): string {
  const root = TEST_ROOTS.find((r) => c.rootKey.toLowerCase().startsWith(`${r.toLowerCase()}\\`));
  if (!root) throw new Error(`${c.id}: ${c.rootKey} is under no test root`);
  return root;
}

export interface RunOptions {
  /** Cases per InstallHinfSection call (1: each case's own INF and install section). */
  batch: number;
  /** Wine processes at a time. */
  concurrency: number;
}

export async function runCases(prefix: WinePrefix, cases: readonly SetupCase[], options: RunOptions = { batch: 10, concurrency: 3 }): Promise<WineRun> {
  // 1. Starting registries, all in one import after deleting the test roots.
  const t0 = performance.now();
  let text = `${HEADER}\r\n\r\n`;
  for (const root of TEST_ROOTS) text += `[-${root}]\r\n\r\n[${root}]\r\n\r\n`;
  for (const c of cases) text += body(c.start);
  const startFile = join(prefix.work, 'start.reg');
  writeFileSync(startFile, utf16Reg(text));
  const imp = await run(prefix, ['reg', 'import', winePath(startFile)]);
  if (imp.code !== 0) throw new Error(`reg import of the starting registries failed (exit ${imp.code}): ${imp.out}`);
  const before = await exportRoots(prefix);
  for (const c of cases) {
    const got = splitExport(before.get(rootOf(c))!, c.rootKey);
    const want = importRegFile(c.start).registry;
    const have = got ? importRegFile(got).registry : new Registry();
    const diff = diffRegistries(want, have, { keys: [c.rootKey] });
    if (diff.length > 0) throw new Error(`${c.id}: Wine's starting registry is not the case's start (${diff.length} differences)`);
  }

  // 2. InstallHinfSection: one per case, or one per batch of cases sharing an encoding.
  const t1 = performance.now();
  const jobs: { inf: Uint8Array; section: string; members: number[] }[] = [];
  if (options.batch <= 1) cases.forEach((c, i) => jobs.push({ inf: c.wineInf, section: c.section, members: [i] }));
  else {
    for (const utf16 of [false, true]) {
      const idx = cases.flatMap((c, i) => (c.model.utf16 === utf16 ? [i] : []));
      for (let k = 0; k < idx.length; k += options.batch) {
        const members = idx.slice(k, k + options.batch);
        const section = `NmBatch${jobs.length + 1}`;
        const model = mergeModels(members.map((i) => cases[i]!.model), section);
        jobs.push({ inf: renderInf(model, 'wine').bytes, section, members });
      }
    }
  }
  const exitCodes = new Array<number>(cases.length).fill(-1);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const j = jobs[next]!;
      const inf = join(prefix.work, `job${next++}.inf`);
      writeFileSync(inf, j.inf);
      const r = await run(prefix, ['rundll32', 'setupapi.dll,InstallHinfSection', j.section, '128', winePath(inf)]);
      for (const i of j.members) exitCodes[i] = r.code;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  // 3. The test roots, split per case.
  const t2 = performance.now();
  const after = await exportRoots(prefix);
  const exports = cases.map((c) => splitExport(after.get(rootOf(c))!, c.rootKey));
  const t3 = performance.now();
  return { exports, exitCodes, importMs: t1 - t0, installMs: t2 - t1, exportMs: t3 - t2 };
}
