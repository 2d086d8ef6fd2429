import type { HookName } from '../contract/hooks.js';
import type { LogEntry } from '../contract/tokens.js';

export type FailureKind =
  | 'timeout'
  | 'crash'
  | 'out-of-memory'
  | 'permission-denied'
  | 'hook-error'
  | 'invalid-writer-op'
  | 'invalid-result'
  /** The engine called a hook the plugin does not implement (a GUI-mode hook of a plugin without them). */
  | 'missing-hook';

/** The phase that failed: a hook, or loading the plugin in a fresh sandbox. */
export type FailurePhase = HookName | 'load';

/** What a failure looks like before it knows which plugin and component it belongs to. */
export interface FailureInfo {
  readonly kind: FailureKind;
  readonly detail: string;
  readonly stack?: string;
}

export interface PluginHookFailureInit extends FailureInfo {
  /** The plugin's name, quoted, or its module reference before the manifest was read. */
  readonly plugin: string;
  readonly hook: FailurePhase;
  /** preNT5Instance of the component being processed, if any. */
  readonly component?: string | undefined;
  /** true when the sandbox process is gone and must be restarted for further calls. */
  readonly sandboxDied: boolean;
  /** What the plugin logged during the failed call. */
  readonly logs?: readonly LogEntry[];
}

/**
 * A plugin failed in a hook (or died while loading). Carries the plugin, the hook and the
 * component instance so the compatibility report can say exactly what was not upgraded.
 */
export class PluginHookFailure extends Error {
  override readonly name = 'PluginHookFailure';
  readonly kind: FailureKind;
  readonly plugin: string;
  readonly hook: FailurePhase;
  readonly component: string | undefined;
  readonly detail: string;
  readonly sandboxDied: boolean;
  readonly pluginStack: string | undefined;
  readonly logs: readonly LogEntry[];

  constructor(init: PluginHookFailureInit) {
    const where = init.hook === 'load' ? 'while loading' : `hook ${init.hook}`;
    super(`plugin ${init.plugin}, ${where}${init.component === undefined ? '' : `, component ${init.component}`}: ${init.detail}`);
    this.kind = init.kind;
    this.plugin = init.plugin;
    this.hook = init.hook;
    this.component = init.component;
    this.detail = init.detail;
    this.sandboxDied = init.sandboxDied;
    this.pluginStack = init.stack;
    this.logs = init.logs ?? [];
  }
}

/**
 * A call that never ran: the sandbox died of an earlier error (one the plugin raised outside
 * any call) before it got to it. The call may be made again in a restarted sandbox.
 */
export class SandboxLostError extends Error {
  override readonly name = 'SandboxLostError';
}

/**
 * Sorts what a hook threw. Works on copies of core loaded twice (src and dist) by matching
 * names and codes rather than classes.
 */
export function classifyThrown(error: unknown, workingDir: string): FailureInfo {
  const stack = error instanceof Error ? error.stack : undefined;
  const denied = findAccessDenied(error);
  if (denied !== undefined) return { kind: 'permission-denied', detail: permissionDetail(denied, workingDir), ...(stack === undefined ? {} : { stack }) };
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : typeof error;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const withStack = stack === undefined ? {} : { stack };
  if (name === 'AnswerFileError') return { kind: 'invalid-writer-op', detail: `an answer-file call failed and the hook let the error escape: ${message}`, ...withStack };
  if (name === 'RegistryCallError') return { kind: 'invalid-writer-op', detail: `a registry call failed and the hook let the error escape: ${message}`, ...withStack };
  if (name === 'HookResultError') return { kind: 'invalid-result', detail: message, ...withStack };
  return { kind: 'hook-error', detail: `threw ${name}: ${message}`, ...withStack };
}

interface AccessDenied {
  readonly permission?: string;
  readonly resource?: string;
}

function findAccessDenied(error: unknown): AccessDenied | undefined {
  // A plugin may wrap the permission error in its own; follow the cause chain a few links.
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 'ERR_ACCESS_DENIED') return e as AccessDenied;
  }
  return undefined;
}

function permissionDetail(denied: AccessDenied, workingDir: string): string {
  const resource = denied.resource ? ` (${denied.resource})` : '';
  switch (denied.permission) {
    case 'FileSystemWrite':
      return `the plugin tried to write outside its working directory${resource}; it may write only inside ${workingDir}`;
    case 'ChildProcess':
      return 'the plugin tried to start a child process, which the sandbox forbids';
    case 'WorkerThreads':
      return 'the plugin tried to start a worker thread, which the sandbox forbids';
    case 'FileSystemRead':
      return `the plugin tried to read${resource}, which the sandbox does not allow`;
    default:
      return `the sandbox denied the plugin ${denied.permission ?? 'an operation'}${resource}`;
  }
}
