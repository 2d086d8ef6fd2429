// docs/writing-a-plugin.md is run, not only read: its file blocks (```<lang> file=<path>) are
// written in order into an empty directory outside the workspace, the packages its
// package.json names are "installed" (linked from this checkout, versions checked), and the
// vendor's own commands run there — the type check, `UPDATE_GOLDEN=1 vitest run`, `vitest
// run` — in a child process, as a vendor would. Excerpt blocks (```<lang> excerpt=<path>)
// must match the file the run produced. Any other TypeScript or JavaScript block must say
// `// not run`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIO, runCli } from '@netmigrate/cli';
import { buildForSandbox } from '@netmigrate/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUIDE = join(ROOT, 'docs', 'writing-a-plugin.md');

export interface GuideBlock {
  readonly lang: string;
  /** `key=value` words after the language. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly code: string;
  /** Line of the opening fence (1-based). */
  readonly line: number;
}

/** Fenced blocks, also indented ones (inside list items); the indent is removed from each line. */
export function extractBlocks(markdown: string): GuideBlock[] {
  const blocks: GuideBlock[] = [];
  const re = /^( *)```([^\s`]*)([^\n]*)\n([\s\S]*?)^\1```[ \t]*$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const indent = m[1] ?? '';
    const attrs: Record<string, string> = {};
    for (const word of (m[3] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const eq = word.indexOf('=');
      if (eq > 0) attrs[word.slice(0, eq)] = word.slice(eq + 1);
    }
    const code = (m[4] ?? '').split('\n').map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
    blocks.push({ lang: m[2] ?? '', attrs, code, line: markdown.slice(0, m.index).split('\n').length });
  }
  return blocks;
}

const SCRIPT_LANGS = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);

/** Directories of the workspace's own packages, by name. */
function workspacePackages(): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of ['packages', 'plugins']) {
    for (const name of readdirSync(join(ROOT, group))) {
      const pj = join(ROOT, group, name, 'package.json');
      if (existsSync(pj)) out.set((JSON.parse(readFileSync(pj, 'utf8')) as { name: string }).name, join(ROOT, group, name));
    }
  }
  return out;
}

/** Where a third-party package is installed in this checkout: the root's, then core's dependencies. */
function installedPackage(name: string): string | undefined {
  for (const base of [ROOT, join(ROOT, 'packages', 'core')]) {
    const dir = join(base, 'node_modules', name);
    if (existsSync(join(dir, 'package.json'))) return realpathSync(dir);
  }
  return undefined;
}

/**
 * `npm install` for the project, from this checkout: each dependency of its package.json is
 * linked into its node_modules, and must exist here in a version its range accepts — so the
 * guide's package.json names everything its code imports, at versions that work.
 */
function installFromCheckout(project: string): void {
  const semver = createRequire(join(ROOT, 'packages', 'core', 'package.json'))('semver') as { satisfies(v: string, r: string): boolean };
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const workspace = workspacePackages();
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const dir = workspace.get(name) ?? installedPackage(name);
    if (dir === undefined) throw new Error(`docs/writing-a-plugin.md: package.json needs ${name}, which this checkout does not have`);
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    if (!semver.satisfies(version, range)) throw new Error(`docs/writing-a-plugin.md: package.json asks for ${name}@${range}; this checkout has ${version}`);
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(dir, link, 'dir');
  }
}

/** A child process with the vendor's environment: none of this test run's vitest or Node settings. */
function vendorEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_OPTIONS$|UPDATE_GOLDEN$|TINYPOOL|__VITEST)/.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', CI: '1', ...extra };
}

function run(project: string, args: string[], extra: Record<string, string> = {}): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, args, { cwd: project, env: vendorEnv(extra), encoding: 'utf8', timeout: 280_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Every line of `excerpt` (blank lines aside) appears in `text`, in this order. */
function inOrder(excerpt: string, text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  let at = 0;
  for (const want of excerpt.split('\n').filter((l) => l.trim() !== '')) {
    const found = lines.indexOf(want, at);
    if (found === -1) return want;
    at = found + 1;
  }
  return undefined;
}

describe('docs/writing-a-plugin.md', () => {
  const blocks = extractBlocks(readFileSync(GUIDE, 'utf8'));
  let project: string;

  // The kit and the engine as a vendor installs them: built (dist/ and the sandbox bundle).
  beforeAll(() => buildForSandbox(join(ROOT, 'packages', 'testing', 'tsconfig.json')), 300_000);
  beforeAll(async () => {
    project = realpathSync(await mkdtemp(join(tmpdir(), 'netmigrate-guide-')));
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  test('every code block is a project file, an excerpt of an output, or marked `// not run`', () => {
    const files = blocks.filter((b) => b.attrs.file !== undefined);
    expect(files.map((b) => b.attrs.file)).toEqual(expect.arrayContaining(['package.json', 'tsconfig.json', 'vendor/netmap.inf', 'src/index.ts', 'vendor/contoso.mjs', 'src/fastlink.test.ts']));
    const loose = blocks.filter((b) => SCRIPT_LANGS.has(b.lang) && b.attrs.file === undefined && !b.code.startsWith('// not run'));
    expect(loose.map((b) => `line ${b.line}`), 'a ts/js block that is no file must start with `// not run`').toEqual([]);
    // The commands the guide tells the vendor to run are the ones run below.
    expect(blocks.some((b) => b.lang === 'sh' && /^UPDATE_GOLDEN=1 npx vitest run\nnpx vitest run$/m.test(b.code))).toBe(true);
    expect(extractBlocks('  ```ini file=a.inf\n  [A]\n  x=1\n  ```\n```sh\nls\n```\n')).toEqual([
      { lang: 'ini', attrs: { file: 'a.inf' }, code: '[A]\nx=1\n', line: 1 },
      { lang: 'sh', attrs: {}, code: 'ls\n', line: 5 },
    ]);
  });

  test('the plugin written from the guide into an empty directory type-checks, builds and passes its kit tests', async () => {
    for (const b of blocks) {
      if (b.attrs.file === undefined) continue;
      mkdirSync(dirname(join(project, b.attrs.file)), { recursive: true });
      writeFileSync(join(project, b.attrs.file), b.code);
    }
    installFromCheckout(project);
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');

    // The test file too (the build leaves it out): what an editor would show the vendor.
    writeFileSync(join(project, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, include: ['src'], exclude: [] }));
    const check = run(project, [tsc, '-p', 'tsconfig.check.json']);
    expect(check.status, check.output).toBe(0);

    const first = run(project, [vitest, 'run'], { UPDATE_GOLDEN: '1' });
    expect(first.status, first.output).toBe(0);
    expect(existsSync(join(project, 'fixtures', 'golden', 'fastlink.sif')), 'the first run writes the golden answer file').toBe(true);
    const second = run(project, [vitest, 'run']);
    expect(second.status, second.output).toBe(0);
    expect(second.output).toMatch(/Tests\s+2 passed/);

    // "Ship it": the check an operator runs on the vendor directory.
    const io = memoryIO();
    expect(await runCli(['plugins', 'check', '--netmap-dir', join(project, 'vendor')], io), io.err).toBe(0);
    expect(io.out).toContain('@contoso/netmigrate-fastlink 1.0.0 (apiVersion ^1, GUI mode)');
  }, 600_000);

  test('the excerpts shown are what the run wrote', () => {
    const excerpts = blocks.filter((b) => b.attrs.excerpt !== undefined);
    expect(excerpts.length).toBeGreaterThan(0);
    for (const b of excerpts) {
      const file = join(project, b.attrs.excerpt as string);
      expect(existsSync(file), `${b.attrs.excerpt} (excerpt at line ${b.line})`).toBe(true);
      expect(inOrder(b.code, readFileSync(file, 'latin1')), `excerpt at line ${b.line}: this line is not in ${b.attrs.excerpt} (in this order)`).toBeUndefined();
    }
  });
});
