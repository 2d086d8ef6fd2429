import { container, type DependencyContainer } from '../di.js';
import type { NetUpgradeInfo } from '../contract/constants.js';
import { PluginLoadError } from '../contract/errors.js';
import { ENGINE_TOKENS, Log, PluginOptions, tokenName, Unattended, UpgradeInfo, WorkingDir, type Logger } from '../contract/tokens.js';
import type { InspectedPlugin } from './inspect.js';

/** What the engine hands one plugin for one run. */
export interface PluginRunContext {
  readonly workingDir: string;
  readonly upgradeInfo: NetUpgradeInfo;
  readonly unattended: boolean;
  /** The options as the plugin's schema produced them. */
  readonly options: unknown;
  readonly log: Logger;
}

/**
 * Builds the plugin in a fresh child container holding the engine's tokens. The constructor
 * receives exactly what its @inject annotations name, resolved from that container only; the
 * global container is never written to.
 */
export function instantiatePlugin(plugin: InspectedPlugin, run: PluginRunContext): { instance: object; scope: DependencyContainer } {
  const scope = container.createChildContainer();
  scope.register(Log, { useValue: run.log });
  scope.register(WorkingDir, { useValue: run.workingDir });
  scope.register(PluginOptions, { useValue: run.options });
  scope.register(UpgradeInfo, { useValue: run.upgradeInfo });
  scope.register(Unattended, { useValue: run.unattended });
  for (const p of plugin.params) {
    if (!p.optional && !scope.isRegistered(p.token, false)) {
      throw new PluginLoadError(
        plugin.label,
        `parameter #${p.index + 1} of ${plugin.cls.name}'s constructor asks for ${tokenName(p.token)}, which the engine does not provide`,
        `inject one of ${ENGINE_TOKENS.map(tokenName).join(', ')} (exported by @netmigrate/core), or mark it @inject(TOKEN, { isOptional: true })`,
      );
    }
  }
  const self = Symbol(`plugin ${plugin.manifest.name}`);
  scope.register(self, {
    useFactory: (c) => new plugin.cls(...plugin.params.map((p) => (c.isRegistered(p.token, false) ? c.resolve(p.token) : undefined))),
  });
  return { instance: scope.resolve<object>(self), scope };
}
