// Crash safety of the post-upgrade phases: a real child process applying an answer file is
// killed with SIGKILL at seeded moments; a rerun must then end with exactly the registry and
// the $Winnt$.inf of a run nobody interrupted.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportReg } from '@netmigrate/registry';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCore } from '../../test-support/build.js';
import { seededRandom } from '../../test-support/prng.js';
import { tempDir } from '../test-support/phase.js';
import { applyAnswerFile } from './apply.js';

beforeAll(buildCore, 120_000);

const CHILD = join(import.meta.dirname, 'test-support', 'apply-child.mjs');
const SEEDS = 12;

/** Many adapters, each with an AddReg section run after install: a phase long enough to be hit anywhere. */
function bigAnswerFile(dir: string): string {
  const n = 30;
  const lines = ['[NetAdapters]', ...Array.from({ length: n }, (_, i) => `card${i}=params.card${i}`), ''];
  for (let i = 0; i < n; i++) {
    lines.push(`[params.card${i}]`, `InfID=card_${i}`, `OemSection=params.card${i}.OemSection`, '');
    lines.push(`[params.card${i}.OemSection]`, `InfToRunAfterInstall="", card${i}.Run ; runs after install`, '');
    lines.push(`[card${i}.Run]`, `AddReg=card${i}.Add`, '', `[card${i}.Add]`);
    for (let j = 0; j < 40; j++) lines.push(`HKR,Lines\\${j % 8},Value${j},0x00010001,${i * 1000 + j}`, `HKR,Lines\\${j % 8},Text${j},,"card ${i} line ${j}"`);
    lines.push('');
  }
  lines.push('[Netmigrate.PreUpgrade]', ...Array.from({ length: n }, (_, i) => `card${i}=0x00000000,Card${i + 1},CARD,`));
  const file = join(dir, 'winnt.sif');
  writeFileSync(file, lines.join('\r\n') + '\r\n', 'latin1');
  return file;
}

/** Runs the child; kills it `delayMs` after it said "go" (or lets it finish when the delay is longer). */
function runChild(answerFile: string, target: string, delayMs: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, answerFile, target], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (startedAt === 0 && out.includes('go\n')) {
        startedAt = performance.now();
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) fail(new Error(`child failed (${code}): ${err}`));
      else done({ killed: signal === 'SIGKILL', ms: performance.now() - startedAt });
    });
  });
}

describe('SIGKILL during the post-upgrade phases, then a rerun', () => {
  test(`${SEEDS} seeded kill moments end with the uninterrupted run's registry and $Winnt$.inf`, async () => {
    const dir = tempDir();
    const answerFile = bigAnswerFile(dir);
    const reference = await applyAnswerFile({ answerFile, target: join(dir, 'reference'), host: 'in-process' });
    expect(reference.failure).toBeUndefined();
    const expectedReg = exportReg(await reference.target.openRegistry(), { format: 'regedit5' });
    const expectedInf = readFileSync(reference.target.winntInfPath);
    // How long an uninterrupted child takes from "go" to exit: the kill moments spread over it.
    const whole = await runChild(answerFile, join(dir, 'timing'), 60_000);
    expect(whole.killed).toBe(false);
    const random = seededRandom(0x5eed);
    let killed = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const target = join(dir, `t${seed}`);
      const run = await runChild(answerFile, target, random() * whole.ms * 1.1);
      if (run.killed) killed++;
      const rerun = await applyAnswerFile({ answerFile, target, host: 'in-process' });
      expect(['applied', 'already-applied']).toContain(rerun.status);
      expect(exportReg(await rerun.target.openRegistry(), { format: 'regedit5' })).toEqual(expectedReg);
      expect(readFileSync(rerun.target.winntInfPath)).toEqual(expectedInf);
    }
    // Most moments must land inside the run, or the test proves little.
    expect(killed).toBeGreaterThanOrEqual(SEEDS / 2);
  }, 180_000);
});
