import type { NetUpgradeInfo } from '../contract/constants.js';
import type { PluginDescription } from '../contract/manifest.js';
import type { LogEntry } from '../contract/tokens.js';
import { keyOrEmptyAtPath, type RegistryTreeData } from '../registry/tree.js';
import type { RegistryKeyView } from '../registry/view.js';
import type { FailureInfo } from './failures.js';
import type { CallOutput, PreUpgradeCall } from './hook-call.js';

export interface HostStartOptions {
  /** The plugin's working directory; it must exist. The only place the plugin may write. */
  readonly workingDir: string;
  /** The plugin's settings from netmigrate.ini, before validation. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
  /** The pre-upgrade registry (e.g. HKEY_LOCAL_MACHINE), as plain data. */
  readonly registry: RegistryTreeData;
  /** Where a package-name plugin reference is resolved from; the current directory by default. */
  readonly resolveFrom?: string;
}

export interface HostLimits {
  /** Time one hook may take. */
  readonly hookTimeoutMs?: number;
  /** Time loading the plugin may take (fork, import, checks, constructor). */
  readonly startTimeoutMs?: number;
  /** V8 old-space limit of the sandbox process. */
  readonly memoryLimitMb?: number;
}

export const DEFAULT_LIMITS: Required<HostLimits> = { hookTimeoutMs: 30_000, startTimeoutMs: 10_000, memoryLimitMb: 256 };

export interface CallOptions {
  readonly timeoutMs?: number;
}

export interface HookCallOutcome extends CallOutput {
  /** What the plugin logged during the call (console output included). */
  readonly logs: readonly LogEntry[];
}

/**
 * Where a plugin's pre-upgrade hooks run. Calls are one at a time. A failed call rejects with
 * PluginHookFailure; when its `sandboxDied` is set the host is no longer `alive` and must be
 * started again before the next call.
 */
export interface PluginHost {
  readonly alive: boolean;
  /** What the plugin logged while loading (its constructor included). */
  readonly startLogs: readonly LogEntry[];
  /** An error the plugin raised outside any call, which killed the sandbox. */
  readonly lateFailure?: FailureInfo | undefined;
  /** Loads and validates the plugin; rejects with PluginLoadError for a plugin that breaks the contract. */
  start(module: string, options: HostStartOptions): Promise<PluginDescription>;
  call(call: PreUpgradeCall, options?: CallOptions): Promise<HookCallOutcome>;
  /** Unloads the plugin; safe to call at any time, also on a dead host. */
  stop(): Promise<void>;
}

/**
 * Refuses, before any plugin code runs, a call whose parameters key lies outside the
 * snapshot (another root): that is the engine's mistake and must not be reported as the
 * plugin's failure. A key merely absent under the root is handed over empty.
 */
export function checkCallKeys(registry: RegistryKeyView, call: PreUpgradeCall): void {
  if (call.hook === 'DoPreUpgradeProcessing' && keyOrEmptyAtPath(registry, call.component.paramsKeyPath) === undefined) {
    throw new RangeError(`${call.component.paramsKeyPath} is not in the registry snapshot (its root is ${registry.name}); component ${call.component.preNT5Instance}`);
  }
}
