import { availableParallelism } from 'node:os';
import type { HostLimits, PluginHost } from '../sandbox/host.js';
import { InProcessPluginHost } from '../sandbox/in-process-host.js';
import { SandboxedPluginHost } from '../sandbox/sandboxed-host.js';

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
 */
export class HostPool {
  readonly #waiting: (() => void)[] = [];
  readonly #hosts = new Map<string, Promise<PreparedHost>>();
  readonly #taken = new Set<string>();
  #running = 0;

  constructor(
    private readonly kind: HostKind,
    private readonly limits: HostLimits,
    private readonly concurrency = Math.max(1, availableParallelism()),
  ) {}

  /** Starts booting the host for `workingDir` (no-op in process). */
  prepare(workingDir: string): void {
    if (this.#hosts.has(workingDir)) return;
    this.#hosts.set(workingDir, this.kind === 'in-process' ? Promise.resolve({ host: new InProcessPluginHost(this.limits), prepareMs: 0 }) : this.#boot(workingDir));
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
