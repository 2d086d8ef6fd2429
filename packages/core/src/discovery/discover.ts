// Enumerates the network components of an NT 3.51/4.0 registry (spec §10): installed
// adapters under NetworkCards\<n>, and protocols and services under the software keys that
// carry NetRules. Decisions taken here are in docs/decisions.md, "Discovery".

import { compareNames, type RegistryBase, type RegistryKeyView } from '@netmigrate/registry';
import { findBuiltIn } from './builtin.js';
import type { DiagnosticSink, EngineDiagnostic } from './diagnostics.js';
import { kindRank, type ComponentKind } from './kinds.js';
import { NETWORK_CARDS_PATH, SERVICES_PATH, SOFTWARE_PATH, paramsPathOf } from './paths.js';
import { readString, readStringList, type ReadContext } from './read-values.js';

export interface DiscoveredComponent {
  /** As NT 3.51/4.0 registered it; an NT4 service mapped in OemNetClients becomes a client only in the mapping result. */
  kind: ComponentKind;
  /** NetRules\InfOption; when absent, ProductName (cards) or the product key's name (software). */
  preNT5InfId: string;
  /** Which of those the pre-upgrade ID came from. */
  preNT5InfIdSource?: 'InfOption' | 'ProductName' | 'ProductKey';
  /** Adapters: NetworkCards\<n>\ServiceName verbatim; software: its ServiceName. */
  preNT5Instance: string;
  /** HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\<instance>\Parameters (it may be absent). */
  paramsPath: string;
  /** The NetworkCards\<n> or SOFTWARE\<vendor>\<product>\CurrentVersion key it came from. */
  sourceKeyPath: string;
  title?: string;
  description?: string;
  /** Cards: the Manufacturer value; software: the vendor key's name. */
  manufacturer?: string;
  /** NetRules\InfName, the NT4 INF that installed it. */
  infName?: string;
  /** Adapters: <n> of NetworkCards\<n>. */
  cardNumber?: number;
  /** Software: the SoftwareType value as registered (`transport`, `service`). */
  softwareType?: string;
  /** Windows 2000 in-box component ID when Windows 2000 upgrades the component itself. */
  builtIn?: string;
  /**
   * Protocols and services: the adapter instances named in Services\<instance>\Linkage\Bind
   * (`\Device\<adapter>`), in binding order; undefined when the service has no Linkage key.
   */
  boundAdapters?: string[];
}

export interface DiscoverOptions {
  onDiagnostic?(d: EngineDiagnostic): void;
}

/** SoftwareType (or NetRules `use`) → kind; null = the driver of an adapter, not a component of its own. */
const SOFTWARE_KINDS: ReadonlyMap<string, ComponentKind | null> = new Map([
  ['transport', 'protocol'],
  ['service', 'service'],
  ['driver', null],
  ['adapter', null],
]);

export function discoverComponents(snapshot: RegistryBase, options: DiscoverOptions = {}): DiscoveredComponent[] {
  const report: DiagnosticSink = (d) => options.onDiagnostic?.(d);
  const adapters = discoverAdapters(snapshot, report);
  const software = discoverSoftware(snapshot, report);
  const byInstance = new Map(adapters.map((a) => [a.preNT5Instance.toLowerCase(), a.preNT5Instance]));
  for (const s of software) {
    const bound = boundAdapters(snapshot, s.preNT5Instance, byInstance, { report, component: s.preNT5Instance });
    if (bound !== undefined) s.boundAdapters = bound;
  }
  adapters.sort((a, b) => (a.cardNumber ?? 0) - (b.cardNumber ?? 0));
  software.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareNames(a.sourceKeyPath, b.sourceKeyPath));
  return [...adapters, ...software];
}

function discoverAdapters(snapshot: RegistryBase, report: DiagnosticSink): DiscoveredComponent[] {
  const cards = snapshot.key(NETWORK_CARDS_PATH);
  const out: DiscoveredComponent[] = [];
  const seen = new Map<string, string>();
  for (const card of cards?.subkeys() ?? []) {
    if (!/^[0-9]+$/.test(card.name)) {
      report({ severity: 'warning', code: 'discovery-bad-card-number', message: `${card.path}: "${card.name}" is not a card number; the key is skipped` });
      continue;
    }
    const ctx: ReadContext = { report };
    const instance = readString(ctx, card, 'ServiceName');
    if (instance === undefined) {
      report({ severity: 'warning', code: 'discovery-card-without-service-name', message: `${card.path} has no ServiceName, so the adapter has no instance to upgrade; it is skipped` });
      continue;
    }
    ctx.component = instance;
    const netRules = card.subkey('NetRules');
    const infOption = readString(ctx, netRules, 'InfOption');
    const productName = readString(ctx, card, 'ProductName');
    const id = infOption ?? productName;
    if (id === undefined) {
      report({ severity: 'warning', code: 'discovery-card-without-id', component: instance, message: `${card.path} has neither NetRules\\InfOption nor ProductName, so it has no pre-upgrade ID; it is skipped` });
      continue;
    }
    if (!claimInstance(snapshot, seen, instance, card.path, 'the instance', 'card', report)) continue;
    const c: DiscoveredComponent = {
      kind: isAsyncAdapter(ctx, netRules) ? 'asyncAdapter' : 'adapter',
      preNT5InfId: id,
      preNT5InfIdSource: infOption !== undefined ? 'InfOption' : 'ProductName',
      preNT5Instance: instance,
      paramsPath: paramsPathOf(instance),
      sourceKeyPath: card.path,
      cardNumber: Number.parseInt(card.name, 10),
    };
    assignDefined(c, {
      title: readString(ctx, card, 'Title'),
      description: readString(ctx, card, 'Description'),
      manufacturer: readString(ctx, card, 'Manufacturer'),
      infName: readString(ctx, netRules, 'InfName'),
    });
    out.push(c);
  }
  return out;
}

/** NetRules `type` or `class` naming an async class (e.g. `asyncmacAdapter`): an Async adapter (spec §5.2). */
function isAsyncAdapter(ctx: ReadContext, netRules: RegistryKeyView | undefined): boolean {
  const words = [readString(ctx, netRules, 'type') ?? '', ...readStringList(ctx, netRules, 'class')]
    .join(' ')
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').toLowerCase());
  return words.some((w) => w.startsWith('async'));
}

function discoverSoftware(snapshot: RegistryBase, report: DiagnosticSink): DiscoveredComponent[] {
  const out: DiscoveredComponent[] = [];
  const seen = new Map<string, string>();
  const keys: { vendor: RegistryKeyView; product: RegistryKeyView; cv: RegistryKeyView; netRules: RegistryKeyView }[] = [];
  for (const vendor of snapshot.key(SOFTWARE_PATH)?.subkeys() ?? []) {
    for (const product of vendor.subkeys()) {
      const cv = product.subkey('CurrentVersion');
      const netRules = cv?.subkey('NetRules');
      if (cv && netRules) keys.push({ vendor, product, cv, netRules });
    }
  }
  // Path order, so "the first" of two keys naming one service does not depend on creation order.
  keys.sort((a, b) => compareNames(a.cv.path, b.cv.path));
  for (const { vendor, product, cv, netRules } of keys) {
    const ctx: ReadContext = { report };
    const softwareType = readString(ctx, cv, 'SoftwareType');
    const use = readString(ctx, netRules, 'use');
    const fromType = softwareType === undefined ? undefined : SOFTWARE_KINDS.get(softwareType.toLowerCase());
    const kind = fromType !== undefined ? fromType : use === undefined ? undefined : SOFTWARE_KINDS.get(use.toLowerCase());
    if (kind === null) continue;
    if (kind === undefined) {
      report({
        severity: 'warning',
        code: 'discovery-unknown-software-type',
        message: `${cv.path}: SoftwareType ${softwareType === undefined ? 'is absent' : `"${softwareType}" is unknown`} and NetRules use ${use === undefined ? 'is absent' : `"${use}" is unknown`}; expected transport, service or driver; the key is skipped`,
      });
      continue;
    }
    const instance = readString(ctx, cv, 'ServiceName');
    if (instance === undefined) {
      report({ severity: 'warning', code: 'discovery-software-without-service-name', message: `${cv.path} has NetRules but no ServiceName; the key is skipped` });
      continue;
    }
    ctx.component = instance;
    if (!claimInstance(snapshot, seen, instance, cv.path, 'the service', 'key', report)) continue;
    const infOption = readString(ctx, netRules, 'InfOption');
    const productName = readString(ctx, cv, 'ProductName');
    const c: DiscoveredComponent = {
      kind,
      preNT5InfId: infOption ?? productName ?? product.name,
      preNT5InfIdSource: infOption !== undefined ? 'InfOption' : productName !== undefined ? 'ProductName' : 'ProductKey',
      preNT5Instance: instance,
      paramsPath: paramsPathOf(instance),
      sourceKeyPath: cv.path,
      manufacturer: vendor.name,
    };
    assignDefined(c, {
      title: readString(ctx, cv, 'Title'),
      description: readString(ctx, cv, 'Description'),
      infName: readString(ctx, netRules, 'InfName'),
      softwareType,
      builtIn: findBuiltIn(instance)?.nt5InfId,
    });
    out.push(c);
  }
  return out;
}

/**
 * One component per pre-upgrade instance: the first key (card number or path order) naming it
 * wins, a later one is skipped with a warning. A claimed instance is checked for its Services key.
 */
function claimInstance(
  snapshot: RegistryBase,
  seen: Map<string, string>,
  instance: string,
  path: string,
  what: string,
  skipped: string,
  report: DiagnosticSink,
): boolean {
  const previous = seen.get(instance.toLowerCase());
  if (previous !== undefined) {
    report({ severity: 'warning', code: 'discovery-duplicate-instance', component: instance, message: `${path} names ${what} ${instance} that ${previous} already names; the second ${skipped} is skipped` });
    return false;
  }
  seen.set(instance.toLowerCase(), path);
  checkServiceKey(snapshot, instance, report);
  return true;
}

function checkServiceKey(snapshot: RegistryBase, instance: string, report: DiagnosticSink): void {
  if (snapshot.key(`${SERVICES_PATH}\\${instance}`)) return;
  report({
    severity: 'warning',
    code: 'discovery-missing-service-key',
    component: instance,
    message: `${SERVICES_PATH}\\${instance} does not exist; the component's parameters are handed over as an empty key`,
  });
}

function boundAdapters(snapshot: RegistryBase, instance: string, adapters: ReadonlyMap<string, string>, ctx: ReadContext): string[] | undefined {
  const linkage = snapshot.key(`${SERVICES_PATH}\\${instance}\\Linkage`);
  if (!linkage) return undefined;
  const out: string[] = [];
  for (const device of readStringList(ctx, linkage, 'Bind')) {
    const name = device.slice(device.lastIndexOf('\\') + 1);
    const adapter = adapters.get(name.toLowerCase());
    if (adapter !== undefined && !out.includes(adapter)) out.push(adapter);
  }
  return out;
}

function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
}
