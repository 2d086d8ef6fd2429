// `netmigrate inf run`: executes one install section of an INF against a starting registry
// (a .reg file, or empty), writes the resulting registry as a version-5 .reg file and lists
// what changed, each change with the INF line that caused it.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseInf, type InfDocument } from '@netmigrate/inf';
import { REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ, Registry, exportReg, importRegFile, type RegValue } from '@netmigrate/registry';
import { InstallError, SectionNotFoundError, UnsupportedDirectiveError, runInstallSection, type Change, type SetupDiagnostic } from '@netmigrate/setupapi';
import type { CommandContext } from '../context.js';
import { CliError, EXIT, formatLocated, isLocatedError } from '../errors.js';
import { readInput, writeOutput } from '../files.js';
import { printJson } from '../output.js';
import { collect, diridResolver, loadDocument } from './inf.js';
import { typeName, typedData } from './reg.js';

interface RunFlags {
  registry?: string;
  output: string;
  hkr?: string;
  json?: boolean;
  lang?: string;
  codepage: string;
  dirid: string[];
  includeDir: string[];
}

/** `type:value` as a person reads it. */
function show(v: RegValue): string {
  const data = typedData(v);
  switch (v.type) {
    case REG_DWORD:
      return typeof data === 'number' ? `REG_DWORD:0x${data.toString(16).padStart(8, '0')} (${data})` : `REG_DWORD:${String(data)}`;
    case REG_SZ:
    case REG_EXPAND_SZ:
      return `${typeName(v.type)}:${typeof data === 'string' ? JSON.stringify(data) : String(data)}`;
    case REG_MULTI_SZ:
      return `REG_MULTI_SZ:${Array.isArray(data) ? `[${data.map((s) => JSON.stringify(s)).join(', ')}]` : String(data)}`;
    default:
      return `${typeName(v.type)}:${String(data)}`;
  }
}

function valuePath(key: string, name: string): string {
  return `${key}\\${name === '' ? '@' : name}`;
}

/** One line per change: `+ key`, `- key`, `~ key\name = type:value (was …)`, `- key\name`, then where it came from. */
function changeLine(c: Change, inf: string): string {
  const where = `  (${c.source.file ?? inf}:${c.source.line} [${c.source.section}])`;
  switch (c.op) {
    case 'create-key':
      return `+ ${c.key}${where}`;
    case 'delete-key':
      return `- ${c.key}${where}`;
    case 'set-value':
      return `~ ${valuePath(c.key, c.name)} = ${show(c.value)}${c.previous ? ` (was ${show(c.previous)})` : ''}${where}`;
    case 'delete-value':
      return `- ${valuePath(c.key, c.name)}${where}`;
  }
}

function valueJson(v: RegValue): { type: number; typeName: string; data: unknown } {
  return { type: v.type, typeName: typeName(v.type), data: typedData(v) };
}

function changeJson(c: Change, inf: string): Record<string, unknown> {
  const source = { file: c.source.file ?? inf, line: c.source.line, section: c.source.section };
  switch (c.op) {
    case 'create-key':
    case 'delete-key':
      return { op: c.op, key: c.key, source };
    case 'set-value':
      return { op: c.op, key: c.key, name: c.name, value: valueJson(c.value), previous: c.previous ? valueJson(c.previous) : null, source };
    case 'delete-value':
      return { op: c.op, key: c.key, name: c.name, previous: valueJson(c.previous), source };
  }
}

/**
 * Include= opens INFs from the including INF's directory, then each --include-dir; names match
 * case-insensitively, as on Windows. An included INF is named in messages by its directory as
 * given plus its name.
 */
function includeResolver(ctx: CommandContext, infFile: string, dirs: string[], codepage: string): (name: string) => InfDocument | undefined {
  const search = [dirname(infFile), ...dirs];
  return (name) => {
    if (name.includes('/') || name.includes('\\')) return undefined;
    for (const dir of search) {
      let entries: string[];
      try {
        entries = readdirSync(resolve(ctx.io.cwd, dir));
      } catch {
        continue;
      }
      const found = entries.find((e) => e.toLowerCase() === name.toLowerCase());
      if (found === undefined) continue;
      const path = join(dir, found);
      try {
        return parseInf(new Uint8Array(readFileSync(resolve(ctx.io.cwd, path))), { fileName: path, codepage });
      } catch (e) {
        if (isLocatedError(e)) throw new CliError(formatLocated(e, path), EXIT.failure, 'fix the included INF; `netmigrate inf check` lists every problem');
        throw e;
      }
    }
    return undefined;
  };
}

async function startRegistry(ctx: CommandContext, file: string | undefined, codepage: string): Promise<Registry> {
  if (file === undefined) return new Registry();
  const bytes = await readInput(file, ctx.io.cwd);
  try {
    // Strict: a starting registry with a line skipped would give a wrong result.
    return importRegFile(bytes, { fileName: file, strict: true, codepage }).registry;
  } catch (e) {
    if (!isLocatedError(e)) throw e;
    const message = e.message.startsWith(`${file}:`) ? e.message : formatLocated(e, file);
    throw new CliError(message, EXIT.failure, 'the starting registry must read cleanly: check it with `netmigrate reg dump --strict`');
  }
}

export function registerInfRunCommand(inf: Command, ctx: CommandContext): void {
  inf
    .command('run')
    .description('execute an install section (AddReg, DelReg, AddService, DelService, Include, Needs) against a registry and write the result as a .reg file')
    .argument('<file>', 'INF file')
    .argument('<section>', 'install section to run (case-insensitive); its <section>.Services runs after it')
    .requiredOption('-o, --output <file>', 'resulting registry (.reg, version 5)')
    .option('--registry <file>', 'starting registry (.reg, REGEDIT4 or version 5); empty when not given')
    .option('--hkr <key>', 'key HKR stands for, e.g. the component\'s instance key HKLM\\SYSTEM\\...\\{GUID}\\0001')
    .option('--json', 'print one JSON document (changes and diagnostics) on stdout')
    .option('--lang <langid>', 'language for [Strings.<LangID>], e.g. 0409')
    .option('--codepage <name>', 'single-byte code page of files without a BOM', 'windows-1252')
    .option('--dirid <n=path...>', 'directory of a numeric %DIRID%, e.g. 12=C:\\WINNT\\system32\\drivers (repeatable)', collect, [])
    .option('--include-dir <dir...>', 'also look here for INFs named by Include= (after the INF\'s own directory; repeatable)', collect, [])
    .action(async (file: string, sectionName: string, o: RunFlags) => {
      const doc = await loadDocument(ctx, file, o);
      const registry = await startRegistry(ctx, o.registry, o.codepage);
      let result: { changes: Change[]; diagnostics: SetupDiagnostic[] };
      try {
        result = runInstallSection(doc, sectionName, {
          registry,
          hkr: o.hkr,
          lang: o.lang,
          dirid: diridResolver(o.dirid),
          openInf: includeResolver(ctx, file, o.includeDir, o.codepage),
        });
      } catch (e) {
        if (e instanceof SectionNotFoundError) throw new CliError(e.message, EXIT.failure, 'section names are matched case-insensitively; `netmigrate inf dump` lists them');
        if (e instanceof UnsupportedDirectiveError) throw new CliError(e.message, EXIT.failure, 'the section cannot be run here; nothing was written');
        if (e instanceof InstallError) {
          const hint = e.code === 'unresolved-dirid' ? 'give the directory with --dirid, e.g. --dirid 12=C:\\WINNT\\system32\\drivers' : 'fix the line shown; nothing was written';
          throw new CliError(e.message, EXIT.failure, hint);
        }
        if (e instanceof RangeError) throw new CliError(`--lang ${o.lang ?? ''}: ${e.message}`);
        throw e;
      }
      await writeOutput(o.output, ctx.io.cwd, exportReg(registry, { format: 'regedit5' }));

      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (o.json) {
        printJson(ctx.io, {
          file,
          section: sectionName,
          output: o.output,
          changes: result.changes.map((c) => changeJson(c, file)),
          diagnostics: result.diagnostics.map((d) => ({ ...d, file: d.file ?? file })),
        });
      } else {
        for (const c of result.changes) ctx.io.stdout(`${changeLine(c, file)}\n`);
        for (const d of result.diagnostics) ctx.io.stderr(`${formatLocated({ ...d, message: `${d.severity}: ${d.message} [${d.code}]` }, file)}\n`);
        const summary = `${o.output}: written (${result.changes.length} change${result.changes.length === 1 ? '' : 's'})`;
        ctx.io.stderr(errors.length ? `${summary}; ${errors.length} line${errors.length === 1 ? ' was' : 's were'} skipped with an error\n` : `${summary}\n`);
      }
      ctx.exitCode = errors.length ? EXIT.failure : EXIT.ok;
    });
}
