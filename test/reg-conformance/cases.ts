// Every conformance case (corpus + generated) and the recorded Wine fixtures for them.
//
// test/fixtures/wine-reg/<id>.reg       the file as Wine imported it
// test/fixtures/wine-reg/<id>.wine.reg  what `reg export <exportKey>` wrote (absent when the key
//                                       did not exist after the import)
// test/fixtures/wine-reg/manifest.json  Wine version, and per case: exit codes and messages

import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corpusCases } from './corpus.js';
import { edgeCases } from './edge.js';
import { GENERATOR_SEED, QUIRK_CASES_EACH, REGULAR_CASES, WIN31_CASES, generateCases } from './generate.js';
import type { CaseGroup } from './generate.js';
import type { CaseRun } from './wine.js';
import { writeBytes } from './wine.js';

export const WINE_FIXTURES = fileURLToPath(new URL('../fixtures/wine-reg/', import.meta.url));
const MANIFEST = `${WINE_FIXTURES}manifest.json`;

export interface ConformanceCase {
  id: string;
  group: CaseGroup | 'corpus';
  exportKey: string;
  bytes: Uint8Array;
  tags: string[];
  /** Corpus cases: the published file before the root rewrite. */
  original?: Uint8Array;
  beforeRewrite?: Uint8Array;
  source?: string;
  derived?: string;
}

export function allCases(): ConformanceCase[] {
  return [...corpusCases(), ...generateCases(), ...edgeCases()];
}

export interface ManifestCase {
  id: string;
  group: ConformanceCase['group'];
  exportKey: string;
  importExitCode: number;
  importOutput: string;
  exportExitCode: number;
  exported: boolean;
}

export interface Manifest {
  wineVersion: string;
  generator: { seed: number; regular: number; quirkEach: number; win31: number };
  cases: ManifestCase[];
}

export interface Recorded {
  manifest: ManifestCase;
  input: Uint8Array;
  wine: Uint8Array | null;
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

export function readRecorded(entry: ManifestCase): Recorded {
  const input = new Uint8Array(readFileSync(`${WINE_FIXTURES}${entry.id}.reg`));
  const winePath = `${WINE_FIXTURES}${entry.id}.wine.reg`;
  const wine = entry.exported ? new Uint8Array(readFileSync(winePath)) : null;
  return { manifest: entry, input, wine };
}

export function manifestEntry(c: ConformanceCase, r: CaseRun): ManifestCase {
  return {
    id: c.id,
    group: c.group,
    exportKey: c.exportKey,
    importExitCode: r.importCode,
    importOutput: r.importOutput,
    exportExitCode: r.exportCode,
    exported: r.exported !== null,
  };
}

/** Replaces the whole fixture set with this run's inputs and Wine exports. */
export function writeFixtures(wineVersion: string, cases: readonly ConformanceCase[], runs: readonly CaseRun[]): void {
  if (existsSync(WINE_FIXTURES)) {
    for (const f of readdirSync(WINE_FIXTURES)) if (f.endsWith('.reg') || f === 'manifest.json') rmSync(`${WINE_FIXTURES}${f}`);
  }
  const entries: ManifestCase[] = [];
  cases.forEach((c, i) => {
    const r = runs[i];
    if (!r) throw new Error(`no Wine run for ${c.id}`);
    writeBytes(`${WINE_FIXTURES}${c.id}.reg`, c.bytes);
    if (r.exported) writeBytes(`${WINE_FIXTURES}${c.id}.wine.reg`, r.exported);
    entries.push(manifestEntry(c, r));
  });
  const manifest: Manifest = {
    wineVersion,
    generator: { seed: GENERATOR_SEED, regular: REGULAR_CASES, quirkEach: QUIRK_CASES_EACH, win31: WIN31_CASES },
    cases: entries,
  };
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}
