import { Command, CommanderError } from 'commander';
import { registerApplyCommand } from './commands/apply.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerInfCommands } from './commands/inf.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerPluginsCommands } from './commands/plugins.js';
import { registerRegCommands } from './commands/reg.js';
import { registerReportCommand } from './commands/report.js';
import { registerUpgradeCommand } from './commands/upgrade.js';
import type { CommandContext } from './context.js';
import { CliError, EXIT } from './errors.js';
import type { CliIO } from './io.js';
import { printJson } from './output.js';
import { VERSION } from './version.js';

/**
 * Runs one invocation of `netmigrate` and returns its exit code. Never calls
 * process.exit, so tests run it in-process with captured output.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT.ok };
  const program = new Command('netmigrate')
    .description('Migrate NT 3.51/4.0 network component configuration across the Windows 2000 upgrade')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces with errors')
    .option('--no-color', 'plain output without colours (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      'after',
      `
Exit codes:
  0  success (inf check: clean; reg diff: same; plan: no changes or no --detailed-exitcode)
  1  error: what, where and what to do are on stderr, or in the --json document
     (inf check: findings; reg diff: different; upgrade: not confirmed or refused without a terminal;
     plan: a component failed; plugins check: a plugin failed a check)
  2  plan --detailed-exitcode: changes pending;
     inf check / reg diff: the check or comparison could not run (missing file, bad usage)

Environment: NO_COLOR / FORCE_COLOR / --no-color for colours; CI (or no terminal) for one line per step;
NETUPGRD_INIT_FILE_DIR / NET_UPGRD_INIT_FILE_DIR for vendor files when plan/upgrade get none.`,
    );
  registerPlanCommand(program, ctx);
  registerUpgradeCommand(program, ctx);
  registerApplyCommand(program, ctx);
  registerReportCommand(program, ctx);
  registerPluginsCommands(program, ctx);
  registerDemoCommand(program, ctx);
  registerInfCommands(program, ctx);
  registerRegCommands(program, ctx);

  const wantsJson = argv.includes('--json');
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with a "successful" CommanderError.
      if (e.exitCode === 0) return EXIT.ok;
      // Usage errors too are one JSON document when --json was asked for (commander said it on stderr).
      if (wantsJson) printJson(io, { error: { message: e.message.replace(/^error: /, ''), hint: 'run with --help for usage' } });
      return usageExit(argv);
    }
    const err = e instanceof CliError ? e : undefined;
    const message = err ? err.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
    if (wantsJson) {
      printJson(io, { error: { message, hint: err?.hint ?? null, ...(debug && e instanceof Error && e.stack ? { stack: e.stack } : {}) } });
    }
    io.stderr(`netmigrate: ${message}\n`);
    if (err?.hint) io.stderr(`  what to do: ${err.hint}\n`);
    if (!err && !debug) io.stderr('  (this is a bug in netmigrate; run again with --debug and report the stack)\n');
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return err?.exitCode ?? EXIT.failure;
  }
}

/** Usage errors: 2 for the commands whose exit 1 means "findings/different", else 1. */
function usageExit(argv: readonly string[]): number {
  const words = argv.filter((a) => !a.startsWith('-'));
  const twoLevel = `${words[0] ?? ''} ${words[1] ?? ''}`;
  return twoLevel === 'inf check' || twoLevel === 'reg diff' ? EXIT.trouble : EXIT.failure;
}
