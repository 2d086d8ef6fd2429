// The fixture builders write the NT4 layout of spec §10 with the value types it names, and
// what they build survives a REGEDIT4 export and import (how an operator hands a registry over).

import { diffRegistries, exportReg, importRegFile, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ, type RegistryBase } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { SERVICES_PATH } from '../paths.js';
import { nt351Server, nt351Workstation, nt40Server, nt40Workstation } from './systems.js';

function values(reg: RegistryBase, path: string): Record<string, [number, unknown]> {
  const key = reg.key(path);
  if (!key) throw new Error(`${path} is missing`);
  return Object.fromEntries(
    key.values().map((v) => [
      v.name,
      [v.type, v.type === REG_DWORD ? v.asDword() : v.type === REG_MULTI_SZ ? v.asMultiString() : v.type === REG_EXPAND_SZ ? v.asExpandString() : v.asString()],
    ]),
  );
}

describe('NT4 fixture systems', () => {
  const server = nt40Server();

  it('per-adapter TCP/IP: static addresses and DHCP under Services\\<adapter>\\Parameters\\Tcpip', () => {
    expect(values(server, `${SERVICES_PATH}\\E100B1\\Parameters\\Tcpip`)).toEqual({
      EnableDHCP: [REG_DWORD, 0],
      IPAddress: [REG_MULTI_SZ, ['192.168.10.5', '192.168.10.6']],
      SubnetMask: [REG_MULTI_SZ, ['255.255.255.0', '255.255.255.0']],
      DefaultGateway: [REG_MULTI_SZ, ['192.168.10.1']],
    });
    expect(values(server, `${SERVICES_PATH}\\E100B2\\Parameters\\Tcpip`)).toEqual({
      EnableDHCP: [REG_DWORD, 1],
      IPAddress: [REG_MULTI_SZ, ['0.0.0.0']],
      SubnetMask: [REG_MULTI_SZ, ['0.0.0.0']],
      DefaultGateway: [REG_MULTI_SZ, []],
      DhcpIPAddress: [REG_SZ, '10.0.0.23'],
      DhcpSubnetMask: [REG_SZ, '255.255.0.0'],
    });
    expect(values(server, `${SERVICES_PATH}\\Tcpip\\Parameters`)).toMatchObject({
      DataBasePath: [REG_EXPAND_SZ, '%SystemRoot%\\System32\\drivers\\etc'],
      NameServer: [REG_SZ, '192.168.10.2 192.168.10.3'],
    });
  });

  it('the vendor service has a multi-string and an expandable path; the vendor protocol has per-adapter keys', () => {
    expect(values(server, `${SERVICES_PATH}\\AcmeMon\\Parameters`)).toEqual({
      Servers: [REG_MULTI_SZ, ['mon1.acme.example', 'mon2.acme.example']],
      LogPath: [REG_EXPAND_SZ, '%SystemRoot%\\acme\\monitor.log'],
      PollSeconds: [REG_DWORD, 30],
    });
    expect(values(server, `${SERVICES_PATH}\\AcmeProto\\Parameters\\Adapters\\E100B2`)).toEqual({ FrameType: [REG_DWORD, 1], NetworkNumber: [REG_DWORD, 0x5678] });
    expect(values(server, `${SERVICES_PATH}\\AcmeProto\\Linkage`).Bind).toEqual([REG_MULTI_SZ, ['\\Device\\E100B1', '\\Device\\E100B2']]);
  });

  it('the two DataFire cards differ only by BoardType (and their I/O address)', () => {
    const one = values(server, `${SERVICES_PATH}\\DataFire1\\Parameters`);
    const two = values(server, `${SERVICES_PATH}\\DataFire2\\Parameters`);
    expect(one.BoardType).toEqual([REG_SZ, 'DataFireIsaU']);
    expect(two.BoardType).toBeUndefined();
    expect(one.SwitchStyle).toEqual(two.SwitchStyle);
  });

  it.each([
    ['NT 4.0 server', nt40Server],
    ['NT 4.0 workstation', nt40Workstation],
    ['NT 3.51 server', nt351Server],
    ['NT 3.51 workstation (.reg)', nt351Workstation],
  ])('%s survives a REGEDIT4 export and import unchanged', (_name, make) => {
    const original = make();
    const text = exportReg(original, { format: 'regedit4' });
    const { registry, file } = importRegFile(text, { fileName: 'roundtrip.reg', strict: true });
    expect(file.warnings).toEqual([]);
    expect(diffRegistries(original, registry)).toEqual([]);
  });
});
