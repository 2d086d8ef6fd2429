// The post-upgrade phases end to end: the Winnt32 phase writes winnt.sif, then text mode and
// GUI mode apply it to a fresh Windows 2000 target (docs/gui-mode.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportReg, RegValue, type Registry, type RegistryBase } from '@netmigrate/registry';
import { beforeAll, describe, expect, test } from 'vitest';
import { NetmigrateEvents } from '../../events/events.js';
import { Nt4RegistryBuilder } from '../../discovery/test-support/nt4-builder.js';
import { buildCore } from '../../test-support/build.js';
import { CORE, isdnSnapshot, ISDN_VENDOR, plugin, runPhase, tempDir, writeDir } from '../test-support/phase.js';
import { stripComments } from '../text-mode.js';
import { applyAnswerFile, type ApplyResult } from './apply.js';

beforeAll(buildCore, 120_000);

const ADAPTER_CLASS = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}';
const GOLDEN = join(CORE, 'fixtures', 'gui-mode', 'golden');

/** The target registry as REGEDIT4 text, its run-specific GUIDs and hash made stable. */
function stableExport(r: ApplyResult, registry: RegistryBase): string {
  let text = Buffer.from(exportReg(registry, { format: 'regedit4' })).toString('latin1');
  Object.values(r.instanceGuids).forEach((g, i) => (text = text.split(g).join(`{GUID-${i + 1}}`)));
  for (const c of r.components) if (c.instanceGuid !== undefined && !Object.values(r.instanceGuids).includes(c.instanceGuid)) text = text.split(c.instanceGuid).join(`{GUID-${c.key}}`);
  return text.split(r.answerFileSha256).join('<sha256>');
}

function expectGoldenText(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text, 'latin1');
  }
  expect(existsSync(file), `missing ${file}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'latin1'));
}

async function isdnAnswerFile(): Promise<{ answerFile: string; workDir: string }> {
  const pre = await runPhase({ registry: isdnSnapshot(), host: 'in-process', oem: { netmapDirs: [ISDN_VENDOR] } });
  expect(pre.status).toBe('committed');
  return { answerFile: pre.answerFilePath as string, workDir: pre.workDir };
}

describe('the documented example (spec §8.4) applied end to end', () => {
  test('InfToRunAfterInstall writes the ISDN values under the adapter\'s new instance key', async () => {
    const { answerFile } = await isdnAnswerFile();
    const targetDir = tempDir('netmigrate-target-');
    const events = new NetmigrateEvents();
    const steps: string[] = [];
    events.on('postStepFinished', (e) => steps.push(`${e.step}${e.component === undefined ? '' : ` ${e.component}`} ${e.status}`));
    const r = await applyAnswerFile({ answerFile, target: targetDir, host: 'in-process', events });
    expect(r.failure).toBeUndefined();
    expect(r.status).toBe('applied');
    // Text mode: the answer file without comments, in System32.
    expect(readFileSync(join(targetDir, 'WINNT', 'System32', '$Winnt$.inf'))).toEqual(Buffer.from(stripComments(new Uint8Array(readFileSync(answerFile)))));
    const registry = await r.target.openRegistry();
    // The baseline has 0000–0003 (WAN miniports): the adapter is the next instance.
    const key = `${ADAPTER_CLASS}\\0004`;
    expect(r.components).toMatchObject([{ key: 'adapter2', status: 'installed', instanceKey: key, service: 'IsdnCard', preNT5Instance: 'IsdnCard1' }]);
    const v = (sub: string, name: string) => registry.key(`${key}\\${sub}`)?.value(name);
    expect(v('0\\0', 'IsdnPhoneNumber')?.asString()).toBe('111-1111');
    expect(v('0\\1', 'IsdnPhoneNumber')?.asString()).toBe('222-2222');
    expect(v('0\\0', 'IsdnSpid')?.asString()).toBe('111');
    expect(v('0\\1', 'IsdnSpid')?.asString()).toBe('222');
    expect(v('0', 'IsdnSwitchType')?.type).toBe(4);
    expect(v('0', 'IsdnSwitchType')?.asDword()).toBe(1);
    expect(registry.key(key)?.value('NetCfgInstanceId')?.asString()).toBe(r.instanceGuids['isdncard1']);
    expect(steps).toEqual(['text-mode done', 'install adapter2 done', 'inf-after-install adapter2 done', 'commit done']);
    expectGoldenText('isdn-example.target.reg', stableExport(r, registry));
  });

  test('a rerun of the same answer file changes nothing; another answer file is refused', async () => {
    const { answerFile } = await isdnAnswerFile();
    const targetDir = tempDir('netmigrate-target-');
    const first = await applyAnswerFile({ answerFile, target: targetDir, host: 'in-process' });
    expect(first.status).toBe('applied');
    const bytes = readFileSync(first.target.registryFile);
    const again = await applyAnswerFile({ answerFile, target: targetDir, host: 'in-process' });
    expect(again.status).toBe('already-applied');
    expect(readFileSync(first.target.registryFile)).toEqual(bytes);
    const other = join(tempDir(), 'winnt.sif');
    writeFileSync(other, readFileSync(answerFile, 'latin1').replace('111-1111', '999-9999'), 'latin1');
    const refused = await applyAnswerFile({ answerFile: other, target: targetDir, host: 'in-process' });
    expect(refused.status).toBe('failed');
    expect(refused.failure?.message).toMatch(/already holds another applied answer file/);
    expect(readFileSync(first.target.registryFile)).toEqual(bytes);
  });
});

/** An answer file written by hand (as an integrator might), with a working directory of files. */
function handWritten(sif: string, files: Record<string, string> = {}): { answerFile: string; workDir: string } {
  const workDir = writeDir({ 'winnt.sif': sif, ...Object.fromEntries(Object.entries(files).map(([n, t]) => [join('oem0001', n), t])) });
  return { answerFile: join(workDir, 'winnt.sif'), workDir };
}

const HEAD = `[NetAdapters]\nacme=params.acme\n\n[params.acme]\nInfID=acme_isdn\nOemSection=params.acme.OemSection\n\n`;
const book = (workDir: string, flags = '0x00000000') => `\n[Netmigrate.PreUpgrade]\nacme=${flags},Acme1,ACME,${join(workDir, 'oem0001')}\n`;

describe('InfToRunBeforeInstall and InfToRunAfterInstall', () => {
  test('before install: an INF from the working directory; its DelReg removes an old key; after install: another INF with HKR', async () => {
    const dir = tempDir();
    const { answerFile, workDir } = handWritten(
      HEAD + `[params.acme.OemSection]\nInfToRunBeforeInstall=acme.inf,Acme.Before ; comment\nInfToRunAfterInstall=acme.inf,Acme.After\n` + book(dir),
      { 'acme.inf': '[Version]\nSignature="$Windows NT$"\n[Acme.Before]\nDelReg=Acme.Del\n[Acme.Del]\nHKLM,SYSTEM\\CurrentControlSet\\Services\\Rasl2tp\n[Acme.After]\nAddReg=Acme.Add\n[Acme.Add]\nHKR,,LineCount,0x00010001,2\nHKR,Lines\\0,Spid,,"12 34"\n' },
    );
    const r = await applyAnswerFile({ answerFile, target: join(dir, 't'), workDir, host: 'in-process' });
    expect(r.failure).toBeUndefined();
    const registry = await r.target.openRegistry();
    expect(registry.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Rasl2tp')).toBeUndefined();
    expect(registry.key(`${ADAPTER_CLASS}\\0004`)?.value('LineCount')?.asDword()).toBe(2);
    expect(registry.key(`${ADAPTER_CLASS}\\0004\\Lines\\0`)?.value('Spid')?.asString()).toBe('12 34');
    expect(r.components[0]?.steps).toEqual([
      'InfToRunBeforeInstall acme.inf [Acme.Before]: 1 change(s)',
      `installed as ${ADAPTER_CLASS}\\0004 (service Acme)`,
      'InfToRunAfterInstall acme.inf [Acme.After]: 3 change(s)',
    ]);
  });

  test.each([
    ['a path separator', '..\\evil.inf', /refused: it contains a path separator/],
    ['a forward slash', 'sub/evil.inf', /refused: it contains a path separator/],
    ['a drive', 'C:evil.inf', /refused: it names a drive/],
    ['..', '..', /refused: it is "\.\."/],
    ['a missing file', 'nothere.inf', /nothere\.inf does not exist/],
  ])('an INF name with %s is refused and nothing changes', async (_what, name, message) => {
    const dir = tempDir();
    const { answerFile, workDir } = handWritten(HEAD + `[params.acme.OemSection]\nInfToRunBeforeInstall=${name},Acme.Before\n` + book(dir), { 'acme.inf': '[Acme.Before]\n' });
    const target = join(dir, 't');
    const r = await applyAnswerFile({ answerFile, target, workDir, host: 'in-process' });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ step: 'inf-before-install', component: 'acme', line: 9, column: 1 });
    expect(r.failure?.message).toMatch(message);
    expect(r.failure?.file).toBe(join(target, 'WINNT', 'System32', '$Winnt$.inf'));
    expect((await r.target.openRegistry()).key('HKLM\\SYSTEM\\Setup\\Netmigrate')).toBeUndefined();
  });

  test('a failing line after other changes rolls the whole target back and names the INF line', async () => {
    const dir = tempDir();
    const { answerFile, workDir } = handWritten(
      HEAD + `[params.acme.OemSection]\nInfToRunAfterInstall="",acme.Run\n\n[acme.Run]\nAddReg=acme.Add\n\n[acme.Add]\nHKR,,Good,,"yes"\nHKR,,Bad,0x00000001,zz\n` + book(dir),
    );
    const target = join(dir, 't');
    const fresh = await applyAnswerFile({ answerFile: handWritten('').answerFile, target: join(dir, 'fresh'), host: 'in-process' });
    expect(fresh.status).toBe('applied');
    const r = await applyAnswerFile({ answerFile, target, workDir, host: 'in-process' });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ step: 'inf-after-install', component: 'acme', line: 16, column: 21 });
    expect(r.failure?.message).toMatch(/\[acme\.Run\].*binary data/);
    expect(r.components[0]?.status).toBe('failed');
    // The store on disk is the untouched baseline (the empty answer file's run added only its marker).
    const registry = await r.target.openRegistry();
    expect(registry.key(`${ADAPTER_CLASS}\\0004`)).toBeUndefined();
    const baseline = await fresh.target.openRegistry();
    baseline.deleteKey('HKLM\\SYSTEM\\Setup\\Netmigrate');
    expect(exportReg(registry, { format: 'regedit5' })).toEqual(exportReg(baseline, { format: 'regedit5' }));
  });

  test('NUA_SKIP_INSTALL_IN_GUI_MODE: not installed, its InfToRunAfterInstall not run, both reported', async () => {
    const dir = tempDir();
    const { answerFile, workDir } = handWritten(HEAD + `[params.acme.OemSection]\nInfToRunAfterInstall="",acme.Run\n[acme.Run]\nAddReg=acme.Add\n[acme.Add]\nHKR,,X,,1\n` + book(dir, '0x00080000'));
    const r = await applyAnswerFile({ answerFile, target: join(dir, 't'), workDir, host: 'in-process' });
    expect(r.status).toBe('applied');
    expect(r.components[0]).toMatchObject({ status: 'not-installed', steps: ['not installed: its plugin returned NUA_SKIP_INSTALL_IN_GUI_MODE', 'InfToRunAfterInstall [acme.Run] not run: the component was not installed (NUA_SKIP_INSTALL_IN_GUI_MODE)'] });
    expect(r.instanceGuids).toEqual({});
    expect((await r.target.openRegistry()).key(`${ADAPTER_CLASS}\\0004`)).toBeUndefined();
  });

  test.each([
    ['a top-level line without params section', '[NetAdapters]\nacme\n', /expected <component>=params.<component> in \[NetAdapters\]/, 2],
    ['a missing parameters section', '[NetAdapters]\nacme=params.acme\n', /parameters section \[params.acme\] does not exist/, 2],
    ['an empty InfID', '[NetAdapters]\nacme=params.acme\n[params.acme]\nInfID=\n', /component "acme": InfID is empty/, 4],
    ['InfToRunAfterInstall without a section', HEAD + '[params.acme.OemSection]\nInfToRunAfterInstall=""\n', /InfToRunAfterInstall names no section/, 9],
  ])('a bad answer file (%s) fails with file and line, changing nothing', async (_what, sif, message, line) => {
    const dir = tempDir();
    const { answerFile } = handWritten(sif);
    const r = await applyAnswerFile({ answerFile, target: join(dir, 't'), host: 'in-process' });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ step: 'read', line });
    expect(r.failure?.message).toMatch(message);
  });
});

/** NT 4.0 with `n` cards of the post-gui test plugin, each with its Mode. */
function postGuiSystem(modes: string[], label?: string): { registry: Registry; vendor: string } {
  const b = new Nt4RegistryBuilder({ build: 1381, productType: 'WinNT' });
  const extra = label === undefined ? [] : [RegValue.sz('Label', label)];
  modes.forEach((mode, i) => b.card({ number: i + 1, productName: 'PostCard', serviceName: `PostCard${i + 1}`, infOption: 'POSTCARD', params: [RegValue.sz('Mode', mode), RegValue.dword('Speed', 100 * (i + 1)), ...extra] }));
  const vendor = writeDir({ 'netmap.inf': `[Version]\nSignature="$Windows NT$"\n[OemNetAdapters]\nPOSTCARD=postcard\n[OemUpgradeSupport]\npostcard=${plugin('post-gui.mjs')}\n` });
  return { registry: b.snapshot() as unknown as Registry, vendor };
}

describe.each(['in-process', 'sandbox'] as const)('OemDllToLoad in GUI mode (%s)', (host) => {
  test('PostUpgradeInitialize once, DoPostUpgradeProcessing per component, params = the instance key, GUIDs mapped', async () => {
    const { registry, vendor } = postGuiSystem(['write', 'write']);
    const pre = await runPhase({ registry, host, oem: { netmapDirs: [vendor] } });
    expect(pre.status).toBe('committed');
    const events = new NetmigrateEvents();
    const steps: string[] = [];
    events.on('postStepStarted', (e) => steps.push(`${e.step}${e.component === undefined ? '' : ` ${e.component}`}`));
    const r = await applyAnswerFile({ answerFile: pre.answerFilePath as string, target: join(pre.workDir, 'target'), host, events });
    expect(r.failure).toBeUndefined();
    expect(steps).toEqual(['text-mode', 'install postcard', 'install postcard.2', 'post-upgrade-initialize', 'post-upgrade-processing postcard', 'post-upgrade-processing postcard.2', 'commit']);
    const target = await r.target.openRegistry();
    for (const [i, c] of r.components.entries()) {
      const k = target.key(c.instanceKey as string);
      expect(c).toMatchObject({ status: 'installed', plugin: '@test/post-gui', paramsKey: c.instanceKey, vendorInfo: { companyName: 'Post GUI Ltd.' } });
      expect(k?.value('Speed')?.asDword()).toBe(100 * (i + 1));
      expect(k?.value('MigratedFrom')?.asString()).toBe(`PostCard${i + 1}`);
      expect(k?.value('OwnGuid')?.asString()).toBe(c.instanceGuid);
      expect(k?.value('WorkingDir')?.asString()).toBe(join(pre.workDir, 'oem0001'));
      expect(target.key(`${c.instanceKey}\\Channels\\0`)?.value('Numbers')?.asMultiString()).toEqual(['111', '222']);
    }
  });

  test('the answer file reaches the hook decoded with its code page (Windows-1252 € is not U+0080)', async () => {
    const { registry, vendor } = postGuiSystem(['write'], 'Café €5');
    const pre = await runPhase({ registry, host, oem: { netmapDirs: [vendor] } });
    expect(readFileSync(pre.answerFilePath as string)).toContain(0x80);
    const r = await applyAnswerFile({ answerFile: pre.answerFilePath as string, target: join(pre.workDir, 'target'), host });
    expect(r.failure).toBeUndefined();
    expect((await r.target.openRegistry()).key(r.components[0]?.instanceKey as string)?.value('Label')?.asString()).toBe('Café €5');
  });

  test('a hook that throws fails the run with plugin, hook and component; the target keeps its baseline', async () => {
    const { registry, vendor } = postGuiSystem(['write', 'throw']);
    const pre = await runPhase({ registry, host, oem: { netmapDirs: [vendor] } });
    const r = await applyAnswerFile({ answerFile: pre.answerFilePath as string, target: join(pre.workDir, 'target'), host });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ step: 'post-upgrade-processing', plugin: '"@test/post-gui"', hook: 'DoPostUpgradeProcessing', component: 'postcard.2' });
    expect(r.failure?.message).toMatch(/refusing PostCard2/);
    const target = await r.target.openRegistry();
    expect(target.key(`${ADAPTER_CLASS}\\0004`)).toBeUndefined();
  });

  test('a hook writing outside its key is refused at the call', async () => {
    const { registry, vendor } = postGuiSystem(['escape']);
    const pre = await runPhase({ registry, host, oem: { netmapDirs: [vendor] } });
    const r = await applyAnswerFile({ answerFile: pre.answerFilePath as string, target: join(pre.workDir, 'target'), host });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ step: 'post-upgrade-processing', hook: 'DoPostUpgradeProcessing', component: 'postcard' });
  });

  test('--work: working directories moved elsewhere are found by name', async () => {
    const { registry, vendor } = postGuiSystem(['write']);
    const pre = await runPhase({ registry, host, oem: { netmapDirs: [vendor] } });
    const moved = tempDir();
    const { cpSync, rmSync } = await import('node:fs');
    cpSync(join(pre.workDir, 'oem0001'), join(moved, 'oem0001'), { recursive: true });
    rmSync(join(pre.workDir, 'oem0001'), { recursive: true });
    const missing = await applyAnswerFile({ answerFile: pre.answerFilePath as string, target: join(moved, 't1'), host });
    expect(missing.failure?.message).toMatch(/working directory .* does not exist \(pass the directory holding oem0001/);
    const r = await applyAnswerFile({ answerFile: pre.answerFilePath as string, target: join(moved, 't2'), workDir: moved, host });
    expect(r.failure).toBeUndefined();
    expect((await r.target.openRegistry()).key(r.components[0]?.instanceKey as string)?.value('WorkingDir')?.asString()).toBe(join(moved, 'oem0001'));
  });
});

describe('a whole NT 4.0 server (the Winnt32 golden answer file) applied', () => {
  test('every component installed with its keys; TCP/IP static and DHCP adapters; golden target registry', async () => {
    const dir = tempDir();
    const answerFile = join(CORE, 'fixtures', 'winnt32', 'golden', 'nt40-server.sif');
    const r = await applyAnswerFile({ answerFile, target: join(dir, 't'), host: 'in-process' });
    expect(r.failure).toBeUndefined();
    expect(r.components.map((c) => `${c.topLevel} ${c.key} ${c.status} ${c.service}`)).toEqual([
      'NetAdapters pci\\ven_8086&dev_1229 installed E100B',
      'NetAdapters pci\\ven_8086&dev_1229.2 installed E100B',
      'NetAdapters DATAFIRE - ISA1U installed DataFire',
      'NetAdapters DATAFIRE - ISA installed DataFire',
      'NetProtocols MS_TCPIP installed Tcpip',
      'NetProtocols ACME_PROTO installed AcmeProto',
      'NetServices MS_Server installed LanmanServer',
      'NetServices MS_NetBIOS installed NetBIOS',
      'NetServices ACME_MONITOR installed AcmeMon',
      'NetClients MS_MSClient installed LanmanWorkstation',
    ]);
    const reg = await r.target.openRegistry();
    const guid = (key: string) => r.components.find((c) => c.key === key)?.instanceGuid as string;
    const tcpip = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters';
    const stat = reg.key(`${tcpip}\\Interfaces\\${guid('pci\\ven_8086&dev_1229')}`);
    expect(stat?.value('EnableDHCP')?.asDword()).toBe(0);
    expect(stat?.value('IPAddress')?.asMultiString()).toEqual(['192.168.10.5', '192.168.10.6']);
    expect(stat?.value('DefaultGateway')?.asMultiString()).toEqual(['192.168.10.1']);
    expect(reg.key(`${tcpip}\\Interfaces\\${guid('pci\\ven_8086&dev_1229.2')}`)?.value('EnableDHCP')?.asDword()).toBe(1);
    expect(reg.key(tcpip)?.value('NameServer')?.asString()).toBe('192.168.10.2,192.168.10.3');
    expect(reg.key(`HKLM\\SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters\\Interfaces\\Tcpip_${guid('pci\\ven_8086&dev_1229')}`)?.value('NameServerList')?.asMultiString()).toEqual(['192.168.10.2', '192.168.10.3']);
    expect(Object.keys(r.instanceGuids)).toEqual(['e100b1', 'e100b2', 'datafire1', 'datafire2']);
    expectGoldenText('nt40-server.target.reg', stableExport(r, reg));
  });
});
