import type { Command } from 'commander';
import {
  diffRegistries,
  importRegFile,
  REG_DWORD,
  REG_EXPAND_SZ,
  REG_MULTI_SZ,
  REG_QWORD,
  REG_SZ,
  type Registry,
  type RegistryKeyView,
  type RegValue,
  type RegDiagnostic,
} from '@netmigrate/registry';
import type { CommandContext } from '../context.js';
import { CliError, EXIT, formatLocated, isLocatedError } from '../errors.js';
import { printJson } from '../output.js';
import { readInput, writeOutput } from '../files.js';
import { convertRegFile } from '../reg-convert.js';

const TYPE_NAMES = [
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_LINK',
  'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTOR', 'REG_RESOURCE_REQUIREMENTS_LIST', 'REG_QWORD',
];

export function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `type ${type} (0x${type.toString(16)})`;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(',');
}

/** A value's data in the most useful typed form; falls back to hex when the bytes do not fit the type. */
export function typedData(v: RegValue): unknown {
  try {
    switch (v.type) {
      case REG_SZ: return v.asString();
      case REG_EXPAND_SZ: return v.asExpandString();
      case REG_MULTI_SZ: return v.asMultiString();
      case REG_DWORD: return v.asDword();
      case REG_QWORD: return v.asQword().toString();
      default: return hex(v.data);
    }
  } catch {
    return hex(v.data);
  }
}

function describe(v: RegValue): string {
  const data = typedData(v);
  switch (v.type) {
    case REG_DWORD: return typeof data === 'number' ? `0x${data.toString(16).padStart(8, '0')} (${data})` : String(data);
    case REG_SZ:
    case REG_EXPAND_SZ: return typeof data === 'string' ? JSON.stringify(data) : String(data);
    case REG_MULTI_SZ: return Array.isArray(data) ? `[${data.map((s) => JSON.stringify(s)).join(', ')}]` : String(data);
    default: return String(data);
  }
}

function* walk(key: RegistryKeyView): Generator<RegistryKeyView> {
  yield key;
  for (const sub of key.subkeys()) yield* walk(sub);
}

async function load(ctx: CommandContext, file: string, o: { strict?: boolean; codepage?: string }, troubleExit: number = EXIT.failure) {
  const bytes = await readInput(file, ctx.io.cwd).catch((e: unknown) => {
    throw e instanceof CliError ? new CliError(e.message, troubleExit, e.hint) : e;
  });
  try {
    return importRegFile(bytes, { fileName: file, strict: o.strict ?? false, codepage: o.codepage });
  } catch (e) {
    if (isLocatedError(e)) throw new CliError(formatLocated(e, file), troubleExit, 'without --strict the line is skipped with a warning, as `reg import` does');
    throw e;
  }
}

function reportWarnings(ctx: CommandContext, file: string, warnings: readonly RegDiagnostic[]): void {
  for (const w of warnings) ctx.io.stderr(`${formatLocated({ ...w, message: `${w.severity}: ${w.message}` }, file)}\n`);
}

function selectRoots(registry: Registry, keyPath: string | undefined, file: string): RegistryKeyView[] {
  if (keyPath === undefined) return registry.roots();
  const key = registry.key(keyPath);
  if (!key) throw new CliError(`${file}: no key ${keyPath}`, EXIT.failure, 'key paths accept full (HKEY_LOCAL_MACHINE) or short (HKLM) root names');
  return [key];
}

export function registerRegCommands(program: Command, ctx: CommandContext): void {
  const reg = program.command('reg').description('read, convert and compare .reg files (REGEDIT4 and version 5)');

  reg
    .command('dump')
    .description('print the registry a .reg file describes (skipped lines are warned about on stderr)')
    .argument('<file>', '.reg file (REGEDIT4 or Windows Registry Editor Version 5.00)')
    .option('--json', 'print one JSON document on stdout')
    .option('--key <path>', 'only this key and its subkeys')
    .option('--strict', 'stop at the first bad line instead of skipping it')
    .option('--codepage <name>', 'code page of ANSI files', 'windows-1252')
    .action(async (file: string, o: { json?: boolean; key?: string; strict?: boolean; codepage: string }) => {
      const { registry, file: parsed } = await load(ctx, file, o);
      reportWarnings(ctx, file, parsed.warnings);
      const roots = selectRoots(registry, o.key, file);
      const keys = roots.flatMap((r) => [...walk(r)]).filter((k) => k.path.includes('\\') || k.values().length > 0 || k.subkeys().length > 0);
      if (o.json) {
        printJson(ctx.io, {
          format: parsed.format,
          encoding: parsed.encoding,
          warnings: parsed.warnings.map((w) => ({ ...w, file: w.file ?? file })),
          keys: keys.map((k) => ({
            path: k.path,
            values: k.values().map((v) => ({ name: v.name, type: v.type, typeName: typeName(v.type), data: typedData(v), raw: hex(v.data) })),
          })),
        });
        return;
      }
      for (const k of keys) {
        ctx.io.stdout(`[${k.path}]\n`);
        for (const v of k.values()) ctx.io.stdout(`  ${v.name === '' ? '@' : JSON.stringify(v.name)} ${typeName(v.type)} = ${describe(v)}\n`);
      }
    });

  reg
    .command('convert')
    .description('rewrite a .reg file in the other format, keeping every key, value and deletion')
    .argument('<in>', 'input .reg file')
    .requiredOption('--to <format>', 'regedit4 (ANSI) or regedit5 (UTF-16LE)')
    .requiredOption('-o, --output <file>', 'output .reg file')
    .option('--strict', 'stop at the first bad input line instead of skipping it')
    .option('--codepage <name>', 'code page of ANSI input and output', 'windows-1252')
    .action(async (input: string, o: { to: string; output: string; strict?: boolean; codepage: string }) => {
      if (o.to !== 'regedit4' && o.to !== 'regedit5') throw new CliError(`--to ${o.to}: expected regedit4 or regedit5`);
      const { file: parsed } = await load(ctx, input, o);
      reportWarnings(ctx, input, parsed.warnings);
      let bytes: Uint8Array;
      try {
        bytes = convertRegFile(parsed, { format: o.to, codepage: o.codepage });
      } catch (e) {
        throw new CliError(`${input}: ${(e as Error).message}`, EXIT.failure, o.to === 'regedit4' ? 'REGEDIT4 files are ANSI; keep such values in a version 5 file (--to regedit5)' : undefined);
      }
      await writeOutput(o.output, ctx.io.cwd, bytes);
      ctx.io.stderr(`${o.output}: written (${o.to}, ${parsed.operations.length} operations)\n`);
    });

  reg
    .command('diff')
    .description('compare the registries two .reg files describe (exit 0 same, 1 different, 2 could not compare)')
    .argument('<a>', 'first .reg file')
    .argument('<b>', 'second .reg file')
    .option('--json', 'print one JSON document on stdout')
    .option('--key <path>', 'only compare this key and its subkeys')
    .option('--codepage <name>', 'code page of ANSI files', 'windows-1252')
    .action(async (a: string, b: string, o: { json?: boolean; key?: string; codepage: string }) => {
      const left = await load(ctx, a, o, EXIT.trouble);
      const right = await load(ctx, b, o, EXIT.trouble);
      reportWarnings(ctx, a, left.file.warnings);
      reportWarnings(ctx, b, right.file.warnings);
      const diff = diffRegistries(left.registry, right.registry, o.key ? { keys: [o.key] } : undefined);
      if (o.json) {
        printJson(ctx.io, {
          same: diff.length === 0,
          changes: diff.map((d) => ({
            kind: d.kind,
            path: d.path,
            name: d.name ?? null,
            before: d.before ? { type: d.before.type, typeName: typeName(d.before.type), data: typedData(d.before) } : null,
            after: d.after ? { type: d.after.type, typeName: typeName(d.after.type), data: typedData(d.after) } : null,
          })),
        });
      } else {
        for (const d of diff) {
          const where = d.name === undefined ? `[${d.path}]` : `[${d.path}] ${d.name === '' ? '@' : JSON.stringify(d.name)}`;
          switch (d.kind) {
            case 'keyAdded': ctx.io.stdout(`+ ${where}\n`); break;
            case 'keyRemoved': ctx.io.stdout(`- ${where}\n`); break;
            case 'valueAdded': ctx.io.stdout(`+ ${where} ${d.after ? `${typeName(d.after.type)} = ${describe(d.after)}` : ''}\n`); break;
            case 'valueRemoved': ctx.io.stdout(`- ${where} ${d.before ? `${typeName(d.before.type)} = ${describe(d.before)}` : ''}\n`); break;
            case 'valueChanged': ctx.io.stdout(`~ ${where} ${d.before ? `${typeName(d.before.type)} = ${describe(d.before)}` : ''} -> ${d.after ? `${typeName(d.after.type)} = ${describe(d.after)}` : ''}\n`); break;
          }
        }
        if (diff.length === 0) ctx.io.stderr('same registry\n');
      }
      ctx.exitCode = diff.length === 0 ? EXIT.ok : EXIT.failure;
    });
}
