import { ERROR_INVALID_PARAMETER } from './constants.js';

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

function describeSection(name: string): string {
  const shown = name.length > 60 ? `${name.slice(0, 57)}…` : name;
  return JSON.stringify(shown);
}
