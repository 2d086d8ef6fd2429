// kill -9 of the engine while it commits: a real child process builds a draft and commits it,
// and is SIGKILLed at a seeded random moment. Whatever the moment, the answer file is either
// absent or whole — byte for byte the draft — never a torn or half-written one.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCore } from '../test-support/build.js';
import { seededRandom } from '../test-support/prng.js';
import { AnswerFile } from './answer-file.js';
// @ts-expect-error: a plain .mjs helper shared with the child process, no declarations
import { buildDraft } from './test-support/draft.mjs';

const CHILD = fileURLToPath(new URL('./test-support/commit-child.mjs', import.meta.url));
const COMPONENTS = 100;
const SEEDS = 20;
const PARALLEL = 4;

beforeAll(buildCore, 120_000);


interface Outcome {
  readonly seed: number;
  readonly delayMs: number;
  readonly dir: string;
  readonly committedMs?: number;
}

/** Starts the child; `delayMs` after it said "ready" (undefined: never) it gets SIGKILL. */
function runChild(seed: number, delayMs: number | undefined): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'netmigrate-kill-'));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, join(dir, 'winnt.sif'), String(COMPONENTS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (delayMs !== undefined && out === 'ready\n') setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) fail(new Error(`child failed (${code}): ${err}`));
      const committed = /committed ([\d.]+)/.exec(out);
      done({ seed, delayMs: delayMs ?? -1, dir, ...(committed ? { committedMs: Number(committed[1]) } : {}) });
    });
  });
}

describe('SIGKILL during commit', () => {
  test(`leaves no answer file or a whole one (${SEEDS} seeds)`, async () => {
    const expected = (buildDraft(AnswerFile, COMPONENTS) as AnswerFile).toBytes();
    // Calibrate: how long the commit takes here, so the kills land before, during and after it.
    const calibration = await runChild(-1, undefined);
    expect(new Uint8Array(readFileSync(join(calibration.dir, 'winnt.sif')))).toEqual(expected);
    // Under parallel load the commit takes longer than alone: spread the kills well past it.
    const window = Math.max(10, (calibration.committedMs ?? 20) * 4);
    const delays = Array.from({ length: SEEDS }, (_, seed) => (seed === 0 ? 0 : seed === 1 ? window * 4 : seededRandom(seed)() * window));

    const outcomes: Outcome[] = [];
    for (let i = 0; i < SEEDS; i += PARALLEL) {
      outcomes.push(...(await Promise.all(delays.slice(i, i + PARALLEL).map((d, j) => runChild(i + j, d)))));
    }
    const seen = { absent: 0, whole: 0 };
    for (const o of outcomes) {
      const path = join(o.dir, 'winnt.sif');
      // Besides the answer file, at most the writer's temp file may be left.
      expect(readdirSync(o.dir).filter((f) => f !== 'winnt.sif' && !/^\.winnt\.sif\.\d+\.[0-9a-f]{12}\.tmp$/.test(f)), `seed ${o.seed}`).toEqual([]);
      if (!existsSync(path)) {
        seen.absent++;
        continue;
      }
      seen.whole++;
      expect(new Uint8Array(readFileSync(path)), `seed ${o.seed} (killed after ${o.delayMs.toFixed(1)} ms)`).toEqual(expected);
    }
    // Seed 0 dies before writing, seed 1 long after: both outcomes occur.
    expect(seen.absent).toBeGreaterThan(0);
    expect(seen.whole).toBeGreaterThan(0);
  }, 60_000);
});
