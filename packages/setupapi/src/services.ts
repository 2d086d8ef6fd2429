// AddService and DelService against the registry: what SetupInstallServicesFromInfSection
// asks the service control manager to do, written where the SCM keeps it
// (HKLM\SYSTEM\CurrentControlSet\Services\<name>). Plans are built (and every problem thrown)
// before anything changes; applying a plan only writes.

import { InfFieldError, parseIntField, parseMultiSzFields, type InfDocument, type InfLine, type InfSection } from '@netmigrate/inf';
import { MAX_KEY_NAME, RegValue, RegistryError } from '@netmigrate/registry';
import { InstallError, UnsupportedDirectiveError } from './errors.js';
import type { SetupDiagnostic, SourceRef } from './execute.js';
import type { InfSet } from './include.js';
import { fieldPosition } from './position.js';
import { runRegistryDirectives, type RegistryDirectives, type Sink } from './registry-phase.js';

/** Where the SCM keeps its database. */
export const SERVICES_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

// AddService / DelService flags (setupapi.h).
export const SPSVCINST_TAGTOFRONT = 0x00000001;
export const SPSVCINST_ASSOCSERVICE = 0x00000002;
export const SPSVCINST_DELETEEVENTLOGENTRY = 0x00000004;
export const SPSVCINST_NOCLOBBER_DISPLAYNAME = 0x00000008;
export const SPSVCINST_NOCLOBBER_STARTTYPE = 0x00000010;
export const SPSVCINST_NOCLOBBER_ERRORCONTROL = 0x00000020;
export const SPSVCINST_NOCLOBBER_LOADORDERGROUP = 0x00000040;
export const SPSVCINST_NOCLOBBER_DEPENDENCIES = 0x00000080;
export const SPSVCINST_NOCLOBBER_DESCRIPTION = 0x00000100;
export const SPSVCINST_STOPSERVICE = 0x00000200;
export const SPSVCINST_CLOBBER_SECURITY = 0x00000400;
export const SPSVCINST_STARTSERVICE = 0x00000800;
export const SPSVCINST_NOCLOBBER_REQUIREDPRIVILEGES = 0x00001000;

// Bits with a meaning for AddService / DelService; the rest draw a warning.
const ADD_FLAGS = 0x1fff & ~SPSVCINST_DELETEEVENTLOGENTRY;
const DEL_FLAGS = SPSVCINST_DELETEEVENTLOGENTRY | SPSVCINST_STOPSERVICE;

// Service types CreateService accepts (winsvc.h): kernel driver, file system driver, own / shared
// process, the latter two optionally interactive.
const SERVICE_KERNEL_DRIVER = 0x1;
const SERVICE_FILE_SYSTEM_DRIVER = 0x2;
const SERVICE_WIN32 = 0x30;
const VALID_TYPES = new Set([0x1, 0x2, 0x10, 0x20, 0x110, 0x120]);

export interface ServiceScope {
  set: InfSet;
  /** Key path of the SCM database (default SERVICES_KEY). */
  servicesKey: string;
  diagnostics: SetupDiagnostic[];
}

/** A value the plan writes, with the INF line it comes from. */
interface Planned {
  value: RegValue;
  source: SourceRef;
}

/** An optional setting: present (possibly empty) when the section has the line. */
interface Setting<T> {
  value: T;
  source: SourceRef;
  /** The setting's registry values; empty when the setting clears the value (e.g. `Description=`). */
  values: RegValue[];
}

export interface AddServicePlan {
  kind: 'add-service';
  name: string;
  flags: number;
  /** The AddService line. */
  source: SourceRef;
  type: Planned;
  start: Planned;
  errorControl: Planned;
  imagePath: Planned;
  win32: boolean;
  displayName: Setting<string> | undefined;
  description: Setting<string> | undefined;
  startName: Setting<string> | undefined;
  group: Setting<string> | undefined;
  /** DependOnService and DependOnGroup. */
  dependencies: Setting<string[]> | undefined;
  registry: RegistryDirectives;
  eventLog: { keyPath: string; registry: RegistryDirectives } | undefined;
}

export interface DelServicePlan {
  kind: 'del-service';
  name: string;
  source: SourceRef;
  /** Event-log key to delete as well (SPSVCINST_DELETEEVENTLOGENTRY). */
  eventLogKey: string | undefined;
}

function sourceOf(doc: InfDocument, line: number, section: string): SourceRef {
  const s: SourceRef = { line, section };
  if (doc.file !== undefined) s.file = doc.file;
  return s;
}

function warn(scope: ServiceScope, doc: InfDocument, line: InfLine, field: number, code: SetupDiagnostic['code'], message: string): void {
  const pos = fieldPosition(doc, line, field);
  const d: SetupDiagnostic = { line: pos.line, column: pos.column, severity: 'warning', code, message };
  if (doc.file !== undefined) d.file = doc.file;
  scope.diagnostics.push(d);
}

function fail(code: InstallError['code'], doc: InfDocument, section: string, line: InfLine, field: number, detail: string): never {
  const pos = fieldPosition(doc, line, field);
  throw new InstallError(code, section, doc.file, pos.line, pos.column, detail);
}

/** A service, event log or event source name must be one key name. */
function checkName(what: string, name: string, doc: InfDocument, section: string, line: InfLine, field: number): void {
  if (name === '' || name.includes('\\') || name.includes('/') || name.length > MAX_KEY_NAME) {
    const why = name === '' ? 'is empty' : name.length > MAX_KEY_NAME ? `is longer than ${MAX_KEY_NAME} characters` : 'contains "\\" or "/"';
    fail('bad-service-name', doc, section, line, field, `${what} "${name}" ${why}`);
  }
}

function parseFlags(field: string | undefined, doc: InfDocument, section: string, line: InfLine): number {
  try {
    return parseIntField(field ?? '', 1) >>> 0;
  } catch (e) {
    if (!(e instanceof InfFieldError)) throw e;
    return fail('bad-service-flags', doc, section, line, 1, `flags: ${e.message}`);
  }
}

/** Builds a registry value; the registry model rejecting it is a bad-service-value error. */
function make(build: () => RegValue, doc: InfDocument, section: string, line: InfLine): RegValue {
  try {
    return build();
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    return fail('bad-service-value', doc, section, line, 0, e.message);
  }
}

/** Classifies the lines of a section that may only hold the given keys plus AddReg / DelReg. */
function classify(
  set: InfSet,
  doc: InfDocument,
  section: InfSection,
  known: ReadonlySet<string>,
  scope: ServiceScope,
  what: string,
): { settings: Map<string, InfLine>; registry: RegistryDirectives } {
  const sub = set.substituter(doc);
  const settings = new Map<string, InfLine>();
  const registry: RegistryDirectives = { doc, section: section.name, delReg: [], addReg: [] };
  for (const line of section.lines()) {
    const key = line.key === null || line.implicitKey ? null : sub.substitute(line.key).trim();
    const folded = key?.toLowerCase();
    if (folded === 'addreg') registry.addReg.push(line);
    else if (folded === 'delreg') registry.delReg.push(line);
    else if (folded !== undefined && known.has(folded)) {
      const first = settings.get(folded);
      if (first) warn(scope, doc, line, -1, 'duplicate-entry', `${key ?? ''} repeats line ${first.line}; SetupAPI reads the first one`);
      else settings.set(folded, line);
    } else {
      const pos = fieldPosition(doc, line, -1);
      throw new UnsupportedDirectiveError(key ?? line.raw.trim(), section.name, doc.file, line.line, pos.column, `not modelled in ${what}`);
    }
  }
  return { settings, registry };
}

const SERVICE_KEYS = new Set(['servicetype', 'starttype', 'errorcontrol', 'servicebinary', 'displayname', 'description', 'startname', 'loadordergroup', 'dependencies']);
const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Checks an `AddService=ServiceName,[flags],service-install-section[,event-log-install-section[,[EventLogType][,EventName]]]`
 * line and everything it references. Undefined for the NULL service (`AddService=,2`).
 */
export function planAddService(scope: ServiceScope, doc: InfDocument, sectionName: string, line: InfLine): AddServicePlan | undefined {
  const { set } = scope;
  const sub = set.substituter(doc);
  const f = line.fields.map((x) => sub.substitute(x).trim());
  const name = f[0] ?? '';
  const flags = parseFlags(f[1], doc, sectionName, line);
  if (name === '') {
    warn(scope, doc, line, 0, 'null-service', 'AddService without a service name (the NULL driver): no service to install');
    return undefined;
  }
  checkName('service name', name, doc, sectionName, line, 0);
  if (flags & ~ADD_FLAGS) warn(scope, doc, line, 1, 'unknown-service-flags', `AddService flags 0x${(flags & ~ADD_FLAGS).toString(16)} have no meaning here; ignored`);
  const source = sourceOf(doc, line.line, sectionName);

  const installName = f[2] ?? '';
  const found = installName === '' ? undefined : set.find(installName);
  if (!found) {
    return fail('service-section-not-found', doc, sectionName, line, 2, installName === '' ? `AddService=${name} names no service-install section` : `service-install section [${installName}] not found (ERROR_BAD_SERVICE_INSTALLSECT)`);
  }
  const sdoc = found.doc;
  const section = found.section;
  const ssub = set.substituter(sdoc);
  const { settings, registry } = classify(set, sdoc, section, SERVICE_KEYS, scope, 'a service-install section');
  const sname = section.name;
  const at = (l: InfLine): SourceRef => sourceOf(sdoc, l.line, sname);

  const required = (key: string, spelled: string): InfLine => {
    const l = settings.get(key);
    if (l) return l;
    const header = section.headerLines()[0] ?? line.line;
    let column = 1;
    try {
      column = Math.max(0, sdoc.physicalLine(header).text.indexOf('[')) + 1;
    } catch {
      // an edited document may not map back
    }
    throw new InstallError('service-key-missing', sname, sdoc.file, header, column, `service-install section [${sname}] has no ${spelled}= (ERROR_BAD_SERVICE_INSTALLSECT; needed by AddService=${name})`);
  };
  const int = (key: string, spelled: string, valid: (n: number) => boolean, range: string): { n: number; line: InfLine } => {
    const l = required(key, spelled);
    let n: number;
    try {
      n = parseIntField(ssub.substitute(l.fields[0] ?? ''), 0) >>> 0;
    } catch (e) {
      if (!(e instanceof InfFieldError)) throw e;
      return fail('bad-service-value', sdoc, sname, l, 0, `${spelled}: ${e.message}`);
    }
    if (!valid(n)) fail('bad-service-value', sdoc, sname, l, 0, `${spelled}=0x${n.toString(16)} is not ${range} (CreateService: ERROR_INVALID_PARAMETER)`);
    return { n, line: l };
  };

  const type = int('servicetype', 'ServiceType', (n) => VALID_TYPES.has(n), 'a service type (0x1, 0x2, 0x10, 0x20, 0x110, 0x120)');
  const driver = type.n === SERVICE_KERNEL_DRIVER || type.n === SERVICE_FILE_SYSTEM_DRIVER;
  const start = int('starttype', 'StartType', (n) => n <= 4 && (driver || n >= 2), driver ? 'a start type (0..4)' : 'a start type for a Win32 service (2, 3 or 4)');
  const errorControl = int('errorcontrol', 'ErrorControl', (n) => n <= 3, 'an error control level (0..3)');

  const binLine = required('servicebinary', 'ServiceBinary');
  const bin = set.substituteChecked(sdoc, binLine.fields[0] ?? '');
  if (bin.unresolved.length > 0) {
    fail('unresolved-dirid', sdoc, sname, binLine, 0, `ServiceBinary: %${bin.unresolved[0]}% is a DIRID with no directory given (pass the dirid option, e.g. 12 → C:\\WINNT\\system32\\drivers)`);
  }
  if (bin.text.trim() === '') fail('bad-service-value', sdoc, sname, binLine, 0, 'ServiceBinary is empty');

  const text = (key: string, valueName: string): Setting<string> | undefined => {
    const l = settings.get(key);
    if (!l) return undefined;
    const value = ssub.substitute(l.fields[0] ?? '');
    return { value, source: at(l), values: value === '' ? [] : [make(() => RegValue.sz(valueName, value), sdoc, sname, l)] };
  };

  let dependencies: Setting<string[]> | undefined;
  const depLine = settings.get('dependencies');
  if (depLine) {
    const items = parseMultiSzFields(depLine.fields.map((x) => ssub.substitute(x).trim()));
    const services = items.filter((s) => !s.startsWith('+'));
    const groups = items.filter((s) => s.startsWith('+')).map((s) => s.slice(1));
    if (groups.includes('')) fail('bad-service-value', sdoc, sname, depLine, 0, 'Dependencies: "+" must be followed by a load-order group name');
    const values: RegValue[] = [];
    if (services.length) values.push(make(() => RegValue.multiSz('DependOnService', services), sdoc, sname, depLine));
    if (groups.length) values.push(make(() => RegValue.multiSz('DependOnGroup', groups), sdoc, sname, depLine));
    dependencies = { value: items, source: at(depLine), values };
  }

  let eventLog: AddServicePlan['eventLog'];
  const logSectionName = f[3] ?? '';
  if (logSectionName !== '') {
    const log = set.find(logSectionName);
    if (!log) return fail('service-section-not-found', doc, sectionName, line, 3, `event-log-install section [${logSectionName}] not found`);
    const logType = f[4] || 'System';
    const logName = f[5] || name;
    checkName('event log type', logType, doc, sectionName, line, 4);
    checkName('event name', logName, doc, sectionName, line, 5);
    const { registry: logRegistry } = classify(set, log.doc, log.section, NO_KEYS, scope, 'an event-log-install section');
    eventLog = { keyPath: `${scope.servicesKey}\\EventLog\\${logType}\\${logName}`, registry: logRegistry };
  }

  return {
    kind: 'add-service',
    name,
    flags,
    source,
    type: { value: RegValue.dword('Type', type.n), source: at(type.line) },
    start: { value: RegValue.dword('Start', start.n), source: at(start.line) },
    errorControl: { value: RegValue.dword('ErrorControl', errorControl.n), source: at(errorControl.line) },
    imagePath: { value: make(() => RegValue.expandSz('ImagePath', bin.text), sdoc, sname, binLine), source: at(binLine) },
    win32: (type.n & SERVICE_WIN32) !== 0,
    displayName: text('displayname', 'DisplayName'),
    description: text('description', 'Description'),
    startName: text('startname', 'ObjectName'),
    group: text('loadordergroup', 'Group'),
    dependencies,
    registry,
    eventLog,
  };
}

/** Checks a `DelService=ServiceName[,[flags][,[EventLogType][,EventName]]]` line. */
export function planDelService(scope: ServiceScope, doc: InfDocument, sectionName: string, line: InfLine): DelServicePlan {
  const sub = scope.set.substituter(doc);
  const f = line.fields.map((x) => sub.substitute(x).trim());
  const name = f[0] ?? '';
  checkName('service name', name, doc, sectionName, line, 0);
  const flags = parseFlags(f[1], doc, sectionName, line);
  if (flags & ~DEL_FLAGS) warn(scope, doc, line, 1, 'unknown-service-flags', `DelService flags 0x${(flags & ~DEL_FLAGS).toString(16)} have no meaning here; ignored`);
  let eventLogKey: string | undefined;
  if (flags & SPSVCINST_DELETEEVENTLOGENTRY) {
    const logType = f[2] || 'System';
    const logName = f[3] || name;
    checkName('event log type', logType, doc, sectionName, line, 2);
    checkName('event name', logName, doc, sectionName, line, 3);
    eventLogKey = `${scope.servicesKey}\\EventLog\\${logType}\\${logName}`;
  }
  return { kind: 'del-service', name, source: sourceOf(doc, line.line, sectionName), eventLogKey };
}

function setValue(sink: Sink, key: string, p: { value: RegValue; source: SourceRef }): void {
  const previous = sink.registry.key(key)?.value(p.value.name);
  sink.registry.setValue(key, p.value);
  sink.changes.push({ op: 'set-value', key, name: p.value.name, value: p.value, previous, source: p.source });
}

function deleteValue(sink: Sink, key: string, name: string, source: SourceRef): void {
  const previous = sink.registry.key(key)?.value(name);
  if (previous && sink.registry.deleteValue(key, name)) sink.changes.push({ op: 'delete-value', key, name, previous, source });
}

function openOrCreate(sink: Sink, path: string, source: SourceRef): string {
  const existing = sink.registry.key(path);
  if (existing) return existing.path;
  const view = sink.registry.createKey(path);
  sink.changes.push({ op: 'create-key', key: view.path, source });
  return view.path;
}

/**
 * A setting of an existing service (ChangeServiceConfig): absent → unchanged; NOCLOBBER and a
 * value present → unchanged (NOCLOBBER protects what is there, so a missing value is still
 * written); an empty setting removes the values, anything else replaces them.
 */
function change(sink: Sink, key: string, setting: Setting<unknown> | undefined, names: string[], noclobber: boolean): void {
  if (!setting) return;
  const current = sink.registry.key(key);
  if (noclobber && names.some((n) => current?.value(n) !== undefined)) return;
  for (const n of names) if (!setting.values.some((v) => v.name === n)) deleteValue(sink, key, n, setting.source);
  for (const value of setting.values) setValue(sink, key, { value, source: setting.source });
}

/**
 * Writes the service as the SCM would: a new service (no key, or a key without a Type value)
 * gets every value CreateService writes; an existing one is changed as ChangeServiceConfig
 * with the NOCLOBBER flags. Then the service-install section's DelReg / AddReg (HKR = the
 * service key), then the event-log key and its section's DelReg / AddReg (HKR = that key).
 */
export function applyAddService(set: InfSet, sink: Sink, servicesKey: string, plan: AddServicePlan): void {
  const key = openOrCreate(sink, `${servicesKey}\\${plan.name}`, plan.source);
  const exists = sink.registry.key(key)?.value('Type') !== undefined;
  if (!exists) {
    // The order ReactOS's CreateService writes in; Description comes with ChangeServiceConfig2.
    for (const v of plan.displayName?.values ?? []) setValue(sink, key, { value: v, source: plan.displayName!.source });
    setValue(sink, key, plan.type);
    setValue(sink, key, plan.start);
    setValue(sink, key, plan.errorControl);
    setValue(sink, key, plan.imagePath);
    for (const v of plan.group?.values ?? []) setValue(sink, key, { value: v, source: plan.group!.source });
    for (const v of plan.dependencies?.values ?? []) setValue(sink, key, { value: v, source: plan.dependencies!.source });
    if (plan.startName?.values.length) setValue(sink, key, { value: plan.startName.values[0] as RegValue, source: plan.startName.source });
    else if (plan.win32) setValue(sink, key, { value: RegValue.sz('ObjectName', 'LocalSystem'), source: plan.source });
    for (const v of plan.description?.values ?? []) setValue(sink, key, { value: v, source: plan.description!.source });
  } else {
    const f = plan.flags;
    setValue(sink, key, plan.type);
    change(sink, key, { ...plan.start, values: [plan.start.value] }, ['Start'], (f & SPSVCINST_NOCLOBBER_STARTTYPE) !== 0);
    change(sink, key, { ...plan.errorControl, values: [plan.errorControl.value] }, ['ErrorControl'], (f & SPSVCINST_NOCLOBBER_ERRORCONTROL) !== 0);
    setValue(sink, key, plan.imagePath);
    change(sink, key, plan.group, ['Group'], (f & SPSVCINST_NOCLOBBER_LOADORDERGROUP) !== 0);
    change(sink, key, plan.dependencies, ['DependOnService', 'DependOnGroup'], (f & SPSVCINST_NOCLOBBER_DEPENDENCIES) !== 0);
    // An empty StartName leaves the account alone (ChangeServiceConfig: NULL or "" = no change).
    if (plan.startName?.values.length) setValue(sink, key, { value: plan.startName.values[0] as RegValue, source: plan.startName.source });
    // An empty DisplayName keeps the old one; an empty Description deletes it (ChangeServiceConfig2).
    if (plan.displayName?.values.length) change(sink, key, plan.displayName, ['DisplayName'], (f & SPSVCINST_NOCLOBBER_DISPLAYNAME) !== 0);
    change(sink, key, plan.description, ['Description'], (f & SPSVCINST_NOCLOBBER_DESCRIPTION) !== 0);
  }
  runRegistryDirectives(set, sink, key, plan.registry);
  if (plan.eventLog) {
    const logKey = openOrCreate(sink, plan.eventLog.keyPath, plan.source);
    runRegistryDirectives(set, sink, logKey, plan.eventLog.registry);
  }
}

/** Deletes the service key (and with SPSVCINST_DELETEEVENTLOGENTRY its event-log key); a missing service is no error. */
export function applyDelService(sink: Sink, servicesKey: string, plan: DelServicePlan): void {
  for (const path of [`${servicesKey}\\${plan.name}`, plan.eventLogKey]) {
    if (path === undefined) continue;
    const existing = sink.registry.key(path);
    if (existing && sink.registry.deleteKey(existing.path)) sink.changes.push({ op: 'delete-key', key: existing.path, source: plan.source });
  }
}
