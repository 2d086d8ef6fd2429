import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseRegistry, generation, rng } from '../test-support/store-content.js';
import { transpileSources } from '../test-support/transpile.js';
import { encodeStore } from './format.js';
import { RegistryStore } from './store.js';

// A real child process commits generation after generation of a ~5 MB store and is killed
// with SIGKILL at a random moment. Whatever the moment, the file must open and hold exactly
// (byte for byte) the last generation the child reported, or the one it was committing.

const SEEDS = 20;
const root = mkdtempSync(join(tmpdir(), 'netmigrate-crash-'));
let child = '';
beforeAll(async () => {
  child = join(await transpileSources(join(root, 'js')), 'test-support', 'commit-loop.js');
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function killDuringCommits(seed: number): Promise<{ reported: number; found: number; tempLeft: boolean }> {
  const dir = mkdtempSync(join(root, `seed${seed}-`));
  const file = join(dir, 'store.nmreg');
  const base = baseRegistry(seed);
  await RegistryStore.from(generation(base, seed, 0), file).commit();

  const proc = spawn(process.execPath, [child, file, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const closed = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.startsWith('ready\n')) {
        clearInterval(t);
        resolve();
      } else if (proc.exitCode !== null) {
        clearInterval(t);
        reject(new Error(`child exited early: ${err}`));
      }
    }, 5);
  });
  await new Promise((r) => setTimeout(r, rng(seed * 7919)() * 1000));
  proc.kill('SIGKILL');
  await closed;
  expect(proc.signalCode).toBe('SIGKILL');

  const reported = Math.max(0, ...[...out.matchAll(/^committed (\d+)$/gm)].map((m) => Number(m[1])));
  const tempLeft = readdirSync(dir).some((f) => f.endsWith('.tmp'));
  const store = await RegistryStore.open(file);
  const found = store.key('HKLM\\Generation')!.value('Number')!.asDword();
  expect([reported, reported + 1]).toContain(found);
  const want = encodeStore(generation(base, seed, found)._roots);
  expect(Buffer.compare(readFileSync(file), want), `seed ${seed}: file differs from generation ${found}`).toBe(0);
  return { reported, found, tempLeft };
}

test(`SIGKILL at random moments (${SEEDS} seeds): the store file is always exactly the old or the new content`, async () => {
  const results = [];
  for (let seed = 1; seed <= SEEDS; seed++) results.push(await killDuringCommits(seed));
  // The kills must really have landed inside commits: a half-written temp file left behind,
  // or the new generation in place before the child could report it.
  expect(results.filter((r) => r.tempLeft || r.found > r.reported).length).toBeGreaterThan(0);
  expect(results.some((r) => r.reported >= 5)).toBe(true);
  console.log(`crash test: ${results.filter((r) => r.tempLeft).length}/${SEEDS} kills left a temp file; generations found: ${results.map((r) => `${r.found}${r.found > r.reported ? '+' : ''}`).join(' ')}`);
}, 300_000);
