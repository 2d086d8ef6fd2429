import { answerFileReader } from '../answer/reader.js';
import type { PluginDescription } from '../contract/manifest.js';
import { bufferLogger, type LogEntry } from '../contract/tokens.js';
import { loadPlugin, type LoadedPlugin } from '../loader/load.js';
import { viewFromTree } from '../registry/tree.js';
import { classifyThrown, PluginHookFailure } from './failures.js';
import { callHook, type HookCall, type HookEnvironment } from './hook-call.js';
import {
  callComponent, checkCall, DEFAULT_LIMITS, EMPTY_REGISTRY, type CallOptions, type HookCallOutcome, type HostLimits, type HostStartOptions, type PluginHost,
} from './host.js';

/**
 * Runs the plugin in the engine's own process, for debugging with breakpoints. It isolates
 * nothing: no permission model, a synchronous endless loop hangs the engine, and the time
 * limit only stops waiting for an asynchronous hook. Never the default.
 */
export class InProcessPluginHost implements PluginHost {
  private readonly limits: Required<HostLimits>;
  private plugin: LoadedPlugin | undefined;
  private env: HookEnvironment | undefined;
  private readonly logs: LogEntry[] = [];
  private startLogList: readonly LogEntry[] = [];

  constructor(limits: HostLimits = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get alive(): boolean {
    return this.plugin !== undefined;
  }

  get startLogs(): readonly LogEntry[] {
    return this.startLogList;
  }

  async start(module: string, options: HostStartOptions): Promise<PluginDescription> {
    if (this.plugin !== undefined) throw new Error(`the in-process host already runs ${this.plugin.label}; stop() it first`);
    const base = { workingDir: options.workingDir, upgradeInfo: options.upgradeInfo, unattended: options.unattended };
    // Parsed before the plugin loads: text SetupAPI could not open is the engine's error.
    const answerFile = options.answerFileText === undefined ? undefined : answerFileReader(options.answerFileText);
    this.plugin = await loadPlugin(module, {
      ...base,
      log: bufferLogger(this.logs),
      ...(options.options === undefined ? {} : { options: options.options }),
      ...(options.resolveFrom === undefined ? {} : { resolveFrom: options.resolveFrom }),
    });
    this.env = { ...base, registry: viewFromTree(options.registry ?? EMPTY_REGISTRY), answerFile };
    this.startLogList = this.logs.splice(0);
    return this.plugin.description;
  }

  async call(call: HookCall, options: CallOptions = {}): Promise<HookCallOutcome> {
    const { plugin, env } = this;
    if (plugin === undefined || env === undefined) throw new Error(`the in-process host is not running; start it before calling ${call.hook}`);
    checkCall({ registry: env.registry, hooks: plugin.description.hooks, hasAnswerFile: env.answerFile !== undefined, label: plugin.label }, call);
    const component = callComponent(call);
    const timeoutMs = options.timeoutMs ?? this.limits.hookTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PluginHookFailure({
        kind: 'timeout',
        detail: `the hook did not finish within ${timeoutMs} ms (in-process: it was not stopped, only no longer awaited)`,
        plugin: plugin.label,
        hook: call.hook,
        component,
        sandboxDied: false,
        logs: this.logs.splice(0),
      })), timeoutMs);
    });
    try {
      const output = await Promise.race([callHook(plugin, env, call), timeout]);
      return { ...output, logs: this.logs.splice(0) };
    } catch (e) {
      if (e instanceof PluginHookFailure) throw e;
      throw new PluginHookFailure({ ...classifyThrown(e, env.workingDir), plugin: plugin.label, hook: call.hook, component, sandboxDied: false, logs: this.logs.splice(0) });
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    const plugin = this.plugin;
    this.plugin = undefined;
    this.env = undefined;
    await plugin?.unload();
  }
}
