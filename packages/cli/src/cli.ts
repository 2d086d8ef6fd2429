import { Command, CommanderError } from 'commander';
import { registerApplyCommand } from './commands/apply.js';
import { registerInfCommands } from './commands/inf.js';
import { registerRegCommands } from './commands/reg.js';
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
  0  success (inf check: clean; reg diff: same)
  1  error (inf check: findings; reg diff: different)
  2  inf check / reg diff only: the check or comparison could not run (missing file, bad usage)`,
    );
  registerInfCommands(program, ctx);
  registerRegCommands(program, ctx);
  registerApplyCommand(program, ctx);

  const wantsJson = argv.includes('--json');
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with a "successful" CommanderError.
      if (e.exitCode === 0) return EXIT.ok;
      return usageExit(argv);
    }
    const err = e instanceof CliError ? e : undefined;
    const message = err ? err.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
    if (wantsJson) {
      printJson(io, { error: { message, hint: err?.hint ?? null } });
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
