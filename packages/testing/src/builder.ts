// NT 3.51/4.0 registries as their network setup lays them out (spec §10): describe a machine
// in a few calls, get a registry snapshot for runUpgrade and a REGEDIT4 file an operator's
// export would look like. Facts: NetworkCards\<n> with NetRules (§10.2), the adapter instance's
// service key with Parameters and Linkage (§10.4, KB Q102999), software keys with NetRules
// (§10.3), TCP/IP globally and per adapter (§10.5).

import { writeFileSync } from 'node:fs';
import { exportReg, Registry, type RegistrySnapshot } from '@netmigrate/registry';
import { FixtureError, isRegData, isRegTree, reg, toRegValue, type RegTree } from './values.js';

const HKLM = 'HKEY_LOCAL_MACHINE';
const CURRENT_VERSION = `${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`;
const NETWORK_CARDS = `${CURRENT_VERSION}\\NetworkCards`;
const SOFTWARE = `${HKLM}\\SOFTWARE`;
const SERVICES = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services`;
const PRODUCT_OPTIONS = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions`;

/** NT's install-date stamp as the Resource Kit's example shows it; any constant keeps fixtures stable. */
const INSTALL_DATE = 0x2a4e01c5;

/** ProductOptions\ProductType: `WinNT`, `ServerNT`, `LanmanNT`. */
export type NtProduct = 'workstation' | 'server' | 'domain-controller';

const PRODUCT_TYPE: Record<NtProduct, string> = { workstation: 'WinNT', server: 'ServerNT', 'domain-controller': 'LanmanNT' };

export interface NtOptions {
  /** Default `workstation`. */
  readonly product?: NtProduct;
  /** CurrentBuildNumber; default 1381 for nt4(), 1057 for nt351(). Others are allowed (to test the warning). */
  readonly build?: number;
}

/** Per-adapter TCP/IP, `Services\<instance>\Parameters\Tcpip` (spec §10.5). */
export type AdapterTcpip =
  | { readonly dhcp: true; readonly leasedAddress?: string; readonly leasedMask?: string }
  | { readonly dhcp?: false; readonly ipAddress: readonly string[]; readonly subnetMask: readonly string[]; readonly defaultGateway?: readonly string[] };

export interface AdapterSpec {
  /** The driver's service name, NetworkCards' ProductName (e.g. `Elnkii`, `TernIsdn`). */
  readonly service: string;
  /** The instance, NetworkCards' ServiceName; default `<service><k>` for the k-th card of this service (`TernIsdn1`). */
  readonly instance?: string;
  /** NetRules\InfOption: the pre-upgrade ID netmap.inf maps. Left out, discovery falls back to ProductName. */
  readonly infOption?: string;
  /** NetRules\Infname, the NT4 INF (e.g. `OEMNADTN.INF`). */
  readonly infName?: string;
  readonly title?: string;
  readonly description?: string;
  readonly manufacturer?: string;
  /** The SOFTWARE\<vendor> key of the adapter's driver; default the manufacturer without blanks, else `Microsoft`. */
  readonly vendor?: string;
  /** NetworkCards\<n>; default the next free number. */
  readonly number?: number;
  /** Values and subkeys of `Services\<instance>\Parameters`. */
  readonly params?: RegTree;
  readonly tcpip?: AdapterTcpip;
  /** WINS servers: `Services\NetBT\Adapters\<instance>` NameServer / NameServerBackup. */
  readonly wins?: { readonly primary?: string; readonly secondary?: string };
  /** An async (RAS) adapter: NetRules type and class name an async class. */
  readonly async?: boolean;
  /** NetRules `type` and `class` as written (override the defaults). */
  readonly netRulesType?: string;
  readonly netRulesClass?: string;
  /** Leave out `Services\<instance>` (a half-removed installation). */
  readonly noServiceKey?: boolean;
}

export interface SoftwareSpec {
  /** The vendor key, SOFTWARE\<vendor>; discovery reports it as the manufacturer. */
  readonly vendor: string;
  /** The NT service name, Services\<service>. */
  readonly service: string;
  /** SOFTWARE\<vendor>\<product>; default the service name. */
  readonly product?: string;
  /** NetRules\InfOption: the pre-upgrade ID. Left out, discovery falls back to the product key's name. */
  readonly infOption?: string;
  readonly infName?: string;
  readonly title?: string;
  readonly description?: string;
  /** Values and subkeys of `Services\<service>\Parameters`. */
  readonly params?: RegTree;
  /** Adapter instances in `Services\<service>\Linkage\Bind` (as `\Device\<instance>`), in binding order. */
  readonly bind?: readonly string[];
  /** Service Type; default 1 (kernel driver) for protocols, 0x20 (shared process) for services. */
  readonly serviceType?: number;
  /** Service Start; default 1 (system) for drivers, 2 (automatic) for services. */
  readonly start?: number;
  readonly noServiceKey?: boolean;
}

/** TCP/IP (NT4 option TC) with NetBT, the WINS client. */
export interface TcpipSpec {
  readonly hostname?: string;
  readonly domain?: string;
  /** DNS servers, written space-separated to `Tcpip\Parameters\NameServer` (KB Q120642). */
  readonly nameServers?: readonly string[];
  /** DNS suffixes, `SearchList` (space-separated). */
  readonly searchList?: readonly string[];
  /** NetBT `EnableLMHOSTS`. */
  readonly enableLmhosts?: boolean;
  /** NetBT `ScopeId`. */
  readonly scopeId?: string;
  /** Adapter instances TCP/IP is bound to; default every adapter given a `tcpip` configuration, in card order. */
  readonly adapters?: readonly string[];
}

interface CardRecord {
  readonly spec: AdapterSpec;
  readonly number: number;
  readonly instance: string;
}

/** A built fixture: the registry and its REGEDIT4 export. */
export class NtFixture {
  /** @internal */
  constructor(
    /** The registry, read-only: what runUpgrade and runWinnt32Phase take. */
    readonly registry: RegistrySnapshot,
    /** Adapter instances in card order (`TernIsdn1`, `E100B1`, …). */
    readonly adapters: readonly string[],
  ) {}

  /** A writable copy, to change something after building. */
  clone(): Registry {
    return this.registry.clone();
  }

  /** The REGEDIT4 file `regedit /e` on NT 4.0 writes (windows-1252, CRLF). */
  toReg(options: { codepage?: string | number } = {}): Uint8Array {
    return exportReg(this.registry, { format: 'regedit4', ...(options.codepage === undefined ? {} : { codepage: options.codepage }) });
  }

  /** Writes `toReg()` to `path`. */
  writeReg(path: string, options: { codepage?: string | number } = {}): void {
    writeFileSync(path, this.toReg(options));
  }
}

/**
 * Describes an NT 3.51/4.0 machine. Calls only record; `build()` writes the registry, so the
 * order of calls does not matter (TCP/IP binds to adapters added after it).
 */
export class NtRegistryBuilder {
  readonly #cards: CardRecord[] = [];
  readonly #software: { spec: SoftwareSpec; role: 'transport' | 'service' }[] = [];
  readonly #raw: { path: string; tree: RegTree }[] = [];
  #tcpip: TcpipSpec | undefined;
  #workstation: RegTree | undefined;
  #server: RegTree | undefined;
  #netbios = false;

  constructor(private readonly options: { build: number; product: NtProduct }) {}

  /** An installed adapter: NetworkCards\<n>, its instance's service key, its driver's software key. */
  adapter(spec: AdapterSpec): this {
    if (!spec.service) throw new FixtureError('adapter(): `service` (the driver service name, NetworkCards ProductName) is required');
    const number = spec.number ?? Math.max(0, ...this.#cards.map((c) => c.number)) + 1;
    if (!Number.isInteger(number) || number < 0) throw new FixtureError(`adapter(${spec.service}): card number ${number} is not a whole number`);
    if (this.#cards.some((c) => c.number === number)) throw new FixtureError(`adapter(${spec.service}): NetworkCards\\${number} is already taken`);
    const k = this.#cards.filter((c) => c.spec.service.toLowerCase() === spec.service.toLowerCase()).length + 1;
    const instance = spec.instance ?? `${spec.service}${k}`;
    this.#checkInstance(instance, `adapter(${spec.service})`);
    this.#cards.push({ spec, number, instance });
    return this;
  }

  /** A transport (NT4 SoftwareType `transport`): OemNetProtocols. */
  protocol(spec: SoftwareSpec): this {
    return this.#addSoftware(spec, 'transport');
  }

  /** A network service (SoftwareType `service`): OemNetServices, or OemNetClients for what Windows 2000 calls a client. */
  service(spec: SoftwareSpec): this {
    return this.#addSoftware(spec, 'service');
  }

  /** TCP/IP and NetBT, bound to the adapters with a `tcpip` configuration (or `spec.adapters`). */
  tcpip(spec: TcpipSpec = {}): this {
    this.#tcpip = spec;
    return this;
  }

  /** The Workstation service (option WKSTA, Windows 2000's MS_MSClient); `params` adds to its Parameters. */
  workstation(params: RegTree = {}): this {
    this.#workstation = params;
    return this;
  }

  /** The Server service (option SRV, MS_Server); `params` adds to (or overrides) `Size: 3`. */
  server(params: RegTree = {}): this {
    this.#server = params;
    return this;
  }

  /** The NetBIOS interface (option NETBIOS). */
  netbios(): this {
    this.#netbios = true;
    return this;
  }

  /** Any other key: `path` under HKLM (or a full path), with values and subkeys. */
  key(path: string, tree: RegTree = {}): this {
    this.#raw.push({ path: /^HK/i.test(path) ? path : `${HKLM}\\${path}`, tree });
    return this;
  }

  build(): NtFixture {
    const w = new Writer();
    const { build, product } = this.options;
    w.values(CURRENT_VERSION, { CurrentBuildNumber: String(build), CurrentVersion: build === 1057 ? '3.51' : build === 1381 ? '4.0' : `${Math.floor(build / 1000)}.0` });
    w.values(PRODUCT_OPTIONS, { ProductType: PRODUCT_TYPE[product] });
    w.registry.createKey(NETWORK_CARDS);

    const cards = [...this.#cards].sort((a, b) => a.number - b.number);
    const drivers = new Map<string, AdapterSpec>();
    for (const card of cards) {
      this.#writeCard(w, card);
      const key = card.spec.service.toLowerCase();
      if (!drivers.has(key)) drivers.set(key, card.spec);
    }
    for (const spec of drivers.values()) this.#writeDriver(w, spec);
    for (const { spec, role } of this.#software) this.#writeSoftware(w, spec, role);
    if (this.#tcpip !== undefined) this.#writeTcpip(w, this.#tcpip, cards);
    if (this.#workstation !== undefined) {
      this.#writeSoftware(w, { vendor: 'Microsoft', service: 'LanmanWorkstation', infOption: 'WKSTA', infName: 'OEMNSVWK.INF', title: 'Workstation', params: { EnablePlainTextPassword: 0, ...this.#workstation } }, 'service');
    }
    if (this.#server !== undefined) {
      this.#writeSoftware(w, { vendor: 'Microsoft', service: 'LanmanServer', infOption: 'SRV', infName: 'OEMNSVSV.INF', title: 'Server', params: { Size: 3, NullSessionPipes: reg.multiSz(['COMNAP', 'SQL\\QUERY']), ...this.#server } }, 'service');
    }
    if (this.#netbios) {
      this.#writeSoftware(w, { vendor: 'Microsoft', service: 'NetBIOS', infOption: 'NETBIOS', infName: 'OEMNSVNB.INF', title: 'NetBIOS Interface' }, 'service');
    }
    for (const { path, tree } of this.#raw) w.tree(path, tree);
    return new NtFixture(w.registry.snapshot(), cards.map((c) => c.instance));
  }

  #addSoftware(spec: SoftwareSpec, role: 'transport' | 'service'): this {
    const what = `${role === 'transport' ? 'protocol' : 'service'}(${spec.service ?? '?'})`;
    if (!spec.vendor) throw new FixtureError(`${what}: \`vendor\` (the SOFTWARE\\<vendor> key) is required`);
    if (!spec.service) throw new FixtureError(`${what}: \`service\` (the NT service name) is required`);
    this.#checkInstance(spec.service, what);
    this.#software.push({ spec, role });
    return this;
  }

  #checkInstance(name: string, what: string): void {
    if (/[\\/]/.test(name) || name.trim() !== name || name === '') throw new FixtureError(`${what}: "${name}" cannot name a service key (no blanks around it, no \\ or /)`);
    const taken = [...this.#cards.map((c) => c.instance), ...this.#software.map((s) => s.spec.service)];
    if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) throw new FixtureError(`${what}: the service name ${name} is already used by another component`);
  }

  #writeCard(w: Writer, { spec, number, instance }: CardRecord): void {
    const key = `${NETWORK_CARDS}\\${number}`;
    const lower = spec.service.toLowerCase();
    const title = spec.title ?? spec.service;
    w.values(key, {
      Description: spec.description ?? title,
      InstallDate: INSTALL_DATE,
      Manufacturer: spec.manufacturer ?? 'Microsoft',
      ProductName: spec.service,
      ServiceName: instance,
      Title: `[${String(number).padStart(2, '0')}] ${title}`,
    });
    const rules: Record<string, string> = {
      bindform: `"${instance}" yes yes container`,
      class: spec.netRulesClass ?? (spec.async ? `${lower}Adapter asyncAdapter` : `${lower}Adapter basic`),
      type: spec.netRulesType ?? (spec.async ? `${lower} ${lower}Adapter asyncAdapter` : `${lower} ${lower}Adapter`),
    };
    if (spec.infName !== undefined) rules.Infname = spec.infName;
    if (spec.infOption !== undefined) rules.InfOption = spec.infOption;
    w.values(`${key}\\NetRules`, rules);
    if (spec.noServiceKey) return;
    const service = `${SERVICES}\\${instance}`;
    // KB Q102999: adapter instances are demand-start (3), type 4 (adapter), error control 1.
    w.values(service, { ErrorControl: 1, Start: 3, Type: 4 });
    w.values(`${service}\\Linkage`, { Bind: reg.multiSz([]), Export: reg.multiSz([`\\Device\\${instance}`]) });
    w.tree(`${service}\\Parameters`, spec.params ?? {});
    if (spec.tcpip !== undefined) w.values(`${service}\\Parameters\\Tcpip`, tcpipValues(spec.tcpip, `adapter ${instance}`));
  }

  /** The driver's software key (SoftwareType driver: not a component of its own) and its service key. */
  #writeDriver(w: Writer, spec: AdapterSpec): void {
    const vendor = spec.vendor ?? (spec.manufacturer === undefined ? 'Microsoft' : spec.manufacturer.replace(/[^A-Za-z0-9]/g, '') || 'Microsoft');
    const cv = `${SOFTWARE}\\${vendor}\\${spec.service}\\CurrentVersion`;
    const lower = spec.service.toLowerCase();
    w.values(cv, {
      Description: `${spec.title ?? spec.service} Driver`,
      InstallDate: INSTALL_DATE,
      RefCount: this.#cards.filter((c) => c.spec.service.toLowerCase() === lower).length,
      ServiceName: spec.service,
      SoftwareType: 'driver',
      Title: `${spec.title ?? spec.service} Driver`,
    });
    const rules: RegTree = {
      bindable: reg.multiSz([`${lower}Driver ${lower}Adapter non exclusive 100`]),
      bindform: `"${spec.service}" yes no container`,
      class: reg.multiSz([`${lower}Driver basic`]),
      type: `${lower}Sys ndisDriver ${lower}Driver`,
      use: 'driver',
    };
    w.tree(`${cv}\\NetRules`, spec.infName === undefined ? rules : { ...rules, Infname: spec.infName });
    w.values(`${SERVICES}\\${spec.service}`, { ErrorControl: 1, Group: 'NDIS', ImagePath: `\\SystemRoot\\System32\\drivers\\${spec.service}.sys`, Start: 3, Type: 1 });
    w.values(`${SERVICES}\\${spec.service}\\Linkage`, {});
  }

  #writeSoftware(w: Writer, spec: SoftwareSpec, role: 'transport' | 'service'): void {
    const product = spec.product ?? spec.service;
    const cv = `${SOFTWARE}\\${spec.vendor}\\${product}\\CurrentVersion`;
    const title = spec.title ?? product;
    w.values(cv, {
      Description: spec.description ?? title,
      InstallDate: INSTALL_DATE,
      RefCount: 1,
      ServiceName: spec.service,
      SoftwareType: role,
      Title: title,
    });
    const lower = spec.service.toLowerCase();
    const kind = role === 'transport' ? 'Transport' : 'Service';
    const rules: RegTree = {
      bindform: `"${spec.service}" yes ${role === 'transport' ? 'yes' : 'no'} container`,
      class: reg.multiSz([`${lower}${kind} basic`]),
      type: `${lower} ${lower}${kind}`,
      use: role === 'transport' ? 'transport' : 'service',
    };
    w.tree(`${cv}\\NetRules`, { ...rules, ...(spec.infName === undefined ? {} : { Infname: spec.infName }), ...(spec.infOption === undefined ? {} : { InfOption: spec.infOption }) });
    if (spec.noServiceKey) return;
    const sk = `${SERVICES}\\${spec.service}`;
    const type = spec.serviceType ?? (role === 'transport' ? 1 : 0x20);
    w.values(sk, { ErrorControl: 1, Start: spec.start ?? (type <= 2 ? 1 : 2), Type: type });
    w.tree(`${sk}\\Parameters`, spec.params ?? {});
    if (spec.bind !== undefined) {
      w.values(`${sk}\\Linkage`, {
        Bind: reg.multiSz(spec.bind.map((a) => `\\Device\\${a}`)),
        Export: reg.multiSz(spec.bind.map((a) => `\\Device\\${spec.service}_${a}`)),
        Route: reg.multiSz(spec.bind.map((a) => `"${a}"`)),
      });
    }
  }

  #writeTcpip(w: Writer, spec: TcpipSpec, cards: readonly CardRecord[]): void {
    const adapters = spec.adapters ?? cards.filter((c) => c.spec.tcpip !== undefined).map((c) => c.instance);
    for (const a of adapters) {
      if (!cards.some((c) => c.instance.toLowerCase() === a.toLowerCase())) throw new FixtureError(`tcpip(): adapter ${a} is bound but no adapter() has that instance (adapters: ${cards.map((c) => c.instance).join(', ') || 'none'})`);
    }
    this.#writeSoftware(w, {
      vendor: 'Microsoft', service: 'Tcpip', infOption: 'TC', infName: 'OEMNXPTC.INF', title: 'TCP/IP Protocol', bind: adapters,
      params: {
        DataBasePath: reg.expandSz('%SystemRoot%\\System32\\drivers\\etc'),
        Domain: spec.domain ?? '',
        ForwardBroadcasts: 0,
        Hostname: spec.hostname ?? 'NT4HOST',
        IPEnableRouter: 0,
        NameServer: (spec.nameServers ?? []).join(' '),
        SearchList: (spec.searchList ?? []).join(' '),
      },
    }, 'transport');
    const netbt: Record<string, string | number> = { NodeType: 1 };
    if (spec.enableLmhosts !== undefined) netbt.EnableLMHOSTS = spec.enableLmhosts ? 1 : 0;
    if (spec.scopeId !== undefined) netbt.ScopeId = spec.scopeId;
    this.#writeSoftware(w, { vendor: 'Microsoft', service: 'NetBT', infName: 'OEMNXPTC.INF', title: 'WINS Client(TCP/IP)', bind: adapters, params: netbt }, 'transport');
    for (const card of cards) {
      if (card.spec.wins === undefined) continue;
      const values: Record<string, string> = {};
      if (card.spec.wins.primary !== undefined) values.NameServer = card.spec.wins.primary;
      if (card.spec.wins.secondary !== undefined) values.NameServerBackup = card.spec.wins.secondary;
      w.values(`${SERVICES}\\NetBT\\Adapters\\${card.instance}`, values);
    }
  }
}

/** An NT 4.0 machine (build 1381). */
export function nt4(options: NtOptions = {}): NtRegistryBuilder {
  return new NtRegistryBuilder({ build: options.build ?? 1381, product: options.product ?? 'workstation' });
}

/** An NT 3.51 machine (build 1057). */
export function nt351(options: NtOptions = {}): NtRegistryBuilder {
  return new NtRegistryBuilder({ build: options.build ?? 1057, product: options.product ?? 'workstation' });
}

/** Per-adapter TCP/IP values as NT 4.0's TCP/IP INF writes them. */
export function tcpipValues(c: AdapterTcpip, where: string): RegTree {
  if (c.dhcp === true) {
    return {
      EnableDHCP: 1,
      IPAddress: reg.multiSz(['0.0.0.0']),
      SubnetMask: reg.multiSz(['0.0.0.0']),
      DefaultGateway: reg.multiSz([]),
      DhcpIPAddress: c.leasedAddress ?? '0.0.0.0',
      DhcpSubnetMask: c.leasedMask ?? '0.0.0.0',
    };
  }
  if (c.ipAddress.length === 0 || c.ipAddress.length !== c.subnetMask.length) {
    throw new FixtureError(`${where}: a static TCP/IP configuration needs as many subnet masks (${c.subnetMask.length}) as addresses (${c.ipAddress.length}), at least one`);
  }
  return {
    EnableDHCP: 0,
    IPAddress: reg.multiSz(c.ipAddress),
    SubnetMask: reg.multiSz(c.subnetMask),
    DefaultGateway: reg.multiSz(c.defaultGateway ?? []),
  };
}

/** Writes fixture trees into a Registry, naming the key and value of any bad datum. */
class Writer {
  readonly registry = new Registry();

  values(path: string, values: RegTree): void {
    this.tree(path, values);
  }

  tree(path: string, tree: RegTree): void {
    this.registry.createKey(path);
    for (const [name, data] of Object.entries(tree)) {
      if (isRegData(data)) {
        this.registry.setValue(path, toRegValue(name, data, `${path}\\${name === '' ? '(default)' : name}`));
      } else if (isRegTree(data)) {
        this.tree(`${path}\\${name}`, data);
      } else {
        throw new FixtureError(`${path}\\${name}: ${data === null ? 'null' : typeof data} is neither registry data nor a subkey object`);
      }
    }
  }
}
