// `netmigrate apply <winnt.sif> --target <dir>`: text mode and GUI mode against a target
// system directory (created from the Windows 2000 baseline when new), then the target's
// registry exported as a version-5 .reg file.

import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ApplyResult } from '@netmigrate/core';
import { exportReg, type RegDiffEntry } from '@netmigrate/registry';
import type { CommandContext } from '../context.js';
import { CliError, EXIT, formatLocated } from '../errors.js';
import { readInput, writeOutput } from '../files.js';
import { printJson } from '../output.js';
import { typeName, typedData } from './reg.js';

interface ApplyFlags {
  target: string;
  work?: string;
  output?: string;
  json?: boolean;
  inProcess?: boolean;
  attended?: boolean;
}

const change = (d: RegDiffEntry) => ({
  kind: d.kind,
  key: d.path,
  ...(d.name === undefined ? {} : { name: d.name }),
  ...(d.before === undefined ? {} : { before: { type: typeName(d.before.type), data: typedData(d.before) } }),
  ...(d.after === undefined ? {} : { after: { type: typeName(d.after.type), data: typedData(d.after) } }),
});

/** The JSON document of `apply --json`. */
export function applyDocument(r: ApplyResult, regFile: string | undefined): Record<string, unknown> {
  return {
    status: r.status,
    target: r.target.dir,
    winntInf: r.winntInfPath ?? null,
    registryStore: r.target.registryFile,
    regFile: regFile ?? null,
    answerFileSha256: r.answerFileSha256,
    components: r.components,
    instanceGuids: r.instanceGuids,
    changes: r.changes.map(change),
    failure: r.failure ?? null,
    durationMs: Math.round(r.durationMs),
  };
}

export function registerApplyCommand(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('text mode and GUI mode: apply a committed answer file (winnt.sif) to a target system directory')
    .argument('<winnt.sif>', 'the answer file the Winnt32 phase committed (netmigrate upgrade)')
    .requiredOption('--target <dir>', 'the target system directory; created from the Windows 2000 baseline when it has no registry yet')
    .option('--work <dir>', 'where the plugins\' working directories (oem0001…) are now, if they moved')
    .option('-o, --output <file>', 'where to export the target registry as a version-5 .reg (default <target>/registry.reg)')
    .option('--json', 'print one JSON document on stdout')
    .option('--in-process', 'run plugin hooks in this process instead of the sandbox (trusted plugins only)')
    .option('--attended', 'a user is present: plugins may ask (default: unattended)')
    .action(async (answerFile: string, o: ApplyFlags) => {
      const cwd = ctx.io.cwd;
      await readInput(answerFile, cwd); // the file must exist and be readable: say so plainly
      // Loaded here, not at start: `netmigrate --version` and the inspection commands stay fast.
      const { applyAnswerFile, TargetSystemError } = await import('@netmigrate/core');
      let result: ApplyResult;
      try {
        result = await applyAnswerFile({
          answerFile: resolve(cwd, answerFile),
          target: resolve(cwd, o.target),
          ...(o.work === undefined ? {} : { workDir: resolve(cwd, o.work) }),
          unattended: o.attended !== true,
          host: o.inProcess === true ? 'in-process' : 'sandbox',
        });
      } catch (e) {
        if (e instanceof TargetSystemError) throw new CliError(e.message, EXIT.failure, 'point --target at an empty directory or at one netmigrate apply created');
        throw e;
      }
      let regFile: string | undefined;
      if (result.status !== 'failed') {
        regFile = resolve(cwd, o.output ?? join(result.target.dir, 'registry.reg'));
        await writeOutput(regFile, cwd, exportReg(await result.target.openRegistry(), { format: 'regedit5' }));
      }
      if (o.json) printJson(ctx.io, applyDocument(result, regFile));
      else print(ctx, result, regFile);
      ctx.exitCode = result.status === 'failed' ? EXIT.failure : EXIT.ok;
    });
}

function print(ctx: CommandContext, r: ApplyResult, regFile: string | undefined): void {
  const out = (s: string) => ctx.io.stderr(`${s}\n`);
  for (const c of r.components) {
    out(`${c.status.padEnd(13)} ${c.key} (${c.infId})${c.instanceKey === undefined ? '' : ` → ${c.instanceKey}`}`);
    for (const s of c.steps) out(`              ${s}`);
  }
  if (r.status === 'already-applied') out(`already applied: ${r.target.dir} holds this answer file's result; nothing changed`);
  if (r.status === 'failed' && r.failure !== undefined) {
    const f = r.failure;
    const who = [f.component && `component ${f.component}`, f.plugin && `plugin ${f.plugin}`, f.hook && `hook ${f.hook}`].filter(Boolean).join(', ');
    out(`netmigrate: apply failed in ${f.step}${who === '' ? '' : ` (${who})`}`);
    out(`  ${f.line === undefined ? f.message : formatLocated({ ...f, message: f.message.replace(/^\S+:\d+:\d+: /, '') })}`);
    out(`  the target registry was left as it was before the run (${r.target.registryFile})`);
    out('  what to do: fix the answer file, the plugin or its INF named above and run apply again');
    return;
  }
  out(`${r.changes.length} registry change(s) in ${Math.round(r.durationMs)} ms`);
  ctx.io.stdout(`$Winnt$.inf:     ${r.winntInfPath ?? '(none)'}\n`);
  ctx.io.stdout(`target registry: ${r.target.registryFile}\n`);
  ctx.io.stdout(`exported .reg:   ${regFile ?? '(none)'}\n`);
}
