// Cold start of the `netmigrate` command (uses the built bin and dist/).
//
//   npm run bench:cli            (builds first)
//   node bench/cli.mjs [--runs <n>] [--in-process]
//
// Each run is a fresh `node packages/cli/bin/netmigrate.js …` process, timed from spawn to
// exit: `--version`, and `plan --json` on the example `netmigrate demo` uses (the sandbox by
// default, as an operator runs it). Prints min / median / max per command; asserts nothing.
// Goals (issue 7): --version < 150 ms, plan < 1 s.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'netmigrate.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt === -1 ? 9 : Number(args[runsAt + 1]);
const inProcess = args.includes('--in-process');

const { demoExample } = await import(join(root, 'packages', 'cli', 'dist', 'commands', 'demo.js'));
const example = demoExample();
const source = ['--registry', join(root, example.registry)];
if (example.plugins !== undefined) source.push('--plugins', join(root, example.plugins));
for (const d of example.netmapDirs ?? []) source.push('--netmap-dir', join(root, d));
if (inProcess) source.push('--in-process');

function time(argv, okCodes) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`netmigrate ${argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return ms;
}

function measure(label, argv, okCodes = [0]) {
  time(argv, okCodes); // warm the file system cache; not counted
  const samples = Array.from({ length: RUNS }, () => time(argv, okCodes)).sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(34)} min ${samples[0].toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms   max ${samples.at(-1).toFixed(0).padStart(5)} ms   (${RUNS} runs)`);
  return median;
}

// A stale child bundle (any workspace package's dist rebuilt since) makes every sandbox run
// child-main.js, about twice the CPU: say so rather than report that as the command's speed.
const { sandboxRunner } = await import(join(root, 'packages', 'core', 'dist', 'sandbox', 'runner-path.js'));
const runner = sandboxRunner();
console.log(`node ${process.version}, example: ${example.title}${inProcess ? ', --in-process' : ', sandbox'}; sandbox runner: ${runner.bundled ? 'the bundle' : `child-main.js (${runner.fallbackReason}; run node packages/core/scripts/bundle-child.mjs)`}`);
measure('netmigrate --version', ['--version']);
measure('netmigrate --help', ['--help']);
measure(`netmigrate plan --json`, ['plan', ...source, '--json']);
