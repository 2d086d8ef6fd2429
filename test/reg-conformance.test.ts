// .reg conformance against Wine 8 without Wine: every case's input and Wine's `reg export`
// were recorded by the live suite (test/conformance/reg-wine.test.ts, RECORD=1). Here our
// reader and writer must reproduce Wine's export byte for byte and describe the same registry.
// docs/conformance.md explains the cases, the fixtures and the deliberate differences.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { allCases, readManifest, readRecorded } from './reg-conformance/cases.js';
import { compareCase, compareMessages } from './reg-conformance/compare.js';
import type { Comparison } from './reg-conformance/compare.js';
import { CORPUS_DIR, corpusFiles, isWin31, unrewriteRoots } from './reg-conformance/corpus.js';
import { ALL_DIFFERENCE_IDS } from './reg-conformance/differences.js';
import { bytesEqual } from './reg-conformance/text.js';

const manifest = readManifest();
const cases = allCases();
const results = new Map<string, Comparison>();

function recordedFor(id: string): ReturnType<typeof readRecorded> {
  const entry = manifest.cases.find((e) => e.id === id);
  if (!entry) throw new Error(`${id}: no recorded Wine output; re-record (docs/conformance.md)`);
  return readRecorded(entry);
}

describe('recorded Wine fixtures', () => {
  it('cover exactly the current cases', () => {
    expect(manifest.cases.map((e) => e.id)).toEqual(cases.map((c) => c.id));
  });

  it('hold the inputs the generator and the corpus produce now', () => {
    const stale = cases.filter((c) => !bytesEqual(recordedFor(c.id).input, c.bytes)).map((c) => c.id);
    expect(stale, 'generator or corpus changed: re-record with RECORD=1 (docs/conformance.md)').toEqual([]);
  });

  it('count at least 200 generated cases and every corpus file', () => {
    const generated = cases.filter((c) => c.group !== 'corpus').length;
    expect(generated).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.group === 'corpus' && !c.derived).map((c) => c.source)).toEqual(corpusFiles());
  });
});

describe('corpus fixtures', () => {
  it.each(corpusFiles())('%s is the published file, byte for byte', (file) => {
    const bytes = readFileSync(`${CORPUS_DIR}${file}`);
    const sidecar = readFileSync(`${CORPUS_DIR}${file}.source.txt`, 'utf8');
    const want = /sha256: ([0-9a-f]{64})/.exec(sidecar)?.[1];
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(want);
  });

  it.each(cases.filter((c) => c.group === 'corpus').map((c) => [c.id, c] as const))(
    '%s: the root rewrite only inserts the case root',
    (_id, c) => {
      expect(bytesEqual(unrewriteRoots(c.bytes, c.id, isWin31(c.bytes)), c.beforeRewrite!)).toBe(true);
      expect(bytesEqual(c.bytes, c.beforeRewrite!)).toBe(false);
      // The one derived case only drops the blank after its REGEDIT header.
      const drop = c.original!.length - c.beforeRewrite!.length;
      expect(drop).toBe(c.derived ? 1 : 0);
    },
  );
});

describe('ours vs Wine 8 reg import + reg export (recorded)', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const rec = recordedFor(id);
    const r = compareCase(id, rec.input, c.exportKey, {
      importExitCode: rec.manifest.importExitCode,
      importOutput: rec.manifest.importOutput,
      exported: rec.wine,
    });
    results.set(id, r);
    if (r.status === 'mismatch') throw new Error(`${id} (${c.tags.join(' ')}):\n${r.problems.join('\n\n')}`);
  });

  it('every deliberate difference is still needed by some case', () => {
    const used = new Set([...results.values()].flatMap((r) => r.explainedBy));
    expect(ALL_DIFFERENCE_IDS.filter((d) => !used.has(d))).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: same import messages as Wine', (id) => {
    const rec = recordedFor(id);
    const problems = compareMessages(rec.input, { importExitCode: rec.manifest.importExitCode, importOutput: rec.manifest.importOutput, exported: rec.wine });
    expect(problems).toEqual([]);
  });

  afterAll(() => {
    const all = [...results.values()];
    const n = (s: Comparison['status']): number => all.filter((r) => r.status === s).length;
    const why = new Map<string, number>();
    for (const r of all) for (const d of r.explainedBy) why.set(d, (why.get(d) ?? 0) + 1);
    const corpus = all.filter((r) => r.id.startsWith('corpus-')).length;
    console.log(
      `reg conformance (${manifest.wineVersion}): ${all.length} cases (${corpus} corpus, ${all.length - corpus} generated): ` +
        `${n('equal')} identical, ${n('explained')} identical but for deliberate differences ` +
        `(${[...why].map(([d, k]) => `${d}: ${k}`).join(', ') || 'none'}), ${n('mismatch')} mismatched`,
    );
  });
});
