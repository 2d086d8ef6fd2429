import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerFileReader } from '../answer/reader.js';
import { replayOps } from '../answer/recorder.js';
import { PluginLoadError } from '../contract/errors.js';
import type { PluginDescription } from '../contract/manifest.js';
import { normalizeHookResult, type HookResult } from '../contract/results.js';
import type { LogEntry } from '../contract/tokens.js';
import { resolvePluginUrl } from '../loader/resolve.js';
import { validateRegistryOps, type RegistryWriteOp } from '../registry/ops.js';
import { viewFromTree } from '../registry/tree.js';
import type { RegistryKeyView } from '../registry/view.js';
import { sandboxEnv, sandboxExecArgv, workingDirProblem } from './child-flags.js';
import { PluginHookFailure, SandboxLostError, type FailureInfo, type FailurePhase } from './failures.js';
import type { HookCall } from './hook-call.js';
import {
  callComponent, checkCall, DEFAULT_LIMITS, EMPTY_REGISTRY, type CallOptions, type HookCallOutcome, type HostLimits, type HostStartOptions, type PluginHost,
} from './host.js';
import type { ChildMessage, ParentMessage } from './protocol.js';
import { sandboxRunner, sandboxRunnerForPlugin, type SandboxRunner } from './runner-path.js';

interface Pending {
  readonly hook: FailurePhase;
  readonly component: string | undefined;
  readonly id: number | undefined;
  readonly timeoutMs: number;
  readonly timer: NodeJS.Timeout;
  resolve(message: ChildMessage): void;
  reject(error: Error): void;
}

const OOM_MARKERS = /heap out of memory|Reached heap limit|Allocation failed/i;
const STDERR_TAIL = 8192;
const STOP_GRACE_MS = 2000;

/**
 * Runs one plugin's hooks in a child Node process under the permission model. The child
 * validates writer and registry calls itself, so plugin code gets AnswerFileError or
 * RegistryCallError at the call; this side checks everything the child returns again before
 * handing it on.
 */
export class SandboxedPluginHost implements PluginHost {
  private readonly limits: Required<HostLimits>;
  private child: ChildProcess | undefined;
  private closed: Promise<void> = Promise.resolve();
  private dead = true;
  private pending: Pending | undefined;
  private stderrTail = '';
  private label = '';
  private workingDir = '';
  private registry: RegistryKeyView | undefined;
  private hasAnswerFile = false;
  private description: PluginDescription | undefined;
  private nextId = 1;
  private startLogList: readonly LogEntry[] = [];
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  private late: FailureInfo | undefined;
  private lastRunner: SandboxRunner | undefined;

  /**
   * `runnerFor` chooses the script each process runs. The default, sandboxRunner(), takes the
   * one-file bundle when it is current and child-main.js otherwise; tests pass another to run
   * the fallback on purpose.
   */
  constructor(limits: HostLimits = {}, private readonly runnerFor: () => SandboxRunner = sandboxRunner) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get alive(): boolean {
    return !this.dead;
  }

  get startLogs(): readonly LogEntry[] {
    return this.startLogList;
  }

  /** What the current (or last) sandbox process runs: the one-file bundle, or child-main.js and why. */
  get runner(): SandboxRunner | undefined {
    return this.lastRunner;
  }

  /** An error the child reported outside any call, just before it exited. */
  get lateFailure(): FailureInfo | undefined {
    return this.late;
  }

  /**
   * Forks and boots the sandbox process for `workingDir` ahead of time, so that `start` only
   * has to load the plugin. Node's own start-up is most of a cold start; an engine that knows
   * its plugins' working directories can prepare every sandbox in parallel.
   */
  async prepare(workingDir: string): Promise<void> {
    if (this.child !== undefined) throw new Error(`the sandbox host already has a process (${this.label || 'prepared'}); stop() it first`);
    const planned = plannedWorkingDir(workingDir);
    this.spawn(planned.dir, undefined, planned.exists);
    await Promise.race([this.ready, this.closed]);
    if (this.dead) throw new Error(`the sandbox process for ${workingDir} exited while booting: ${this.stderrTail.trim() || 'no output'}`);
  }

  async start(module: string, options: HostStartOptions): Promise<PluginDescription> {
    if (this.description !== undefined) throw new Error(`the sandbox host already runs ${this.label}; stop() it first`);
    const resolveFrom = resolve(options.resolveFrom ?? process.cwd());
    // A missing module is refused before anything is forked.
    const pluginFile = fileURLToPath(resolvePluginUrl({ module, resolveFrom }));
    const workingDir = realWorkingDir(options.workingDir);
    // Text SetupAPI could not open is the engine's error: refused here, before any fork.
    if (options.answerFileText !== undefined) answerFileReader(options.answerFileText);
    if (this.child !== undefined && (this.dead || this.workingDir !== workingDir)) {
      throw new Error(`the sandbox was prepared for ${this.workingDir}${this.dead ? ' and has exited' : ''}, not for ${workingDir}; stop() it and start again`);
    }
    if (this.child !== undefined && this.lastRunner?.bundled === true && !sandboxRunnerForPlugin(this.lastRunner, pluginFile).bundled) {
      // Booted with the bundle, but this plugin's core is another installation: boot child-main.js.
      await this.stop();
    }
    this.label = module;
    const registry = options.registry ?? EMPTY_REGISTRY;
    this.registry = viewFromTree(registry);
    this.hasAnswerFile = options.answerFileText !== undefined;
    this.late = undefined;
    if (this.child === undefined) this.spawn(workingDir, pluginFile);
    let reply: ChildMessage;
    try {
      reply = await this.request(
        {
          type: 'start',
          module,
          resolveFrom,
          workingDir,
          options: options.options,
          upgradeInfo: options.upgradeInfo,
          unattended: options.unattended,
          registry,
          answerFileText: options.answerFileText,
        },
        { hook: 'load', component: undefined, id: undefined, timeoutMs: this.limits.startTimeoutMs },
      );
    } catch (e) {
      await this.stop();
      throw e;
    }
    if (reply.type === 'load-failed') {
      this.startLogList = reply.logs;
      await this.stop();
      throw new PluginLoadError(reply.error.plugin, reply.error.problem, reply.error.fix);
    }
    if (reply.type !== 'started') throw new Error(`sandbox protocol: unexpected ${reply.type} in answer to start`);
    this.startLogList = reply.logs;
    this.description = reply.description;
    this.label = JSON.stringify(reply.description.name);
    return reply.description;
  }

  async call(call: HookCall, options: CallOptions = {}): Promise<HookCallOutcome> {
    if (this.dead || this.registry === undefined || this.description === undefined) {
      throw new Error(`the sandbox of plugin ${this.label || '(none)'} is not running; start it again before calling ${call.hook}`);
    }
    if (this.pending !== undefined) throw new Error('the sandbox takes one call at a time');
    checkCall({ registry: this.registry, hooks: this.description.hooks, hasAnswerFile: this.hasAnswerFile, label: this.label }, call);
    const component = callComponent(call);
    const id = this.nextId++;
    const reply = await this.request(
      { type: 'call', id, call },
      { hook: call.hook, component, id, timeoutMs: options.timeoutMs ?? this.limits.hookTimeoutMs },
    );
    if (reply.type !== 'result') throw new Error(`sandbox protocol: unexpected ${reply.type} in answer to a call`);
    return { ...this.distrust(call, reply.output, component, reply.logs), logs: reply.logs };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    if (!this.dead) {
      child.send({ type: 'stop' } satisfies ParentMessage, () => undefined);
      const grace = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await this.closed;
      clearTimeout(grace);
    } else {
      child.kill('SIGKILL');
      await this.closed;
    }
    this.child = undefined;
    this.description = undefined;
  }

  /**
   * `exists: false` boots ahead for a working directory the engine has yet to create: the
   * child starts in its parent directory (it may not write there) and moves in at `start`,
   * by which time the directory exists. The grant is then `<dir>/*` (everything below the
   * directory, nothing next to it): Node 20 decides at start-up whether a granted path is a
   * directory, and grants one that does not exist yet as a file.
   */
  private spawn(workingDir: string, pluginFile?: string, exists = true): void {
    this.workingDir = workingDir;
    this.stderrTail = '';
    this.ready = new Promise((done) => {
      this.markReady = done;
    });
    const runner = pluginFile === undefined ? this.runnerFor() : sandboxRunnerForPlugin(this.runnerFor(), pluginFile);
    this.lastRunner = runner;
    const child = fork(runner.path, [], {
      cwd: exists ? workingDir : dirname(workingDir),
      env: sandboxEnv(),
      execArgv: [...sandboxExecArgv(exists ? workingDir : `${workingDir}${sep}*`, this.limits.memoryLimitMb), ...runner.execArgv],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.dead = false;
    child.stdout?.resume();
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    child.on('message', (message: ChildMessage) => this.onMessage(message));
    // 'close' comes after the stdio pipes drained, so an out-of-memory report is complete.
    this.closed = new Promise((done) => child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      this.onExit(code, signal);
      done();
    }));
    child.on('error', (error) => {
      this.stderrTail += `\n${error.message}`;
    });
  }

  private request(message: ParentMessage, at: Omit<Pending, 'timer' | 'resolve' | 'reject'>): Promise<ChildMessage> {
    return new Promise((resolveReply, reject) => {
      const timer = setTimeout(() => this.onTimeout(), at.timeoutMs);
      this.pending = { ...at, timer, resolve: resolveReply, reject };
      this.child?.send(message, (error) => {
        if (error) this.fail({ kind: 'crash', detail: `the sandbox process could not be reached: ${error.message}` }, true);
      });
    });
  }

  private onMessage(message: ChildMessage): void {
    if (message.type === 'ready') {
      this.markReady();
      return;
    }
    const pending = this.pending;
    if (message.type === 'fatal') {
      this.dead = true;
      // A fatal error belongs to the request the child was working on; loading has no id.
      const ours = pending !== undefined && message.id === pending.id;
      if (!ours) {
        this.late = message.error;
        if (pending !== undefined) {
          this.settle();
          pending.reject(new SandboxLostError(`the sandbox of plugin ${this.label} died of an earlier error before it ran ${pending.hook}: ${message.error.detail}`));
        }
        return;
      }
      this.fail(message.error, true, message.logs);
      return;
    }
    if (pending === undefined || ('id' in message && message.id !== pending.id)) return;
    if (message.type === 'failed') {
      this.fail(message.error, false, message.logs);
      return;
    }
    this.settle();
    pending.resolve(message);
  }

  private onTimeout(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.child?.kill('SIGKILL');
    const what = pending.hook === 'load' ? 'loading the plugin' : 'the hook';
    this.fail({ kind: 'timeout', detail: `${what} did not finish within ${pending.timeoutMs} ms; the sandbox process was killed (SIGKILL)` }, true);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    if (this.pending === undefined) return;
    const stderr = this.stderrTail.trim();
    if (OOM_MARKERS.test(stderr)) {
      this.fail({ kind: 'out-of-memory', detail: `the plugin ran out of memory (heap limit ${this.limits.memoryLimitMb} MB); the sandbox process died` }, true);
      return;
    }
    const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    const lastLine = stderr.split('\n').filter((l) => l.trim() !== '').pop();
    this.fail({ kind: 'crash', detail: `the sandbox process ${how}${lastLine === undefined ? '' : ` (stderr: ${lastLine.trim()})`}` }, true);
  }

  private fail(info: FailureInfo, died: boolean, logs: readonly LogEntry[] = []): void {
    const pending = this.pending;
    if (pending === undefined) return;
    if (died) this.dead = true;
    this.settle();
    pending.reject(new PluginHookFailure({ ...info, plugin: this.label, hook: pending.hook, component: pending.component, sandboxDied: died, logs }));
  }

  private settle(): void {
    if (this.pending !== undefined) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  /** The child is plugin territory: its answer is checked again as if it came from outside. */
  private distrust(call: HookCall, output: { result: HookResult; ops: unknown; registryOps?: unknown }, component: string | undefined, logs: readonly LogEntry[]) {
    const description = this.description as PluginDescription;
    const failure = (kind: 'invalid-writer-op' | 'invalid-result', detail: string) =>
      new PluginHookFailure({ kind, detail, plugin: this.label, hook: call.hook, component, sandboxDied: false, logs });
    let ops;
    try {
      ops = call.hook === 'DoPreUpgradeProcessing' ? replayOps(output.ops, call.sections) : replayOps(output.ops, { taken: [], owned: [] });
      if (call.hook !== 'DoPreUpgradeProcessing' && ops.length > 0) throw new TypeError(`${call.hook} cannot write to the answer file`);
    } catch (e) {
      throw failure('invalid-writer-op', `the sandbox returned an answer-file op the writer refuses: ${(e as Error).message}`);
    }
    let registryOps: RegistryWriteOp[];
    try {
      registryOps = validateRegistryOps(output.registryOps);
      if (call.hook !== 'DoPostUpgradeProcessing' && registryOps.length > 0) throw new TypeError(`${call.hook} cannot write to the registry`);
    } catch (e) {
      throw failure('invalid-writer-op', `the sandbox returned a registry op that is refused: ${(e as Error).message}`);
    }
    let result: HookResult;
    try {
      const r = output.result;
      // Only the fields the hook may return go back through the check; a forged flag in GUI mode is refused.
      const raw = call.hook === 'PreUpgradeInitialize' ? r
        : call.hook === 'DoPreUpgradeProcessing' ? { flags: r?.flags, vendorInfo: r?.vendorInfo }
        : { ...(r?.flags === 0 ? {} : { flags: r?.flags }), vendorInfo: r?.vendorInfo };
      result = normalizeHookResult(call.hook, raw, { vendor: description.vendor, postUpgrade: description.postUpgrade });
    } catch (e) {
      throw failure('invalid-result', (e as Error).message);
    }
    return { result, ops, registryOps };
  }
}

/**
 * The working directory `prepare` grants: the real path when it exists, else the real path of
 * its parent (which must exist) joined with its name, which is what `realWorkingDir` will
 * return once the engine created it as a plain directory; anything else (a symbolic link put
 * there meanwhile) no longer matches at `start`, which then refuses the booted process.
 */
function plannedWorkingDir(dir: string): { dir: string; exists: boolean } {
  if (existsSync(dir)) return { dir: realWorkingDir(dir), exists: true };
  let parent: string;
  try {
    parent = realpathSync(dirname(resolve(dir)));
  } catch {
    throw new Error(`neither the plugin working directory ${dir} nor its parent exists; create it before starting the sandbox`);
  }
  const planned = join(parent, basename(resolve(dir)));
  const problem = workingDirProblem(planned);
  if (problem !== undefined) throw new Error(problem);
  return { dir: planned, exists: false };
}

function realWorkingDir(dir: string): string {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    throw new Error(`the plugin working directory ${dir} does not exist; create it before starting the sandbox`);
  }
  if (!statSync(real).isDirectory()) throw new Error(`the plugin working directory ${dir} is not a directory`);
  const problem = workingDirProblem(real);
  if (problem !== undefined) throw new Error(problem);
  return real;
}
