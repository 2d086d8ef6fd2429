// Named NT systems for tests: what a vendor's test matrix (spec §12) asks for, NT 3.51 and
// NT 4.0, workstation and server.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importRegFile, RegValue, type RegistrySnapshot } from '@netmigrate/registry';
import { NT351, NT40 } from '../../contract/constants.js';
import { Nt4RegistryBuilder } from './nt4-builder.js';

export const CORE_FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
export const NT351_WORKSTATION_REG = `${CORE_FIXTURES}nt-registry/nt351-workstation.reg`;

/** The REGEDIT4 fixture, imported as the engine imports an operator's export. */
export function nt351Workstation(): RegistrySnapshot {
  const { registry, file } = importRegFile(readFileSync(NT351_WORKSTATION_REG), { fileName: NT351_WORKSTATION_REG, strict: true });
  if (file.warnings.length > 0) throw new Error(`fixture ${NT351_WORKSTATION_REG} has problems: ${JSON.stringify(file.warnings)}`);
  return registry.snapshot();
}

/**
 * NT 4.0 Server: two instances of one Ethernet card (static and DHCP TCP/IP), two DataFire
 * ISDN cards that differ only by the BoardType parameter (present on one, absent on the
 * other), TCP/IP + NetBT, a vendor protocol bound per adapter, a vendor service with a
 * multi-string and an expandable path, a vendor redirector (an NT4 service that Windows 2000
 * calls a client), and the Workstation, Server and NetBIOS services.
 */
export function nt40ServerBuilder(): Nt4RegistryBuilder {
  return new Nt4RegistryBuilder({ build: NT40, productType: 'ServerNT' })
    .card({
      number: 1, productName: 'E100B', serviceName: 'E100B1', infOption: 'E100B', infName: 'OEMNADEP.INF',
      title: 'Intel EtherExpress PRO/100B PCI Adapter', manufacturer: 'Intel',
      params: [RegValue.dword('BusNumber', 0), RegValue.dword('BusType', 5), RegValue.dword('SlotNumber', 11)],
      tcpip: { dhcp: false, ipAddress: ['192.168.10.5', '192.168.10.6'], subnetMask: ['255.255.255.0', '255.255.255.0'], defaultGateway: ['192.168.10.1'] },
    })
    .card({
      number: 2, productName: 'E100B', serviceName: 'E100B2', infOption: 'E100B', infName: 'OEMNADEP.INF',
      title: 'Intel EtherExpress PRO/100B PCI Adapter', manufacturer: 'Intel',
      params: [RegValue.dword('BusNumber', 0), RegValue.dword('BusType', 5), RegValue.dword('SlotNumber', 12)],
      tcpip: { dhcp: true, leasedAddress: '10.0.0.23', leasedMask: '255.255.0.0' },
    })
    .card({
      number: 3, productName: 'DataFire', serviceName: 'DataFire1', infOption: 'DATAFIREU', infName: 'OEMNADDF.INF',
      title: 'DigiBoard DataFire ISA 1U', manufacturer: 'Digi International',
      params: [RegValue.sz('BoardType', 'DataFireIsaU'), RegValue.dword('IOBaseAddress', 0x300), RegValue.sz('SwitchStyle', 'ni1')],
    })
    .card({
      number: 4, productName: 'DataFire', serviceName: 'DataFire2', infOption: 'DATAFIREU', infName: 'OEMNADDF.INF',
      title: 'DigiBoard DataFire ISA', manufacturer: 'Digi International',
      params: [RegValue.dword('IOBaseAddress', 0x320), RegValue.sz('SwitchStyle', 'ni1')],
    })
    .driver('Microsoft', 'E100B')
    .driver('Digi', 'DataFire')
    .tcpip(['E100B1', 'E100B2'], { hostname: 'NTSRV01', domain: 'corp.example', nameServers: ['192.168.10.2', '192.168.10.3'] })
    .software({
      vendor: 'Acme', product: 'AcmeProto', softwareType: 'transport', serviceName: 'AcmeProto', infOption: 'ACMEPROTO', infName: 'OEMNXPAC.INF',
      title: 'Acme Transport', bind: ['E100B1', 'E100B2'],
      params: [RegValue.dword('MaxPacketSize', 1500)],
      paramSubkeys: {
        'Adapters\\E100B1': [RegValue.dword('FrameType', 2), RegValue.dword('NetworkNumber', 0x1234)],
        'Adapters\\E100B2': [RegValue.dword('FrameType', 1), RegValue.dword('NetworkNumber', 0x5678)],
      },
    })
    .software({
      vendor: 'Acme', product: 'AcmeMon', softwareType: 'service', serviceName: 'AcmeMon', infOption: 'ACMEMON', infName: 'OEMNSVAM.INF',
      title: 'Acme Network Monitor',
      params: [
        RegValue.multiSz('Servers', ['mon1.acme.example', 'mon2.acme.example']),
        RegValue.expandSz('LogPath', '%SystemRoot%\\acme\\monitor.log'),
        RegValue.dword('PollSeconds', 30),
      ],
    })
    .software({
      vendor: 'Acme', product: 'AcmeRdr', softwareType: 'service', serviceName: 'AcmeRdr', infOption: 'ACMERDR', infName: 'OEMNSVAR.INF',
      title: 'Acme Redirector', params: [RegValue.sz('DefaultServer', 'FILES01')],
    })
    .workstation()
    .server()
    .netbios();
}

export function nt40Server(): RegistrySnapshot {
  return nt40ServerBuilder().snapshot();
}

/** NT 4.0 Workstation: one AMD PCnet card on DHCP, TCP/IP, Workstation, NetBIOS. */
export function nt40Workstation(): RegistrySnapshot {
  return new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' })
    .card({ number: 1, productName: 'AMDPCN', serviceName: 'AMDPCN1', infOption: 'AMDPCN', infName: 'OEMNADAM.INF', title: 'AMD PCNET Family Ethernet Adapter', manufacturer: 'AMD', tcpip: { dhcp: true } })
    .driver('Microsoft', 'AMDPCN')
    .tcpip(['AMDPCN1'], { hostname: 'WS40' })
    .workstation()
    .netbios()
    .snapshot();
}

/** NT 3.51 Server (a domain controller): one Etherlink II card, TCP/IP, Server, Workstation. */
export function nt351Server(): RegistrySnapshot {
  return new Nt4RegistryBuilder({ build: NT351, productType: 'LanmanNT' })
    .card({ number: 1, productName: 'Elnkii', serviceName: 'Elnkii1', infOption: 'ELNKII', infName: 'OEMNADE2.INF', title: '3Com Etherlink II Adapter', manufacturer: '3Com', tcpip: { dhcp: false, ipAddress: ['10.2.0.1'], subnetMask: ['255.255.0.0'] } })
    .driver('Microsoft', 'Elnkii')
    .tcpip(['Elnkii1'], { hostname: 'PDC351' })
    .workstation()
    .server()
    .snapshot();
}
