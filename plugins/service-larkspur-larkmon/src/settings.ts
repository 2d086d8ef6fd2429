// LarkMon 2.x's settings in Services\LarkMon\Parameters on NT 4.0, read with messages that
// name the value, and the ambiguity rule of the plugin's README.

import type { RegistryKeyView } from '@netmigrate/core';

const TYPES = { SZ: 1, EXPAND_SZ: 2, DWORD: 4, MULTI_SZ: 7 } as const;
const TYPE_NAMES: Record<number, string> = { 0: 'REG_NONE', 1: 'REG_SZ', 2: 'REG_EXPAND_SZ', 3: 'REG_BINARY', 4: 'REG_DWORD', 5: 'REG_DWORD_BIG_ENDIAN', 7: 'REG_MULTI_SZ', 11: 'REG_QWORD' };

export class LarkMonSettingsError extends Error {
  override readonly name = 'LarkMonSettingsError';
}

export interface LarkMonSettings {
  /** Collectors (REG_MULTI_SZ): the servers the agent reports to, in order of preference. */
  readonly collectors?: readonly string[];
  /** LogDirectory (REG_EXPAND_SZ), unexpanded: `%SystemRoot%\Larkspur\Logs`. */
  readonly logDirectory?: string;
  /** PollInterval (REG_DWORD), seconds. */
  readonly pollInterval?: number;
  /** Community (REG_SZ). */
  readonly community?: string;
  /** CollectorHost (REG_SZ): LarkMon 1.x's single collector, left behind by an in-place update to 2.x. */
  readonly collectorHost?: string;
}

function value(key: RegistryKeyView, name: string, type: number, accept: readonly number[] = [type]) {
  const v = key.value(name);
  if (v === undefined) return undefined;
  if (!accept.includes(v.type)) {
    throw new LarkMonSettingsError(`${key.path} ${name} is ${TYPE_NAMES[v.type] ?? `type ${v.type}`}; LarkMon 2.x writes it as ${TYPE_NAMES[type]}`);
  }
  return v;
}

export function readSettings(params: RegistryKeyView): LarkMonSettings {
  const out: { -readonly [K in keyof LarkMonSettings]: LarkMonSettings[K] } = {};
  const collectors = value(params, 'Collectors', TYPES.MULTI_SZ);
  if (collectors !== undefined) out.collectors = collectors.asMultiString();
  // Early 2.0 builds wrote LogDirectory as REG_SZ; it means the same path.
  const log = value(params, 'LogDirectory', TYPES.EXPAND_SZ, [TYPES.EXPAND_SZ, TYPES.SZ]);
  if (log !== undefined) out.logDirectory = log.type === TYPES.SZ ? log.asString() : log.asExpandString();
  const poll = value(params, 'PollInterval', TYPES.DWORD);
  if (poll !== undefined) out.pollInterval = poll.asDword();
  const community = value(params, 'Community', TYPES.SZ);
  if (community !== undefined) out.community = community.asString();
  const host = value(params, 'CollectorHost', TYPES.SZ);
  if (host !== undefined && host.asString().trim() !== '') out.collectorHost = host.asString().trim();
  return out;
}

/**
 * LarkMon 2.0–2.2 report to `Collectors` but fall back to a leftover 1.x `CollectorHost` when
 * no collector answers. When that host is not one of the collectors, the agent's effective
 * configuration depends on which servers answered at run time: nobody can tell from the
 * registry which the administrator meant, and LarkMon 3.0 has no fallback.
 */
export function ambiguity(s: LarkMonSettings, where: string): string | undefined {
  if (s.collectorHost === undefined || s.collectors === undefined) return undefined;
  const host = s.collectorHost.toLowerCase();
  if (s.collectors.some((c) => c.toLowerCase() === host)) return undefined;
  return `${where} has the LarkMon 1.x fallback CollectorHost "${s.collectorHost}", which is not one of its Collectors (${s.collectors.join(', ') || 'none'})`;
}

/** The collectors LarkMon 3.0 gets, per the integrator's policy for an ambiguous configuration. */
export function resolvedCollectors(s: LarkMonSettings, policy: 'use-collectors' | 'merge'): readonly string[] | undefined {
  // Without Collectors, 2.x reported to CollectorHost alone: that is the one collector.
  if (s.collectors === undefined) return s.collectorHost === undefined ? undefined : [s.collectorHost];
  if (policy === 'use-collectors' || s.collectorHost === undefined) return s.collectors;
  return s.collectors.some((c) => c.toLowerCase() === s.collectorHost?.toLowerCase()) ? s.collectors : [...s.collectors, s.collectorHost];
}
