import type { NetUpgradeInfo } from '../contract/constants.js';
import type { PluginDescription } from '../contract/manifest.js';
import type { LogEntry } from '../contract/tokens.js';
import type { RegistryTreeData } from '../registry/tree.js';
import type { FailureInfo } from './failures.js';
import type { CallOutput, HookCall } from './hook-call.js';

/** Messages between SandboxedPluginHost and the child runner (IPC, 'advanced' serialization). */

export interface StartRequest {
  readonly type: 'start';
  readonly module: string;
  readonly resolveFrom: string;
  readonly workingDir: string;
  readonly options: Readonly<Record<string, unknown>> | undefined;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
  /** Shipped once; the child builds its read-only views from it. */
  readonly registry: RegistryTreeData;
  /** The committed answer file (GUI mode), parsed once in the child. */
  readonly answerFileText: string | undefined;
}

export interface CallRequest {
  readonly type: 'call';
  readonly id: number;
  readonly call: HookCall;
}

export interface StopRequest {
  readonly type: 'stop';
}

export type ParentMessage = StartRequest | CallRequest | StopRequest;

/** A PluginLoadError's fields, so the parent can rethrow the same error. */
export interface LoadErrorInfo {
  readonly plugin: string;
  readonly problem: string;
  readonly fix: string;
}

export type ChildMessage =
  /** Sent once the child has booted and loaded the engine's modules, before any plugin. */
  | { readonly type: 'ready' }
  | { readonly type: 'started'; readonly description: PluginDescription; readonly logs: LogEntry[] }
  | { readonly type: 'load-failed'; readonly error: LoadErrorInfo; readonly logs: LogEntry[] }
  | { readonly type: 'result'; readonly id: number; readonly output: CallOutput; readonly logs: LogEntry[] }
  | { readonly type: 'failed'; readonly id: number; readonly error: FailureInfo; readonly logs: LogEntry[] }
  /** An error nothing caught; the child exits right after sending it. */
  | { readonly type: 'fatal'; readonly id: number | undefined; readonly error: FailureInfo; readonly logs: LogEntry[] };
