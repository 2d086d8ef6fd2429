// `netmigrate demo [--out <dir>]`: the whole job on the bundled example — plan, upgrade
// (confirmed), text mode and GUI mode (apply), the HTML report — and where the outputs are.

import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { writeOutput } from '../files.js';
import { printJson } from '../output.js';
import { countsText } from '../winnt32-run.js';
import { applyRun } from './apply.js';
import { planRun } from './plan.js';
import { loadRunReport } from './report.js';
import { upgradeRun } from './upgrade.js';

/** The repository root (this file is packages/cli/{src,dist}/commands/demo.{ts,js}). */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface DemoExample {
  /** Relative to the repository root. */
  readonly registry: string;
  readonly plugins?: string;
  readonly netmapDirs?: readonly string[];
  readonly title: string;
}

/** The bundled NT 4.0 workstation example (examples/nt4-workstation). */
export const NT4_WORKSTATION_EXAMPLE: DemoExample = {
  title: 'examples/nt4-workstation',
  registry: 'examples/nt4-workstation/nt4-workstation.reg',
  plugins: 'examples/nt4-workstation/netmigrate.ini',
};

/** The documented ISDN example of core's Winnt32 fixtures (spec §8.4). */
export const ISDN_FIXTURE_EXAMPLE: DemoExample = {
  title: 'the documented ISDN example (packages/core/fixtures/winnt32)',
  registry: 'packages/core/fixtures/winnt32/nt4-isdn.reg',
  netmapDirs: ['packages/core/fixtures/winnt32/isdn-vendor'],
};

// ─── SWITCH HERE ────────────────────────────────────────────────────────────────────────────
// The example `demo` runs: NT4_WORKSTATION_EXAMPLE, or ISDN_FIXTURE_EXAMPLE to demonstrate on
// core's fixture. When the chosen example's files are missing (a partial checkout), the demo
// falls back to the fixture.
export const DEMO_EXAMPLE: DemoExample = NT4_WORKSTATION_EXAMPLE;
// ──────────────────────────────────────────────────────────────────────────────────────────

export function demoExample(root = ROOT): DemoExample {
  const wanted = DEMO_EXAMPLE;
  const present = existsSync(join(root, wanted.registry)) && (wanted.plugins === undefined || existsSync(join(root, wanted.plugins)));
  return present ? wanted : ISDN_FIXTURE_EXAMPLE;
}

interface DemoFlags {
  out?: string;
  json?: boolean;
  inProcess?: boolean;
  color?: boolean;
}

export function registerDemoCommand(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('the whole job on the bundled example: plan, upgrade (confirmed), text mode and GUI mode (apply), HTML report')
    .option('--out <dir>', 'where to put the run, the target and the report (default: a new temporary directory); must be empty')
    .option('--in-process', 'run plugin hooks in this process instead of the sandbox')
    .option('--json', 'print one JSON document on stdout with the paths')
    .action(async (o: DemoFlags, cmd: Command) => {
      const flags = { ...o, ...cmd.optsWithGlobals<{ color?: boolean }>() };
      const doc = await demoRun(ctx, flags);
      if (o.json === true) printJson(ctx.io, doc);
    });
}

export async function demoRun(ctx: CommandContext, o: DemoFlags): Promise<Record<string, unknown>> {
  const cwd = ctx.io.cwd;
  const out = o.out === undefined ? await mkdtemp(join(tmpdir(), 'netmigrate-demo-')) : resolve(cwd, o.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new CliError(`${out}: not empty`, EXIT.failure, 'give demo an empty or new --out directory');
  const example = demoExample();
  const say = (s: string) => ctx.io.stderr(`${s}\n`);
  const source = {
    registry: join(ROOT, example.registry),
    ...(example.plugins === undefined ? {} : { plugins: join(ROOT, example.plugins) }),
    ...(example.netmapDirs === undefined ? {} : { netmapDir: example.netmapDirs.map((d) => join(ROOT, d)) }),
    ...(o.json === undefined ? {} : { json: o.json }),
    ...(o.color === undefined ? {} : { color: o.color }),
    ...(o.inProcess === undefined ? {} : { inProcess: o.inProcess }),
  };
  if (o.json !== true) say(`netmigrate demo: ${example.title} → ${out}\n`);

  // 1. plan: the dry run.
  const plan = await planRun(ctx, { ...source, out: join(out, 'run') });
  if (plan.status !== 'planned') throw new CliError(`demo: the plan ${plan.status}: ${plan.message ?? ''}`, EXIT.failure, 'the bundled example should plan cleanly; run `netmigrate plan` on it to see why not');
  if (o.json !== true) say(`\n1. plan: ${countsText(plan.report.counts)}; the answer file would have ${plan.draft.split(/\r?\n/).filter((l) => l.startsWith('[')).length} sections\n`);

  // 2. upgrade, confirmed: winnt.sif, the working directories and the run record.
  const runDir = join(out, 'run');
  const up = await upgradeRun(ctx, { ...source, out: runDir, yes: true });
  if (up.result.status !== 'committed') throw new CliError(`demo: the upgrade ${up.result.status}: ${up.result.message ?? ''}`, EXIT.failure, 'run `netmigrate upgrade` on the example to see why');
  const answerFile = up.result.answerFilePath as string;
  if (o.json !== true) say(`\n2. upgrade: committed ${answerFile}\n`);

  // 3 and 4. text mode and GUI mode against a new Windows 2000 target.
  const target = join(out, 'target');
  const applied = await applyRun(ctx, answerFile, { target, ...(o.inProcess === true ? { inProcess: true } : {}), ...(o.json === undefined ? {} : { json: o.json }), ...(o.color === undefined ? {} : { color: o.color }) });
  if (applied.result.status !== 'applied') throw new CliError(`demo: apply ${applied.result.status}: ${applied.result.failure?.message ?? ''}`, EXIT.failure, 'run `netmigrate apply` on the answer file to see why');
  if (o.json !== true) say(`\n3. text mode: ${applied.result.winntInfPath ?? ''}\n4. GUI mode: ${applied.result.changes.length} registry change(s) in ${applied.result.target.registryFile}\n`);

  // 5. the report, with the apply record the run directory now holds.
  const report = await loadRunReport(ctx, runDir);
  const { renderHtmlReport } = await import('@netmigrate/report-html');
  const html = join(out, 'report.html');
  await writeOutput(html, cwd, new TextEncoder().encode(renderHtmlReport(report)));

  const doc = { command: 'demo', example: example.title, out, answerFile, report: html, targetReg: applied.regFile ?? null, runRecord: up.runRecord ?? null, applyRecords: applied.records };
  if (o.json !== true) {
    ctx.io.stdout(`AnswerFile:  ${answerFile}\n`);
    ctx.io.stdout(`report:      ${html}\n`);
    ctx.io.stdout(`target .reg: ${applied.regFile ?? ''}\n`);
  }
  return doc;
}
