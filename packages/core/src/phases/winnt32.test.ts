import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegValue, type RegistrySnapshot } from '@netmigrate/registry';
import { beforeAll, describe, expect, test } from 'vitest';
import { NUA } from '../contract/constants.js';
import { SERVICES_PATH } from '../discovery/paths.js';
import { Nt4RegistryBuilder } from '../discovery/test-support/nt4-builder.js';
import { nt40ServerBuilder } from '../discovery/test-support/systems.js';
import { NetmigrateEvents, type NetmigrateEventName } from '../events/events.js';
import { buildCore } from '../test-support/build.js';
import type { ReportEntry } from '../report/report.js';
import { expectGolden, isdnSnapshot, ISDN_VENDOR, OEM_FIXTURES, plugin, runPhase, tempDir, writeDir } from './test-support/phase.js';
import type { Winnt32Result } from './winnt32.js';

beforeAll(buildCore, 120_000);

const DIGI = join(OEM_FIXTURES, 'digi-datafire');
const ACME = join(OEM_FIXTURES, 'acme');
const PNP = 'pci\\ven_8086&dev_1229';

/** A vendor directory mapping `preId` (an adapter) to `postId`, upgraded by `module`. */
function adapterVendor(preId: string, postId: string, module: string, extra = ''): string {
  return writeDir({
    'netmap.inf': `[Version]\nSignature = "$Windows NT$"\n[OemNetAdapters]\n${preId} = ${postId}\n[OemUpgradeSupport]\n${postId} = ${module}\n${extra}`,
  });
}

const byInstance = (r: Winnt32Result, instance: string): ReportEntry => r.report.components.find((c) => c.preNT5Instance === instance) as ReportEntry;
const statuses = (r: Winnt32Result): string[] => r.report.components.map((c) => `${c.preNT5Instance} ${c.status}`);
/** The committed answer file, its machine-specific working directories as in the golden files. */
const written = (r: Winnt32Result & { workDir: string }): string => readFileSync(r.answerFilePath as string, 'latin1').split(join(r.workDir, 'oem0001')).join('<oem0001>');

/** Cards of one NT4 option, each with the given Parameters values (flags.mjs, chaos.mjs, oem-writer.mjs read them). */
function cards(option: string, params: RegValue[][], build = (b: Nt4RegistryBuilder) => b): RegistrySnapshot {
  const b = new Nt4RegistryBuilder({ build: 1381, productType: 'WinNT' });
  params.forEach((p, i) => b.card({ number: i + 1, productName: option, serviceName: `${option}${i + 1}`, infOption: option.toUpperCase(), params: p }));
  return build(b).snapshot();
}

describe('a whole NT 4.0 server: built-ins from our table, three vendors, every mapping form', () => {
  function server(): RegistrySnapshot {
    const b = nt40ServerBuilder();
    b.set(`${SERVICES_PATH}\\NetBT\\Adapters\\E100B1`, RegValue.sz('NameServer', '192.168.10.2'), RegValue.sz('NameServerBackup', '192.168.10.3'));
    b.set(`${SERVICES_PATH}\\NetBT\\Parameters`, RegValue.dword('EnableLMHOSTS', 1));
    b.set(`${SERVICES_PATH}\\Tcpip\\Parameters`, RegValue.sz('SearchList', 'corp.example lab.corp.example'));
    b.set(`${SERVICES_PATH}\\LanmanWorkstation\\Parameters`, RegValue.multiSz('OtherDomains', ['SALES', 'LAB']));
    return b.snapshot();
  }

  test('in the sandbox: statuses, the TCP/IP block, two instances of one adapter, and the golden file', async () => {
    const intel = adapterVendor('E100B', PNP, plugin('oem-writer.mjs'));
    const writer = plugin('oem-writer.mjs');
    const result = await runPhase({
      registry: server(),
      oem: { plugins: [{ ref: writer, netmapDir: intel }, { ref: writer, netmapDir: DIGI }, { ref: writer, netmapDir: ACME }] },
      sourceDir: '/cdrom/i386',
    });
    expect(result.status).toBe('committed');
    expect(statuses(result)).toEqual([
      'E100B1 upgraded', 'E100B2 upgraded', 'DataFire1 upgraded', 'DataFire2 upgraded',
      'AcmeProto upgraded', 'NetBT built-in', 'Tcpip built-in',
      'AcmeMon upgraded', 'AcmeRdr not-supported', 'LanmanServer built-in', 'LanmanWorkstation built-in', 'NetBIOS built-in',
    ]);
    expect(result.report.counts).toEqual({ 'built-in': 5, upgraded: 6, 'not-supported': 1, 'no-mapping': 0, failed: 0, 'not-run': 0 });
    // Two instances of one post-upgrade ID get their own keys; one-to-many with ValueNotPresent for DataFire2.
    expect(['E100B1', 'E100B2', 'DataFire1', 'DataFire2'].map((i) => byInstance(result, i).answerFileKey)).toEqual([PNP, `${PNP}.2`, 'DATAFIRE - ISA1U', 'DATAFIRE - ISA']);
    // An NT4 service mapped in OemNetClients is a client; NotSupported shows the vendor's help files.
    expect(byInstance(result, 'AcmeRdr')).toMatchObject({
      kind: 'client', nt5InfId: 'ACME_CLIENT',
      helpFiles: { txt: join(ACME, 'help', 'acmerdr.txt'), htm: join(ACME, 'help', 'acmerdr.htm'), source: 'vendor', exists: { txt: true, htm: true } },
    });
    const view = result.answerFile;
    expect(view.lines('NetClients')).toEqual(['MS_MSClient=params.MS_MSClient']);
    expect(view.lines('NetProtocols')).toEqual(['MS_TCPIP=params.MS_TCPIP', 'ACME_PROTO=params.ACME_PROTO']);
    expect(view.lines('params.MS_TCPIP')).toEqual([
      'DNSDomain=corp.example',
      'DNSServerSearchOrder=192.168.10.2,192.168.10.3',
      'DNSSuffixSearchOrder=corp.example,lab.corp.example',
      'EnableLMHosts=Yes',
      `AdapterSections=params.MS_TCPIP.${PNP},params.MS_TCPIP.${PNP}.2`,
    ]);
    expect(view.lines(`params.MS_TCPIP.${PNP}`)).toEqual([
      `SpecificTo=${PNP}`, 'DHCP=No', 'IPAddress=192.168.10.5,192.168.10.6', 'SubnetMask=255.255.255.0,255.255.255.0', 'DefaultGateway=192.168.10.1',
      'WinsServerList=192.168.10.2,192.168.10.3',
    ]);
    expect(view.lines(`params.MS_TCPIP.${PNP}.2`)).toEqual([`SpecificTo=${PNP}.2`, 'DHCP=Yes']);
    expect(view.lines('params.MS_MSClient')).toEqual(['BrowseDomains=SALES,LAB']);
    expect(view.lines('params.MS_Server')).toEqual(['Optimization=MaxThroughputForFileSharing', 'BroadcastsToLanman2Clients=No']);
    expect(view.lines(`params.${PNP}.2`)).toEqual([`InfID=${PNP}`, `OemSection=params.${PNP}.2.OemSection`]);
    expect(view.hasSection('params.ACME_CLIENT')).toBe(false);
    expect(result.workingDirs.map((d) => d.slice(result.workDir.length + 1))).toEqual(['oem0001', 'oem0002', 'oem0003']);
    expectGolden('nt40-server.sif', new Uint8Array(readFileSync(result.answerFilePath as string)), { [result.workDir]: '<workdir>' });
  });

  test('TCP/IP keeps only the adapters that made it into [NetAdapters]', async () => {
    const b = nt40ServerBuilder();
    b.set(`${SERVICES_PATH}\\E100B2\\Parameters`, RegValue.sz('Behaviour', 'throw'));
    const result = await runPhase({ registry: b.snapshot(), host: 'in-process', oem: { netmapDirs: [adapterVendor('E100B', PNP, plugin('chaos.mjs'))] } });
    expect(result.status).toBe('committed');
    expect(byInstance(result, 'E100B2').status).toBe('failed');
    expect(result.answerFile.lines('NetAdapters')).toEqual([`${PNP}=params.${PNP}`]);
    expect(result.answerFile.value('params.MS_TCPIP', 'AdapterSections')).toBe(`params.MS_TCPIP.${PNP}`);
    expect(result.answerFile.hasSection(`params.MS_TCPIP.${PNP}.2`)).toBe(false);
  });

  test('a built-in the answer file cannot hold fails alone, naming the registry value', async () => {
    const b = nt40ServerBuilder();
    b.set(`${SERVICES_PATH}\\Tcpip\\Parameters`, RegValue.sz('Domain', 'corp.例え.example'));
    const result = await runPhase({ registry: b.snapshot(), host: 'in-process' });
    expect(result.status).toBe('committed');
    expect(byInstance(result, 'Tcpip')).toMatchObject({ status: 'failed', failure: { kind: 'engine', component: 'Tcpip' } });
    expect(byInstance(result, 'Tcpip').detail).toBe(
      'the engine could not write it: component Tcpip (MS_TCPIP): HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters value Domain: ' +
        'section [params.MS_TCPIP], line "DNSDomain=corp.例え.example", column 16: character U+4F8B ("例") cannot be written in Windows-1252, the answer file\'s ANSI code page',
    );
    expect(result.answerFile.hasSection('params.MS_TCPIP')).toBe(false);
    expect(result.answerFile.lines('NetProtocols')).toBeUndefined();
    expect(byInstance(result, 'LanmanServer').status).toBe('built-in');
  });
});

describe('where the vendor files come from', () => {
  const expected = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'winnt32', 'golden', 'isdn-example.sif'), 'latin1');
  const netupgDir = () => writeDir({ 'netupg.inf': `[OemNetUpgradeDirs]\n${ISDN_VENDOR}\n` });

  test.each([
    ['--oem <dir> with netupg.inf', () => ({ explicitDir: netupgDir(), env: {} })],
    ['NETUPGRD_INIT_FILE_DIR', () => ({ env: { NETUPGRD_INIT_FILE_DIR: netupgDir() } })],
    ['NET_UPGRD_INIT_FILE_DIR', () => ({ env: { NET_UPGRD_INIT_FILE_DIR: netupgDir() } })],
    ['a list of netmap directories', () => ({ netmapDirs: [ISDN_VENDOR] })],
    ['a plugin set', () => ({ plugins: [{ ref: plugin('isdn-example.mjs'), netmapDir: ISDN_VENDOR }] })],
    ['a plugin set with the netmap beside a package-style reference', () => ({ plugins: [{ ref: { module: './isdn-example.mjs', resolveFrom: join(ISDN_VENDOR, '..', '..', '..', 'test-plugins') }, netmapDir: ISDN_VENDOR }] })],
  ])('%s', async (_name, oem) => {
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: oem() });
    expect(result.status).toBe('committed');
    expect(written(result)).toBe(expected);
  });

  test('without any vendor files every non-built-in component is listed with the default help files', async () => {
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { env: {} }, sourceDir: '/cdrom/i386' });
    expect(result.status).toBe('committed');
    expect(result.report.components[0]).toMatchObject({
      status: 'no-mapping',
      detail: 'no netmap.inf maps ISDNCARD in OemNetAdapters/OemAdapters/OemAsyncAdapters; the component is listed in the Compatibility Report',
      helpFiles: { txt: '/cdrom/i386/winntupg/unsupmsg.txt', htm: '/cdrom/i386/winntupg/unsupmsg.htm', source: 'default', exists: { txt: false, htm: false } },
    });
    expect(result.answerFile.sectionNames()).toEqual([]);
    expect(readFileSync(result.answerFilePath as string).length).toBe(0);
  });

  test('[OemAdapters], one-to-many on a DWORD, and a plugin whose components are not installed', async () => {
    const unused = adapterVendor('NOTHERE', 'nothere_2000', plugin('oem-writer.mjs'));
    const vendor = writeDir({
      'netmap.inf': [
        '[Version]', 'Signature = "$Windows NT$"',
        '[OemAdapters]', 'ISDNCARD = 0, BYBUS',
        '[BYBUS]', 'ValueName = BusType', 'ValueType = 4', '0x1 = isdn_isa', 'ValueNotPresent = isdn_pci',
        '[OemUpgradeSupport]', `isdn_isa = ${plugin('isdn-example.mjs')}`,
      ].join('\n'),
    });
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [unused, vendor] } });
    expect(result.status).toBe('committed');
    expect(result.report.components[0]).toMatchObject({ status: 'upgraded', nt5InfId: 'isdn_isa', answerFileKey: 'isdn_isa' });
    expect(result.report.components[0]?.netmap).toEqual({ file: join(vendor, 'netmap.inf'), line: 4, column: 1 });
    // oem0001 belonged to the vendor with nothing installed: gone, its number unused.
    expect(readdirSync(result.workDir).sort()).toEqual(['oem0002', 'winnt.sif']);
    expect(result.answerFile.lines('isdn_isa.SectionToRun')).toEqual(['AddReg=isdn_isa.SectionToRun.AddReg']);
  });
});

describe('classes of component', () => {
  test('an async adapter goes to [AsyncAdapters] through OemAsyncAdapters; TCP/IP is never specific to it', async () => {
    const registry = cards('Modem', [[RegValue.dword('Port', 1)]], (b) =>
      b.card({ number: 1, productName: 'Modem', serviceName: 'Modem1', infOption: 'ACMEMODEM', type: 'asyncmac asyncmacAdapter', params: [RegValue.dword('Port', 1)] }).tcpip(['Modem1'], { hostname: 'WS' }));
    const vendor = writeDir({
      'netmap.inf': `[Version]\nSignature = "$Windows NT$"\n[OemAsyncAdapters]\nACMEMODEM = acme_modem\n[OemUpgradeSupport]\nacme_modem = ${plugin('oem-writer.mjs')}\n`,
    });
    const result = await runPhase({ registry, host: 'in-process', oem: { netmapDirs: [vendor] } });
    expect(result.status).toBe('committed');
    expect(byInstance(result, 'Modem1')).toMatchObject({ kind: 'asyncAdapter', status: 'upgraded', answerFileKey: 'acme_modem' });
    expect(result.answerFile.lines('AsyncAdapters')).toEqual(['acme_modem=params.acme_modem']);
    expect(result.answerFile.lines('NetAdapters')).toBeUndefined();
    expect(result.answerFile.lines('params.acme_modem.OemSection')).toEqual(['Port=1']);
    expect(result.answerFile.value('params.MS_TCPIP', 'AdapterSections')).toBeUndefined();
  });

  test('a system without network components gives an empty answer file', async () => {
    const result = await runPhase({ registry: cards('X', []), host: 'in-process', oem: { env: {} } });
    expect(result.status).toBe('committed');
    expect(result.report.components).toEqual([]);
    expect(readFileSync(result.answerFilePath as string).length).toBe(0);
  });
});

describe('pdwFlags', () => {
  /** Three instances of one flags card: the Flags parameter of each is what its DoPreUpgradeProcessing returns. */
  const flagsVendor = () => adapterVendor('FLAGCARD', 'flagcard', plugin('flags.mjs'));
  const system = (...flags: number[]) => cards('FlagCard', flags.map((f) => [RegValue.dword('Flags', f)]));

  test('LoadPostUpgrade and SkipInstallInGuiMode are recorded for the post phase, in the draft and the report', async () => {
    const result = await runPhase({ registry: system(NUA.LoadPostUpgrade, NUA.SkipInstallInGuiMode, NUA.LoadPostUpgrade | NUA.SkipInstallInGuiMode, 0), host: 'in-process', oem: { netmapDirs: [flagsVendor()] } });
    expect(result.status).toBe('committed');
    const wd = join(result.workDir, 'oem0001');
    expect(result.report.components.map((c) => [c.answerFileKey, c.flags, c.flagNames])).toEqual([
      ['flagcard', 1, ['LoadPostUpgrade']],
      ['flagcard.2', 0x80000, ['SkipInstallInGuiMode']],
      ['flagcard.3', 0x80001, ['LoadPostUpgrade', 'SkipInstallInGuiMode']],
      ['flagcard.4', 0, []],
    ]);
    const view = result.answerFile;
    expect(view.value('params.flagcard', 'OemDllToLoad')).toBe(plugin('flags.mjs'));
    expect(view.value('params.flagcard.2', 'OemDllToLoad')).toBeUndefined();
    expect(view.value('params.flagcard.3', 'OemDllToLoad')).toBe(plugin('flags.mjs'));
    expect(view.lines('Netmigrate.PreUpgrade')).toEqual([
      `flagcard=0x00000001,FlagCard1,FLAGCARD,${wd}`,
      `flagcard.2=0x00080000,FlagCard2,FLAGCARD,${wd}`,
      `flagcard.3=0x00080001,FlagCard3,FLAGCARD,${wd}`,
      // Flags 0 too: GUI mode needs every component's pre-NT5 instance.
      `flagcard.4=0x00000000,FlagCard4,FLAGCARD,${wd}`,
    ]);
    expectGolden('flags.sif', new Uint8Array(readFileSync(result.answerFilePath as string)), { [plugin('flags.mjs')]: '<plugin>', [wd]: '<oem0001>' });
  });

  test('AbortUpgrade from DoPreUpgradeProcessing aborts: no answer file, no working directory', async () => {
    const events = new NetmigrateEvents();
    const aborts: unknown[] = [];
    events.on('abortRequested', (e) => aborts.push(e));
    const result = await runPhase({ registry: system(0, NUA.AbortUpgrade), host: 'in-process', oem: { netmapDirs: [flagsVendor()] }, events });
    expect(result.status).toBe('aborted');
    expect(result.message).toBe('plugin "@test/flags" aborted the upgrade (NUA_ABORT_UPGRADE from DoPreUpgradeProcessing, component FlagCard2); no answer file was written. Vendor: Flags Ltd. (+44 20 0000, https://flags.example).');
    expect(aborts).toEqual([{ plugin: '"@test/flags"', hook: 'DoPreUpgradeProcessing', component: 'FlagCard2', flag: 'AbortUpgrade', decision: 'abort' }]);
    expect(readdirSync(result.workDir)).toEqual([]);
  });

  test('RequestAbortUpgrade is not DoPreUpgradeProcessing\'s to set: that component fails, the others go on', async () => {
    const result = await runPhase({ registry: system(NUA.RequestAbortUpgrade, 0), host: 'in-process', oem: { netmapDirs: [flagsVendor()] } });
    expect(result.status).toBe('committed');
    expect(result.report.components[0]?.failure).toMatchObject({ plugin: '"@test/flags"', hook: 'DoPreUpgradeProcessing', component: 'FlagCard1', kind: 'invalid-result' });
    expect(result.report.components[0]?.failure?.message).toContain('DoPreUpgradeProcessing returned RequestAbortUpgrade (0x00000002), which DoPreUpgradeProcessing cannot set');
    expect(result.answerFile.lines('NetAdapters')).toEqual(['flagcard.2=params.flagcard.2']);
  });

  const initFlags = (flags: number, instructions = 'Run acmefix.exe first.') => ({ plugins: [{ ref: plugin('flags.mjs'), netmapDir: flagsVendor(), options: { initFlags: flags, instructions } }] });

  test('RequestAbortUpgrade in an unattended run stops it with what happened and what to do', async () => {
    let asked = false;
    const result = await runPhase({ registry: system(0), host: 'in-process', oem: initFlags(NUA.RequestAbortUpgrade), askAbort: () => (asked = true) });
    expect(asked).toBe(false);
    expect(result.status).toBe('aborted');
    expect(result.message).toBe(
      'plugin "@test/flags" asks to abort the upgrade (NUA_REQUEST_ABORT_UPGRADE from PreUpgradeInitialize) before upgrading FlagCard1. ' +
        'Nobody can answer in an unattended run, so the run stopped and no answer file was written. ' +
        'Abort, follow the vendor\'s instructions, then start the upgrade again: a plugin asks this when the system must change first (for example so that its adapters can be told apart, spec §5.4). ' +
        'Vendor: Flags Ltd. (+44 20 0000, https://flags.example). Run acmefix.exe first.',
    );
    expect(readdirSync(result.workDir)).toEqual([]);
  });

  test('RequestAbortUpgrade in an attended run asks; yes aborts', async () => {
    const asked: unknown[] = [];
    const result = await runPhase({ registry: system(0), host: 'in-process', unattended: false, oem: initFlags(NUA.RequestAbortUpgrade), askAbort: (r) => (asked.push(r), true) });
    expect(result.status).toBe('aborted');
    expect(asked).toEqual([{ plugin: '"@test/flags"', vendorInfo: { companyName: 'Flags Ltd.', supportNumber: '+44 20 0000', supportUrl: 'https://flags.example', instructionsToUser: 'Run acmefix.exe first.' }, components: ['FlagCard1'], message: expect.stringContaining('asks to abort the upgrade') }]);
  });

  test('RequestAbortUpgrade in an attended run asks; no goes on without that plugin', async () => {
    const isdn = { ref: plugin('isdn-example.mjs'), netmapDir: ISDN_VENDOR };
    const registry = cards('FlagCard', [[]], (b) => b.card({ number: 9, productName: 'IsdnCard', serviceName: 'IsdnCard1', infOption: 'ISDNCARD', params: [] }));
    const result = await runPhase({ registry, host: 'in-process', unattended: false, oem: { plugins: [...initFlags(NUA.RequestAbortUpgrade).plugins, isdn] }, askAbort: () => false });
    expect(result.status).toBe('committed');
    expect(statuses(result)).toEqual(['FlagCard1 not-run', 'IsdnCard1 upgraded']);
    expect(byInstance(result, 'FlagCard1').detail).toBe('the operator chose to go on without it after "@test/flags" asked to abort; it is not upgraded');
    expect(result.answerFile.lines('NetAdapters')).toEqual(['adapter2=params.adapter2']);
  });

  test('AbortUpgrade from PreUpgradeInitialize aborts without asking', async () => {
    let asked = false;
    const result = await runPhase({ registry: system(0), host: 'in-process', unattended: false, oem: initFlags(NUA.AbortUpgrade), askAbort: () => (asked = true) });
    expect(asked).toBe(false);
    expect(result.status).toBe('aborted');
    expect(result.message).toMatch(/^plugin "@test\/flags" aborted the upgrade \(NUA_ABORT_UPGRADE from PreUpgradeInitialize\); no answer file was written\. Vendor: Flags Ltd\./);
  });
});

describe('a plugin that fails', () => {
  const chaosVendor = () => adapterVendor('CHAOS', 'chaos_2000', plugin('chaos.mjs'));
  const system = (behaviour: string, target = join(tempDir(), 'outside.txt')) =>
    cards('Chaos', [[RegValue.sz('Behaviour', 'ok')], [RegValue.sz('Behaviour', behaviour), RegValue.sz('Target', target)], [RegValue.sz('Behaviour', 'ok')]]);

  test.each([
    ['throw', 'hook-error', 'threw Error: vendor bug: parameter block corrupt'],
    ['loop', 'timeout', 'the hook did not finish within 1000 ms; the sandbox process was killed (SIGKILL)'],
    ['crash', 'crash', 'the sandbox process exited with code 3'],
    ['write-outside', 'permission-denied', 'the plugin tried to write outside its working directory'],
    ['engine-section', 'invalid-writer-op', 'an answer-file call failed and the hook let the error escape: addLine("NetAdapters", …) failed with ERROR_INVALID_PARAMETER (87): no such section'],
  ])('in the sandbox: %s → failed with plugin, hook and component; its lines rolled back; the others written', async (behaviour, kind, detail) => {
    const events = new NetmigrateEvents();
    const undone: unknown[] = [];
    events.on('savepointUndone', (e) => undone.push(e));
    const result = await runPhase({ registry: system(behaviour), oem: { netmapDirs: [chaosVendor()] }, events, hookTimeoutMs: behaviour === 'loop' ? 1000 : 15_000 });
    expect(result.status).toBe('committed');
    expect(statuses(result)).toEqual(['Chaos1 upgraded', 'Chaos2 failed', 'Chaos3 upgraded']);
    const failed = byInstance(result, 'Chaos2');
    expect(failed.failure).toMatchObject({ plugin: '"@test/chaos"', hook: 'DoPreUpgradeProcessing', component: 'Chaos2', kind });
    expect(failed.failure?.message).toContain(`plugin "@test/chaos", hook DoPreUpgradeProcessing, component Chaos2: ${detail}`);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: `plugin-${kind}`, plugin: '"@test/chaos"', hook: 'DoPreUpgradeProcessing', component: 'Chaos2' }));
    // Nothing of Chaos2: not its entry, not its params section, not the OEM section it wrote before failing.
    expect(result.answerFile.lines('NetAdapters')).toEqual(['chaos_2000=params.chaos_2000', 'chaos_2000.3=params.chaos_2000.3']);
    expect(result.answerFile.sectionNames().filter((s) => s.includes('chaos_2000.2'))).toEqual([]);
    expect(result.answerFile.lines('params.chaos_2000.3.OemSection')).toEqual(['Instance=Chaos3']);
    // The engine's entry for it (its params section, three lines); the plugin's own writes never reached the draft.
    expect(undone).toEqual([{ label: 'component Chaos2', reason: expect.stringContaining('component Chaos2'), sectionsRemoved: 1, linesRemoved: 3 }]);
    expect(failed.helpFiles?.source).toBe('default');
  });

  test('a plugin that cannot load fails all its components with kind load', async () => {
    const vendor = adapterVendor('CHAOS', 'chaos_2000', plugin('throws-on-import.mjs'));
    const result = await runPhase({ registry: system('ok'), host: 'in-process', oem: { netmapDirs: [vendor] } });
    expect(result.status).toBe('committed');
    expect(result.report.counts.failed).toBe(3);
    expect(result.report.components[0]?.failure).toMatchObject({ hook: 'load', kind: 'load', component: 'Chaos1' });
    expect(result.report.components[0]?.failure?.message).toMatch(/importing the module failed/);
    expect(result.answerFile.sectionNames()).toEqual([]);
  });

  test.each([
    ['a line Windows-1252 cannot hold', 'Name=Ω', 'section [params.writer.OemSection], line "Name=Ω", column 6: character U+03A9 ("Ω") cannot be written in Windows-1252'],
    ['OemDllToLoad of its own', 'OemDllToLoad=/tmp/evil.mjs', 'OemDllToLoad is written by the engine'],
    ['a top-level section the engine has not written yet', '+NetClients', 'addSection("NetClients") failed with ERROR_INVALID_PARAMETER (87): a section of that name already exists and belongs to the engine or another plugin'],
    ['the OEM section of another plugin\'s component', '+params.adapter2.OemSection', 'addSection("params.adapter2.OemSection") failed with ERROR_INVALID_PARAMETER (87)'],
  ])('what the answer file refuses fails the component: %s', async (_what, lines, message) => {
    const registry = cards('Writer', [[RegValue.sz('Lines', lines)], [RegValue.sz('Lines', 'A=1')]], (b) =>
      b.card({ number: 9, productName: 'IsdnCard', serviceName: 'IsdnCard1', infOption: 'ISDNCARD', params: [] }));
    const result = await runPhase({ registry, host: 'in-process', oem: { netmapDirs: [adapterVendor('WRITER', 'writer', plugin('oem-writer.mjs')), ISDN_VENDOR] } });
    const failed = byInstance(result, 'Writer1');
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ plugin: '"@test/oem-writer"', hook: 'DoPreUpgradeProcessing', component: 'Writer1', kind: 'invalid-writer-op' });
    expect(failed.failure?.message).toContain(message);
    expect(result.answerFile.lines('NetAdapters')).toEqual(['writer.2=params.writer.2', 'adapter2=params.adapter2']);
    expect(result.answerFile.lines('params.writer.2.OemSection')).toEqual(['A=1']);
    expect(result.answerFile.lines('params.adapter2.OemSection')).toEqual(['InfToRunAfterInstall="", adapter2.SectionToRun']);
  });
});

describe('bad inputs stop the run before anything is written', () => {
  async function failed(oem: Parameters<typeof runPhase>[0]['oem'], workDir?: string): Promise<Winnt32Result & { workDir: string }> {
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem, ...(workDir === undefined ? {} : { workDir }) });
    expect(result.status).toBe('failed');
    expect(existsSync(join(result.workDir, 'winnt.sif'))).toBe(false);
    expect(readdirSync(result.workDir).filter((e) => e.startsWith('oem'))).toEqual([]);
    return result;
  }

  test('--oem names a directory without netupg.inf', async () => {
    const dir = tempDir();
    const result = await failed({ explicitDir: dir, env: {} });
    expect(result.message).toBe(
      `the vendor files cannot be used, so nothing was upgraded: ${join(dir, 'netupg.inf')}: the directory given explicitly (--oem), ${dir}, has no netupg.inf (set NETUPGRD_INIT_FILE_DIR or NET_UPGRD_INIT_FILE_DIR to the directory holding it, or unset both to upgrade without vendor files)`,
    );
  });

  test('netupg.inf lists a directory without netmap.inf (netupg.inf:line:col)', async () => {
    const empty = tempDir();
    const dir = writeDir({ 'netupg.inf': `[OemNetUpgradeDirs]\n${ISDN_VENDOR}\n${empty}\n` });
    const result = await failed({ env: { NETUPGRD_INIT_FILE_DIR: dir } });
    expect(result.message).toBe(`the vendor files cannot be used, so nothing was upgraded: ${join(dir, 'netupg.inf')}:3:1: the vendor directory ${empty} has no netmap.inf; every listed directory must contain one`);
  });

  test('a netmap.inf that is not INF (file:line:col)', async () => {
    const vendor = writeDir({ 'netmap.inf': '[Version]\nSignature = "$Windows NT$"\n[OemNetAdapters\nISDNCARD = adapter2\n' });
    const result = await failed({ netmapDirs: [vendor] });
    expect(result.message).toMatch(new RegExp(`^the vendor files cannot be used, so nothing was upgraded: ${join(vendor, 'netmap.inf').replace(/[.\\]/g, '\\$&')}:3(:\\d+)?: `));
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'netmap-syntax', file: join(vendor, 'netmap.inf'), line: 3 });
  });

  test('two netmap.inf files claim one pre-upgrade ID', async () => {
    const other = adapterVendor('ISDNCARD', 'other_isdn', plugin('oem-writer.mjs'));
    const result = await failed({ netmapDirs: [ISDN_VENDOR, other] });
    expect(result.message).toContain(`ISDNCARD is mapped by two netmap.inf files: ${join(ISDN_VENDOR, 'netmap.inf')}:7:1 ([OemNetAdapters]) and ${join(other, 'netmap.inf')}:4:1 ([OemNetAdapters])`);
  });

  test('an earlier run\'s answer file in the work directory', async () => {
    const workDir = tempDir();
    writeFileSync(join(workDir, 'winnt.sif'), '[NetAdapters]\r\n');
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] }, workDir });
    expect(result.status).toBe('failed');
    expect(result.message).toBe(`${workDir} holds winnt.sif from an earlier run; remove them or choose another working directory (a run never reuses another run's answer file or plugin directories)`);
    expect(readFileSync(join(workDir, 'winnt.sif'), 'latin1')).toBe('[NetAdapters]\r\n');
  });

  test('a post-upgrade ID that cannot name a section fails that component only', async () => {
    const vendor = adapterVendor('ISDNCARD', '"isdn;2000"', plugin('isdn-example.mjs'));
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [vendor] } });
    expect(result.status).toBe('committed');
    expect(result.report.components[0]).toMatchObject({ status: 'failed', failure: { kind: 'engine', component: 'IsdnCard1' } });
    expect(result.report.components[0]?.detail).toContain('the post-upgrade ID "isdn;2000" cannot be used in the answer file: the section name params.isdn;2000 contains ";"');
  });

  test('a confirm callback that throws writes nothing', async () => {
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] }, confirm: () => { throw new Error('UI gone'); } });
    expect(result.status).toBe('failed');
    expect(result.message).toBe('the confirmation callback failed (UI gone); nothing was written');
    expect(readdirSync(result.workDir)).toEqual([]);
  });
});

describe('events', () => {
  const names: NetmigrateEventName[] = ['phaseStarted', 'phaseFinished', 'componentDiscovered', 'componentMapped', 'pluginLoaded', 'sectionAdded', 'lineAdded', 'savepointUndone', 'abortRequested', 'answerFileCommitted', 'answerFileDiscarded'];

  test('tell what happened, in order', async () => {
    const events = new NetmigrateEvents();
    const seen: string[] = [];
    for (const name of names) events.on(name, () => seen.push(name));
    const sections: unknown[] = [];
    events.on('sectionAdded', (e) => sections.push(e));
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] }, events });
    expect(result.status).toBe('committed');
    const compact = seen.filter((n, i) => n !== seen[i - 1]);
    const pairs = Array.from({ length: 6 }, () => ['sectionAdded', 'lineAdded']).flat();
    expect(compact).toEqual(['phaseStarted', 'componentDiscovered', 'componentMapped', 'pluginLoaded', ...pairs, 'sectionAdded', 'lineAdded', 'answerFileCommitted', 'phaseFinished']);
    expect(seen.filter((n) => n === 'lineAdded')).toHaveLength(13);
    expect(sections).toEqual([
      { section: 'NetAdapters', writer: { by: 'engine', component: 'IsdnCard1' } },
      { section: 'params.adapter2', writer: { by: 'engine', component: 'IsdnCard1' } },
      { section: 'params.adapter2.OemSection', writer: { by: 'plugin', plugin: '"@test/isdn-example"', component: 'IsdnCard1' } },
      { section: 'adapter2.SectionToRun', writer: { by: 'plugin', plugin: '"@test/isdn-example"', component: 'IsdnCard1' } },
      { section: 'adapter2.SectionToRun.AddReg', writer: { by: 'plugin', plugin: '"@test/isdn-example"', component: 'IsdnCard1' } },
      { section: 'Netmigrate.PreUpgrade', writer: { by: 'engine', component: 'IsdnCard1' } },
      { section: 'Netmigrate.Upgrade', writer: { by: 'engine' } },
    ]);
  });

  test('a listener that throws or rejects changes nothing but a warning', async () => {
    const quiet = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] } });
    const events = new NetmigrateEvents();
    for (const name of names) {
      events.on(name, () => {
        throw new Error(`listener broke on ${name}`);
      });
      events.on(name, async () => Promise.reject(new Error('async listener broke')));
    }
    let confirmations = 0;
    const noisy = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] }, events, confirm: () => (confirmations++, true) });
    await new Promise((done) => setImmediate(done));
    expect(noisy.status).toBe(quiet.status);
    expect(confirmations).toBe(1);
    expect(written(noisy)).toBe(written(quiet));
    expect(JSON.stringify(noisy.report).replaceAll(noisy.workDir, '<wd>')).toBe(JSON.stringify(quiet.report).replaceAll(quiet.workDir, '<wd>'));
    expect(noisy.diagnostics.filter((d) => d.code === 'event-listener-failed').length).toBeGreaterThan(10);
    expect(noisy.diagnostics).toContainEqual({ severity: 'warning', code: 'event-listener-failed', message: 'a listener for componentMapped threw (ignored): listener broke on componentMapped' });
    expect(events.listenerFailures.some((f) => (f.error as Error).message === 'async listener broke')).toBe(true);
  });

  test('payloads are frozen: a listener cannot steer through them', async () => {
    const events = new NetmigrateEvents();
    let mutated = false;
    events.on('lineAdded', (e) => {
      try {
        (e as { line: string }).line = 'Evil=1';
        mutated = true;
      } catch {
        // strict mode: assignment to a frozen object throws
      }
    });
    const result = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] }, events });
    expect(mutated).toBe(false);
    expect(written(result)).not.toContain('Evil');
  });
});

describe('the compatibility report', () => {
  test('vendor help files of a NotSupported component, and a plugin module that does not exist', async () => {
    const vendor = writeDir({
      'netmap.inf': [
        '[Version]', 'Signature = "$Windows NT$"',
        '[OemNetAdapters]', 'ISDNCARD = isdn_2000', 'OTHERCARD = other_2000',
        '[OemUpgradeSupport]', 'isdn_2000 = NotSupported', 'other_2000 = ./missing.mjs',
        '[OemUpgradeHelpFiles]', 'isdn_2000 = help\\isdn.txt, help\\isdn.htm',
      ].join('\n'),
      'help/isdn.txt': 'Upgrade to ISDN driver 2.0 on NT 4.0 first.',
    });
    const registry = cards('OtherCard', [[]], (b) => b.card({ number: 5, productName: 'IsdnCard', serviceName: 'IsdnCard1', infOption: 'ISDNCARD', params: [] }));
    const result = await runPhase({ registry, host: 'in-process', oem: { netmapDirs: [vendor] } });
    expect(result.status).toBe('committed');
    expect(byInstance(result, 'IsdnCard1')).toMatchObject({
      status: 'not-supported',
      helpFiles: { txt: join(vendor, 'help', 'isdn.txt'), htm: join(vendor, 'help', 'isdn.htm'), source: 'vendor', exists: { txt: true, htm: false } },
      netmap: { file: join(vendor, 'netmap.inf'), line: 4, column: 1 },
    });
    expect(byInstance(result, 'OtherCard1')).toMatchObject({ status: 'not-supported' });
    expect(byInstance(result, 'OtherCard1').detail).toContain(`the plugin cannot run: the plugin module ${join(vendor, 'missing.mjs')} does not exist`);
    expect(result.answerFile.sectionNames()).toEqual([]);
    expect(readdirSync(result.workDir)).toEqual(['winnt.sif']);
  });
});
