// The documented AnswerFile examples (spec §8.4), reproduced end to end: an NT 4.0 registry
// with one ISDN adapter, its vendor directory, its plugin in the sandbox.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInf, type InfDocument } from '@netmigrate/inf';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCore } from '../test-support/build.js';
import { expectGolden, isdnSnapshot, ISDN_VENDOR, plugin, runPhase, WINNT32_FIXTURES } from './test-support/phase.js';

beforeAll(buildCore, 120_000);

/** Sections and entries as SetupAPI reads them, comments and trailing blanks gone: what "the same" means for an INF. */
function structure(doc: InfDocument): { section: string; lines: string[] }[] {
  return doc.sections().map((s) => ({
    // The example's header [NetAdapter] is a typo for the table's NetAdapters (spec §14.11).
    section: s.name === 'NetAdapter' ? 'NetAdapters' : s.name,
    lines: s.lines().map((l) => {
      const text = l.raw.replace(/[\r\n]+$/, '');
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '"') quoted = !quoted;
        else if (text[i] === ';' && !quoted) return text.slice(0, i).trimEnd();
      }
      return text.trimEnd();
    }),
  }));
}

const example = (name: string): InfDocument => parseInf(readFileSync(join(WINNT32_FIXTURES, name)), { textBeforeFirstSection: 'ignore' });

describe('the documented AnswerFile example (spec §8.4)', () => {
  test('an NT4 ISDN adapter and its plugin give the same sections and the same lines', async () => {
    const result = await runPhase({ registry: isdnSnapshot(), oem: { netmapDirs: [ISDN_VENDOR] } });
    expect(result.status).toBe('committed');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const written = new Uint8Array(readFileSync(join(result.workDir, 'winnt.sif')));
    // Our bookkeeping sections for GUI mode (docs/answer-file.md) are the only addition to the documented sections.
    const ours = structure(parseInf(written));
    expect(ours.filter((s) => !s.section.startsWith('Netmigrate.'))).toEqual(structure(example('msdocs_answerfile_oemsection_example.sif')));
    expect(ours.find((s) => s.section === 'Netmigrate.PreUpgrade')?.lines).toEqual([`adapter2=0x00000000,IsdnCard1,ISDNCARD,${join(result.workDir, 'oem0001')}`]);
    expectGolden('isdn-example.sif', written, { [join(result.workDir, 'oem0001')]: '<oem0001>' });

    const [entry] = result.report.components;
    expect(result.report.components).toHaveLength(1);
    expect(entry).toMatchObject({
      kind: 'adapter',
      preNT5InfId: 'ISDNCARD',
      preNT5Instance: 'IsdnCard1',
      nt5InfId: 'adapter2',
      status: 'upgraded',
      answerFileKey: 'adapter2',
      paramsSection: 'params.adapter2',
      flags: 0,
      flagNames: [],
      plugin: { name: '@test/isdn-example', version: '1.0.0', module: plugin('isdn-example.mjs'), workingDir: join(result.workDir, 'oem0001') },
      vendorInfo: { companyName: 'Example ISDN Inc.', supportNumber: '+1 555 0111', supportUrl: 'https://isdn.example/support', instructionsToUser: 'Check the SPIDs after the upgrade.' },
      netmap: { file: join(ISDN_VENDOR, 'netmap.inf'), line: 7, column: 1 },
    });
    // The working directory holds a copy of the vendor files and stays for GUI mode.
    expect(result.workingDirs).toEqual([join(result.workDir, 'oem0001')]);
    expect(readdirSync(join(result.workDir, 'oem0001')).sort()).toEqual(['isdnhelp.htm', 'isdnhelp.txt', 'netmap.inf']);
  });

  test('with NUA_LOAD_POST_UPGRADE the parameters section gets OemDllToLoad, as the second example shows', async () => {
    const result = await runPhase({
      registry: isdnSnapshot(),
      oem: { plugins: [{ ref: plugin('isdn-example.mjs'), netmapDir: ISDN_VENDOR, options: { guiMode: true } }] },
    });
    expect(result.status).toBe('committed');
    const doc = parseInf(new Uint8Array(readFileSync(result.answerFilePath as string)));
    const ours = structure(doc);
    const documented = structure(example('msdocs_answerfile_oemdlltoload_example.sif'));
    const oemDll = `OemDllToLoad=${plugin('isdn-example.mjs')}`;
    // The same two sections; OemDllToLoad names our plugin module instead of c:\temp\oem0001\migration.dll.
    for (const s of documented) {
      expect(ours.find((o) => o.section === s.section)?.lines).toEqual(s.lines.map((l) => (l.startsWith('OemDllToLoad=') ? oemDll : l)));
    }
    const workingDir = join(result.workDir, 'oem0001');
    expect(doc.section('Netmigrate.PreUpgrade')?.lines().map((l) => l.raw.trimEnd())).toEqual([`adapter2=0x00000001,IsdnCard1,ISDNCARD,${workingDir}`]);
    expect(result.report.components[0]).toMatchObject({ status: 'upgraded', flags: 1, flagNames: ['LoadPostUpgrade'] });
    expectGolden('isdn-example-gui-mode.sif', new Uint8Array(readFileSync(result.answerFilePath as string)), { [plugin('isdn-example.mjs')]: '<plugin>', [workingDir]: '<oem0001>' });
  });

  test('a cancelled upgrade leaves no answer file and no working directory', async () => {
    const result = await runPhase({ registry: isdnSnapshot(), oem: { netmapDirs: [ISDN_VENDOR] }, confirm: () => false });
    expect(result.status).toBe('cancelled');
    expect(result.message).toBe('the upgrade was cancelled; no answer file was written');
    expect(readdirSync(result.workDir)).toEqual([]);
    expect(result.answerFile.state).toBe('discarded');
    // The draft is still there to look at.
    expect(result.answerFile.lines('NetAdapters')).toEqual(['adapter2=params.adapter2']);
    expect(existsSync(join(result.workDir, 'winnt.sif'))).toBe(false);
  });
});
