import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswerFile, buildReport, type ReportEntry } from '@netmigrate/core';
import { diffRegistries, importRegFile } from '@netmigrate/registry';
import { describe, expect, test } from 'vitest';
import { answerFileSections, buildReportInput, decodeHelp, registryChangesFrom } from './build.js';
import { renderHtmlReport } from './html.js';
import { renderMarkdownReport } from './markdown.js';
import { parseReportInput } from './parse-input.js';

function draft(): AnswerFile {
  const file = new AnswerFile();
  file.addTopLevelEntry('NetAdapters', 'adapter2', 'params.adapter2', 'IsdnCard1');
  file.ensureEngineSection('params.adapter2', 'IsdnCard1');
  file.addEngineLine('params.adapter2', 'InfID', ['adapter2'], 'IsdnCard1');
  file.reserve('params.adapter2.OemSection', { kind: 'plugin', plugin: 'oem0001' });
  const w = file.writerFor('oem0001', 'IsdnCard1');
  w.addSection('params.adapter2.OemSection');
  w.addLine('params.adapter2.OemSection', 'SwitchType=1');
  return file;
}

const entry = (over: Partial<ReportEntry>): ReportEntry => ({ kind: 'adapter', preNT5InfId: 'X', preNT5Instance: 'X1', status: 'no-mapping', detail: 'no netmap.inf maps X', ...over });

describe('buildReportInput', () => {
  test('copies the answer file with owners, and reads help files of every encoding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netmigrate-report-help-'));
    const put = (name: string, bytes: Uint8Array | string) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const ansi = put('ansi.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x80])); // "Café – €" in Windows-1252
    const utf8 = put('utf8.htm', '<p>Café – €</p>');
    const utf16 = put('utf16.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from('Café', 'utf16le')]));
    const big = put('big.txt', 'é'.repeat(15)); // 30 bytes of UTF-8
    mkdirSync(join(dir, 'not-a-file.htm'));
    const files = (txt: string, htm: string, exists = { txt: true, htm: true }) => ({ txt, htm, source: 'vendor' as const, exists });
    const file = draft();
    const report = buildReport([
      entry({ preNT5Instance: 'A1', helpFiles: files(ansi, utf8) }),
      entry({ preNT5Instance: 'B1', helpFiles: files(utf16, join(dir, 'not-a-file.htm')) }),
      entry({ preNT5Instance: 'C1', helpFiles: files(big, join(dir, 'missing.htm'), { txt: true, htm: false }) }),
      entry({ preNT5Instance: 'D1', helpFiles: files(join(dir, 'gone.txt'), join(dir, 'gone.htm'), { txt: false, htm: false }) }),
    ]);
    const input = await buildReportInput(
      { status: 'cancelled', report, answerFile: file.view(), diagnostics: [{ severity: 'warning', code: 'w', message: 'm' }], message: 'the upgrade was cancelled' },
      { command: 'plan', answerFilePath: '/work/winnt.sif', helpLimitBytes: 25 },
    );
    expect(input.components.map((c) => c.help)).toEqual([
      { txt: 'Café – €', htm: '<p>Café – €</p>' },
      { txt: 'Café' },
      // Cut at 25 bytes: twelve whole characters, the half of the thirteenth left out.
      { txt: 'é'.repeat(12), truncated: true },
      undefined,
    ]);
    expect(input.diagnostics).toEqual([
      { severity: 'warning', code: 'w', message: 'm' },
      { severity: 'warning', code: 'report-help-unreadable', message: expect.stringContaining('EISDIR') as unknown as string, file: join(dir, 'not-a-file.htm'), component: 'B1' },
    ]);
    expect(input.answerFile).toEqual({
      path: '/work/winnt.sif',
      state: 'draft',
      sections: [
        { name: 'NetAdapters', owner: { kind: 'engine' }, lines: ['adapter2=params.adapter2'] },
        { name: 'params.adapter2', owner: { kind: 'engine' }, lines: ['InfID=adapter2'] },
        { name: 'params.adapter2.OemSection', owner: { kind: 'plugin', plugin: 'oem0001' }, lines: ['SwitchType=1'] },
      ],
    });
    expect(input.run).toEqual({ command: 'plan', status: 'cancelled', message: 'the upgrade was cancelled' });
    // What --format json prints reads back as the same report.
    expect(parseReportInput(JSON.stringify(input))).toEqual(input);
  });

  test('readHelp: false leaves the files alone', async () => {
    const report = buildReport([entry({ helpFiles: { txt: '/nowhere.txt', htm: '/nowhere.htm', source: 'default', exists: { txt: true, htm: true } } })]);
    const input = await buildReportInput({ status: 'committed', report, answerFile: draft().view(), diagnostics: [] }, { readHelp: false });
    expect(input.components[0]?.help).toBeUndefined();
    expect(input.diagnostics).toEqual([]);
  });

  test('decodeHelp: BOMs, UTF-8, else Windows-1252', () => {
    expect(decodeHelp(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toBe('A');
    expect(decodeHelp(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeHelp(new Uint8Array([0x93, 0x41, 0x94]))).toBe('“A”');
  });
});

describe('answerFileSections and registryChangesFrom', () => {
  test('registry differences become text values', () => {
    const reg = (text: string) => importRegFile(Buffer.from(`REGEDIT4\r\n\r\n${text}`), { fileName: 'x.reg' }).registry;
    const before = reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"Old"=dword:00000001\r\n"Same"="x"\r\n\r\n');
    const after = reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"Old"=dword:00000002\r\n"Same"="x"\r\n@="def"\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\New]\r\n"Bin"=hex:01,02\r\n\r\n');
    expect(registryChangesFrom(diffRegistries(before, after))).toEqual([
      { kind: 'valueChanged', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A', name: 'Old', before: { type: 'REG_DWORD', data: '0x00000001' }, after: { type: 'REG_DWORD', data: '0x00000002' } },
      { kind: 'valueAdded', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A', name: '', after: { type: 'REG_SZ', data: '"def"' } },
      { kind: 'keyAdded', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\New' },
      { kind: 'valueAdded', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\New', name: 'Bin', after: { type: 'REG_BINARY', data: 'hex:01,02' } },
    ]);
  });

  test('a section without a recorded owner is the engine’s', () => {
    expect(answerFileSections({ sectionNames: () => ['X'], lines: () => undefined, sectionOwner: () => undefined })).toEqual([{ name: 'X', owner: { kind: 'engine' }, lines: [] }]);
  });
});

describe('from a real Winnt32 run', () => {
  test('the ISDN example: an upgraded adapter, then the same registry without vendor files and with the default help', async () => {
    const { runWinnt32Phase } = await import('@netmigrate/core');
    const { isdnSnapshot, ISDN_VENDOR } = await import('../../core/src/phases/test-support/phase.js');
    const run = (over: Partial<Parameters<typeof runWinnt32Phase>[0]>) =>
      runWinnt32Phase({ registry: isdnSnapshot(), workDir: mkdtempSync(join(tmpdir(), 'netmigrate-report-run-')), unattended: true, confirm: () => true, host: 'in-process', ...over });

    const upgraded = await buildReportInput(await run({ oem: { netmapDirs: [ISDN_VENDOR] } }), { command: 'upgrade' });
    expect(upgraded.components.map((c) => [c.preNT5Instance, c.status, c.plugin?.name])).toEqual([['IsdnCard1', 'upgraded', '@test/isdn-example']]);
    const owners = new Set(upgraded.answerFile?.sections.map((s) => (s.owner.kind === 'engine' ? 'engine' : s.owner.plugin)));
    expect(owners).toEqual(new Set(['engine', 'oem0001']));
    expect(renderHtmlReport(upgraded)).toContain('Written by plugin @test/isdn-example 1.0.0');

    const source = mkdtempSync(join(tmpdir(), 'netmigrate-report-i386-'));
    mkdirSync(join(source, 'winntupg'));
    writeFileSync(join(source, 'winntupg', 'unsupmsg.txt'), 'This component is not supported by Windows 2000.\r\n');
    writeFileSync(join(source, 'winntupg', 'unsupmsg.htm'), '<p>This component is <b>not supported</b>.</p><script>parent.x = 1</script>');
    const unmapped = await buildReportInput(await run({ oem: { env: {} }, sourceDir: source }), { command: 'plan' });
    expect(unmapped.components.map((c) => [c.status, c.helpFiles?.source, c.help])).toEqual([
      ['no-mapping', 'default', { txt: 'This component is not supported by Windows 2000.\r\n', htm: '<p>This component is <b>not supported</b>.</p><script>parent.x = 1</script>' }],
    ]);
    expect(renderHtmlReport(unmapped)).toContain('srcdoc="&lt;p&gt;This component is &lt;b&gt;not supported&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;parent.x = 1&lt;/script&gt;"');
    expect(renderMarkdownReport(unmapped)).toContain('This component is not supported by Windows 2000.');
  });
});
