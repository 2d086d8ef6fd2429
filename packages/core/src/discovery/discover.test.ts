import { RegValue, type RegistryBase } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { NT40 } from '../contract/constants.js';
import type { EngineDiagnostic } from './diagnostics.js';
import { discoverComponents, type DiscoveredComponent } from './discover.js';
import { NETWORK_CARDS_PATH, SERVICES_PATH } from './paths.js';
import { Nt4RegistryBuilder } from './test-support/nt4-builder.js';
import { nt351Server, nt351Workstation, nt40Server, nt40Workstation } from './test-support/systems.js';

const SVC = SERVICES_PATH;
const SW = 'HKEY_LOCAL_MACHINE\\SOFTWARE';

function discover(snapshot: RegistryBase): { components: DiscoveredComponent[]; diagnostics: EngineDiagnostic[] } {
  const diagnostics: EngineDiagnostic[] = [];
  const components = discoverComponents(snapshot, { onDiagnostic: (d) => diagnostics.push(d) });
  return { components, diagnostics };
}

const summary = (c: DiscoveredComponent) => `${c.kind} ${c.preNT5InfId} ${c.preNT5Instance}${c.builtIn ? ` =${c.builtIn}` : ''}`;

describe('discoverComponents on an NT 4.0 server', () => {
  const { components, diagnostics } = discover(nt40Server());

  it('lists adapters by card number, then protocols, then services by key path; drivers are not components', () => {
    expect(components.map(summary)).toEqual([
      'adapter E100B E100B1',
      'adapter E100B E100B2',
      'adapter DATAFIREU DataFire1',
      'adapter DATAFIREU DataFire2',
      'protocol ACMEPROTO AcmeProto',
      'protocol NetBT NetBT =MS_NetBT',
      'protocol TC Tcpip =MS_TCPIP',
      'service ACMEMON AcmeMon',
      'service ACMERDR AcmeRdr',
      'service SRV LanmanServer =MS_Server',
      'service WKSTA LanmanWorkstation =MS_MSClient',
      'service NETBIOS NetBIOS =MS_NetBIOS',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('gives each instance of one adapter its own ServiceName, parameters key and card', () => {
    const [a, b] = components;
    expect(a).toEqual({
      kind: 'adapter',
      preNT5InfId: 'E100B',
      preNT5InfIdSource: 'InfOption',
      preNT5Instance: 'E100B1',
      paramsPath: `${SVC}\\E100B1\\Parameters`,
      sourceKeyPath: `${NETWORK_CARDS_PATH}\\1`,
      title: '[01] Intel EtherExpress PRO/100B PCI Adapter',
      description: 'Intel EtherExpress PRO/100B PCI Adapter',
      manufacturer: 'Intel',
      infName: 'OEMNADEP.INF',
      cardNumber: 1,
    });
    expect(b?.preNT5Instance).toBe('E100B2');
    expect(b?.paramsPath).toBe(`${SVC}\\E100B2\\Parameters`);
    expect(b?.cardNumber).toBe(2);
  });

  it('describes software components from their CurrentVersion key; the vendor key is the manufacturer', () => {
    const mon = components.find((c) => c.preNT5Instance === 'AcmeMon');
    expect(mon).toEqual({
      kind: 'service',
      preNT5InfId: 'ACMEMON',
      preNT5InfIdSource: 'InfOption',
      preNT5Instance: 'AcmeMon',
      paramsPath: `${SVC}\\AcmeMon\\Parameters`,
      sourceKeyPath: `${SW}\\Acme\\AcmeMon\\CurrentVersion`,
      title: 'Acme Network Monitor',
      description: 'Acme Network Monitor',
      manufacturer: 'Acme',
      infName: 'OEMNSVAM.INF',
      softwareType: 'service',
    });
  });

  it('reports the adapters a protocol is bound to, from Linkage\\Bind', () => {
    const bound = Object.fromEntries(components.filter((c) => c.boundAdapters).map((c) => [c.preNT5Instance, c.boundAdapters]));
    expect(bound).toEqual({ AcmeProto: ['E100B1', 'E100B2'], NetBT: ['E100B1', 'E100B2'], Tcpip: ['E100B1', 'E100B2'] });
  });

  it('marks the Workstation service as the in-box client but keeps it an NT4 service', () => {
    const wks = components.find((c) => c.preNT5Instance === 'LanmanWorkstation');
    expect(wks?.kind).toBe('service');
    expect(wks?.builtIn).toBe('MS_MSClient');
  });
});

describe('discoverComponents on the other systems of the test matrix', () => {
  it('NT 3.51 workstation (REGEDIT4 fixture): the card without InfOption is identified by ProductName', () => {
    const { components, diagnostics } = discover(nt351Workstation());
    expect(components.map(summary)).toEqual([
      'adapter Elnkii Elnkii02',
      'protocol NBF Nbf =MS_NetBEUI',
      'protocol TC Tcpip =MS_TCPIP',
      'service WKSTA LanmanWorkstation =MS_MSClient',
      'service NETBIOS NetBIOS =MS_NetBIOS',
    ]);
    expect(components[0]).toMatchObject({ preNT5InfIdSource: 'ProductName', cardNumber: 2, infName: 'OEMNADE2.INF', sourceKeyPath: `${NETWORK_CARDS_PATH}\\2` });
    // Workstation binds to transports (\Device\Nbf_Elnkii02), not to adapters; NetBIOS has no Linkage key.
    expect(Object.fromEntries(components.map((c) => [c.preNT5Instance, c.boundAdapters]))).toEqual({
      Elnkii02: undefined, Nbf: ['Elnkii02'], Tcpip: ['Elnkii02'], LanmanWorkstation: [], NetBIOS: undefined,
    });
    expect(diagnostics).toEqual([]);
  });

  it('NT 3.51 server and NT 4.0 workstation', () => {
    expect(discover(nt351Server()).components.map(summary)).toEqual([
      'adapter ELNKII Elnkii1',
      'protocol NetBT NetBT =MS_NetBT',
      'protocol TC Tcpip =MS_TCPIP',
      'service SRV LanmanServer =MS_Server',
      'service WKSTA LanmanWorkstation =MS_MSClient',
    ]);
    expect(discover(nt40Workstation()).components.map(summary)).toEqual([
      'adapter AMDPCN AMDPCN1',
      'protocol NetBT NetBT =MS_NetBT',
      'protocol TC Tcpip =MS_TCPIP',
      'service WKSTA LanmanWorkstation =MS_MSClient',
      'service NETBIOS NetBIOS =MS_NetBIOS',
    ]);
  });

  it('an empty registry has no components and nothing to report', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
    b.registry.deleteKey(NETWORK_CARDS_PATH);
    expect(discover(b.snapshot())).toEqual({ components: [], diagnostics: [] });
  });
});

describe('discoverComponents: ordering and classification', () => {
  it('sorts cards numerically whatever order their keys were created in', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
    for (const n of [10, 2, 1]) b.card({ number: n, productName: 'Ne2000', serviceName: `Ne2000${n}`, infOption: 'NE2000' });
    expect(discover(b.snapshot()).components.map((c) => c.cardNumber)).toEqual([1, 2, 10]);
  });

  it('an adapter whose NetRules class or type names an async class is an async adapter', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' })
      .card({ number: 1, productName: 'AccelePort', serviceName: 'AccelePort1', infOption: 'ACCELEPORT', class: 'asyncmacAdapter basic', type: 'acceleport acceleportAdapter' })
      .card({ number: 2, productName: 'Modemcard', serviceName: 'Modemcard1', infOption: 'MODEMCARD', type: 'modemcard asyncAdapter' })
      .card({ number: 3, productName: 'Ne2000', serviceName: 'Ne20001', infOption: 'NE2000' });
    expect(discover(b.snapshot()).components.map((c) => c.kind)).toEqual(['asyncAdapter', 'asyncAdapter', 'adapter']);
  });

  it('without SoftwareType the NetRules `use` decides; without InfOption the product key names the component', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' })
      .software({ vendor: 'Acme', product: 'AcmeXport', use: 'transport', serviceName: 'AcmeX' })
      .software({ vendor: 'Acme', product: 'AcmeDrv', use: 'driver', serviceName: 'AcmeDrv' });
    const { components, diagnostics } = discover(b.snapshot());
    expect(components).toHaveLength(1);
    expect(components[0]).toMatchObject({ kind: 'protocol', preNT5InfId: 'AcmeXport', preNT5InfIdSource: 'ProductKey', preNT5Instance: 'AcmeX' });
    expect(components[0]?.softwareType).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });

  it('a ProductName value on a software key is the fallback before the product key name', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' }).software({ vendor: 'Acme', product: 'AcmeSvc', softwareType: 'service', serviceName: 'AcmeSvc' });
    b.set(`${SW}\\Acme\\AcmeSvc\\CurrentVersion`, RegValue.sz('ProductName', 'ACMESVC_PRODUCT'));
    expect(discover(b.snapshot()).components[0]).toMatchObject({ preNT5InfId: 'ACMESVC_PRODUCT', preNT5InfIdSource: 'ProductName' });
  });

  it('software keys without NetRules are not network components', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
    b.set(`${SW}\\Acme\\Editor\\CurrentVersion`, RegValue.sz('ServiceName', 'AcmeEdit'), RegValue.sz('SoftwareType', 'service'));
    expect(discover(b.snapshot()).components).toEqual([]);
  });

  it('the built-in table matches on the service name, case-insensitively, not on the INF option', () => {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' })
      .software({ vendor: 'Microsoft', product: 'Tcpip', softwareType: 'transport', serviceName: 'TCPIP', infOption: 'TC' })
      .software({ vendor: 'Acme', product: 'AcmeTc', softwareType: 'transport', serviceName: 'AcmeTc', infOption: 'TC' });
    const { components } = discover(b.snapshot());
    expect(components.map((c) => [c.preNT5Instance, c.builtIn])).toEqual([
      ['AcmeTc', undefined],
      ['TCPIP', 'MS_TCPIP'],
    ]);
  });
});

describe('discoverComponents: damaged registries are reported, not fatal', () => {
  function damaged(build: (b: Nt4RegistryBuilder) => void) {
    const b = new Nt4RegistryBuilder({ build: NT40, productType: 'WinNT' });
    build(b);
    return discover(b.snapshot());
  }

  it('a card key that is not a number', () => {
    const r = damaged((b) => b.set(`${NETWORK_CARDS_PATH}\\Backup`, RegValue.sz('ServiceName', 'X1'), RegValue.sz('ProductName', 'X')));
    expect(r.components).toEqual([]);
    expect(r.diagnostics).toEqual([
      { severity: 'warning', code: 'discovery-bad-card-number', message: `${NETWORK_CARDS_PATH}\\Backup: "Backup" is not a card number; the key is skipped` },
    ]);
  });

  it('a card without ServiceName, and one whose ServiceName is a DWORD', () => {
    const r = damaged((b) => {
      b.set(`${NETWORK_CARDS_PATH}\\1`, RegValue.sz('ProductName', 'Ne2000'));
      b.set(`${NETWORK_CARDS_PATH}\\2`, RegValue.sz('ProductName', 'Ne2000'), RegValue.dword('ServiceName', 2));
    });
    expect(r.components).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['discovery-card-without-service-name', 'discovery-value-type', 'discovery-card-without-service-name']);
    expect(r.diagnostics[1]?.message).toBe(`${NETWORK_CARDS_PATH}\\2 value "ServiceName" is REG_DWORD, expected REG_SZ; it is ignored`);
  });

  it('a card with neither InfOption nor ProductName', () => {
    const r = damaged((b) => b.set(`${NETWORK_CARDS_PATH}\\1`, RegValue.sz('ServiceName', 'Mystery1')));
    expect(r.components).toEqual([]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'discovery-card-without-id', component: 'Mystery1' }),
    ]);
  });

  it('two cards naming one instance: the second is skipped', () => {
    const r = damaged((b) => {
      b.card({ number: 1, productName: 'Ne2000', serviceName: 'Ne20001', infOption: 'NE2000' });
      b.card({ number: 2, productName: 'Ne2000', serviceName: 'NE20001', infOption: 'NE2000' });
    });
    expect(r.components.map((c) => c.cardNumber)).toEqual([1]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'discovery-duplicate-instance', component: 'NE20001', message: expect.stringContaining(`${NETWORK_CARDS_PATH}\\1`) }),
    ]);
  });

  it('a component whose Services key is missing is still listed, with a warning', () => {
    const r = damaged((b) => b.card({ number: 1, productName: 'Ne2000', serviceName: 'Ne20001', infOption: 'NE2000', noServiceKey: true }));
    expect(r.components.map((c) => c.preNT5Instance)).toEqual(['Ne20001']);
    expect(r.diagnostics).toEqual([
      { severity: 'warning', code: 'discovery-missing-service-key', component: 'Ne20001', message: `${SVC}\\Ne20001 does not exist; the component's parameters are handed over as an empty key` },
    ]);
  });

  it('software with an unknown SoftwareType, or without ServiceName', () => {
    const r = damaged((b) => {
      b.software({ vendor: 'Acme', product: 'Odd', softwareType: 'gadget', serviceName: 'Odd' });
      b.software({ vendor: 'Acme', product: 'Nameless', softwareType: 'service' });
    });
    expect(r.components).toEqual([]);
    expect(r.diagnostics).toEqual([
      { severity: 'warning', code: 'discovery-software-without-service-name', message: `${SW}\\Acme\\Nameless\\CurrentVersion has NetRules but no ServiceName; the key is skipped` },
      {
        severity: 'warning',
        code: 'discovery-unknown-software-type',
        message: `${SW}\\Acme\\Odd\\CurrentVersion: SoftwareType "gadget" is unknown and NetRules use is absent; expected transport, service or driver; the key is skipped`,
      },
    ]);
  });

  it('two software keys naming one service: the first by key path wins', () => {
    const r = damaged((b) => {
      b.software({ vendor: 'Zeta', product: 'Proto', softwareType: 'transport', serviceName: 'SharedSvc', infOption: 'ZETA' });
      b.software({ vendor: 'Alpha', product: 'Proto', softwareType: 'transport', serviceName: 'SharedSvc', infOption: 'ALPHA' });
    });
    expect(r.components.map((c) => c.preNT5InfId)).toEqual(['ALPHA']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['discovery-duplicate-instance']);
  });

  it('a Linkage\\Bind of the wrong type is reported and binds nothing', () => {
    const r = damaged((b) => {
      b.software({ vendor: 'Acme', product: 'P', softwareType: 'transport', serviceName: 'P', infOption: 'P' });
      b.set(`${SVC}\\P\\Linkage`, RegValue.dword('Bind', 1));
    });
    expect(r.components[0]?.boundAdapters).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'discovery-value-type', component: 'P' })]);
  });
});
