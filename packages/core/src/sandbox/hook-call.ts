import { AnswerFileRecorder } from '../answer/recorder.js';
import type { AnswerFileOp } from '../answer/writer.js';
import type { NetUpgradeInfo } from '../contract/constants.js';
import type { PreUpgradeComponent, PreUpgradeInitContext } from '../contract/hooks.js';
import { normalizeHookResult, type HookResult } from '../contract/results.js';
import type { LoadedPlugin } from '../loader/load.js';
import { keyOrEmptyAtPath } from '../registry/tree.js';
import type { RegistryKeyView } from '../registry/view.js';

/** A component as it crosses IPC: the registry key travels as its path. */
export interface ComponentRef {
  /** Full path of the pre-upgrade parameters key, e.g. HKEY_LOCAL_MACHINE\SYSTEM\…\Parameters. */
  readonly paramsKeyPath: string;
  readonly preNT5InfId: string;
  readonly preNT5Instance: string;
  readonly nt5InfId: string;
  readonly sectionName: string;
}

/** The answer-file sections a call may see (see AnswerFileRecorder). */
export interface SectionScope {
  readonly taken: readonly string[];
  readonly owned: readonly string[];
}

export type PreUpgradeCall =
  | { readonly hook: 'PreUpgradeInitialize' }
  | { readonly hook: 'DoPreUpgradeProcessing'; readonly component: ComponentRef; readonly sections: SectionScope };

export interface PreUpgradeEnvironment {
  readonly workingDir: string;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
  /** Root of the pre-upgrade registry snapshot (e.g. HKEY_LOCAL_MACHINE). */
  readonly registry: RegistryKeyView;
}

export interface CallOutput {
  readonly result: HookResult;
  /** The writer calls the hook made, validated; empty for PreUpgradeInitialize. */
  readonly ops: readonly AnswerFileOp[];
}

/**
 * Runs one pre-upgrade hook against a loaded plugin: builds the arguments the contract
 * promises, calls, and checks the result. The same code runs in the sandbox child and in the
 * in-process host, so the two behave alike apart from isolation.
 */
export async function callPreUpgradeHook(plugin: LoadedPlugin, env: PreUpgradeEnvironment, call: PreUpgradeCall): Promise<CallOutput> {
  const defaults = { vendor: plugin.description.vendor, postUpgrade: plugin.description.postUpgrade };
  if (call.hook === 'PreUpgradeInitialize') {
    const ctx: PreUpgradeInitContext = { workingDir: env.workingDir, upgradeInfo: env.upgradeInfo, unattended: env.unattended };
    return { result: normalizeHookResult(call.hook, await plugin.invoke(call.hook, ctx), defaults), ops: [] };
  }
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
  return { result: normalizeHookResult(call.hook, raw, defaults), ops: [...recorder.ops] };
}
