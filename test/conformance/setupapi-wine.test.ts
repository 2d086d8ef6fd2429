// Live SetupAPI conformance against real Wine: every generated case's starting registry is
// imported, its install section run with `rundll32 setupapi.dll,InstallHinfSection`, and its
// root exported, in a throwaway prefix. Checks that (1) the recorded fixtures still equal what
// Wine does now and (2) @netmigrate/setupapi leaves the registry Wine leaves (or, for the
// deliberate differences, exactly what Wine's behaviour there amounts to). Fails, not skips,
// when Wine is missing.
//
// RECORD=1 rewrites test/fixtures/wine-setupapi from this run (docs/conformance.md, "SetupAPI").

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases, hasStartKeys, readManifest, readRecorded, writeFixtures } from '../setupapi-conformance/cases.js';
import type { ManifestCase } from '../setupapi-conformance/cases.js';
import { compareCase } from '../setupapi-conformance/compare.js';
import type { Comparison } from '../setupapi-conformance/compare.js';
import { runCases } from '../setupapi-conformance/wine.js';
import type { WineRun } from '../setupapi-conformance/wine.js';
import { lineDiff } from '../reg-conformance/compare.js';
import { bytesEqual } from '../reg-conformance/text.js';
import { WinePrefix, findWine } from '../reg-conformance/wine.js';

const RECORD = process.env.RECORD === '1';
// Cases per InstallHinfSection call; 1 runs each case's own INF (slower, same result).
const BATCH = Number(process.env.SETUPAPI_WINE_BATCH ?? '10');
const cases = allCases();
let wine: WinePrefix | undefined;
let run: WineRun | undefined;
let recorded = new Map<string, ManifestCase>();
let setupError: Error | undefined;
const results: Comparison[] = [];

beforeAll(async () => {
  try {
    const tools = findWine();
    if ('missing' in tools) throw new Error(`live SetupAPI conformance: ${tools.missing}`);
    const t0 = performance.now();
    wine = await WinePrefix.create(tools);
    const t1 = performance.now();
    run = await runCases(wine, cases, { batch: BATCH, concurrency: 3 });
    console.log(
      `${wine.version}: prefix ready in ${(t1 - t0).toFixed(0)} ms; ${cases.length} cases (${BATCH} per InstallHinfSection): starting registries imported and ` +
        `checked in ${run.importMs.toFixed(0)} ms, install sections run in ${run.installMs.toFixed(0)} ms, ` +
        `roots exported in ${run.exportMs.toFixed(0)} ms`,
    );
    if (RECORD) {
      writeFixtures(wine.version, cases, run.exports, run.exitCodes);
      console.log(`recorded ${cases.length} cases into test/fixtures/wine-setupapi`);
    }
    recorded = new Map(readManifest().cases.map((e) => [e.id, e]));
  } catch (err) {
    setupError = err instanceof Error ? err : new Error(String(err));
  }
});

afterAll(async () => {
  await wine?.dispose();
  const n = (s: Comparison['status']): number => results.filter((r) => r.status === s).length;
  const why = new Map<string, number>();
  for (const r of results) for (const d of r.differences) why.set(d, (why.get(d) ?? 0) + 1);
  if (results.length > 0) {
    console.log(
      `setupapi vs live Wine: ${results.length} cases: ${n('equal')} identical, ${n('explained')} kept out as deliberate ` +
        `differences (${[...why].map(([d, k]) => `${d}: ${k}`).join(', ') || 'none'}), ${n('mismatch')} mismatched`,
    );
  }
});

const indexed = cases.map((c, i) => [c.id, i] as const);

function exportOf(i: number, ctx: { skip: (note?: string) => void }): Uint8Array | null {
  if (!run) {
    ctx.skip('no Wine run');
    throw new Error('unreachable');
  }
  return run.exports[i] ?? null;
}

describe('live Wine rundll32 setupapi.dll,InstallHinfSection', () => {
  it('Wine runs: prefix booted, every case imported, installed and exported', () => {
    if (setupError) throw setupError;
    expect(run?.exports.length).toBe(cases.length);
    expect(run?.exitCodes.filter((c) => c !== 0)).toEqual([]);
  });

  it.for(indexed)('%s: recorded fixture equals what Wine does now', ([id, i], ctx) => {
    const now = exportOf(i, ctx);
    const m = recorded.get(id);
    if (!m) throw new Error(`${id}: no recorded fixture; record with RECORD=1 (docs/conformance.md)`);
    const rec = readRecorded(m);
    const c = cases[i]!;
    expect(bytesEqual(rec.inf, c.wineInf), 'recorded INF differs from the generated one: re-record').toBe(true);
    expect(rec.start === null ? !hasStartKeys(c) : bytesEqual(rec.start, c.start), 'recorded start differs: re-record').toBe(true);
    const same = now === null || rec.wine === null ? now === rec.wine : bytesEqual(now, rec.wine);
    if (!same) throw new Error(`${id}: Wine now leaves something else than the fixture (- fixture, + now):\n${lineDiff(rec.wine, now)}`);
  });

  it.for(indexed)('%s: ours equals live Wine', ([id, i], ctx) => {
    const r = compareCase(cases[i]!, exportOf(i, ctx));
    results.push(r);
    if (r.status === 'mismatch') throw new Error(`${id} (${cases[i]!.tags.join(' ')}):\n${r.problems.join('\n')}`);
  });
});
