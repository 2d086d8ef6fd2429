import type { InjectionToken } from '../di.js';
import type { NetUpgradeInfo } from './constants.js';

/**
 * Injection tokens the engine registers in each plugin's child container. Symbol.for keys make
 * the same token come out of every copy of this module (a plugin may resolve @netmigrate/core
 * to src or dist), so an @inject(Log) always matches the engine's registration.
 */
export type Token<T> = InjectionToken<T> & symbol;

const token = <T>(name: string): Token<T> => Symbol.for(`@netmigrate/core:${name}`) as Token<T>;

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly data?: unknown;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A logger whose lines reach the engine (and, from the sandbox, cross IPC with the result). */
export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export const Log = token<Logger>('Log');
/** The plugin's working directory (string): the only place it may write. */
export const WorkingDir = token<string>('WorkingDir');
/** The plugin's options from netmigrate.ini, as its options schema produced them. */
export const PluginOptions = token<unknown>('PluginOptions');
export const UpgradeInfo = token<NetUpgradeInfo>('UpgradeInfo');
/** true when no user is there to answer (hParentWindow == NULL). */
export const Unattended = token<boolean>('Unattended');

export const ENGINE_TOKENS: readonly Token<unknown>[] = [Log, WorkingDir, PluginOptions, UpgradeInfo, Unattended];

/** How a token reads in a message: `Log` rather than `Symbol(@netmigrate/core:Log)`. */
export function tokenName(t: unknown): string {
  if (typeof t === 'symbol') return (t.description ?? 'anonymous symbol').replace(/^@netmigrate\/core:/, '');
  if (typeof t === 'function') return t.name || 'an anonymous class';
  return typeof t === 'string' ? JSON.stringify(t) : String(t);
}

/** A Logger that appends to an array: what both hosts hand the plugin. */
export function bufferLogger(sink: LogEntry[]): Logger {
  const at = (level: LogLevel) => (message: string, data?: unknown) => {
    sink.push(data === undefined ? { level, message: String(message) } : { level, message: String(message), data });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
