import type { NetUpgradeInfo } from '../contract/constants.js';
import type { HookName } from '../contract/hooks.js';
import type { PluginDescription } from '../contract/manifest.js';
import type { LogEntry } from '../contract/tokens.js';
import { keyNameProblem, valueDataProblem, valueNameProblem, valueTypeProblem } from '../registry/ops.js';
import { keyOrEmptyAtPath, type RegistryTreeData } from '../registry/tree.js';
import type { RegistryKeyView } from '../registry/view.js';
import { PluginHookFailure, type FailureInfo } from './failures.js';
import type { CallOutput, HookCall } from './hook-call.js';

export interface HostStartOptions {
  /** The plugin's working directory; it must exist. The only place the plugin may write. */
  readonly workingDir: string;
  /** The plugin's settings from netmigrate.ini, before validation. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
  /**
   * The pre-upgrade registry (e.g. HKEY_LOCAL_MACHINE), as plain data, for
   * DoPreUpgradeProcessing. Optional: GUI mode needs none (each DoPostUpgradeProcessing call
   * carries its key), and an absent one is an empty HKEY_LOCAL_MACHINE.
   */
  readonly registry?: RegistryTreeData;
  /**
   * The committed answer file's text, for DoPostUpgradeProcessing (sent once at start; parsed
   * with SetupAPI's rules, and refused at start when SetupAPI could not open it).
   */
  readonly answerFileText?: string;
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

/** HKEY_LOCAL_MACHINE with nothing in it: the registry of a host started without one. */
export const EMPTY_REGISTRY: RegistryTreeData = Object.freeze({ name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [] });

/**
 * Where a plugin's hooks run (the pre-upgrade ones in Winnt32, the post-upgrade ones in GUI
 * mode; one host runs one phase). Calls are one at a time. A failed call rejects with
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
  call(call: HookCall, options?: CallOptions): Promise<HookCallOutcome>;
  /** Unloads the plugin; safe to call at any time, also on a dead host. */
  stop(): Promise<void>;
}

/** What a host checks before it runs a call: the registry snapshot, the plugin's hooks, the answer file. */
export interface CallCheckState {
  readonly registry: RegistryKeyView;
  readonly hooks: PluginDescription['hooks'];
  readonly hasAnswerFile: boolean;
  /** The plugin's name, quoted, for a missing hook's failure. */
  readonly label: string;
}

/** The preNT5Instance a failed call is reported for. */
export function callComponent(call: HookCall): string | undefined {
  return call.hook === 'DoPreUpgradeProcessing' || call.hook === 'DoPostUpgradeProcessing' ? call.component.preNT5Instance : undefined;
}

/**
 * Refuses, before any plugin code runs, a call the engine got wrong: a parameters key outside
 * the snapshot (another root), a GUI-mode component that is not well-formed, a
 * DoPostUpgradeProcessing on a host started without the answer file. These throw plain errors,
 * never the plugin's failure. A key merely absent under the root is handed over empty.
 * A hook the plugin does not implement is the plugin's failure (kind `missing-hook`).
 */
export function checkCall(state: CallCheckState, call: HookCall): void {
  if (call.hook === 'DoPreUpgradeProcessing' && keyOrEmptyAtPath(state.registry, call.component.paramsKeyPath) === undefined) {
    throw new RangeError(`${call.component.paramsKeyPath} is not in the registry snapshot (its root is ${state.registry.name}); component ${call.component.preNT5Instance}`);
  }
  if (call.hook === 'DoPostUpgradeProcessing') {
    const problem = postComponentProblem(call.component);
    if (problem !== undefined) throw new TypeError(`engine: DoPostUpgradeProcessing component ${describeInstance(call.component)}: ${problem}`);
    if (!state.hasAnswerFile) {
      throw new RangeError(`engine: DoPostUpgradeProcessing needs the answer file, but the host was started without answerFileText; component ${call.component.preNT5Instance}`);
    }
  }
  if (state.hooks[call.hook] === undefined) throw missingHook(state.label, call.hook, callComponent(call));
}

function missingHook(plugin: string, hook: HookName, component: string | undefined): PluginHookFailure {
  const why = hook === 'PostUpgradeInitialize' || hook === 'DoPostUpgradeProcessing'
    ? 'it takes no part in GUI mode; was the module replaced since the Winnt32 phase returned LoadPostUpgrade for it?'
    : 'every plugin needs it';
  return new PluginHookFailure({ kind: 'missing-hook', detail: `the plugin has no @${hook} method (${why})`, plugin, hook, component, sandboxDied: false });
}

const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

function describeInstance(ref: { preNT5Instance?: unknown }): string {
  return typeof ref?.preNT5Instance === 'string' ? ref.preNT5Instance : String(ref?.preNT5Instance);
}

/** Why a PostComponentRef is not well-formed, or undefined. */
export function postComponentProblem(ref: unknown): string | undefined {
  if (typeof ref !== 'object' || ref === null) return 'the component is not an object';
  const c = ref as Record<string, unknown>;
  for (const field of ['paramsKeyPath', 'nt5InfId', 'sectionName'] as const) {
    if (typeof c[field] !== 'string' || c[field] === '') return `${field} must be a non-empty string`;
  }
  if (typeof c.preNT5Instance !== 'string') return 'preNT5Instance must be a string';
  if ((c.paramsKeyPath as string).split('\\').every((p) => p === '')) return `paramsKeyPath ${JSON.stringify(c.paramsKeyPath)} names no key`;
  const guids = c.instanceGuids;
  if (typeof guids !== 'object' || guids === null || Array.isArray(guids)) return 'instanceGuids must be an object mapping instances to GUIDs';
  for (const [instance, guid] of Object.entries(guids)) {
    if (typeof guid !== 'string' || !GUID.test(guid)) return `instanceGuids[${JSON.stringify(instance)}] = ${JSON.stringify(guid)} is not a GUID in braces`;
  }
  return treeProblem(c.params, 'params');
}

function treeProblem(tree: unknown, where: string): string | undefined {
  if (typeof tree !== 'object' || tree === null) return `${where} is not a registry tree`;
  const t = tree as Record<string, unknown>;
  if (typeof t.name !== 'string') return `${where}.name must be a string`;
  if (!Array.isArray(t.values) || !Array.isArray(t.subkeys)) return `${where} needs values and subkeys arrays`;
  for (const [i, v] of (t.values as unknown[]).entries()) {
    const value = (v ?? {}) as Record<string, unknown>;
    const problem = valueNameProblem(value.name) ?? valueTypeProblem(value.type) ?? valueDataProblem(value.data);
    if (problem !== undefined) return `${where}.values[${i}]: ${problem}`;
  }
  for (const [i, k] of (t.subkeys as unknown[]).entries()) {
    const sub = `${where}.subkeys[${i}]`;
    const nameProblem = keyNameProblem((k as { name?: unknown } | null)?.name);
    if (nameProblem !== undefined) return `${sub}: ${nameProblem}`;
    const problem = treeProblem(k, sub);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
