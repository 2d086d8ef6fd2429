// The command's view of the outside world, so tests can run it in-process with
// captured streams and the bin can hand it the real ones.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** True when stdin is an interactive terminal (prompts are allowed). */
  stdinIsTTY: boolean;
  /** True when stderr is a terminal: progress is drawn live there (listr2), else one line per step. */
  stderrIsTTY?: boolean;
  /**
   * Asks the operator one question on the terminal and resolves to the answer line. Only
   * called when `stdinIsTTY`; an IO without it cannot prompt (commands then refuse, as
   * without a terminal).
   */
  prompt?: (question: string) => Promise<string>;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    prompt: async (question) => {
      // Loaded on demand: most runs never ask.
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
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
    stderrIsTTY: false,
    ...overrides,
  };
  return io;
}

/**
 * A scripted terminal for tests: stdin is a TTY and each prompt takes the next answer
 * (the questions asked are kept in `questions`).
 */
export function answeringIO(answers: readonly string[], overrides: Partial<CliIO> = {}): CliIO & { out: string; err: string; questions: string[] } {
  const questions: string[] = [];
  const queue = [...answers];
  const io = memoryIO({
    stdinIsTTY: true,
    prompt: (q) => {
      questions.push(q);
      io.err += q;
      const answer = queue.shift();
      if (answer === undefined) return Promise.reject(new Error(`unexpected question: ${q}`));
      io.err += `${answer}\n`;
      return Promise.resolve(answer);
    },
    ...overrides,
  });
  return Object.assign(io, { questions });
}
