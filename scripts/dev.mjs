#!/usr/bin/env node
// One entry point for the README's commands. A fresh machine has only Node 20 and npm
// (corepack is broken there), so every step runs the pinned pnpm through npx and installs
// what is missing before it does anything else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@9.15.9';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(cmd, args, what, opts = {}) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    console.error(`netmigrate dev: ${what} failed (exit ${status})`);
    process.exit(status);
  }
}

function pnpm(args, what) {
  must('npx', ['-y', PNPM, ...args], what);
}

function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}

function setup() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  pnpm(['install', '--reporter=append-only', ...frozen], 'install');
  must(bin('tsc'), ['-b', 'tsconfig.build.json'], 'build (tsc -b)');
  // The sandbox child as one file (much faster to start); rebuilt only when its inputs changed.
  must(process.execPath, [join(root, 'packages/core/scripts/bundle-child.mjs')], 'bundle the sandbox child');
}

/**
 * The HTML report is tested in real headless Chromium (Debian's package). A fresh machine
 * lacks it: install it with apt when we may (root), else say exactly what to run.
 */
function ensureChromium() {
  const exe = process.env.NETMIGRATE_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(exe)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(`netmigrate dev: ${exe} is missing; the HTML report test needs it. Install it (Debian: sudo apt-get install -y chromium) or set NETMIGRATE_CHROMIUM`);
    process.exit(1);
  }
  console.error('netmigrate dev: installing chromium with apt (the HTML report test runs in it)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-qq'], 'apt-get update', { env });
  must('apt-get', ['install', '-y', '-qq', 'chromium'], 'apt-get install chromium', { env });
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'setup':
    setup();
    break;
  case 'test':
    setup();
    must(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], 'type-check');
    must(bin('eslint'), ['--max-warnings', '0', '.'], 'lint');
    ensureChromium();
    must(bin('vitest'), ['run', ...rest], 'tests');
    break;
  case 'conformance':
    setup();
    must(bin('vitest'), ['run', '--config', 'vitest.conformance.config.ts', ...rest], 'conformance tests');
    break;
  case 'demo':
    setup();
    must(process.execPath, [join(root, 'packages/cli/bin/netmigrate.js'), 'demo', ...rest], 'demo');
    break;
  case 'bench': {
    const [name, ...args] = rest;
    setup();
    must(process.execPath, ['--expose-gc', join(root, 'bench', `${name}.mjs`), ...args], `bench ${name}`);
    break;
  }
  default:
    console.error('usage: node scripts/dev.mjs setup|test|conformance|demo|bench <name>');
    process.exit(2);
}
