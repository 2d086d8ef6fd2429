import { AnswerFileRecorder } from '../answer/recorder.js';
import type { AnswerFileOp, AnswerFileReader } from '../answer/writer.js';
import type { NetUpgradeInfo } from '../contract/constants.js';
import { InstanceNameError } from '../contract/errors.js';
import type { PostUpgradeComponent, PostUpgradeInitContext, PreUpgradeComponent, PreUpgradeInitContext } from '../contract/hooks.js';
import { normalizeHookResult, type HookResult } from '../contract/results.js';
import type { LoadedPlugin } from '../loader/load.js';
import type { RegistryWriteOp } from '../registry/ops.js';
import { keyOrEmptyAtPath, type RegistryTreeData } from '../registry/tree.js';
import type { RegistryKeyView } from '../registry/view.js';
import { writableKeyFromTree } from '../registry/writable.js';

/** A component as it crosses IPC: the registry key travels as its path. */
export interface ComponentRef {
  /** Full path of the pre-upgrade parameters key, e.g. HKEY_LOCAL_MACHINE\SYSTEM\…\Parameters. */
  readonly paramsKeyPath: string;
  readonly preNT5InfId: string;
  readonly preNT5Instance: string;
  readonly nt5InfId: string;
  readonly sectionName: string;
}

/** A GUI-mode component as it crosses IPC: its parameters key travels as content, per call. */
export interface PostComponentRef {
  /** Full path in the target registry, e.g. HKLM\SYSTEM\CurrentControlSet\Control\Class\{4D36E972-…}\0007. */
  readonly paramsKeyPath: string;
  /** The key's current content (subtree); `name` is not used, the key is named by the path's last component. */
  readonly params: RegistryTreeData;
  readonly preNT5Instance: string;
  readonly nt5InfId: string;
  /** szSectionName: the answer-file section the engine points the plugin to for this component. */
  readonly sectionName: string;
  /** Pre-upgrade adapter instance (compared case-insensitively) → its new instance GUID, `{…}`. */
  readonly instanceGuids: Readonly<Record<string, string>>;
}

/** The answer-file sections a call may see (see AnswerFileRecorder). */
export interface SectionScope {
  readonly taken: readonly string[];
  readonly owned: readonly string[];
}

export type PreUpgradeCall =
  | { readonly hook: 'PreUpgradeInitialize' }
  | { readonly hook: 'DoPreUpgradeProcessing'; readonly component: ComponentRef; readonly sections: SectionScope };

export type PostUpgradeCall =
  | { readonly hook: 'PostUpgradeInitialize' }
  | { readonly hook: 'DoPostUpgradeProcessing'; readonly component: PostComponentRef };

export type HookCall = PreUpgradeCall | PostUpgradeCall;

export interface HookEnvironment {
  readonly workingDir: string;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
  /** Root of the pre-upgrade registry snapshot (e.g. HKEY_LOCAL_MACHINE); empty in GUI mode. */
  readonly registry: RegistryKeyView;
  /** The committed answer file, when the host was started with one (GUI mode). */
  readonly answerFile?: AnswerFileReader | undefined;
}

/** The pre-upgrade name of HookEnvironment. */
export type PreUpgradeEnvironment = HookEnvironment;

export interface CallOutput {
  readonly result: HookResult;
  /** The writer calls the hook made, validated; empty except for DoPreUpgradeProcessing. */
  readonly ops: readonly AnswerFileOp[];
  /** What DoPostUpgradeProcessing did to its parameters key, validated; empty for every other hook. */
  readonly registryOps: readonly RegistryWriteOp[];
}

/**
 * Runs one hook against a loaded plugin: builds the arguments the contract promises, calls,
 * and checks the result. The same code runs in the sandbox child and in the in-process host,
 * so the two behave alike apart from isolation.
 */
export async function callHook(plugin: LoadedPlugin, env: HookEnvironment, call: HookCall): Promise<CallOutput> {
  const defaults = { vendor: plugin.description.vendor, postUpgrade: plugin.description.postUpgrade };
  switch (call.hook) {
    case 'PreUpgradeInitialize': {
      const ctx: PreUpgradeInitContext = Object.freeze({ workingDir: env.workingDir, upgradeInfo: env.upgradeInfo, unattended: env.unattended, registry: env.registry });
      return { result: normalizeHookResult(call.hook, await plugin.invoke(call.hook, ctx), defaults), ops: [], registryOps: [] };
    }
    case 'PostUpgradeInitialize': {
      const ctx: PostUpgradeInitContext = Object.freeze({ workingDir: env.workingDir, upgradeInfo: env.upgradeInfo, unattended: env.unattended });
      return { result: normalizeHookResult(call.hook, await plugin.invoke(call.hook, ctx), defaults), ops: [], registryOps: [] };
    }
    case 'DoPreUpgradeProcessing': {
      const { component: ref, sections } = call;
      const params = keyOrEmptyAtPath(env.registry, ref.paramsKeyPath);
      if (params === undefined) {
        // The engine's mistake, not the plugin's; the hosts refuse such a call before it gets here.
        throw new RangeError(`${ref.paramsKeyPath} is not in the registry snapshot (its root is ${env.registry.name})`);
      }
      const component: PreUpgradeComponent = Object.freeze({
        params,
        preNT5InfId: ref.preNT5InfId,
        preNT5Instance: ref.preNT5Instance,
        nt5InfId: ref.nt5InfId,
        sectionName: ref.sectionName,
        unattended: env.unattended,
      });
      const recorder = new AnswerFileRecorder(sections);
      const raw = await plugin.invoke(call.hook, component, recorder);
      return { result: normalizeHookResult(call.hook, raw, defaults), ops: [...recorder.ops], registryOps: [] };
    }
    case 'DoPostUpgradeProcessing': {
      const ref = call.component;
      // The engine's mistake too; the hosts refuse it first.
      if (env.answerFile === undefined) throw new RangeError('DoPostUpgradeProcessing needs the answer file; start the host with answerFileText');
      const session = writableKeyFromTree(ref.params, ref.paramsKeyPath);
      const guids = new Map(Object.entries(ref.instanceGuids).map(([instance, guid]) => [instance.toLowerCase(), guid]));
      const component: PostUpgradeComponent = Object.freeze({
        params: session.key,
        preNT5Instance: ref.preNT5Instance,
        nt5InfId: ref.nt5InfId,
        sectionName: ref.sectionName,
        unattended: env.unattended,
        instanceGuidOf: (instance: string) => guids.get(checkInstanceName(instance).toLowerCase()),
      });
      try {
        const raw = await plugin.invoke(call.hook, component, env.answerFile);
        return { result: normalizeHookResult(call.hook, raw, defaults), ops: [], registryOps: session.ops() };
      } finally {
        session.close();
      }
    }
  }
}

const MAX_INSTANCE_LENGTH = 256;

/**
 * HrGetInstanceGuidOfPreNT5NetCardInstance's ERROR_INVALID_PARAMETER (spec §6.9): a string
 * that cannot name a pre-upgrade instance (a service name plus instance number) at all.
 */
function checkInstanceName(instance: unknown): string {
  if (typeof instance !== 'string') throw new InstanceNameError(instance, 'the instance must be a string');
  if (instance.trim() === '') throw new InstanceNameError(instance, 'the instance is empty or blank');
  if (instance.length > MAX_INSTANCE_LENGTH) throw new InstanceNameError(instance, `the instance is ${instance.length} characters long; a service name has at most ${MAX_INSTANCE_LENGTH}`);
  const bad = /[\\/\u0000-\u001f\u007f]/.exec(instance);
  if (bad !== null) {
    throw new InstanceNameError(instance, `the instance contains ${JSON.stringify(bad[0])} at index ${bad.index}; a service name has no \\, / or control characters`);
  }
  return instance;
}
