#!/usr/bin/env node
// Sandbox start-up per plugin: how long from asking for a sandbox to holding the plugin's
// manifest. Cold = fork → boot → load core → import and check the plugin → manifest.
// Warm = prepare() already booted the process; start() imports and checks the plugin only.
// Each is measured with the runner the host picks (the one-file bundle child.bundle.mjs when
// it is current) and, for comparison, with child-main.js (core's module graph, the fallback).
// Also the floor: a bare fork that answers one IPC message. Prints figures, asserts nothing.
// Run after building (node scripts/dev.mjs setup, or tsc -b and packages/core/scripts/bundle-child.mjs):
//   node bench/sandbox-start.mjs [runs]  (or npm run bench:sandbox-start)
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NT40, PRODUCT_TYPE, sandboxExecArgv, SandboxedPluginHost, sandboxRunner, WINDOWS_2000 } from '@netmigrate/core';

const runs = Number(process.argv[2] ?? 15);
const here = fileURLToPath(new URL('../packages/core/', import.meta.url));
const plugins = { isdn: join(here, 'test-plugins/isdn.mjs'), 'options (zod)': join(here, 'test-plugins/options.mjs') };
const upgradeInfo = { from: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT40 }, to: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: WINDOWS_2000 } };
const registry = { name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [] };
const workingDir = mkdtempSync(join(tmpdir(), 'netmigrate-bench-'));

async function time(fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await fn());
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  return `median ${at(0.5)} ms  p90 ${at(0.9)} ms  min ${samples[0].toFixed(1)} ms`;
}

const bare = join(workingDir, 'bare.mjs');
writeFileSync(bare, "process.on('message', () => process.send('ok'));");
const picked = sandboxRunner();
const childMain = { path: join(dirname(picked.path), 'child-main.js'), execArgv: [], bundled: false, fallbackReason: 'chosen by the benchmark' };
const runners = picked.bundled ? { bundle: () => picked, 'child-main.js': () => childMain } : { 'child-main.js': () => picked };
console.log(`node ${process.version}, ${runs} runs each`);
if (!picked.bundled) console.log(`the host falls back to child-main.js: ${picked.fallbackReason}; run packages/core/scripts/bundle-child.mjs`);
console.log(`floor: bare fork + one IPC round trip   ${await time(async () => {
  const t = performance.now();
  const child = fork(bare, [], { execArgv: sandboxExecArgv(workingDir, 256), serialization: 'advanced' });
  await new Promise((done) => { child.once('message', done); child.send('go'); });
  const elapsed = performance.now() - t;
  child.kill();
  await new Promise((done) => child.once('close', done));
  return elapsed;
})}`);

for (const [name, module] of Object.entries(plugins)) {
  for (const [runner, runnerFor] of Object.entries(runners)) {
    console.log(`${name}, ${runner}: cold start (fork → manifest)  ${await time(async () => {
      const host = new SandboxedPluginHost({}, runnerFor);
      const t = performance.now();
      await host.start(module, { workingDir, upgradeInfo, unattended: true, registry });
      const elapsed = performance.now() - t;
      await host.stop();
      return elapsed;
    })}`);
    console.log(`${name}, ${runner}: warm start (prepared → manifest) ${await time(async () => {
      const host = new SandboxedPluginHost({}, runnerFor);
      await host.prepare(workingDir);
      const t = performance.now();
      await host.start(module, { workingDir, upgradeInfo, unattended: true, registry });
      const elapsed = performance.now() - t;
      await host.stop();
      return elapsed;
    })}`);
  }
}
rmSync(workingDir, { recursive: true, force: true });
