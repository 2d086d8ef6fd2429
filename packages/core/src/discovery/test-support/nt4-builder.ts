// Builds NT 3.51/4.0 registries the way their network setup lays them out (spec §10), so
// tests (and later the vendor test kit) describe a machine in a few lines instead of key
// paths. Everything is written through Registry.setValue; nothing here decides what
// discovery finds.

import { Registry, RegValue, type RegistrySnapshot } from '@netmigrate/registry';
import { NT351 } from '../../contract/constants.js';
import { CURRENT_VERSION_PATH, NETWORK_CARDS_PATH, PRODUCT_OPTIONS_PATH, SERVICES_PATH, SOFTWARE_PATH } from '../paths.js';

export type Nt4ProductType = 'WinNT' | 'ServerNT' | 'LanmanNT';

export interface ProductSpec {
  /** CurrentBuildNumber: NT351 (1057) or NT40 (1381); others to test the warning. */
  build: number;
  productType: Nt4ProductType;
}

/** Per-adapter TCP/IP: Services\<adapter>\Parameters\Tcpip (spec §10.5). */
export type TcpipAdapterConfig =
  | { dhcp: true; leasedAddress?: string; leasedMask?: string }
  | { dhcp: false; ipAddress: string[]; subnetMask: string[]; defaultGateway?: string[] };

export interface CardSpec {
  /** <n> of NetworkCards\<n>. */
  number: number;
  /** The option/driver name, e.g. `Elnkii`. */
  productName: string;
  /** The instance, e.g. `Elnkii02`. */
  serviceName: string;
  /** NetRules\InfOption; left out when undefined. */
  infOption?: string;
  infName?: string;
  title?: string;
  description?: string;
  manufacturer?: string;
  /** NetRules `type` (default `<product> <product>Adapter`). */
  type?: string;
  /** NetRules `class` (REG_SZ on cards; default `<product>Adapter basic`). */
  class?: string;
  /** Values of Services\<instance>\Parameters. */
  params?: RegValue[];
  tcpip?: TcpipAdapterConfig;
  /** Leave out Services\<instance> entirely (a damaged or half-removed installation). */
  noServiceKey?: boolean;
}

export interface SoftwareSpec {
  vendor: string;
  product: string;
  /** `transport`, `service`, `driver`; left out when undefined. */
  softwareType?: string;
  serviceName?: string;
  infOption?: string;
  infName?: string;
  title?: string;
  description?: string;
  /** NetRules `use`. */
  use?: string;
  /** Values of Services\<service>\Parameters. */
  params?: RegValue[];
  /** Subkeys of Parameters (e.g. per-adapter `Adapters\<adapter>`), by relative path. */
  paramSubkeys?: Record<string, RegValue[]>;
  /** Adapter instances in Services\<service>\Linkage\Bind, written as `\Device\<instance>`. */
  bind?: string[];
  /** NT service Type: 1 kernel driver (default for transports/drivers), 0x20 shared process. */
  serviceType?: number;
  noServiceKey?: boolean;
}

export class Nt4RegistryBuilder {
  readonly registry = new Registry();

  constructor(product: ProductSpec) {
    this.set(CURRENT_VERSION_PATH, RegValue.sz('CurrentBuildNumber', String(product.build)));
    this.set(CURRENT_VERSION_PATH, RegValue.sz('CurrentVersion', product.build === NT351 ? '3.51' : '4.0'));
    this.set(PRODUCT_OPTIONS_PATH, RegValue.sz('ProductType', product.productType));
    this.registry.createKey(NETWORK_CARDS_PATH);
  }

  /** Sets a value, creating the key. */
  set(keyPath: string, ...values: RegValue[]): this {
    this.registry.createKey(keyPath);
    for (const v of values) this.registry.setValue(keyPath, v);
    return this;
  }

  card(spec: CardSpec): this {
    const key = `${NETWORK_CARDS_PATH}\\${spec.number}`;
    const lower = spec.productName.toLowerCase();
    this.set(
      key,
      RegValue.sz('Description', spec.description ?? spec.title ?? spec.productName),
      RegValue.dword('InstallDate', 0x2a4e01c5),
      RegValue.sz('Manufacturer', spec.manufacturer ?? 'Microsoft'),
      RegValue.sz('ProductName', spec.productName),
      RegValue.sz('ServiceName', spec.serviceName),
      RegValue.sz('Title', `[${String(spec.number).padStart(2, '0')}] ${spec.title ?? spec.productName}`),
    );
    const rules = [
      RegValue.sz('bindform', `"${spec.serviceName}" yes yes container`),
      RegValue.sz('class', spec.class ?? `${lower}Adapter basic`),
      RegValue.sz('type', spec.type ?? `${lower} ${lower}Adapter`),
    ];
    if (spec.infName !== undefined) rules.push(RegValue.sz('Infname', spec.infName));
    if (spec.infOption !== undefined) rules.push(RegValue.sz('InfOption', spec.infOption));
    this.set(`${key}\\NetRules`, ...rules);
    if (spec.noServiceKey) return this;
    const service = `${SERVICES_PATH}\\${spec.serviceName}`;
    // KB Q102999: adapter instances are demand-start (3), type 4, error control 1.
    this.set(service, RegValue.dword('ErrorControl', 1), RegValue.dword('Start', 3), RegValue.dword('Type', 4));
    this.set(`${service}\\Linkage`, RegValue.multiSz('Bind', []), RegValue.multiSz('Export', [`\\Device\\${spec.serviceName}`]));
    this.set(`${service}\\Parameters`, ...(spec.params ?? []));
    if (spec.tcpip) this.set(`${service}\\Parameters\\Tcpip`, ...tcpipValues(spec.tcpip));
    return this;
  }

  software(spec: SoftwareSpec): this {
    const cv = `${SOFTWARE_PATH}\\${spec.vendor}\\${spec.product}\\CurrentVersion`;
    const values = [RegValue.dword('InstallDate', 0x2a4e01c5), RegValue.dword('RefCount', 1)];
    if (spec.description !== undefined || spec.title !== undefined) values.push(RegValue.sz('Description', spec.description ?? spec.title ?? ''));
    if (spec.serviceName !== undefined) values.push(RegValue.sz('ServiceName', spec.serviceName));
    if (spec.softwareType !== undefined) values.push(RegValue.sz('SoftwareType', spec.softwareType));
    if (spec.title !== undefined) values.push(RegValue.sz('Title', spec.title));
    this.set(cv, ...values);
    const service = (spec.serviceName ?? spec.product).toLowerCase();
    const role = spec.softwareType === 'service' ? 'Service' : spec.softwareType === 'driver' ? 'Driver' : 'Transport';
    const rules = [
      RegValue.sz('bindform', `"${spec.serviceName ?? spec.product}" yes no container`),
      RegValue.multiSz('class', [`${service}${role} basic`]),
      RegValue.sz('type', `${service} ${service}${role}`),
    ];
    if (spec.use !== undefined) rules.push(RegValue.sz('use', spec.use));
    if (spec.infName !== undefined) rules.push(RegValue.sz('Infname', spec.infName));
    if (spec.infOption !== undefined) rules.push(RegValue.sz('InfOption', spec.infOption));
    this.set(`${cv}\\NetRules`, ...rules);
    if (spec.noServiceKey || spec.serviceName === undefined) return this;
    const sk = `${SERVICES_PATH}\\${spec.serviceName}`;
    const type = spec.serviceType ?? (spec.softwareType === 'service' ? 0x20 : 1);
    this.set(sk, RegValue.dword('ErrorControl', 1), RegValue.dword('Start', type === 1 ? 1 : 2), RegValue.dword('Type', type));
    this.set(`${sk}\\Parameters`, ...(spec.params ?? []));
    for (const [sub, subValues] of Object.entries(spec.paramSubkeys ?? {})) this.set(`${sk}\\Parameters\\${sub}`, ...subValues);
    if (spec.bind !== undefined) {
      this.set(`${sk}\\Linkage`, RegValue.multiSz('Bind', spec.bind.map((a) => `\\Device\\${a}`)), RegValue.multiSz('Route', spec.bind.map((a) => `"${a}"`)));
    }
    return this;
  }

  /** The driver software key an adapter's INF registers (SoftwareType driver: not a component). */
  driver(vendor: string, product: string, serviceName = product): this {
    return this.software({ vendor, product, softwareType: 'driver', serviceName, use: 'driver', title: `${product} Adapter Driver` });
  }

  /** TCP/IP (option TC) and NetBT bound to `adapters`, with the global parameters of spec §10.5. */
  tcpip(adapters: string[], global: { hostname: string; domain?: string; nameServers?: string[] }): this {
    const params = [
      RegValue.expandSz('DataBasePath', '%SystemRoot%\\System32\\drivers\\etc'),
      RegValue.sz('Hostname', global.hostname),
      RegValue.sz('Domain', global.domain ?? ''),
      RegValue.sz('NameServer', (global.nameServers ?? []).join(' ')),
      RegValue.sz('SearchList', ''),
      RegValue.dword('IPEnableRouter', 0),
      RegValue.dword('ForwardBroadcasts', 0),
    ];
    this.software({
      vendor: 'Microsoft', product: 'Tcpip', softwareType: 'transport', serviceName: 'Tcpip', infOption: 'TC', infName: 'OEMNXPTC.INF',
      title: 'TCP/IP Protocol', params, bind: adapters,
    });
    return this.software({
      vendor: 'Microsoft', product: 'NetBT', softwareType: 'transport', serviceName: 'NetBT', infName: 'OEMNXPTC.INF',
      title: 'WINS Client(TCP/IP)', params: [RegValue.dword('NodeType', 1)], bind: adapters,
    });
  }

  /** The Workstation service (option WKSTA), present on every NT system with networking. */
  workstation(): this {
    return this.software({
      vendor: 'Microsoft', product: 'LanmanWorkstation', softwareType: 'service', serviceName: 'LanmanWorkstation', infOption: 'WKSTA',
      infName: 'OEMNSVWK.INF', title: 'Workstation', params: [RegValue.dword('EnablePlainTextPassword', 0)],
    });
  }

  /** The Server service (option SRV). */
  server(): this {
    return this.software({
      vendor: 'Microsoft', product: 'LanmanServer', softwareType: 'service', serviceName: 'LanmanServer', infOption: 'SRV',
      infName: 'OEMNSVSV.INF', title: 'Server', params: [RegValue.dword('Size', 3), RegValue.sz('NullSessionPipes', 'COMNAP')],
    });
  }

  /** NetBIOS interface (option NETBIOS). */
  netbios(): this {
    return this.software({ vendor: 'Microsoft', product: 'NetBIOS', softwareType: 'service', serviceName: 'NetBIOS', infOption: 'NETBIOS', infName: 'OEMNSVNB.INF', title: 'NetBIOS Interface' });
  }

  snapshot(): RegistrySnapshot {
    return this.registry.snapshot();
  }
}

export function tcpipValues(c: TcpipAdapterConfig): RegValue[] {
  if (c.dhcp) {
    return [
      RegValue.dword('EnableDHCP', 1),
      RegValue.multiSz('IPAddress', ['0.0.0.0']),
      RegValue.multiSz('SubnetMask', ['0.0.0.0']),
      RegValue.multiSz('DefaultGateway', []),
      RegValue.sz('DhcpIPAddress', c.leasedAddress ?? '0.0.0.0'),
      RegValue.sz('DhcpSubnetMask', c.leasedMask ?? '0.0.0.0'),
    ];
  }
  return [
    RegValue.dword('EnableDHCP', 0),
    RegValue.multiSz('IPAddress', c.ipAddress),
    RegValue.multiSz('SubnetMask', c.subnetMask),
    RegValue.multiSz('DefaultGateway', c.defaultGateway ?? []),
  ];
}
