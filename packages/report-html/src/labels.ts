// Words shared by the HTML and Markdown reports.

import type { NetUpgradeInfo, ReportStatus, SectionOwner } from '@netmigrate/core';
import type { NetmigrateReport, RegistryChange } from './input.js';

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'off';

export interface StatusLook {
  readonly label: string;
  /** Shown before the label, so no status depends on colour alone. */
  readonly symbol: string;
  readonly tone: Tone;
  /** What the status means for the operator, one line. */
  readonly meaning: string;
}

export const STATUS_LOOK: Record<ReportStatus, StatusLook> = {
  'built-in': { label: 'built in', symbol: '✓', tone: 'ok', meaning: 'Windows 2000 upgrades it itself' },
  upgraded: { label: 'upgraded by plugin', symbol: '↑', tone: 'info', meaning: "its vendor's plugin carried its settings over" },
  'not-supported': { label: 'not supported', symbol: '✕', tone: 'bad', meaning: 'its vendor says it cannot be upgraded' },
  'no-mapping': { label: 'no mapping', symbol: '?', tone: 'warn', meaning: 'no vendor file says what it becomes' },
  failed: { label: 'failed', symbol: '!', tone: 'bad', meaning: 'its plugin or the engine failed; nothing of it is in the answer file' },
  'not-run': { label: 'not run', symbol: '–', tone: 'off', meaning: 'the run stopped before its plugin ran' },
};

/** A tone for statuses that are free text (the run's, the post-upgrade phase's). */
export function toneOf(status: string): Tone {
  const s = status.toLowerCase();
  if (/fail|error|abort|rolled|refused/.test(s)) return 'bad';
  if (/cancel|skip|not[- ]run|pending|warn/.test(s)) return 'warn';
  if (/commit|success|install|upgrad|appl|done|^ok$|no-?op|unchanged/.test(s)) return 'ok';
  return 'off';
}

const TONE_SYMBOL: Record<Tone, string> = { ok: '✓', info: '↑', warn: '•', bad: '!', off: '–' };
export function symbolOf(tone: Tone): string {
  return TONE_SYMBOL[tone];
}

const CHANGE_LOOK: Record<RegistryChange['kind'], { label: string; symbol: string; tone: Tone }> = {
  keyAdded: { label: 'key added', symbol: '+', tone: 'ok' },
  keyRemoved: { label: 'key removed', symbol: '−', tone: 'bad' },
  valueAdded: { label: 'value added', symbol: '+', tone: 'ok' },
  valueRemoved: { label: 'value removed', symbol: '−', tone: 'bad' },
  valueChanged: { label: 'value changed', symbol: '~', tone: 'warn' },
};
export function changeLook(kind: string): { label: string; symbol: string; tone: Tone } {
  return CHANGE_LOOK[kind as RegistryChange['kind']] ?? { label: kind, symbol: '?', tone: 'off' };
}

const PRODUCT_TYPE: Record<number, string> = { 1: 'Workstation', 2: 'Server' };
const BUILD: Record<number, string> = { 1057: 'Windows NT 3.51', 1381: 'Windows NT 4.0', 2195: 'Windows 2000' };

export function describeProduct(p: { productType: number; buildNumber: number }): string {
  const name = BUILD[p.buildNumber] ?? 'Windows';
  const type = PRODUCT_TYPE[p.productType];
  return `${name}${type === undefined ? '' : ` ${type}`} (build ${p.buildNumber})`;
}

export function describeUpgrade(info: NetUpgradeInfo): string {
  return `${describeProduct(info.from)} → ${describeProduct(info.to)}`;
}

export function where(d: { file?: string; line?: number; column?: number }): string {
  if (d.file === undefined) return '';
  return `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`}`;
}

export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).filter((p) => p !== '').at(-1) ?? path;
}

/**
 * Plugin owners in the answer file are working-directory names (oem0001); the components say
 * which plugin ran from which directory.
 */
export function pluginsByOwner(report: NetmigrateReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of report.components) {
    if (c.plugin === undefined) continue;
    const key = baseName(c.plugin.workingDir).toLowerCase();
    if (!out.has(key)) out.set(key, c.plugin.version === undefined ? c.plugin.name : `${c.plugin.name} ${c.plugin.version}`);
  }
  return out;
}

export function ownerKey(owner: SectionOwner): string {
  return owner.kind === 'engine' ? '' : owner.plugin;
}

export function reportTitle(report: NetmigrateReport): string {
  return report.title ?? 'netmigrate report';
}
