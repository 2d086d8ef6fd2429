// Components Windows 2000 upgrades by itself (spec §1, §4.3 step 1): no vendor files are
// consulted for them. Service names and NT4 INF options from KB Q155197 (unattend.txt
// protocol options) and KB Q133339 (NTLANMAN service list); Windows 2000 IDs from the
// unattended-setup references (spec §8.5).

import type { ComponentKind } from './kinds.js';

export interface BuiltInComponent {
  /** Windows 2000 component ID. */
  readonly nt5InfId: string;
  /** Its Windows 2000 class (the Workstation service becomes the Microsoft client). */
  readonly kind: ComponentKind;
  /** NT 3.51/4.0 service name: what identifies the component (compared case-insensitively). */
  readonly serviceName: string;
  /** The NT4 INF option(s) it is installed by, for reference and messages. */
  readonly infOptions: readonly string[];
  readonly title: string;
}

export const BUILT_IN_COMPONENTS: readonly BuiltInComponent[] = [
  { nt5InfId: 'MS_TCPIP', kind: 'protocol', serviceName: 'Tcpip', infOptions: ['TC'], title: 'TCP/IP Protocol' },
  // Installed by the TCP/IP option (OEMNXPTC.INF) with its own software key.
  { nt5InfId: 'MS_NetBT', kind: 'protocol', serviceName: 'NetBT', infOptions: ['TC'], title: 'NetBIOS over TCP/IP' },
  { nt5InfId: 'MS_NetBEUI', kind: 'protocol', serviceName: 'Nbf', infOptions: ['NBF'], title: 'NetBEUI Protocol' },
  { nt5InfId: 'MS_NWIPX', kind: 'protocol', serviceName: 'NwlnkIpx', infOptions: ['NWLNKIPX'], title: 'NWLink IPX/SPX Compatible Transport' },
  { nt5InfId: 'MS_DLC', kind: 'protocol', serviceName: 'DLC', infOptions: ['DLC'], title: 'DLC Protocol' },
  { nt5InfId: 'MS_MSClient', kind: 'client', serviceName: 'LanmanWorkstation', infOptions: ['WKSTA'], title: 'Client for Microsoft Networks (Workstation)' },
  { nt5InfId: 'MS_Server', kind: 'service', serviceName: 'LanmanServer', infOptions: ['SRV'], title: 'File and Printer Sharing (Server)' },
  { nt5InfId: 'MS_NetBIOS', kind: 'service', serviceName: 'NetBIOS', infOptions: ['NETBIOS'], title: 'NetBIOS Interface' },
];

const BY_SERVICE = new Map(BUILT_IN_COMPONENTS.map((c) => [c.serviceName.toLowerCase(), c]));
const BY_ID = new Map(BUILT_IN_COMPONENTS.map((c) => [c.nt5InfId.toLowerCase(), c]));

/** The in-box component with this Windows 2000 ID (`MS_TCPIP`), compared case-insensitively. */
export function builtInById(nt5InfId: string): BuiltInComponent | undefined {
  return BY_ID.get(nt5InfId.toLowerCase());
}

/**
 * The in-box component a software key with this service name is. Keyed by service name,
 * not INF option: TCP/IP's option TC also installs NetBT, and the service name is the one
 * identifier a system cannot hold twice.
 */
export function findBuiltIn(serviceName: string): BuiltInComponent | undefined {
  return BY_SERVICE.get(serviceName.toLowerCase());
}
