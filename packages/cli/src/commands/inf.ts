import type { Command } from 'commander';
import { createSubstituter, formatLine, parseInf, type InfDiagnostic, type InfDocument } from '@netmigrate/inf';
import { CliError, EXIT, formatLocated, isLocatedError } from '../errors.js';
import { readInput, writeOutput } from '../files.js';
import { printJson } from '../output.js';
import type { CommandContext } from '../context.js';
import { registerInfRunCommand } from './inf-run.js';

interface ParseFlags {
  codepage?: string;
}

export async function loadDocument(ctx: CommandContext, file: string, flags: ParseFlags & { strict?: boolean }): Promise<InfDocument> {
  const bytes = await readInput(file, ctx.io.cwd);
  try {
    return parseInf(bytes, { fileName: file, codepage: flags.codepage, strict: flags.strict ?? false });
  } catch (e) {
    if (isLocatedError(e)) throw new CliError(formatLocated(e, file), EXIT.failure, 'fix the line shown; `netmigrate inf check` lists every problem');
    throw e;
  }
}

/** `--dirid 10=C:\WINNT` pairs → a resolver for numeric %DIRID% tokens. */
export function diridResolver(pairs: string[]): ((id: number) => string | undefined) | undefined {
  if (pairs.length === 0) return undefined;
  const map = new Map<number, string>();
  for (const p of pairs) {
    const m = /^(\d+)=(.*)$/s.exec(p);
    if (!m) throw new CliError(`--dirid ${p}: expected NUMBER=PATH, e.g. --dirid 11=C:\\WINNT\\system32`);
    map.set(Number(m[1]), m[2] ?? '');
  }
  return (id) => map.get(id);
}

export function registerInfCommands(program: Command, ctx: CommandContext): void {
  const inf = program.command('inf').description('inspect and edit INF / answer files (winnt.sif, netmap.inf, vendor INFs) without losing a byte');

  inf
    .command('dump')
    .description('print every section and entry (fields after quote processing and %string% substitution)')
    .argument('<file>', 'INF or answer file')
    .option('--json', 'print one JSON document on stdout')
    .option('--section <name>', 'only this section (case-insensitive)')
    .option('--lang <langid>', 'language for [Strings.<LangID>], e.g. 0409')
    .option('--codepage <name>', 'single-byte code page of files without a BOM', 'windows-1252')
    .option('--dirid <n=path...>', 'value for a numeric %DIRID% token (repeatable)', collect, [])
    .action(async (file: string, o: { json?: boolean; section?: string; lang?: string; codepage: string; dirid: string[] }) => {
      const doc = await loadDocument(ctx, file, o);
      const sub = createSubstituter(doc, { lang: o.lang, dirid: diridResolver(o.dirid) });
      let sections = doc.sections();
      if (o.section !== undefined) {
        const wanted = o.section.toLowerCase();
        sections = sections.filter((s) => s.name.toLowerCase() === wanted);
        if (sections.length === 0) throw new CliError(`${file}: no section [${o.section}]`, EXIT.failure, 'section names are matched case-insensitively; `netmigrate inf dump` lists them all');
      }
      const view = sections.map((s) => ({
        name: s.name,
        lines: s.lines().map((l) => ({
          line: l.line,
          key: l.key === null ? null : sub.substitute(l.key),
          fields: l.fields.map((f) => sub.substitute(f)),
          implicitKey: l.implicitKey,
        })),
      }));
      if (o.json) {
        printJson(ctx.io, { sections: view.map((s) => ({ name: s.name, lines: s.lines.map(({ line, key, fields }) => ({ line, key, fields })) })) });
        return;
      }
      for (const s of view) {
        ctx.io.stdout(`[${s.name}]\n`);
        // A bare single-field line reports its field as its key too (SetupAPI); print it as written.
        for (const l of s.lines) ctx.io.stdout(`${String(l.line).padStart(6)}  ${formatLine(l.implicitKey ? null : l.key, l.fields)}\n`);
        ctx.io.stdout('\n');
      }
    });

  inf
    .command('check')
    .description('report problems as file:line:col (exit 0 clean, 1 findings, 2 could not check)')
    .argument('<file>', 'INF or answer file')
    .option('--strict', 'also report what SetupAPI would silently drop or alter (lint)')
    .option('--json', 'print one JSON document on stdout')
    .option('--codepage <name>', 'single-byte code page of files without a BOM', 'windows-1252')
    .action(async (file: string, o: { strict?: boolean; json?: boolean; codepage: string }) => {
      const bytes = await readInput(file, ctx.io.cwd).catch((e: unknown) => {
        throw e instanceof CliError ? new CliError(e.message, EXIT.trouble, e.hint) : e;
      });
      let findings: InfDiagnostic[];
      try {
        const doc = parseInf(bytes, { fileName: file, codepage: o.codepage, strict: o.strict ?? false });
        findings = [...doc.findings];
      } catch (e) {
        if (!isLocatedError(e)) throw e;
        const err = e as Error & { line: number; column?: number; code?: string };
        findings = [{ file, line: err.line, column: err.column ?? 1, severity: 'error', code: err.code ?? 'SYNTAX', message: err.message }];
      }
      if (o.json) {
        printJson(ctx.io, { file, strict: Boolean(o.strict), clean: findings.length === 0, findings: findings.map((f) => ({ ...f, file: f.file ?? file })) });
      } else {
        for (const f of findings) ctx.io.stdout(`${formatLocated({ ...f, message: `${f.severity}: ${f.message} [${f.code}]` }, file)}\n`);
        if (findings.length === 0) ctx.io.stderr(`${file}: clean${o.strict ? ' (strict)' : ''}\n`);
      }
      ctx.exitCode = findings.length === 0 ? EXIT.ok : EXIT.failure;
    });

  inf
    .command('set')
    .description('set KEY=VALUE in a section; every other byte of the file stays identical')
    .argument('<file>', 'INF or answer file to edit')
    .requiredOption('--section <name>', 'section (created at the end of the file when missing)')
    .requiredOption('--key <key>', 'entry key (replaced when present, appended when new)')
    .requiredOption('--value <value>', 'value, quoted and escaped as needed')
    .option('-o, --output <file>', 'write here instead of editing the file in place')
    .option('--codepage <name>', 'single-byte code page of files without a BOM', 'windows-1252')
    .action(async (file: string, o: { section: string; key: string; value: string; output?: string; codepage: string }) => {
      const doc = await loadDocument(ctx, file, o);
      try {
        doc.setValue(o.section, o.key, o.value);
      } catch (e) {
        throw new CliError(`${file}: cannot set [${o.section}] ${o.key}: ${(e as Error).message}`);
      }
      await writeOutput(o.output ?? file, ctx.io.cwd, doc.toBytes());
      ctx.io.stderr(`${o.output ?? file}: [${o.section}] ${o.key} set\n`);
    });

  registerInfRunCommand(inf, ctx);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

