// MeriNet's settings on their way through the answer file: read from the NT 4.0 registry in
// the Winnt32 phase, written as INF lines into the plugin's own sections, read back in GUI
// mode. One module for both directions, so the two cannot drift apart.

import type { AnswerFileReader, RegistryKeyView } from '@netmigrate/core';

export interface GlobalSettings {
  readonly nodeName?: string;
  readonly maxPacketSize?: number;
  readonly retransmitTimeout?: number;
  readonly windowSize?: number;
}

/** One adapter MeriNet is bound to: `Parameters\Adapters\<instance>` on NT 4.0. */
export interface AdapterBinding {
  readonly instance: string;
  readonly frameType?: number;
  readonly networkNumber?: number;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const REG_SZ = 1;
const REG_DWORD = 4;
const DWORDS = [
  ['maxPacketSize', 'MaxPacketSize'],
  ['retransmitTimeout', 'RetransmitTimeout'],
  ['windowSize', 'WindowSize'],
] as const;

function readSz(key: RegistryKeyView, name: string): string | undefined {
  const v = key.value(name);
  if (v === undefined) return undefined;
  if (v.type !== REG_SZ) throw new SettingsError(`${key.path} ${name} has registry type ${v.type}; MeriNet 3.x writes it as REG_SZ (1)`);
  return v.asString();
}

function readDword(key: RegistryKeyView, name: string): number | undefined {
  const v = key.value(name);
  if (v === undefined) return undefined;
  if (v.type !== REG_DWORD || v.data.length !== 4) throw new SettingsError(`${key.path} ${name} has registry type ${v.type} (${v.data.length} bytes); MeriNet 3.x writes it as REG_DWORD (4)`);
  return v.asDword();
}

/** `Services\MeriNet\Parameters` on NT 4.0. */
export function readGlobal(params: RegistryKeyView): GlobalSettings & { readonly helperDriver?: string } {
  const out: Record<string, unknown> = {};
  const node = readSz(params, 'NodeName');
  if (node !== undefined) out.nodeName = node;
  for (const [field, name] of DWORDS) {
    const n = readDword(params, name);
    if (n !== undefined) out[field] = n;
  }
  const helper = readSz(params, 'HelperDriver');
  if (helper !== undefined) {
    // It becomes a registry path in a DelReg line: a service name, nothing else.
    if (!/^[A-Za-z0-9_]{1,64}$/.test(helper)) throw new SettingsError(`${params.path} HelperDriver is ${JSON.stringify(helper)}, which is no service name (letters, digits, _)`);
    out.helperDriver = helper;
  }
  return out as GlobalSettings & { helperDriver?: string };
}

/** `Parameters\Adapters\<instance>`, one per adapter MeriNet 3.x was bound to, in registry order. */
export function readBindings(params: RegistryKeyView): AdapterBinding[] {
  return (params.subkey('Adapters')?.subkeys() ?? []).map((a) => {
    const frameType = readDword(a, 'FrameType');
    const networkNumber = readDword(a, 'NetworkNumber');
    return { instance: a.name, ...(frameType === undefined ? {} : { frameType }), ...(networkNumber === undefined ? {} : { networkNumber }) };
  });
}

/** A quoted INF string field (spec §9.1): `"` and `%` doubled; line breaks cannot be written. */
export function quote(s: string, where: string): string {
  if (/[\0-\x08\x0a-\x1f\x7f]/.test(s)) throw new SettingsError(`${where} holds a control character, which an answer-file line cannot carry; correct it on the NT 4.0 machine`);
  return `"${s.replace(/"/g, '""').replace(/%/g, '%%')}"`;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** The OEM section's setting lines (without the plugin's directives). */
export function globalLines(g: GlobalSettings, where: string): string[] {
  const lines: string[] = [];
  if (g.nodeName !== undefined) lines.push(`NodeName=${quote(g.nodeName, `${where} NodeName`)}`);
  for (const [field, name] of DWORDS) if (g[field] !== undefined) lines.push(`${name}=${g[field]}`);
  return lines;
}

export function bindingLines(b: AdapterBinding): string[] {
  return [
    `PreNT5Instance=${quote(b.instance, 'adapter instance')}`,
    ...(b.frameType === undefined ? [] : [`FrameType=${b.frameType}`]),
    ...(b.networkNumber === undefined ? [] : [`NetworkNumber=${hex(b.networkNumber)}`]),
  ];
}

/** An INF number as SetupGetIntField reads it (decimal or 0x hex), or undefined when the key is absent. */
function intValue(answer: AnswerFileReader, section: string, key: string): number | undefined {
  const text = answer.value(section, key);
  if (text === undefined) return undefined;
  const n = /^0x[0-9a-f]{1,8}$/i.test(text) ? Number.parseInt(text.slice(2), 16) : /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n > 0xffffffff) throw new SettingsError(`[${section}] ${key}=${text} is not a 32-bit number`);
  return n;
}

/** GUI mode: the global settings back from the OEM section. */
export function parseGlobal(answer: AnswerFileReader, section: string): GlobalSettings {
  const out: Record<string, unknown> = {};
  const node = answer.value(section, 'NodeName');
  if (node !== undefined) out.nodeName = node;
  for (const [field, name] of DWORDS) {
    const n = intValue(answer, section, name);
    if (n !== undefined) out[field] = n;
  }
  return out as GlobalSettings;
}

/** GUI mode: the bindings back from the sections the OEM section's `Adapters=` lists. */
export function parseBindings(answer: AnswerFileReader, section: string): AdapterBinding[] {
  const list = answer.entries(section)?.find((e) => e.key?.toLowerCase() === 'adapters')?.fields ?? [];
  return list.filter((s) => s !== '').map((s) => {
    if (!answer.hasSection(s)) throw new SettingsError(`[${section}] Adapters names [${s}], which the answer file does not have`);
    const instance = answer.value(s, 'PreNT5Instance');
    if (instance === undefined || instance === '') throw new SettingsError(`[${s}] has no PreNT5Instance`);
    const frameType = intValue(answer, s, 'FrameType');
    const networkNumber = intValue(answer, s, 'NetworkNumber');
    return { instance, ...(frameType === undefined ? {} : { frameType }), ...(networkNumber === undefined ? {} : { networkNumber }) };
  });
}
