import { ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_KEY_DELETED } from './constants.js';

/**
 * A plugin refused at load time. The message always names the plugin, what is wrong and how
 * to fix it, because the reader is a vendor who cannot see the engine's code.
 */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';

  constructor(
    /** The plugin's manifest name, or the module reference while no manifest is known. */
    readonly plugin: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`plugin ${plugin}: ${problem}. Fix: ${fix}`);
  }
}

/**
 * NetUpgradeAddSection / NetUpgradeAddLineToSection returned ERROR_INVALID_PARAMETER: thrown
 * synchronously to plugin code so it sees the failure at the call, as the DLL saw the code.
 */
export class AnswerFileError extends Error {
  override readonly name = 'AnswerFileError';
  readonly code = ERROR_INVALID_PARAMETER;

  constructor(
    readonly operation: 'addSection' | 'addLine',
    readonly section: string,
    readonly reason: string,
    readonly line?: string,
  ) {
    super(`${operation}(${describeSection(section)}${line === undefined ? '' : ', …'}) failed with ERROR_INVALID_PARAMETER (87): ${reason}`);
  }
}

export type RegistryCallCode = typeof ERROR_INVALID_PARAMETER | typeof ERROR_KEY_DELETED | typeof ERROR_INVALID_HANDLE;

const CODE_NAMES: Record<RegistryCallCode, string> = {
  [ERROR_INVALID_PARAMETER]: 'ERROR_INVALID_PARAMETER',
  [ERROR_KEY_DELETED]: 'ERROR_KEY_DELETED',
  [ERROR_INVALID_HANDLE]: 'ERROR_INVALID_HANDLE',
};

/**
 * A call on a post-upgrade hook's writable registry key was refused: thrown synchronously at
 * the call, and nothing is recorded for it. `code` is what RegSetValueEx & co. would have
 * returned: ERROR_INVALID_PARAMETER for a bad name, type or data, ERROR_KEY_DELETED for a key
 * deleted meanwhile, ERROR_INVALID_HANDLE once the hook has returned.
 */
export class RegistryCallError extends Error {
  override readonly name = 'RegistryCallError';

  constructor(
    readonly operation: string,
    /** Full path of the key the call was made on. */
    readonly key: string,
    readonly reason: string,
    readonly code: RegistryCallCode = ERROR_INVALID_PARAMETER,
  ) {
    super(`${operation} on ${key} failed with ${CODE_NAMES[code]} (${code}): ${reason}`);
  }
}

/**
 * HrGetInstanceGuidOfPreNT5NetCardInstance's ERROR_INVALID_PARAMETER: the instance string is
 * no pre-upgrade instance name at all (spec §6.9). An unknown but well-formed instance is no
 * error: `instanceGuidOf` returns undefined for it.
 */
export class InstanceNameError extends RangeError {
  override readonly name = 'InstanceNameError';
  readonly code = ERROR_INVALID_PARAMETER;

  constructor(
    readonly instance: unknown,
    readonly reason: string,
  ) {
    super(`instanceGuidOf(${typeof instance === 'string' ? JSON.stringify(instance) : String(instance)}) failed with ERROR_INVALID_PARAMETER (87): ${reason}`);
  }
}

function describeSection(name: string): string {
  const shown = name.length > 60 ? `${name.slice(0, 57)}…` : name;
  return JSON.stringify(shown);
}
