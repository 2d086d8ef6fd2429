import { parseInf } from '@netmigrate/inf';
import { REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ, RegValue, Registry } from '@netmigrate/registry';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InstallError, SERVICES_KEY, UnsupportedDirectiveError, runInstallSection, type InstallOptions } from './index.js';
import { changesText, expectGolden, fixture, regText, replay } from './test-support/golden.js';

const SVC = `${SERVICES_KEY}\\Svc`;
const DRIVERS = 'C:\\WINNT\\system32\\drivers';
const dirid = (id: number): string | undefined => ({ 10: 'C:\\WINNT', 11: 'C:\\WINNT\\system32', 12: DRIVERS })[id];

function inf(...lines: string[]): string {
  return ['[Version]', 'Signature="$Windows NT$"', '', ...lines, ''].join('\r\n');
}

/** `[Install]` with the given lines, then the other sections. */
function run(install: string[], rest: string[], registry = new Registry(), options: Partial<InstallOptions> = {}) {
  const doc = parseInf(inf('[Install]', ...install, '', ...rest), { fileName: 's.inf' });
  return { registry, ...runInstallSection(doc, 'Install', { registry, dirid, ...options }) };
}

const SERVICE = ['[Svc.Install]', 'ServiceType = 1', 'StartType = 3', 'ErrorControl = 1', 'ServiceBinary = %12%\\svc.sys'];

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

function val(r: Registry, key: string, name: string): RegValue | undefined {
  return r.key(key)?.value(name);
}

describe('a real network INF: virtio netkvm2k.inf (Windows 2000 NIC)', () => {
  const doc = parseInf(fixture('virtio_netkvm2k.inf'), { fileName: 'virtio_netkvm2k.inf' });

  test('[kvmnet5.ndi.Services]: service key, TextModeFlags (HKR = service key), event log (golden)', () => {
    const registry = new Registry();
    const { changes, diagnostics } = runInstallSection(doc, 'kvmnet5.ndi.Services', { registry, dirid });
    expect(diagnostics).toEqual([]);
    const svc = `${SERVICES_KEY}\\netkvm`;
    expect(val(registry, svc, 'ImagePath')?.type).toBe(REG_EXPAND_SZ);
    expect(val(registry, svc, 'ImagePath')?.asExpandString()).toBe(`${DRIVERS}\\netkvm.sys`);
    expect(val(registry, svc, 'Group')?.asString()).toBe('NDIS');
    expect(val(registry, svc, 'DisplayName')?.asString()).toBe('Red Hat VirtIO Ethernet Adapter Service');
    expect(val(registry, svc, 'TextModeFlags')?.asDword()).toBe(1);
    expect(val(registry, svc, 'ObjectName')).toBeUndefined(); // a driver: no account
    const log = `${SERVICES_KEY}\\EventLog\\System\\netkvm`;
    expect(val(registry, log, 'EventMessageFile')?.asExpandString()).toBe('%SystemRoot%\\System32\\netevent.dll');
    expect(val(registry, log, 'TypesSupported')?.asDword()).toBe(7);
    expectGolden('netkvm-services.reg', regText(registry));
    expectGolden('netkvm-services.changes.txt', changesText(changes));
    expect(regText(replay(new Registry(), changes))).toBe(regText(registry));
  });

  test('[kvmnet5.ndi] is refused before anything changes (Characteristics is not performed)', () => {
    const registry = new Registry();
    const e = thrown(() => runInstallSection(doc, 'kvmnet5.ndi', { registry, dirid, hkr: 'HKLM\\X' }));
    expect(e).toBeInstanceOf(UnsupportedDirectiveError);
    expect((e as Error).message).toMatch(/^virtio_netkvm2k\.inf:28:1: directive "Characteristics" in \[kvmnet5\.ndi\]/);
    expect(registry.roots().every((k) => k.subkeys().length === 0)).toBe(true);
  });
});

describe('AddService values', () => {
  test('a Win32 service: LocalSystem account, dependencies split into services and +groups, description', () => {
    const { registry: r, diagnostics } = run(
      ['AddService = Svc, 0x2, Svc.Install'],
      [
        '[Svc.Install]',
        'DisplayName = %name%',
        'Description = "Does things, well"',
        'ServiceType = 0x10',
        'StartType = 2',
        'ErrorControl = 1',
        'ServiceBinary = %11%\\svc.exe -k net',
        'LoadOrderGroup = PNP_TDI',
        'Dependencies = Tcpip, +NetBIOSGroup, Afd',
        '[Strings]',
        'name = "Demo service"',
      ],
    );
    expect(diagnostics).toEqual([]);
    const key = r.key(SVC);
    expect(key?.values().map((v) => v.name)).toEqual(['DisplayName', 'Type', 'Start', 'ErrorControl', 'ImagePath', 'Group', 'DependOnService', 'DependOnGroup', 'ObjectName', 'Description']);
    expect(val(r, SVC, 'Type')?.asDword()).toBe(0x10);
    expect(val(r, SVC, 'Start')?.asDword()).toBe(2);
    expect(val(r, SVC, 'ImagePath')?.asExpandString()).toBe('C:\\WINNT\\system32\\svc.exe -k net');
    expect(val(r, SVC, 'DependOnService')?.asMultiString()).toEqual(['Tcpip', 'Afd']);
    expect(val(r, SVC, 'DependOnGroup')?.asMultiString()).toEqual(['NetBIOSGroup']);
    expect(val(r, SVC, 'ObjectName')?.asString()).toBe('LocalSystem');
    expect(val(r, SVC, 'Description')?.asString()).toBe('Does things, well');
    expect(val(r, SVC, 'DisplayName')?.type).toBe(REG_SZ);
  });

  test('StartName becomes ObjectName; HKR in the service section is the service key', () => {
    const { registry: r } = run(
      ['AddService = Svc,, Svc.Install'],
      ['[Svc.Install]', 'ServiceType = 0x20', 'StartType = 3', 'ErrorControl = 0', 'ServiceBinary = "%%SystemRoot%%\\svc.exe"', 'StartName = NT AUTHORITY\\LocalService', 'AddReg = Svc.Reg', '[Svc.Reg]', 'HKR,Parameters,Port,0x00010001,8080'],
    );
    expect(val(r, SVC, 'ObjectName')?.asString()).toBe('NT AUTHORITY\\LocalService');
    expect(val(r, SVC, 'ImagePath')?.asExpandString()).toBe('%SystemRoot%\\svc.exe');
    expect(val(r, `${SVC}\\Parameters`, 'Port')?.asDword()).toBe(8080);
  });

  test('event log: type and name fields, DelReg before AddReg with HKR = the event-log key', () => {
    const start = new Registry();
    start.createKey(`${SERVICES_KEY}\\EventLog\\Application\\Demo\\Old`);
    const { registry: r } = run(
      ['AddService = Svc,, Svc.Install, Svc.Log, Application, Demo'],
      [...SERVICE, '[Svc.Log]', 'AddReg = Log.Add', 'DelReg = Log.Del', '[Log.Add]', 'HKR,,TypesSupported,0x00010001,7', '[Log.Del]', 'HKR,Old'],
      start,
    );
    const log = `${SERVICES_KEY}\\EventLog\\Application\\Demo`;
    expect(val(r, log, 'TypesSupported')?.asDword()).toBe(7);
    expect(r.key(`${log}\\Old`)).toBeUndefined();
    expect(r.key(`${SERVICES_KEY}\\EventLog\\System`)).toBeUndefined();
  });

  test('servicesKey puts the database elsewhere (e.g. ControlSet001), event logs included', () => {
    const servicesKey = 'HKLM\\SYSTEM\\ControlSet001\\Services';
    const { registry: r } = run(['AddService = Svc,, Svc.Install, Log', 'DelService = Old'], [...SERVICE, '[Log]'], new Registry(), { servicesKey });
    expect(val(r, `${servicesKey}\\Svc`, 'Type')?.asDword()).toBe(1);
    expect(r.key(`${servicesKey}\\EventLog\\System\\Svc`)).toBeDefined();
    expect(r.key(SERVICES_KEY)).toBeUndefined();
  });

  test('the NULL service (AddService=,2) installs nothing, with a warning', () => {
    const { registry: r, changes, diagnostics } = run(['AddService = ,2'], []);
    expect(changes).toEqual([]);
    expect(r.key(SERVICES_KEY)).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.code])).toEqual([[5, 14, 'warning', 'null-service']]);
  });

  test('unknown flag bits and a repeated entry are warned about', () => {
    const { diagnostics } = run(['AddService = Svc, 0x10000, Svc.Install'], [...SERVICE, 'StartType = 4']);
    expect(diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [5, 19, 'unknown-service-flags'],
      [12, 1, 'duplicate-entry'],
    ]);
  });
});

describe('an existing service (ChangeServiceConfig)', () => {
  function existing(): Registry {
    const r = new Registry();
    r.createKey(`${SVC}\\Parameters`);
    for (const v of [
      RegValue.dword('Type', 1),
      RegValue.dword('Start', 1),
      RegValue.dword('ErrorControl', 3),
      RegValue.expandSz('ImagePath', 'old.sys'),
      RegValue.sz('Group', 'Old group'),
      RegValue.multiSz('DependOnService', ['Old']),
      RegValue.sz('DisplayName', 'Old name'),
      RegValue.sz('Description', 'Old text'),
      RegValue.sz('Other', 'kept'),
    ])
      r.setValue(SVC, v);
    return r;
  }
  const section = [...SERVICE, 'DisplayName = New name', 'Description = New text', 'LoadOrderGroup = NDIS', 'Dependencies = +NDIS'];

  test('without flags every given setting is replaced; other values and subkeys stay', () => {
    const start = existing();
    const { registry: r, changes } = run(['AddService = Svc,, Svc.Install'], section, start.clone());
    expect(val(r, SVC, 'Start')?.asDword()).toBe(3);
    expect(val(r, SVC, 'ErrorControl')?.asDword()).toBe(1);
    expect(val(r, SVC, 'ImagePath')?.asExpandString()).toBe(`${DRIVERS}\\svc.sys`);
    expect(val(r, SVC, 'Group')?.asString()).toBe('NDIS');
    expect(val(r, SVC, 'DependOnService')).toBeUndefined();
    expect(val(r, SVC, 'DependOnGroup')?.asMultiString()).toEqual(['NDIS']);
    expect(val(r, SVC, 'DisplayName')?.asString()).toBe('New name');
    expect(val(r, SVC, 'Description')?.asString()).toBe('New text');
    expect(val(r, SVC, 'Other')?.asString()).toBe('kept');
    expect(r.key(`${SVC}\\Parameters`)).toBeDefined();
    expect(changes.some((c) => c.op === 'create-key')).toBe(false);
    expect(regText(replay(start, changes))).toBe(regText(r));
  });

  test('NOCLOBBER_* (0x8|0x10|0x20|0x40|0x80|0x100) keep the present values; Type and ImagePath are always set', () => {
    const { registry: r } = run(['AddService = Svc, 0x1F8, Svc.Install'], section, existing());
    expect(val(r, SVC, 'Start')?.asDword()).toBe(1);
    expect(val(r, SVC, 'ErrorControl')?.asDword()).toBe(3);
    expect(val(r, SVC, 'Group')?.asString()).toBe('Old group');
    expect(val(r, SVC, 'DependOnService')?.asMultiString()).toEqual(['Old']);
    expect(val(r, SVC, 'DependOnGroup')).toBeUndefined();
    expect(val(r, SVC, 'DisplayName')?.asString()).toBe('Old name');
    expect(val(r, SVC, 'Description')?.asString()).toBe('Old text');
    expect(val(r, SVC, 'ImagePath')?.asExpandString()).toBe(`${DRIVERS}\\svc.sys`);
  });

  test('an empty Description or LoadOrderGroup removes the value; absent settings are left alone', () => {
    const { registry: r } = run(['AddService = Svc,, Svc.Install'], [...SERVICE, 'Description =', 'LoadOrderGroup ='], existing());
    expect(val(r, SVC, 'Description')).toBeUndefined();
    expect(val(r, SVC, 'Group')).toBeUndefined();
    expect(val(r, SVC, 'DisplayName')?.asString()).toBe('Old name');
    expect(val(r, SVC, 'DependOnService')?.asMultiString()).toEqual(['Old']);
  });

  test('a Services key without a Type value (e.g. made by AddReg) is a new service', () => {
    const { registry: r } = run(['AddReg = Pre', 'AddService = Svc, 0x10, Svc.Install'], [...SERVICE, '[Pre]', 'HKLM,SYSTEM\\CurrentControlSet\\Services\\Svc,Start,0x00010001,4']);
    expect(val(r, SVC, 'Start')?.asDword()).toBe(3); // NOCLOBBER_STARTTYPE only protects a service
  });
});

describe('DelService', () => {
  function installed(): Registry {
    const r = new Registry();
    r.createKey(`${SVC}\\Parameters`);
    r.setValue(SVC, RegValue.dword('Type', 1));
    r.createKey(`${SERVICES_KEY}\\EventLog\\System\\Svc`);
    r.createKey(`${SERVICES_KEY}\\EventLog\\Application\\Other`);
    return r;
  }

  test('deletes the service key tree and keeps the event log without flag 0x4', () => {
    const { registry: r, changes } = run(['DelService = Svc'], [], installed());
    expect(r.key(SVC)).toBeUndefined();
    expect(r.key(`${SERVICES_KEY}\\EventLog\\System\\Svc`)).toBeDefined();
    expect(changesText(changes)).toBe('delete-key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Svc  <- s.inf:5 [Install]\n');
  });

  test('SPSVCINST_DELETEEVENTLOGENTRY deletes EventLog\\<type default System>\\<name default service>', () => {
    expect(run(['DelService = Svc, 0x4'], [], installed()).registry.key(`${SERVICES_KEY}\\EventLog\\System\\Svc`)).toBeUndefined();
    const r = run(['DelService = Svc, 0x204, Application, Other'], [], installed()).registry;
    expect(r.key(`${SERVICES_KEY}\\EventLog\\Application\\Other`)).toBeUndefined();
    expect(r.key(`${SERVICES_KEY}\\EventLog\\System\\Svc`)).toBeDefined();
  });

  test('a service that is not there is no error (as Wine)', () => {
    const { changes, diagnostics } = run(['DelService = Nope, 0x4'], [], installed());
    expect(changes).toEqual([]);
    expect(diagnostics).toEqual([]);
  });
});

describe('order of processing', () => {
  test('DelReg, AddReg, then AddService, then DelService, whatever the line order; then <section>.Services', () => {
    const { changes } = run(
      ['DelService = Gone', 'AddService = Svc,, Svc.Install', 'AddReg = Reg', 'DelReg = Del'],
      [...SERVICE, '[Reg]', 'HKLM,Software\\Nm,A,,"a"', '[Del]', 'HKLM,Software\\Old', '[Install.Services]', 'AddService = Svc2,, Svc.Install'],
      (() => {
        const r = new Registry();
        r.createKey('HKLM\\Software\\Old');
        r.createKey(`${SERVICES_KEY}\\Gone`);
        return r;
      })(),
    );
    const order = changes.map((c) => `${c.op} ${c.key.split('\\').slice(-1)[0]}${c.op === 'set-value' ? ` ${c.name}` : ''}`);
    expect(order).toEqual([
      'delete-key Old',
      'create-key Nm',
      'set-value Nm A',
      'create-key Svc',
      'set-value Svc Type',
      'set-value Svc Start',
      'set-value Svc ErrorControl',
      'set-value Svc ImagePath',
      'delete-key Gone',
      'create-key Svc2',
      'set-value Svc2 Type',
      'set-value Svc2 Start',
      'set-value Svc2 ErrorControl',
      'set-value Svc2 ImagePath',
    ]);
  });

  test('AddService then DelService of the same service leaves nothing (Wine runs every AddService first)', () => {
    const { registry: r } = run(['DelService = Svc', 'AddService = Svc,, Svc.Install'], SERVICE);
    expect(r.key(SVC)).toBeUndefined();
  });

  test('servicesSection: false skips <section>.Services; a .Services section may not carry AddReg', () => {
    const rest = [...SERVICE, '[Install.Services]', 'AddService = Svc,, Svc.Install'];
    expect(run(['AddReg ='], rest, new Registry(), { servicesSection: false }).changes).toEqual([]);
    const e = thrown(() => run(['AddReg ='], [...rest, 'AddReg = X']));
    expect(e).toBeInstanceOf(UnsupportedDirectiveError);
    expect((e as Error).message).toContain('s.inf:14:1: directive "AddReg" in [Install.Services]');
  });
});

describe('errors name file:line:column and come before any change', () => {
  const cases: [string, string[], string[], string, string][] = [
    ['no service-install section', ['AddService = Svc, 0, Nowhere'], [], 'service-section-not-found', 's.inf:6:22'],
    ['service-install section field empty', ['AddService = Svc, 0'], [], 'service-section-not-found', 's.inf:6:19'],
    ['no event-log section', ['AddService = Svc, 0, Svc.Install, NoLog'], SERVICE, 'service-section-not-found', 's.inf:6:35'],
    ['bad flags', ['AddService = Svc, zz, Svc.Install'], SERVICE, 'bad-service-flags', 's.inf:6:19'],
    ['backslash in the name', ['AddService = A\\B,, Svc.Install'], SERVICE, 'bad-service-name', 's.inf:6:14'],
    ['empty DelService name', ['DelService = '], [], 'bad-service-name', 's.inf:6:14'],
    ['ServiceType not a number', ['AddService = Svc,, S'], ['[S]', 'ServiceType = kernel', 'StartType = 3', 'ErrorControl = 1', 'ServiceBinary = x.sys'], 'bad-service-value', 's.inf:9:15'],
    ['ServiceType not a type', ['AddService = Svc,, S'], ['[S]', 'ServiceType = 4', 'StartType = 3', 'ErrorControl = 1', 'ServiceBinary = x.sys'], 'bad-service-value', 's.inf:9:15'],
    ['boot start for a Win32 service', ['AddService = Svc,, S'], ['[S]', 'ServiceType = 0x10', 'StartType = 0', 'ErrorControl = 1', 'ServiceBinary = x.exe'], 'bad-service-value', 's.inf:10:13'],
    ['ErrorControl out of range', ['AddService = Svc,, S'], ['[S]', 'ServiceType = 1', 'StartType = 3', 'ErrorControl = 4', 'ServiceBinary = x.sys'], 'bad-service-value', 's.inf:11:16'],
    ['unresolved DIRID', ['AddService = Svc,, S'], ['[S]', 'ServiceType = 1', 'StartType = 3', 'ErrorControl = 1', 'ServiceBinary = %13%\\x.sys'], 'unresolved-dirid', 's.inf:12:17'],
    ['empty ServiceBinary', ['AddService = Svc,, S'], ['[S]', 'ServiceType = 1', 'StartType = 3', 'ErrorControl = 1', 'ServiceBinary = ""'], 'bad-service-value', 's.inf:12:17'],
    ['lone + in Dependencies', ['AddService = Svc,, Svc.Install'], [...SERVICE, 'Dependencies = a, +'], 'bad-service-value', 's.inf:13:16'],
  ];
  test.each(cases)('%s', (_what, install, rest, code, where) => {
    const registry = new Registry();
    // AddReg first: it would run first, so nothing at all may have happened when the error comes.
    const e = thrown(() => run(['AddReg = First', ...install], [...rest, '[First]', 'HKLM,Software\\Nm,V,,"x"'], registry));
    expect(e).toBeInstanceOf(InstallError);
    expect((e as InstallError).code).toBe(code);
    expect((e as Error).message.startsWith(`${where}: `)).toBe(true);
    expect((e as Error).message).toMatch(/nothing was executed$/);
    expect(registry.key('HKLM\\Software\\Nm')).toBeUndefined();
  });

  test.each(['ServiceType', 'StartType', 'ErrorControl', 'ServiceBinary'])('missing %s points at the section header', (key) => {
    const lines = SERVICE.filter((l) => !l.startsWith(key));
    const e = thrown(() => run(['AddService = Svc,, Svc.Install'], lines));
    expect(e).toBeInstanceOf(InstallError);
    expect((e as InstallError).code).toBe('service-key-missing');
    expect((e as Error).message).toMatch(new RegExp(`^s\\.inf:7:1: service-install section \\[Svc\\.Install\\] has no ${key}=`));
  });

  test.each(['BitReg = B', 'Security = "D:P(A;;GA;;;SY)"', 'ServiceSidType = 1'])('%s in a service-install section is refused', (line) => {
    const e = thrown(() => run(['AddService = Svc,, Svc.Install'], [...SERVICE, line]));
    expect(e).toBeInstanceOf(UnsupportedDirectiveError);
    expect((e as Error).message).toMatch(/^s\.inf:12:1: directive "\w+" in \[Svc\.Install\] is not performed \(not modelled in a service-install section\)/);
  });
});

describe('properties', () => {
  // Any combination of optional settings, flags and a pre-existing service: the change list
  // replays to the same registry, and the mandatory values always hold the INF's values.
  test('the change list is the whole story; Type and ImagePath always follow the INF', () => {
    const optional = ['DisplayName = Name', 'Description = Text', 'Description =', 'LoadOrderGroup = G', 'Dependencies = A, +B', 'StartName = Acct', 'AddReg = R'];
    fc.assert(
      fc.property(fc.subarray(optional), fc.integer({ min: 0, max: 0x1ff }), fc.boolean(), (extra, flags, exists) => {
        const start = new Registry();
        if (exists) {
          start.setValue(start.createKey(SVC).path, RegValue.dword('Type', 2));
          start.setValue(SVC, RegValue.dword('Start', 4));
          start.setValue(SVC, RegValue.sz('Group', 'Old'));
        }
        const settings = extra.filter((l, i) => !(l === 'Description =' && extra.indexOf('Description = Text') >= 0 && i > 0));
        const { registry: r, changes } = run([`AddService = Svc, ${flags}, Svc.Install`], [...SERVICE, ...settings, '[R]', 'HKR,,X,0x00010001,1'], start.clone());
        expect(regText(replay(start, changes))).toBe(regText(r));
        expect(val(r, SVC, 'Type')?.asDword()).toBe(1);
        expect(val(r, SVC, 'ImagePath')?.asExpandString()).toBe(`${DRIVERS}\\svc.sys`);
        expect(val(r, SVC, 'Start')?.asDword()).toBe(exists && flags & 0x10 ? 4 : 3);
        expect(val(r, SVC, 'ErrorControl')?.type).toBe(REG_DWORD);
        if (extra.includes('Dependencies = A, +B') && !(exists && flags & 0x80)) expect(val(r, SVC, 'DependOnGroup')?.type).toBe(REG_MULTI_SZ);
      }),
      { numRuns: 200 },
    );
  });
});
