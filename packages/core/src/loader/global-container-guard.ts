import { container } from '../di.js';
import { tokenName } from '../contract/tokens.js';

/**
 * tsyringe's @singleton, @scoped, @registry and @injectable({ token }) register into the
 * global container while the plugin's module is being evaluated. The engine gives each plugin
 * a fresh child container per run instead, so the global container must stay empty: while a
 * plugin module is imported its registration methods are shadowed by recorders that keep
 * nothing, and what they saw is reported as a load error.
 */
const METHODS = ['register', 'registerSingleton', 'registerType', 'registerInstance'] as const;

export interface GlobalRegistration {
  readonly method: (typeof METHODS)[number];
  readonly token: unknown;
  readonly lifecycle?: unknown;
}

// Imports are serialized so each registration is attributed to the module being imported.
let queue: Promise<unknown> = Promise.resolve();
// A module is evaluated once per process; later loads get the first import's findings.
const seen = new Map<string, readonly GlobalRegistration[]>();

export function importWithoutGlobalRegistrations(url: string): Promise<{ module: Record<string, unknown>; registrations: readonly GlobalRegistration[] }> {
  const run = queue.then(() => guardedImport(url));
  queue = run.catch(() => undefined);
  return run;
}

async function guardedImport(url: string): Promise<{ module: Record<string, unknown>; registrations: readonly GlobalRegistration[] }> {
  const attempts: GlobalRegistration[] = [];
  const target = container as unknown as Record<string, unknown>;
  for (const method of METHODS) {
    Object.defineProperty(target, method, {
      configurable: true,
      writable: true,
      value(token: unknown, _provider?: unknown, options?: { lifecycle?: unknown }) {
        attempts.push({ method, token, lifecycle: options?.lifecycle });
        return container;
      },
    });
  }
  try {
    const module = (await import(url)) as Record<string, unknown>;
    if (!seen.has(url)) seen.set(url, attempts);
    return { module, registrations: seen.get(url) ?? attempts };
  } finally {
    for (const method of METHODS) delete target[method];
  }
}

/** Which decorator most likely made a registration, for the message. */
export function decoratorFor(reg: GlobalRegistration): string {
  if (reg.method === 'registerSingleton') return `@singleton (registered ${tokenName(reg.token)})`;
  if (reg.method === 'register' && reg.lifecycle !== undefined && typeof reg.token === 'function') return `@scoped (registered ${tokenName(reg.token)})`;
  return `@registry or @injectable({ token }) (registered ${tokenName(reg.token)})`;
}
