import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { PluginDescription } from '../contract/manifest.js';
import type { HookCall } from '../sandbox/hook-call.js';
import type { CallOptions, HookCallOutcome, HostLimits, HostStartOptions, PluginHost } from '../sandbox/host.js';
import { SandboxedPluginHost } from '../sandbox/sandboxed-host.js';
import { workingDirName } from './workdirs.js';

export type HostKind = 'sandbox' | 'in-process';

export interface PreparedHost {
  readonly host: PluginHost;
  /** Time from asking for the host until its process had booted (0 in process, or when booting failed). */
  readonly prepareMs: number;
  /** Why booting ahead failed; the host then starts cold and reports any real problem itself. */
  readonly prepareError?: string;
}

/**
 * Boots the plugins' sandbox processes ahead of time, at most `concurrency` at once (node's
 * start-up is CPU-bound, so more than the cores only queues), while the engine goes on with
 * discovery, mapping and the plugins already running. `take` hands a host over once booted.
 *
 * A caller that knows how many plugins a run has can make the pool itself, before it even
 * loads the rest of the engine (this module is the package's `@netmigrate/core/host-pool`
 * export), `prepareRun` it and hand it to `runWinnt32Phase` as `hostPool`: the sandboxes then
 * boot while the caller reads the registry, and the engine's own `prepare` of the same
 * directory is a no-op. The run stops whatever it did not take.
 */
export class HostPool {
  readonly #waiting: (() => void)[] = [];
  readonly #hosts = new Map<string, Promise<PreparedHost>>();
  readonly #taken = new Set<string>();
  #running = 0;

  constructor(
    readonly kind: HostKind,
    private readonly limits: HostLimits,
    private readonly concurrency = Math.max(1, availableParallelism()),
  ) {}

  /** Starts booting the host for `workingDir` (no-op in process). */
  prepare(workingDir: string): void {
    if (this.#hosts.has(workingDir)) return;
    this.#hosts.set(workingDir, this.kind === 'in-process' ? this.#inProcess() : this.#boot(workingDir));
  }

  /**
   * Starts booting the sandboxes of the first `count` plugins of a run in `workDir` — the
   * directories the Winnt32 phase will create, `<workDir>/oem0001`, … (they need not exist
   * yet; their parent must).
   */
  prepareRun(workDir: string, count: number): void {
    for (let i = 1; i <= count; i++) this.prepare(join(resolve(workDir), workingDirName(i)));
  }

  /**
   * Loads the plugin into the sandbox booted for `workingDir` as soon as it has booted, while
   * the engine runs the plugins before it (sandbox only; nothing happens when booting failed).
   * The host's first `start` with these very arguments (the same `options` object) then
   * waits for that load instead of starting another; its outcome, a PluginLoadError included,
   * is the same. Only the load moves ahead: the hooks still run in the engine's order.
   */
  prestart(workingDir: string, module: string, options: HostStartOptions): void {
    if (this.kind === 'in-process') return;
    const p = this.#hosts.get(workingDir);
    if (p === undefined) return;
    this.#hosts.set(workingDir, p.then((prepared) => {
      if (prepared.prepareError !== undefined) return prepared;
      const host = new PrestartedHost(prepared.host);
      host.prestart(module, options);
      return { ...prepared, host };
    }));
  }

  async take(workingDir: string): Promise<PreparedHost> {
    this.prepare(workingDir);
    this.#taken.add(workingDir);
    return (await this.#hosts.get(workingDir)) as PreparedHost;
  }

  /** Stops the host booted for `workingDir` (its plugin has nothing to do). */
  async discard(workingDir: string): Promise<void> {
    const p = this.#hosts.get(workingDir);
    if (p === undefined) return;
    this.#hosts.delete(workingDir);
    await (await p).host.stop();
  }

  /** Stops every host never taken (their plugins had no components, or the run stopped early). */
  async close(): Promise<void> {
    const left = [...this.#hosts].filter(([dir]) => !this.#taken.has(dir));
    this.#hosts.clear();
    await Promise.all(left.map(async ([, p]) => (await p).host.stop()));
  }

  // Loaded on demand: the sandbox path does not need the in-process host's module graph.
  async #inProcess(): Promise<PreparedHost> {
    const { InProcessPluginHost } = await import('../sandbox/in-process-host.js');
    return { host: new InProcessPluginHost(this.limits), prepareMs: 0 };
  }

  async #boot(workingDir: string): Promise<PreparedHost> {
    await this.#slot();
    const host = new SandboxedPluginHost(this.limits);
    const t = performance.now();
    try {
      await host.prepare(workingDir);
      return { host, prepareMs: performance.now() - t };
    } catch (e) {
      await host.stop();
      return { host: new SandboxedPluginHost(this.limits), prepareMs: 0, prepareError: (e as Error).message };
    } finally {
      this.#release();
    }
  }

  #slot(): Promise<void> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise((done) => this.#waiting.push(done));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#running--;
  }
}

/** A booted host whose plugin started loading ahead (HostPool.prestart); otherwise the host itself. */
interface Ahead {
  readonly module: string;
  readonly options: HostStartOptions;
  readonly loading: Promise<PluginDescription>;
}

class PrestartedHost implements PluginHost {
  #ahead: Ahead | undefined;

  constructor(private readonly inner: PluginHost) {}

  get alive(): boolean {
    return this.inner.alive;
  }

  get startLogs() {
    return this.inner.startLogs;
  }

  get lateFailure() {
    return this.inner.lateFailure;
  }

  prestart(module: string, options: HostStartOptions): void {
    const loading = this.inner.start(module, options);
    // Its failure is reported to whoever starts the plugin; never to nobody.
    loading.catch(() => undefined);
    this.#ahead = { module, options, loading };
  }

  async start(module: string, options: HostStartOptions): Promise<PluginDescription> {
    const ahead = await this.#settleAhead();
    if (ahead !== undefined && ahead.module === module && ahead.options === options) return ahead.loading;
    if (ahead !== undefined) await this.inner.stop();
    return this.inner.start(module, options);
  }

  call(call: HookCall, options?: CallOptions): Promise<HookCallOutcome> {
    return this.inner.call(call, options);
  }

  async stop(): Promise<void> {
    await this.#settleAhead();
    await this.inner.stop();
  }

  /** Hands over the load ahead once (after it settled), so a restart starts afresh. */
  async #settleAhead(): Promise<Ahead | undefined> {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    if (ahead !== undefined) await ahead.loading.catch(() => undefined);
    return ahead;
  }
}
