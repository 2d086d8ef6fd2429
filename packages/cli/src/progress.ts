// Progress of a long command: on a terminal, live with listr2 (a task per phase, a subtask per
// component); elsewhere — a pipe, a log file, CI — one plain line per step; with --json,
// nothing (stdout holds the one document, stderr only errors). Everything goes to stderr.

import type { CliIO } from './io.js';

export type ProgressMode = 'live' | 'lines' | 'quiet';

export interface OutputFlags {
  json?: boolean;
  /** commander's --no-color sets this to false. */
  color?: boolean;
}

/** Colours: --no-color and NO_COLOR switch them off, FORCE_COLOR on, else only on a terminal. */
export function useColor(io: CliIO, flags: OutputFlags): boolean {
  if (flags.color === false) return false;
  if ((io.env.NO_COLOR ?? '') !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stderrIsTTY === true;
}

export function progressMode(io: CliIO, flags: OutputFlags): ProgressMode {
  if (flags.json === true) return 'quiet';
  const ci = io.env.CI;
  if (io.stderrIsTTY === true && (ci === undefined || ci === '' || ci === 'false' || ci === '0')) return 'live';
  return 'lines';
}

const SGR = { green: 32, yellow: 33, red: 31, dim: 2, bold: 1, cyan: 36 } as const;
export type Paint = (style: keyof typeof SGR, text: string) => string;

export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `\u001b[${SGR[style]}m${text}\u001b[0m` : (_style, text) => text;
}

export type StepOutcome = 'ok' | 'warn' | 'fail' | 'skip';

export interface Step {
  readonly id: string;
  readonly title: string;
}

/** One phase on screen: its steps (components) are known when it starts. */
export interface PhaseProgress {
  /** A line about a step (or, without id or with an unknown one, about the phase). */
  note(id: string | undefined, text: string): void;
  /** A step is finished; `title` replaces its title. */
  finish(id: string, outcome: StepOutcome, title?: string): void;
  /** Finishes the phase: steps still open end with `outcome`; resolves when the screen is settled. */
  end(summary: string, outcome?: StepOutcome, open?: StepOutcome): Promise<void>;
}

export interface Progress {
  readonly mode: ProgressMode;
  readonly paint: Paint;
  phase(title: string, steps: readonly Step[]): Promise<PhaseProgress>;
  /** A line outside any phase. */
  line(text: string): void;
}

const MARK: Record<StepOutcome, { mark: string; style: keyof typeof SGR }> = {
  ok: { mark: 'ok', style: 'green' },
  warn: { mark: 'warn', style: 'yellow' },
  fail: { mark: 'FAIL', style: 'red' },
  skip: { mark: 'skip', style: 'dim' },
};

export function createProgress(io: CliIO, flags: OutputFlags): Progress {
  const mode = progressMode(io, flags);
  const paint = painter(useColor(io, flags));
  if (mode === 'quiet') return { mode, paint, phase: () => Promise.resolve(silentPhase()), line: () => undefined };
  if (mode === 'lines') return { mode, paint, phase: (title, steps) => Promise.resolve(linePhase(io, paint, title, steps)), line: (t) => io.stderr(`${t}\n`) };
  return { mode, paint, phase: (title, steps) => livePhase(io, flags, title, steps), line: (t) => io.stderr(`${t}\n`) };
}

function silentPhase(): PhaseProgress {
  return { note: () => undefined, finish: () => undefined, end: () => Promise.resolve() };
}

function linePhase(io: CliIO, paint: Paint, title: string, steps: readonly Step[]): PhaseProgress {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const open = new Set(steps.map((s) => s.id));
  io.stderr(`${paint('bold', title)}\n`);
  const say = (outcome: StepOutcome, text: string) => io.stderr(`  ${paint(MARK[outcome].style, MARK[outcome].mark.padEnd(4))} ${text}\n`);
  return {
    note(id, text) {
      const step = id === undefined ? undefined : byId.get(id);
      io.stderr(step === undefined ? `  ${text}\n` : `  ${paint('dim', '..')}   ${step.title}: ${text}\n`);
    },
    finish(id, outcome, t) {
      if (!open.delete(id)) return;
      say(outcome, t ?? byId.get(id)?.title ?? id);
    },
    end(summary, outcome = 'ok', rest = 'skip') {
      for (const id of [...open]) this.finish(id, rest);
      say(outcome, summary);
      return Promise.resolve();
    },
  };
}

interface Deferred {
  promise: Promise<{ outcome: StepOutcome; title?: string }>;
  resolve: (v: { outcome: StepOutcome; title?: string }) => void;
}

function deferred(): Deferred {
  let resolve!: Deferred['resolve'];
  const promise = new Promise<{ outcome: StepOutcome; title?: string }>((r) => { resolve = r; });
  return { promise, resolve };
}

type OutputTarget = { output: string; title: string };

async function livePhase(io: CliIO, flags: OutputFlags, title: string, steps: readonly Step[]): Promise<PhaseProgress> {
  if (flags.color === false) process.env.NO_COLOR ??= '1';
  // Loaded only when drawing on a terminal: the line and quiet modes never pay for it.
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  const waits = new Map(steps.map((s) => [s.id, deferred()]));
  const wrappers = new Map<string, OutputTarget>();
  const whole = deferred();
  let phaseTask: OutputTarget | undefined;
  const pending: { id: string | undefined; text: string }[] = [];
  const listr = new Listr(
    [
      {
        title,
        task: (_ctx, task) => {
          phaseTask = task;
          const sub = task.newListr(
            steps.map((s) => ({
              title: s.title,
              task: async (_c: unknown, t: OutputTarget & { skip(m?: string): void }) => {
                wrappers.set(s.id, t);
                for (const p of pending.filter((x) => x.id === s.id)) t.output = p.text;
                const r = await (waits.get(s.id) as Deferred).promise;
                if (r.title !== undefined) t.title = r.title;
                if (r.outcome === 'skip') t.skip(r.title);
                if (r.outcome === 'fail') throw new Error(r.title ?? s.title);
              },
            })),
            { concurrent: true, exitOnError: false },
          );
          return sub;
        },
      },
      {
        title: 'waiting for the result',
        task: async (_ctx, task) => {
          const r = await whole.promise;
          task.title = r.title ?? title;
          if (r.outcome === 'fail') throw new Error(r.title);
        },
      },
    ],
    {
      exitOnError: false,
      rendererOptions: {
        collapseSubtasks: false,
        collapseErrors: false,
        showErrorMessage: true,
        logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) }),
      },
    },
  );
  const running = listr.run().catch(() => undefined);
  return {
    note(id, text) {
      const target = id === undefined ? phaseTask : (wrappers.get(id) ?? phaseTask);
      if (target === undefined) pending.push({ id, text });
      else target.output = text;
    },
    finish(id, outcome, t) {
      waits.get(id)?.resolve({ outcome, ...(t === undefined ? {} : { title: t }) });
    },
    async end(summary, outcome = 'ok', rest = 'skip') {
      for (const w of waits.values()) w.resolve({ outcome: rest });
      whole.resolve({ outcome, title: summary });
      await running;
      void io;
    },
  };
}
