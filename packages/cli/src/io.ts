// The command's view of the outside world, so tests can run it in-process with
// captured streams and the bin can hand it the real ones.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** True when stdin is an interactive terminal (prompts are allowed). */
  stdinIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}

/** Collects output in memory; used by tests and by commands that build on other commands. */
export function memoryIO(overrides: Partial<CliIO> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) { io.out += t; },
    stderr(t: string) { io.err += t; },
    cwd: process.cwd(),
    env: {} as Record<string, string | undefined>,
    stdinIsTTY: false,
    ...overrides,
  };
  return io;
}
