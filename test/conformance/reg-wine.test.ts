// Live .reg conformance against real Wine: every corpus file and every generated case goes
// through `wine reg import`, then `wine reg export` of the case's root key, in a throwaway
// prefix. Checks that (1) the recorded fixtures still equal what Wine writes now and (2) our
// reader and writer agree with Wine. Fails, not skips, when Wine is missing.
//
// RECORD=1 rewrites test/fixtures/wine-reg from this run (see docs/conformance.md).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases, readManifest, readRecorded, writeFixtures } from '../reg-conformance/cases.js';
import type { ManifestCase } from '../reg-conformance/cases.js';
import { compareCase, compareMessages, lineDiff } from '../reg-conformance/compare.js';
import { bytesEqual } from '../reg-conformance/text.js';
import type { CaseRun } from '../reg-conformance/wine.js';
import { WinePrefix, findWine } from '../reg-conformance/wine.js';

const RECORD = process.env.RECORD === '1';
const cases = allCases();
let wine: WinePrefix | undefined;
let runs: CaseRun[] = [];
let recorded = new Map<string, ManifestCase>();
let setupError: Error | undefined;

beforeAll(async () => {
  try {
    await setup();
  } catch (err) {
    setupError = err instanceof Error ? err : new Error(String(err));
  }
});

async function setup(): Promise<void> {
  const tools = findWine();
  if ('missing' in tools) throw new Error(tools.missing);
  const t0 = performance.now();
  wine = await WinePrefix.create(tools);
  const t1 = performance.now();
  runs = await wine.runCases(cases);
  const t2 = performance.now();
  const slow = runs
    .map((r, i) => [cases[i]!.id, r.ms] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  console.log(
    `${wine.version}: prefix ready in ${(t1 - t0).toFixed(0)} ms; ${cases.length} cases imported and exported in ` +
      `${(t2 - t1).toFixed(0)} ms (slowest ${slow.map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')})`,
  );
  if (RECORD) {
    writeFixtures(wine.version, cases, runs);
    console.log(`recorded ${cases.length} cases into test/fixtures/wine-reg`);
  }
  recorded = new Map(readManifest().cases.map((e) => [e.id, e]));
}

afterAll(async () => {
  await wine?.dispose();
});

const indexed = cases.map((c, i) => [c.id, i] as const);

/** The case's Wine run; without Wine the case is skipped and 'Wine runs' above fails instead. */
function runOf(i: number, ctx: { skip: (note?: string) => void }): CaseRun {
  const r = runs[i];
  if (!r) {
    ctx.skip('no Wine run');
    throw new Error('unreachable');
  }
  return r;
}

describe('live Wine reg import + reg export', () => {
  it('Wine runs: prefix booted, every case imported and exported', () => {
    if (setupError) throw setupError;
    expect(runs.length).toBe(cases.length);
  });

  it.for(indexed)('%s: recorded fixture equals what Wine writes now', ([id, i], ctx) => {
    const r = runOf(i, ctx);
    const m = recorded.get(id);
    if (!m) throw new Error(`${id}: no recorded fixture; record with RECORD=1 (docs/conformance.md)`);
    const rec = readRecorded(m);
    expect(bytesEqual(rec.input, cases[i]!.bytes), 'recorded input differs from the generated one: re-record').toBe(true);
    expect({ importExitCode: r.importCode, importOutput: r.importOutput }).toEqual({ importExitCode: m.importExitCode, importOutput: m.importOutput });
    const same = r.exported === null || rec.wine === null ? r.exported === rec.wine : bytesEqual(r.exported, rec.wine);
    if (!same) throw new Error(`${id}: Wine now writes something else than the fixture (- fixture, + now):\n${lineDiff(rec.wine, r.exported)}`);
  });

  it.for(indexed)('%s: ours equals live Wine', ([id, i], ctx) => {
    const c = cases[i]!;
    const r = runOf(i, ctx);
    const result = compareCase(id, c.bytes, c.exportKey, { importExitCode: r.importCode, importOutput: r.importOutput, exported: r.exported });
    if (result.status === 'mismatch') throw new Error(`${id} (${c.tags.join(' ')}):\n${result.problems.join('\n\n')}`);
  });

  it.for(indexed)('%s: same import messages as live Wine', ([, i], ctx) => {
    const r = runOf(i, ctx);
    expect(compareMessages(cases[i]!.bytes, { importExitCode: r.importCode, importOutput: r.importOutput, exported: r.exported })).toEqual([]);
  });
});
