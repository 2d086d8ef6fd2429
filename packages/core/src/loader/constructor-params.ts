// Also loads reflect-metadata, which provides the Reflect.getOwnMetadata used below.
import type { InjectionToken } from '../di.js';
import '../di.js';
import type { AnyClass } from '../contract/decorators.js';
import { PluginLoadError } from '../contract/errors.js';
import { tokenName } from '../contract/tokens.js';

/** tsyringe's metadata key for what @inject records (reflection-helpers INJECTION_TOKEN_METADATA_KEY). */
const INJECTION_TOKENS_KEY = 'injectionTokens';

export interface ConstructorParam {
  readonly index: number;
  readonly token: InjectionToken<unknown>;
  readonly optional: boolean;
}

const FIX = 'name every constructor parameter with @inject(TOKEN), e.g. constructor(@inject(Log) log: Logger); the engine never guesses a parameter from emitted type metadata';

/**
 * The constructor's parameters as @inject declared them. Refuses a constructor with more
 * parameters than annotations: emitted type metadata is not read (test transforms do not emit
 * it reliably), so an unannotated parameter would silently receive undefined.
 */
export function constructorParams(cls: AnyClass, plugin: string): ConstructorParam[] {
  const own = Reflect.getOwnMetadata(INJECTION_TOKENS_KEY, cls) as Record<string, unknown> | undefined;
  // A subclass without its own constructor forwards every argument to its parent's.
  const descriptors = own ?? (cls.length === 0 ? (Reflect.getMetadata(INJECTION_TOKENS_KEY, cls) as Record<string, unknown> | undefined) : undefined) ?? {};
  const annotated = Object.keys(descriptors).map(Number);
  const count = Math.max(cls.length, ...annotated.map((i) => i + 1));
  const missing: number[] = [];
  for (let i = 0; i < count; i++) if (!(i in descriptors)) missing.push(i);
  if (missing.length > 0) {
    throw new PluginLoadError(
      plugin,
      `the constructor of ${cls.name} has ${count} parameter(s) but only ${annotated.length} carry @inject (parameter ${missing.map((i) => `#${i + 1}`).join(', ')} has none)`,
      FIX,
    );
  }
  return annotated.sort((a, b) => a - b).map((index) => describe(cls, plugin, index, descriptors[index]));
}

function describe(cls: AnyClass, plugin: string, index: number, descriptor: unknown): ConstructorParam {
  const where = `parameter #${index + 1} of ${cls.name}'s constructor`;
  if (typeof descriptor === 'object' && descriptor !== null && 'token' in descriptor) {
    const d = descriptor as { token: InjectionToken<unknown>; multiple?: boolean; isOptional?: boolean; transform?: unknown };
    if (d.transform !== undefined) {
      throw new PluginLoadError(plugin, `${where} uses @injectWithTransform`, 'inject the token with @inject(TOKEN) and transform the value in the constructor');
    }
    if (d.multiple === true) {
      throw new PluginLoadError(plugin, `${where} uses @injectAll(${tokenName(d.token)}), but the engine registers one value per token`, `use @inject(${tokenName(d.token)})`);
    }
    return { index, token: d.token, optional: d.isOptional === true };
  }
  throw new PluginLoadError(plugin, `${where} carries an injection annotation the engine does not understand`, FIX);
}
