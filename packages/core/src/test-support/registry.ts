import { REG } from '../registry/view.js';
import type { RegistryTreeData, RegistryValueData } from '../registry/tree.js';
import type { ComponentRef } from '../sandbox/hook-call.js';

export const sz = (name: string, text: string): RegistryValueData => ({ name, type: REG.SZ, data: new Uint8Array(Buffer.from(`${text}\0`, 'utf16le')) });
export const dword = (name: string, n: number): RegistryValueData => {
  const data = new Uint8Array(4);
  new DataView(data.buffer).setUint32(0, n, true);
  return { name, type: REG.DWORD, data };
};

export const key = (name: string, values: RegistryValueData[] = [], subkeys: RegistryTreeData[] = []): RegistryTreeData => ({ name, values, subkeys });

export const SERVICES = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services';

/** HKEY_LOCAL_MACHINE with one Services\<instance>\Parameters key per entry. */
export function hklmWithServices(services: Record<string, RegistryValueData[]>): RegistryTreeData {
  const serviceKeys = Object.entries(services).map(([name, values]) => key(name, [], [key('Parameters', values)]));
  return key('HKEY_LOCAL_MACHINE', [], [key('SYSTEM', [], [key('CurrentControlSet', [], [key('Services', [], serviceKeys)])])]);
}

/** The component whose parameters live under Services\<instance>\Parameters. */
export function component(instance: string, nt5InfId = instance.toLowerCase()): ComponentRef {
  return {
    paramsKeyPath: `${SERVICES}\\${instance}\\Parameters`,
    preNT5InfId: instance.toUpperCase(),
    preNT5Instance: instance,
    nt5InfId,
    sectionName: `params.${nt5InfId}.OemSection`,
  };
}
