// The SetupAPI conformance cases and Wine's recorded results for them.
//
// test/fixtures/wine-setupapi/<id>.inf        the INF as Wine ran it (HKR spelled out)
// test/fixtures/wine-setupapi/<id>.start.reg  the case root before (absent: no starting keys)
// test/fixtures/wine-setupapi/<id>.wine.reg   the case root as Wine left it (absent: no key)
// test/fixtures/wine-setupapi/manifest.json   Wine version, generator settings, per case facts

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATED_CASES, GENERATOR_SEED, TEST_ROOTS, generateCases } from './generate.js';
import type { SetupCase } from './model.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/wine-setupapi/', import.meta.url));
const MANIFEST = `${FIXTURES}manifest.json`;

export function allCases(): SetupCase[] {
  return generateCases();
}

export interface ManifestCase {
  id: string;
  rootKey: string;
  section: string;
  /** HKR in our run of the INF as generated; Wine's copy spells it out. */
  hkr: string | null;
  rundll32ExitCode: number;
  exported: boolean;
}

export interface Manifest {
  wineVersion: string;
  generator: { seed: number; cases: number };
  testRoots: readonly string[];
  cases: ManifestCase[];
}

export interface Recorded {
  entry: ManifestCase;
  inf: Uint8Array;
  start: Uint8Array | null;
  wine: Uint8Array | null;
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

function readOptional(path: string): Uint8Array | null {
  return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
}

export function readRecorded(entry: ManifestCase): Recorded {
  return {
    entry,
    inf: new Uint8Array(readFileSync(`${FIXTURES}${entry.id}.inf`)),
    start: readOptional(`${FIXTURES}${entry.id}.start.reg`),
    wine: entry.exported ? new Uint8Array(readFileSync(`${FIXTURES}${entry.id}.wine.reg`)) : null,
  };
}

/** A case's start as recorded: no file when the case has no starting keys. */
export function hasStartKeys(c: SetupCase): boolean {
  return new TextDecoder('utf-16le').decode(c.start).includes('[');
}

/** Replaces the fixture set with this run. */
export function writeFixtures(wineVersion: string, cases: readonly SetupCase[], exports: readonly (Uint8Array | null)[], exitCodes: readonly number[]): void {
  mkdirSync(FIXTURES, { recursive: true });
  for (const f of readdirSync(FIXTURES)) if (/\.(inf|reg)$/.test(f) || f === 'manifest.json') rmSync(`${FIXTURES}${f}`);
  const entries: ManifestCase[] = cases.map((c, i) => {
    writeFileSync(`${FIXTURES}${c.id}.inf`, c.wineInf);
    if (hasStartKeys(c)) writeFileSync(`${FIXTURES}${c.id}.start.reg`, c.start);
    const exp = exports[i] ?? null;
    if (exp) writeFileSync(`${FIXTURES}${c.id}.wine.reg`, exp);
    return { id: c.id, rootKey: c.rootKey, section: c.section, hkr: c.hkr ?? null, rundll32ExitCode: exitCodes[i] ?? -1, exported: exp !== null };
  });
  const manifest: Manifest = { wineVersion, generator: { seed: GENERATOR_SEED, cases: GENERATED_CASES }, testRoots: TEST_ROOTS, cases: entries };
  // One line per case keeps re-recording diffs readable.
  const head = JSON.stringify({ ...manifest, cases: [] }, null, 2).replace(/"cases": \[\]\n\}$/, '"cases": [\n');
  writeFileSync(MANIFEST, `${head}${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`);
}
