// `netmigrate plugins list|check`: the plugins a run would use. `list` reads files only (the
// plugin set, each netmap.inf, the module's package.json) and runs no plugin code; `check`
// also loads each plugin the way a run does — in the sandbox — to read its manifest, check its
// apiVersion and validate its options against its declared schema.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { EngineDiagnostic, Netmap, PluginDescription } from '@netmigrate/core';
import type { CommandContext } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printJson } from '../output.js';
import { readPluginSetOrFail, formatDiagnostic } from '../winnt32-run.js';

interface PluginsFlags {
  plugins?: string;
  netmapDir?: string[];
  oem?: string;
  json?: boolean;
  inProcess?: boolean;
}

/** One plugin as a run would see it. */
interface Candidate {
  name: string;
  from: string;
  enabled: boolean;
  module: string;
  resolveFrom: string;
  netmapDir: string;
  options?: Readonly<Record<string, unknown>>;
  /** Problems found before loading anything (the netmap.inf could not be read). */
  problems: string[];
  netmap?: Netmap;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerPluginsCommands(program: Command, ctx: CommandContext): void {
  const plugins = program.command('plugins').description('the plugins of a plugin set or of vendor directories: list them, check them');
  const common = (cmd: Command) =>
    cmd
      .option('--plugins <netmigrate.ini>', "an integrator's plugin set (docs/plugin-sets.md)")
      .option('--netmap-dir <dir>', 'a vendor directory holding a netmap.inf (repeatable)', collect)
      .option('--oem <dir>', 'a directory with netupg.inf listing vendor directories')
      .option('--json', 'print one JSON document on stdout');
  common(plugins.command('list').description('list the plugins, their modules and what their netmap.inf maps; runs no plugin code')).action(async (o: PluginsFlags) => {
    const list = await candidates(ctx, o);
    const docs = list.map((c) => describeStatic(c));
    if (o.json === true) printJson(ctx.io, { plugins: docs });
    else for (const c of list) printStatic(ctx, c);
    ctx.exitCode = EXIT.ok;
  });
  common(plugins.command('check').description('check each plugin: netmap.inf (file:line:col), loading in the sandbox, apiVersion, options'))
    .option('--in-process', 'load the plugins in this process instead of the sandbox (trusted plugins only)')
    .action(async (o: PluginsFlags) => {
      const list = await candidates(ctx, o);
      const results = [];
      for (const c of list) results.push(await check(c, o.inProcess === true));
      const ok = results.every((r) => r.ok);
      if (o.json === true) printJson(ctx.io, { ok, plugins: results.map((r) => r.document) });
      else {
        for (const r of results) for (const line of r.lines) ctx.io.stdout(`${line}\n`);
        ctx.io.stdout(`${results.filter((r) => r.ok).length} of ${results.length} plugin(s) ok\n`);
      }
      ctx.exitCode = ok ? EXIT.ok : EXIT.failure;
    });
}

async function candidates(ctx: CommandContext, o: PluginsFlags): Promise<Candidate[]> {
  const cwd = ctx.io.cwd;
  const { readNetmapInf, loadVendorFiles, OemFileError } = await import('@netmigrate/core');
  const readNetmap = async (c: Candidate): Promise<Candidate> => {
    try {
      c.netmap = await readNetmapInf(c.netmapDir);
    } catch (e) {
      if (e instanceof OemFileError) c.problems.push(e.format());
      else throw e;
    }
    return c;
  };
  const out: Candidate[] = [];
  if (o.plugins !== undefined) {
    const set = await readPluginSetOrFail(o.plugins, cwd);
    for (const p of set.plugins) {
      const modulePath = isPathLike(p.module) ? resolve(set.dir, p.module) : undefined;
      const netmapDir = p.netmapDir ?? (modulePath !== undefined ? dirname(modulePath) : set.dir);
      const entry: Candidate = { name: p.name, from: `${set.file}:${p.line}`, enabled: p.enabled, module: p.module, resolveFrom: set.dir, netmapDir, options: p.options, problems: [] };
      // A disabled plugin is listed as written; its files are not looked at.
      out.push(p.enabled ? await readNetmap(entry) : entry);
    }
  }
  const fromNetmap = (dir: string, from: string) =>
    readNetmap({ name: dir, from, enabled: true, module: '', resolveFrom: dir, netmapDir: dir, problems: [] }).then((c) => {
      const plugin = c.netmap?.plugin;
      if (plugin !== undefined) c.module = plugin.resolved;
      if (plugin?.problem !== undefined) c.problems.push(formatDiagnostic(plugin.problem));
      else if (plugin === undefined && c.netmap !== undefined) c.problems.push(`${c.netmap.file}: names no usable plugin in [OemUpgradeSupport]`);
      return c;
    });
  for (const d of o.netmapDir ?? []) out.push(await fromNetmap(resolve(cwd, d), '--netmap-dir'));
  if (o.oem !== undefined) {
    let vendor;
    try {
      vendor = await loadVendorFiles({ explicitDir: resolve(cwd, o.oem), env: ctx.io.env, cwd });
    } catch (e) {
      if (e instanceof OemFileError) throw new CliError(e.format(), EXIT.failure, 'check the --oem directory: it must hold netupg.inf');
      throw e;
    }
    for (const d of vendor.diagnostics.filter((x) => x.severity === 'error' && x.code.startsWith('netupg-'))) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
    for (const n of vendor.netmaps) out.push(await fromNetmap(n.dir, `--oem ${o.oem}`));
  }
  if (o.plugins === undefined && (o.netmapDir ?? []).length === 0 && o.oem === undefined) {
    throw new CliError('no plugins named', EXIT.failure, 'pass --plugins <netmigrate.ini>, --netmap-dir <dir> (repeatable) or --oem <netupg.inf dir>');
  }
  return out;
}

function isPathLike(module: string): boolean {
  return module.startsWith('.') || isAbsolute(module) || module.startsWith('file:');
}

/** The module's file when it is a path, and the package.json that holds it (read, not run). */
function packageOf(c: Candidate): { modulePath?: string; package?: { name: string; version: string } } {
  if (c.module === '') return {};
  const modulePath = isPathLike(c.module) ? (c.module.startsWith('file:') ? fileURLToPath(c.module) : resolve(c.resolveFrom, c.module)) : undefined;
  let dir = modulePath === undefined ? join(c.resolveFrom, 'node_modules', c.module) : dirname(modulePath);
  for (let i = 0; i < 8; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const { name, version } = JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown; version?: unknown };
        if (typeof name === 'string') return { ...(modulePath === undefined ? {} : { modulePath }), package: { name, version: typeof version === 'string' ? version : '' } };
      } catch {
        // An unreadable package.json tells nothing; keep looking upwards.
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return modulePath === undefined ? {} : { modulePath };
}

function mappingsOf(n: Netmap): { kind: string; preId: string; postIds: string[]; line: number }[] {
  return n.mappings.map((m) => ({
    kind: m.kind,
    preId: m.preId,
    postIds: m.method === 'one-to-one' ? [m.postId] : [...new Set(m.lines.map((l) => l.right))],
    line: m.line,
  }));
}

function describeStatic(c: Candidate): Record<string, unknown> {
  const pkg = packageOf(c);
  return {
    name: c.name,
    from: c.from,
    enabled: c.enabled,
    module: c.module === '' ? null : c.module,
    modulePath: pkg.modulePath ?? null,
    package: pkg.package ?? null,
    netmap: c.netmap === undefined ? null : { file: c.netmap.file, mappings: mappingsOf(c.netmap), helpFiles: c.netmap.helpFiles.map((h) => ({ key: h.key, txt: h.txt ?? null, htm: h.htm ?? null })) },
    options: c.options ?? null,
    problems: c.problems,
  };
}

function printStatic(ctx: CommandContext, c: Candidate): void {
  const d = describeStatic(c);
  const out = (s: string) => ctx.io.stdout(`${s}\n`);
  const pkg = d.package as { name: string; version: string } | null;
  out(`${c.name}${c.enabled ? '' : ' (disabled)'}   [${c.from}]`);
  out(`  module   ${c.module === '' ? '(none)' : c.module}${pkg === null ? '' : `  (package ${pkg.name} ${pkg.version})`}`);
  if (c.netmap !== undefined) {
    out(`  netmap   ${c.netmap.file}`);
    for (const m of mappingsOf(c.netmap)) out(`           ${m.kind} ${m.preId} → ${m.postIds.join(', ')}`);
  }
  if (c.options !== undefined && Object.keys(c.options).length > 0) out(`  options  ${JSON.stringify(c.options)}`);
  for (const p of c.problems) out(`  problem  ${p}`);
}

async function check(c: Candidate, inProcess: boolean): Promise<{ ok: boolean; lines: string[]; document: Record<string, unknown> }> {
  const lines: string[] = [];
  const errors: string[] = [...c.problems];
  const warnings: string[] = [];
  const diagnostics: EngineDiagnostic[] = c.netmap?.diagnostics ?? [];
  for (const d of diagnostics) (d.severity === 'error' ? errors : warnings).push(formatDiagnostic(d));
  let description: PluginDescription | undefined;
  if (!c.enabled) {
    lines.push(`skip ${c.name}: disabled in ${c.from}`);
    return { ok: true, lines, document: { name: c.name, enabled: false, ok: true, errors: [], warnings: [], manifest: null } };
  }
  if (c.module !== '' && c.problems.length === 0) {
    const core = await import('@netmigrate/core');
    const host = inProcess ? new core.InProcessPluginHost() : new core.SandboxedPluginHost();
    const workingDir = await mkdtemp(join(tmpdir(), 'netmigrate-check-'));
    try {
      const product = (buildNumber: number) => ({ productType: core.PRODUCT_TYPE.NtWorkstation, buildNumber });
      description = await host.start(c.module, {
        workingDir,
        upgradeInfo: { from: product(core.NT40), to: product(core.WINDOWS_2000) },
        unattended: true,
        resolveFrom: c.resolveFrom,
        ...(c.options === undefined ? {} : { options: c.options }),
      });
    } catch (e) {
      if (e instanceof core.PluginLoadError) errors.push(`plugin ${c.name === e.plugin ? e.plugin : `${c.name} (${e.plugin})`}: ${e.problem}\n    what to do: ${e.fix}`);
      else errors.push(`plugin ${c.name}: ${(e as Error).message}`);
    } finally {
      await host.stop();
      await rm(workingDir, { recursive: true, force: true });
    }
  }
  const ok = errors.length === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${c.name}${description === undefined ? '' : `: ${description.name} ${description.version} (apiVersion ${description.apiVersion}${description.postUpgrade ? ', GUI mode' : ''})`}`);
  for (const e of errors) lines.push(`  error: ${e}`);
  for (const w of warnings) lines.push(`  ${w}`);
  return { ok, lines, document: { name: c.name, enabled: true, ok, errors, warnings, manifest: description ?? null } };
}
