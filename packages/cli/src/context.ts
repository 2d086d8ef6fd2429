import type { CliIO } from './io.js';

/** Shared by the commands of one invocation. */
export interface CommandContext {
  io: CliIO;
  /** Set by commands whose success has more than one outcome (check, diff). */
  exitCode: number;
}
