// Installing a listed component into the target registry, with the keys Windows 2000 keeps
// for it (docs/gui-mode.md lists them). Which service a component runs as is decided here.
import { createHash } from 'node:crypto';
import { RegValue, type Registry } from '@netmigrate/registry';
import { builtInById } from '../../discovery/builtin.js';
import type { GuiComponent, InstallKind } from './components.js';

export const CCS = 'HKLM\\SYSTEM\\CurrentControlSet';
export const CLASS_GUID: Record<InstallKind, string> = {
  adapter: '{4D36E972-E325-11CE-BFC1-08002BE10318}',
  client: '{4D36E973-E325-11CE-BFC1-08002BE10318}',
  service: '{4D36E974-E325-11CE-BFC1-08002BE10318}',
  protocol: '{4D36E975-E325-11CE-BFC1-08002BE10318}',
};

/** NCF_* characteristics: adapters are physical with properties (NCF_PHYSICAL | NCF_HAS_UI). */
const CHARACTERISTICS: Record<InstallKind, number> = { adapter: 0x84, protocol: 0x80, service: 0x80, client: 0x80 };

/**
 * The instance GUID of a component: derived from the answer file's hash and the component's
 * key (name-based, RFC 4122 version 5 layout over SHA-256), so a rerun after a crash installs
 * the same GUIDs and ends with the same registry.
 */
export function instanceGuid(answerFileSha256: string, key: string): string {
  const h = createHash('sha256').update(answerFileSha256).update('\0').update(key.toLowerCase()).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/**
 * The service a component runs as: the in-box table for Microsoft's components; an adapter's
 * pre-NT5 instance without its instance number (`AcmeIsdn1` → `AcmeIsdn`); another component's
 * pre-NT5 instance (its NT 4.0 service name); else the InfID made into a key name.
 */
export function serviceNameOf(c: GuiComponent): string {
  const builtIn = builtInById(c.infId);
  if (builtIn !== undefined) return builtIn.serviceName;
  if (c.preNT5Instance !== undefined) {
    if (c.kind !== 'adapter') return c.preNT5Instance;
    const stripped = c.preNT5Instance.replace(/\d+$/, '');
    return stripped === '' ? c.preNT5Instance : stripped;
  }
  return c.infId.replace(/[^A-Za-z0-9_]/g, '_');
}

export interface Installed {
  /** HKR for InfToRunAfterInstall: Class\{…}\nnnn for adapters, Control\Network\{class}\{GUID} otherwise. */
  readonly instanceKey: string;
  readonly instanceGuid: string;
  readonly service: string;
  /** Adapters only: the four-digit class instance. */
  readonly classInstance?: string;
}

const sz = (name: string, s: string) => RegValue.sz(name, s);
const dword = (name: string, n: number) => RegValue.dword(name, n);

/** The next free four-digit instance under an adapter class key. */
function nextClassInstance(registry: Registry, classKey: string): string {
  let max = -1;
  for (const k of registry.key(classKey)?.subkeys() ?? []) if (/^\d{4}$/.test(k.name)) max = Math.max(max, Number(k.name));
  if (max >= 9999) throw new RangeError(`${classKey} has no free four-digit instance left`);
  return String(max + 1).padStart(4, '0');
}

/** How many adapters already have a connection name; the next one is "Local Area Connection N". */
function connectionName(registry: Registry): string {
  const net = registry.key(`${CCS}\\Control\\Network\\${CLASS_GUID.adapter}`);
  const used = new Set((net?.subkeys() ?? []).map((k) => k.subkey('Connection')?.value('Name')?.asString().toLowerCase()).filter((n): n is string => n !== undefined));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'Local Area Connection' : `Local Area Connection ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

function writeService(registry: Registry, service: string, kind: InstallKind): void {
  const key = `${CCS}\\Services\\${service}`;
  if (registry.key(key) !== undefined) return; // another instance of the same driver installed it
  registry.createKey(key);
  const driver = kind === 'adapter' || kind === 'protocol';
  registry.setValue(key, dword('Type', driver ? 1 : 0x20));
  registry.setValue(key, dword('Start', driver ? 3 : 2));
  registry.setValue(key, dword('ErrorControl', 1));
  if (driver) {
    registry.setValue(key, RegValue.expandSz('ImagePath', `system32\\DRIVERS\\${service}.sys`));
    registry.setValue(key, sz('Group', kind === 'adapter' ? 'NDIS' : 'PNP_TDI'));
  } else {
    registry.setValue(key, RegValue.expandSz('ImagePath', '%SystemRoot%\\System32\\services.exe'));
  }
  registry.createKey(`${key}\\Parameters`);
}

/** Installs one component; returns the keys the later steps use. */
export function installComponent(registry: Registry, c: GuiComponent, guid: string, description: string): Installed {
  const service = serviceNameOf(c);
  const cls = CLASS_GUID[c.kind];
  let instanceKey: string;
  let classInstance: string | undefined;
  if (c.kind === 'adapter') {
    const classKey = `${CCS}\\Control\\Class\\${cls}`;
    classInstance = nextClassInstance(registry, classKey);
    instanceKey = `${classKey}\\${classInstance}`;
    registry.createKey(instanceKey);
    registry.setValue(instanceKey, sz('DriverDesc', description));
    registry.setValue(instanceKey, sz('ComponentId', c.infId));
    registry.setValue(instanceKey, sz('MatchingDeviceId', c.infId));
    registry.setValue(instanceKey, sz('NetCfgInstanceId', guid));
    registry.setValue(instanceKey, dword('Characteristics', CHARACTERISTICS.adapter));
    registry.createKey(`${instanceKey}\\Ndi`);
    registry.setValue(`${instanceKey}\\Ndi`, sz('Service', service));
    const conn = `${CCS}\\Control\\Network\\${cls}\\${guid}\\Connection`;
    registry.createKey(conn);
    registry.setValue(conn, sz('Name', connectionName(registry)));
    registry.setValue(conn, sz('PnpInstanceID', `ROOT\\NET\\${classInstance}`));
  } else {
    instanceKey = `${CCS}\\Control\\Network\\${cls}\\${guid}`;
    registry.createKey(instanceKey);
    registry.setValue(instanceKey, sz('ComponentId', c.infId));
    registry.setValue(instanceKey, sz('Description', description));
    registry.setValue(instanceKey, dword('Characteristics', CHARACTERISTICS[c.kind]));
    registry.createKey(`${instanceKey}\\Ndi`);
    registry.setValue(`${instanceKey}\\Ndi`, sz('Service', service));
  }
  writeService(registry, service, c.kind);
  return { instanceKey, instanceGuid: guid, service, ...(classInstance === undefined ? {} : { classInstance }) };
}

/** hkeyParams of DoPostUpgradeProcessing (docs/gui-mode.md). */
export function paramsKeyOf(c: GuiComponent, installed: Installed | undefined): string {
  if (c.kind === 'adapter' && installed !== undefined) return installed.instanceKey;
  return `${CCS}\\Services\\${installed?.service ?? serviceNameOf(c)}\\Parameters`;
}
