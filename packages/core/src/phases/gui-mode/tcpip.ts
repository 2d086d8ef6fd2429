// The in-box TCP/IP settings the Winnt32 phase carried in [params.MS_TCPIP] and its per-adapter
// sections (Windows 2000 unattend keys, spec §8.5), written where Windows 2000 keeps them:
// Services\Tcpip\Parameters, its Interfaces\{GUID}, and NetBT's per-interface WINS list.
import type { InfDocument } from '@netmigrate/inf';
import { RegValue, type Registry } from '@netmigrate/registry';
import { GuiModeError } from './errors.js';
import { CCS } from './install.js';

const TCPIP = `${CCS}\\Services\\Tcpip\\Parameters`;
const NETBT = `${CCS}\\Services\\NetBT\\Parameters`;

function fieldsOf(doc: InfDocument, section: string, key: string): string[] | undefined {
  const line = doc.section(section)?.find(key);
  if (line === undefined) return undefined;
  const sub = doc.defaultSubstituter();
  return line.fields.map((f) => sub.substitute(f).trim()).filter((f) => f !== '');
}

function yesNo(doc: InfDocument, section: string, key: string): boolean | undefined {
  const [v] = fieldsOf(doc, section, key) ?? [];
  if (v === undefined) return undefined;
  if (/^yes$/i.test(v)) return true;
  if (/^no$/i.test(v)) return false;
  const line = doc.section(section)?.find(key);
  throw new GuiModeError(`${key}=${v} in [${section}]: expected Yes or No`, line === undefined ? undefined : { file: doc.file, line: line.line, column: 1, section });
}

/**
 * Writes the TCP/IP settings of `paramsSection` (the MS_TCPIP component's). `guidOfKey` gives
 * the new instance GUID of an adapter by its answer-file key; an adapter section whose adapter
 * was not installed is an error naming its SpecificTo line. Returns what was written, for the report.
 */
export function applyTcpipSettings(doc: InfDocument, paramsSection: string, registry: Registry, guidOfKey: (key: string) => string | undefined): string[] {
  const done: string[] = [];
  const set = (key: string, value: RegValue) => {
    if (registry.key(key) === undefined) registry.createKey(key);
    registry.setValue(key, value);
    done.push(`${key}\\${value.name}`);
  };
  const domain = fieldsOf(doc, paramsSection, 'DNSDomain');
  if (domain?.[0] !== undefined) set(TCPIP, RegValue.sz('Domain', domain[0]));
  const servers = fieldsOf(doc, paramsSection, 'DNSServerSearchOrder');
  if (servers !== undefined) set(TCPIP, RegValue.sz('NameServer', servers.join(',')));
  const suffixes = fieldsOf(doc, paramsSection, 'DNSSuffixSearchOrder');
  if (suffixes !== undefined) set(TCPIP, RegValue.sz('SearchList', suffixes.join(',')));
  const lmhosts = yesNo(doc, paramsSection, 'EnableLMHosts');
  if (lmhosts !== undefined) set(NETBT, RegValue.dword('EnableLMHOSTS', lmhosts ? 1 : 0));
  for (const section of fieldsOf(doc, paramsSection, 'AdapterSections') ?? []) {
    const specific = doc.section(section)?.find('SpecificTo');
    const [adapter] = fieldsOf(doc, section, 'SpecificTo') ?? [];
    if (specific === undefined || adapter === undefined) throw new GuiModeError(`TCP/IP adapter section [${section}] has no SpecificTo`, undefined);
    const guid = guidOfKey(adapter);
    if (guid === undefined) throw new GuiModeError(`SpecificTo=${adapter}: no adapter of that key was installed`, { file: doc.file, line: specific.line, column: 1, section });
    const iface = `${TCPIP}\\Interfaces\\${guid}`;
    const dhcp = yesNo(doc, section, 'DHCP') ?? true;
    set(iface, RegValue.dword('EnableDHCP', dhcp ? 1 : 0));
    if (!dhcp) {
      for (const name of ['IPAddress', 'SubnetMask', 'DefaultGateway'] as const) {
        const list = fieldsOf(doc, section, name);
        if (list !== undefined) set(iface, RegValue.multiSz(name, list));
      }
    }
    const wins = fieldsOf(doc, section, 'WinsServerList');
    if (wins !== undefined) set(`${NETBT}\\Interfaces\\Tcpip_${guid}`, RegValue.multiSz('NameServerList', wins));
  }
  return done;
}
