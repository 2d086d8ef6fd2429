// What the engine writes for the components Windows 2000 upgrades by itself (spec §4.3 step
// 1): a table of ours, from the NT4 registry (spec §10.5) to the Windows 2000 unattend keys
// (spec §8.5). docs/winnt32-phase.md lists every row with its source.

import { REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ, regTypeName, type RegistryBase, type RegistryKeyView } from '@netmigrate/registry';
import type { TopLevelSection } from '../answer-file/names.js';
import type { EngineDiagnostic } from '../discovery/diagnostics.js';

const HKLM = 'HKEY_LOCAL_MACHINE';
const SERVICES = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services`;

/** One `key = fields` line, with where its value came from (for messages and the docs). */
export interface ParamLine {
  readonly key: string;
  readonly fields: readonly string[];
  /** `HKEY_LOCAL_MACHINE\…\Parameters value Domain`, or a description when derived. */
  readonly source: string;
}

export interface ExtraSection {
  readonly name: string;
  readonly lines: readonly ParamLine[];
}

/** An adapter that has (or will have) an entry in [NetAdapters]: TCP/IP can be made specific to it. */
export interface AdapterEntry {
  readonly preNT5Instance: string;
  readonly key: string;
}

export interface BuiltInContext {
  readonly registry: RegistryBase;
  /** Adapters with an entry, in [NetAdapters] order. */
  readonly adapters: readonly AdapterEntry[];
  /** TCP/IP's bindings (discovery's boundAdapters), when its Linkage key exists. */
  readonly boundAdapters?: readonly string[];
  report(d: EngineDiagnostic): void;
}

export interface BuiltInWrite {
  /** The parameters section's lines (the section exists even when this is empty). */
  readonly params: readonly ParamLine[];
  readonly extraSections: readonly ExtraSection[];
}

export interface BuiltInRow {
  readonly nt5InfId: string;
  /** The top-level section of its entry; null when another row carries it (NetBT → MS_TCPIP). */
  readonly section: TopLevelSection | null;
  /** For the report when `section` is null. */
  readonly carriedBy?: string;
  write(ctx: BuiltInContext): BuiltInWrite;
}

const nothing = (): BuiltInWrite => ({ params: [], extraSections: [] });

export const TCPIP_ADAPTER_SECTION = (adapterKey: string): string => `params.MS_TCPIP.${adapterKey}`;

export const BUILT_IN_TABLE: readonly BuiltInRow[] = [
  { nt5InfId: 'MS_TCPIP', section: 'NetProtocols', write: writeTcpip },
  // Windows 2000 has no NetBT component of its own: its settings are MS_TCPIP keys.
  { nt5InfId: 'MS_NetBT', section: null, carriedBy: 'MS_TCPIP', write: nothing },
  { nt5InfId: 'MS_NetBEUI', section: 'NetProtocols', write: nothing },
  { nt5InfId: 'MS_NWIPX', section: 'NetProtocols', write: nothing },
  { nt5InfId: 'MS_DLC', section: 'NetProtocols', write: nothing },
  { nt5InfId: 'MS_MSClient', section: 'NetClients', write: writeMsClient },
  { nt5InfId: 'MS_Server', section: 'NetServices', write: writeServer },
  { nt5InfId: 'MS_NetBIOS', section: 'NetServices', write: nothing },
];

export function builtInRow(nt5InfId: string): BuiltInRow | undefined {
  return BUILT_IN_TABLE.find((r) => r.nt5InfId.toLowerCase() === nt5InfId.toLowerCase());
}

// ---- TCP/IP ------------------------------------------------------------------------

function writeTcpip(ctx: BuiltInContext): BuiltInWrite {
  const r = new Reader(ctx);
  const tcp = `${SERVICES}\\Tcpip\\Parameters`;
  const netbt = `${SERVICES}\\NetBT\\Parameters`;
  const params: ParamLine[] = [];
  r.text(tcp, 'Domain', (v) => params.push(line('DNSDomain', [v], tcp, 'Domain')));
  // NT4 keeps both lists space-separated in one REG_SZ (KB Q120642); commas are accepted too.
  r.list(tcp, 'NameServer', (v) => params.push(line('DNSServerSearchOrder', v, tcp, 'NameServer')));
  r.list(tcp, 'SearchList', (v) => params.push(line('DNSSuffixSearchOrder', v, tcp, 'SearchList')));
  r.dword(netbt, 'EnableLMHOSTS', (v) => params.push(line('EnableLMHosts', [yesNo(v)], netbt, 'EnableLMHOSTS')));
  r.text(netbt, 'ScopeId', (v) => params.push(line('ScopeID', [v], netbt, 'ScopeId')));

  const bound = ctx.boundAdapters?.map((a) => a.toLowerCase());
  const extraSections: ExtraSection[] = [];
  for (const adapter of ctx.adapters) {
    if (bound !== undefined && !bound.includes(adapter.preNT5Instance.toLowerCase())) continue;
    const path = `${SERVICES}\\${adapter.preNT5Instance}\\Parameters\\Tcpip`;
    if (ctx.registry.key(path) === undefined) continue;
    const lines: ParamLine[] = [{ key: 'SpecificTo', fields: [adapter.key], source: `the adapter's key in [NetAdapters]` }];
    let dhcp = false;
    r.dword(path, 'EnableDHCP', (v) => {
      dhcp = v !== 0;
      lines.push(line('DHCP', [yesNo(v)], path, 'EnableDHCP'));
    });
    if (!dhcp) {
      // The parallel lists of a static configuration (spec §10.5; types unconfirmed, §15.14).
      r.list(path, 'IPAddress', (v) => lines.push(line('IPAddress', v, path, 'IPAddress')));
      r.list(path, 'SubnetMask', (v) => lines.push(line('SubnetMask', v, path, 'SubnetMask')));
      r.list(path, 'DefaultGateway', (v) => lines.push(line('DefaultGateway', v, path, 'DefaultGateway')));
    }
    const wins = `${SERVICES}\\NetBT\\Adapters\\${adapter.preNT5Instance}`;
    const servers: string[] = [];
    r.text(wins, 'NameServer', (v) => servers.push(v));
    r.text(wins, 'NameServerBackup', (v) => servers.push(v));
    if (servers.length > 0) lines.push({ key: 'WinsServerList', fields: servers, source: `${wins} values NameServer, NameServerBackup` });
    extraSections.push({ name: TCPIP_ADAPTER_SECTION(adapter.key), lines });
  }
  if (extraSections.length > 0) {
    params.push({ key: 'AdapterSections', fields: extraSections.map((s) => s.name), source: 'one section per adapter TCP/IP is bound to' });
  }
  return { params, extraSections };
}

// ---- Client for Microsoft Networks (the NT4 Workstation service) --------------------

function writeMsClient(ctx: BuiltInContext): BuiltInWrite {
  const r = new Reader(ctx);
  const wks = `${SERVICES}\\LanmanWorkstation\\Parameters`;
  const rpc = `${HKLM}\\SOFTWARE\\Microsoft\\Rpc\\NameService`;
  const params: ParamLine[] = [];
  r.list(wks, 'OtherDomains', (v) => params.push(line('BrowseDomains', v, wks, 'OtherDomains')));
  r.text(rpc, 'Protocol', (v) => params.push(line('NameServiceProtocol', [v], rpc, 'Protocol')));
  r.text(rpc, 'NetworkAddress', (v) => params.push(line('NameServiceNetworkAddress', [v], rpc, 'NetworkAddress')));
  return { params, extraSections: [] };
}

// ---- File and Printer Sharing (the NT4 Server service) ------------------------------

/** LanmanServer `Size`: 1 minimize memory, 2 balance, 3 maximize throughput. */
const OPTIMIZATION: Readonly<Record<number, string>> = { 1: 'MinMemoryUsed', 2: 'Balance' };

function writeServer(ctx: BuiltInContext): BuiltInWrite {
  const r = new Reader(ctx);
  const srv = `${SERVICES}\\LanmanServer\\Parameters`;
  const memory = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management`;
  const params: ParamLine[] = [];
  r.dword(srv, 'Size', (size) => {
    let value = OPTIMIZATION[size];
    let source = `${srv} value Size`;
    if (size === 3) {
      // "Maximize throughput" is for file sharing when the system cache is large, else for network applications.
      let large = true;
      r.dword(memory, 'LargeSystemCache', (v) => (large = v !== 0));
      value = large ? 'MaxThroughputForFileSharing' : 'MaxThroughputForNetworkApps';
      source += ` and ${memory} value LargeSystemCache`;
    }
    if (value === undefined) {
      ctx.report({ severity: 'warning', code: 'builtin-unknown-value', component: 'LanmanServer', message: `${srv} value Size is ${size}, none of 1, 2, 3; Optimization is not written` });
      return;
    }
    params.push({ key: 'Optimization', fields: [value], source });
  });
  // Absent means NT's default, no announcements to LAN Manager 2.x clients.
  let announce = 0;
  r.dword(srv, 'Lmannounce', (v) => (announce = v));
  params.push({ key: 'BroadcastsToLanman2Clients', fields: [yesNo(announce)], source: `${srv} value Lmannounce (absent: No)` });
  return { params, extraSections: [] };
}

// ---- reading --------------------------------------------------------------------------

const line = (key: string, fields: readonly string[], path: string, value: string): ParamLine => ({ key, fields, source: `${path} value ${value}` });
const yesNo = (n: number): string => (n !== 0 ? 'Yes' : 'No');

/** Typed reads that report a value of the wrong type (and skip it) instead of throwing. */
class Reader {
  constructor(private readonly ctx: BuiltInContext) {}

  private value(path: string, name: string, types: number[], expected: string): { key: RegistryKeyView; type: number; read: () => unknown } | undefined {
    const key = this.ctx.registry.key(path);
    const v = key?.value(name);
    if (key === undefined || v === undefined) return undefined;
    if (!types.includes(v.type)) {
      this.ctx.report({ severity: 'warning', code: 'builtin-value-type', message: `${path} value "${name}" is ${regTypeName(v.type)}, expected ${expected}; it is not migrated` });
      return undefined;
    }
    return {
      key,
      type: v.type,
      read: () => (v.type === REG_SZ ? v.asString() : v.type === REG_EXPAND_SZ ? v.asExpandString() : v.type === REG_MULTI_SZ ? v.asMultiString() : v.asDword()),
    };
  }

  /** Non-empty REG_SZ / REG_EXPAND_SZ text. */
  text(path: string, name: string, use: (text: string) => void): void {
    const v = this.value(path, name, [REG_SZ, REG_EXPAND_SZ], 'REG_SZ');
    const text = (v?.read() as string | undefined)?.trim();
    if (text !== undefined && text !== '') use(text);
  }

  /** A non-empty list: REG_MULTI_SZ, or REG_SZ separated by blanks or commas. */
  list(path: string, name: string, use: (items: string[]) => void): void {
    const v = this.value(path, name, [REG_MULTI_SZ, REG_SZ], 'REG_MULTI_SZ or REG_SZ');
    if (v === undefined) return;
    const raw = v.read();
    const items = (Array.isArray(raw) ? (raw as string[]) : String(raw).split(/[\s,]+/)).map((s) => s.trim()).filter((s) => s !== '');
    if (items.length > 0) use(items);
  }

  dword(path: string, name: string, use: (n: number) => void): void {
    const v = this.value(path, name, [REG_DWORD], 'REG_DWORD');
    if (v !== undefined) use(v.read() as number);
  }
}
