import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInf } from '@netmigrate/inf';
import { describe, expect, test } from 'vitest';
import { AnswerFileError } from '../contract/errors.js';
import { NetmigrateEvents, type NetmigrateEventMap } from '../events/events.js';
import { AnswerFile } from './answer-file.js';
import { AnswerFileStateError, AnswerFileTextError, PluginOpError } from './errors.js';
import { KeyAllocator, keyProblem, oemSection, paramsSection } from './names.js';

const ACME = '"@acme/isdn"';
const OTHER = '"@other/proto"';

function draftWithAdapter(events?: NetmigrateEvents): AnswerFile {
  const file = new AnswerFile(events === undefined ? {} : { events });
  file.reserve(oemSection('adapter2'), { kind: 'plugin', plugin: ACME });
  file.addTopLevelEntry('NetAdapters', 'adapter2', paramsSection('adapter2'), 'IsdnCard1');
  file.addEngineLine(paramsSection('adapter2'), 'InfID', ['adapter2'], 'IsdnCard1');
  file.addEngineLine(paramsSection('adapter2'), 'OemSection', [oemSection('adapter2')], 'IsdnCard1');
  return file;
}

function record(events: NetmigrateEvents): { name: keyof NetmigrateEventMap; payload: unknown }[] {
  const seen: { name: keyof NetmigrateEventMap; payload: unknown }[] = [];
  for (const name of ['sectionAdded', 'lineAdded', 'savepointUndone', 'answerFileCommitted', 'answerFileDiscarded'] as const) {
    events.on(name, (payload: unknown) => seen.push({ name, payload }));
  }
  return seen;
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'netmigrate-af-'));

describe('engine writes', () => {
  test('render with CRLF, top-level sections first, one blank line between sections', () => {
    const file = draftWithAdapter();
    file.addTopLevelEntry('NetProtocols', 'MS_TCPIP', 'params.MS_TCPIP');
    file.addEngineLine('params.MS_TCPIP', 'DNSServerSearchOrder', ['10.0.0.1', '10.0.0.2']);
    expect(file.toText()).toBe(
      [
        '[NetAdapters]', 'adapter2=params.adapter2', '',
        '[NetProtocols]', 'MS_TCPIP=params.MS_TCPIP', '',
        '[params.adapter2]', 'InfID=adapter2', 'OemSection=params.adapter2.OemSection', '',
        '[params.MS_TCPIP]', 'DNSServerSearchOrder=10.0.0.1,10.0.0.2', '',
      ].join('\r\n'),
    );
  });

  test('values are quoted as SetupAPI needs and read back unchanged', () => {
    const file = new AnswerFile();
    file.addEngineLine('params.MS_TCPIP', 'DNSDomain', ['corp;lab, "x" =100%']);
    expect(file.view().lines('params.MS_TCPIP')).toEqual(['DNSDomain="corp;lab, ""x"" =100%%"']);
    expect(file.toDocument().section('params.MS_TCPIP')?.find('DNSDomain')?.lineText()).toBe('corp;lab, "x" =100%');
    expect(file.view().value('params.MS_TCPIP', 'dnsdomain')).toBe('corp;lab, "x" =100%');
    // entries(): quotes removed, %% left as written (the AnswerFileReader contract).
    expect(file.view().entries('params.MS_TCPIP')).toEqual([{ key: 'DNSDomain', fields: ['corp;lab, "x" =100%%'] }]);
    expect(file.view().entries('nothing')).toBeUndefined();
  });

  test('the bytes are Windows-1252', () => {
    const file = new AnswerFile();
    file.addEngineLine('params.MS_Server', 'Comment', ['Café €5']);
    const bytes = file.toBytes();
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('Comment=Caf\u00e9 \u00805');
    expect(bytes.length).toBe(file.toText().length);
  });

  test('text Windows-1252 cannot hold is refused with section, line and column', () => {
    const file = new AnswerFile();
    const attempt = () => file.addEngineLine('params.MS_TCPIP', 'DNSDomain', ['corp.\u4e2d\u6587.example']);
    expect(attempt).toThrow(AnswerFileTextError);
    expect(attempt).toThrow('section [params.MS_TCPIP], line "DNSDomain=corp.中文.example", column 16: character U+4E2D ("中") cannot be written in Windows-1252');
    expect(file.view().sectionNames()).toEqual([]);
  });

  test('a value with a line break is refused before anything changes', () => {
    const file = new AnswerFile();
    expect(() => file.addEngineLine('params.x', 'Key', ['a\nb'])).toThrow(/line feed \(LF\) at index 1/);
    expect(file.view().hasSection('params.x')).toBe(false);
  });

  test('a section name Windows-1252 cannot hold is refused', () => {
    const file = new AnswerFile();
    expect(() => file.ensureEngineSection('params.\u0100dapter')).toThrow('section name "params.Ādapter", column 8: character U+0100');
  });

  test('top-level keys are unique per section', () => {
    const file = draftWithAdapter();
    expect(() => file.addTopLevelEntry('NetAdapters', 'ADAPTER2', 'params.adapter2.2')).toThrow(/already has an entry ADAPTER2/);
    expect(() => file.addTopLevelEntry('NetAdapter' as 'NetAdapters', 'x', 'params.x')).toThrow(/not a top-level network section/);
  });

  test('setEngineValue replaces the first entry with the key, or appends one', () => {
    const file = new AnswerFile();
    file.setEngineValue('params.MS_TCPIP', 'AdapterSections', ['params.MS_TCPIP.a']);
    file.setEngineValue('params.MS_TCPIP', 'adaptersections', ['params.MS_TCPIP.a', 'params.MS_TCPIP.b']);
    expect(file.view().lines('params.MS_TCPIP')).toEqual(['adaptersections=params.MS_TCPIP.a,params.MS_TCPIP.b']);
  });

  test('the engine cannot write into a plugin section or create one reserved for a plugin', () => {
    const file = draftWithAdapter();
    expect(() => file.ensureEngineSection(oemSection('adapter2'))).toThrow('section [params.adapter2.OemSection] is reserved for plugin "@acme/isdn"; the engine cannot create it');
    file.applyPluginOps(ACME, 'IsdnCard1', [{ kind: 'addSection', name: 'adapter2.SectionToRun' }]);
    expect(() => file.addEngineLine('adapter2.SectionToRun', 'x', ['1'])).toThrow('belongs to plugin "@acme/isdn"; the engine cannot write to it');
    expect(() => file.removeEngineSection('adapter2.SectionToRun')).toThrow('the engine cannot remove it');
    expect(() => file.reserve('adapter2.SectionToRun', { kind: 'plugin', plugin: OTHER })).toThrow('it belongs to plugin "@acme/isdn"');
  });
});

describe('plugin ops', () => {
  test('are applied in order, owned by the plugin, and announced', () => {
    const events = new NetmigrateEvents();
    const seen = record(events);
    const file = draftWithAdapter(events);
    seen.length = 0;
    file.applyPluginOps(ACME, 'IsdnCard1', [
      { kind: 'addSection', name: 'params.adapter2.OemSection' },
      { kind: 'addLine', section: 'params.adapter2.OemSection', line: 'InfToRunAfterInstall="", adapter2.SectionToRun' },
    ]);
    expect(file.view().sectionOwner('PARAMS.ADAPTER2.OEMSECTION')).toEqual({ kind: 'plugin', plugin: ACME });
    expect(file.view().lines('params.adapter2.OemSection')).toEqual(['InfToRunAfterInstall="", adapter2.SectionToRun']);
    const writer = { by: 'plugin', plugin: ACME, component: 'IsdnCard1' };
    expect(seen).toEqual([
      { name: 'sectionAdded', payload: { section: 'params.adapter2.OemSection', writer } },
      { name: 'lineAdded', payload: { section: 'params.adapter2.OemSection', line: 'InfToRunAfterInstall="", adapter2.SectionToRun', writer } },
    ]);
  });

  test.each([
    ['a line in an engine section', [{ kind: 'addLine', section: 'params.adapter2', line: 'OemDllToLoad=c:\\evil.dll' }], /op #1 refused: addLine\("params.adapter2", …\) failed with ERROR_INVALID_PARAMETER \(87\): no such section/],
    ['a top-level section before the engine wrote it', [{ kind: 'addSection', name: 'netclients' }], /op #1 refused: addSection\("netclients"\) failed .*belongs to the engine or another plugin/],
    ['our bookkeeping section', [{ kind: 'addSection', name: 'Netmigrate.PreUpgrade' }], /op #1 refused: addSection\("Netmigrate.PreUpgrade"\)/],
    ['an OEM section reserved for another plugin', [{ kind: 'addSection', name: 'params.adapter2.OemSection' }], /op #1 refused: addSection\("params.adapter2.OemSection"\)/],
    ['OemDllToLoad in its own section', [{ kind: 'addSection', name: 'proto.x' }, { kind: 'addLine', section: 'proto.x', line: ' oemdlltoload = x.mjs' }], /op #2 refused: section \[proto.x\], line " oemdlltoload = x.mjs", column 1: OemDllToLoad is written by the engine/],
    ['a line Windows-1252 cannot hold', [{ kind: 'addSection', name: 'proto.x' }, { kind: 'addLine', section: 'proto.x', line: 'Name="Ω"' }], /op #2 refused: section \[proto.x\], line "Name=\\"Ω\\"", column 7: character U\+03A9/],
    ['a forged op smuggling a header', [{ kind: 'addSection', name: 'proto.x' }, { kind: 'addLine', section: 'proto.x', line: 'a=1\r\n[NetAdapters]' }], /op #2 refused: .*control character/],
  ] as const)('refuse %s with plugin, component and op, and apply nothing', (_what, ops, message) => {
    const file = draftWithAdapter();
    const before = file.toText();
    const attempt = () => file.applyPluginOps(OTHER, 'Proto1', ops as never);
    expect(attempt).toThrow(PluginOpError);
    expect(attempt).toThrow(new RegExp(`^plugin "@other/proto", component Proto1: answer-file ${message.source.replace(/^\^/, '')}`));
    expect(file.toText()).toBe(before);
  });

  test('a plugin may add lines to its own sections from an earlier component; adding one again merges', () => {
    const file = draftWithAdapter();
    file.applyPluginOps(ACME, 'IsdnCard1', [{ kind: 'addSection', name: 'acme.shared' }, { kind: 'addLine', section: 'acme.shared', line: 'a=1' }]);
    file.applyPluginOps(ACME, 'IsdnCard2', [{ kind: 'addSection', name: 'ACME.SHARED' }, { kind: 'addLine', section: 'acme.shared', line: 'b=2' }]);
    expect(file.view().lines('acme.shared')).toEqual(['a=1', 'b=2']);
    expect(() => file.applyPluginOps(OTHER, 'P', [{ kind: 'addLine', section: 'acme.shared', line: 'c=3' }])).toThrow(/no such section/);
  });

  test('writerFor throws AnswerFileError (87) at the call, as NetUpgradeAddLineToSection returns it', () => {
    const file = draftWithAdapter();
    const writer = file.writerFor(ACME, 'IsdnCard1');
    writer.addSection('params.adapter2.OemSection');
    writer.addLine('params.adapter2.OemSection', 'X=1');
    let thrown: unknown;
    try {
      writer.addLine('NetAdapters', 'evil=params.evil');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AnswerFileError);
    expect((thrown as AnswerFileError).code).toBe(87);
    expect(() => writer.addLine('params.adapter2.OemSection', 'Name=\u4e2d')).toThrow(/addLine\("params.adapter2.OemSection", …\) failed with ERROR_INVALID_PARAMETER \(87\): section .* column 6: character U\+4E2D/);
    expect(file.view().lines('params.adapter2.OemSection')).toEqual(['X=1']);
  });
});

describe('savepoints', () => {
  test('rollbackTo undoes sections, lines, removals and replacements, and says so', () => {
    const events = new NetmigrateEvents();
    const seen = record(events);
    const file = draftWithAdapter(events);
    file.setEngineValue('params.MS_TCPIP', 'AdapterSections', ['params.MS_TCPIP.adapter2']);
    file.addEngineLine('params.MS_TCPIP.adapter2', 'SpecificTo', ['adapter2']);
    const before = file.toText();
    const sp = file.savepoint('component IsdnCard1');
    file.addTopLevelEntry('NetAdapters', 'adapter3', 'params.adapter3');
    file.applyPluginOps(ACME, 'IsdnCard1', [
      { kind: 'addSection', name: 'params.adapter2.OemSection' },
      { kind: 'addLine', section: 'params.adapter2.OemSection', line: 'X=1' },
      { kind: 'addSection', name: 'acme.run' },
    ]);
    file.removeEngineSection('params.MS_TCPIP.adapter2');
    file.setEngineValue('params.MS_TCPIP', 'AdapterSections', ['']);
    seen.length = 0;
    expect(file.rollbackTo(sp, 'hook threw')).toEqual({ sectionsRemoved: 2, linesRemoved: 2 });
    expect(file.toText()).toBe(before);
    expect(seen).toEqual([{ name: 'savepointUndone', payload: { label: 'component IsdnCard1', reason: 'hook threw', sectionsRemoved: 2, linesRemoved: 2 } }]);
    // The savepoint stays usable after a rollback, like SQL's.
    file.addEngineLine('params.adapter2', 'X', ['1']);
    file.rollbackTo(sp);
    expect(file.toText()).toBe(before);
    file.release(sp);
    expect(file.openSavepoints).toEqual([]);
  });

  test('nested savepoints: rolling back the outer drops the inner; release keeps the changes', () => {
    const file = new AnswerFile();
    const outer = file.savepoint('outer');
    file.addEngineLine('a', 'k', ['1']);
    const inner = file.savepoint('inner');
    file.addEngineLine('a', 'k', ['2']);
    file.release(inner);
    expect(file.view().lines('a')).toEqual(['k=1', 'k=2']);
    const inner2 = file.savepoint('inner2');
    file.rollbackTo(outer);
    expect(file.view().hasSection('a')).toBe(false);
    expect(() => file.rollbackTo(inner2)).toThrow(AnswerFileStateError);
    expect(() => file.release(inner)).toThrow('savepoint "inner" is not open');
    expect(() => new AnswerFile().rollbackTo(outer)).toThrow(/from another answer file/);
  });
});

describe('commit and discard', () => {
  test('commit writes exactly the rendered bytes, atomically, and closes the draft', async () => {
    const events = new NetmigrateEvents();
    const seen = record(events);
    const file = draftWithAdapter(events);
    const dir = tempDir();
    const path = join(dir, '$WIN_NT$.~BT', 'winnt.sif');
    const result = await file.commit(path);
    expect(new Uint8Array(readFileSync(path))).toEqual(file.toBytes());
    expect(result).toMatchObject({ path, bytes: file.toBytes().length });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(join(dir, '$WIN_NT$.~BT'))).toEqual(['winnt.sif']);
    expect(seen.at(-1)).toEqual({ name: 'answerFileCommitted', payload: result });
    expect(file.state).toBe('committed');
    expect(file.view().state).toBe('committed');
    expect(() => file.addEngineLine('x', 'k', ['v'])).toThrow('the answer file was committed; it cannot change any more');
    await expect(file.commit(path)).rejects.toThrow(AnswerFileStateError);
    const doc = parseInf(new Uint8Array(readFileSync(path)), { requireSignature: false });
    expect(doc.sections().map((s) => s.name)).toEqual(['NetAdapters', 'params.adapter2']);
  });

  test('commit is refused while a component is half done', async () => {
    const file = draftWithAdapter();
    file.savepoint('component IsdnCard1');
    const path = join(tempDir(), 'winnt.sif');
    await expect(file.commit(path)).rejects.toThrow('cannot commit with savepoint(s) open (component IsdnCard1)');
    expect(existsSync(path)).toBe(false);
  });

  test('a failed write leaves the draft open and no file behind', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    const file = draftWithAdapter();
    await expect(file.commit(join(dir, 'blocker', 'winnt.sif'))).rejects.toThrow();
    expect(file.state).toBe('draft');
    expect(readdirSync(dir)).toEqual(['blocker']);
  });

  test('discard writes nothing, keeps the content readable, and refuses later changes', async () => {
    const events = new NetmigrateEvents();
    const seen = record(events);
    const file = draftWithAdapter(events);
    file.savepoint('component X');
    file.discard('cancelled');
    expect(seen.at(-1)).toEqual({ name: 'answerFileDiscarded', payload: { reason: 'cancelled' } });
    expect(file.view().lines('NetAdapters')).toEqual(['adapter2=params.adapter2']);
    await expect(file.commit(join(tempDir(), 'winnt.sif'))).rejects.toThrow('the answer file was discarded');
    file.discard('aborted');
    expect(seen.filter((e) => e.name === 'answerFileDiscarded')).toHaveLength(1);
  });
});

describe('the view', () => {
  test('is frozen, live, and has no way to change the file', () => {
    const file = new AnswerFile();
    const view = file.view();
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.keys(view).sort()).toEqual(['entries', 'hasSection', 'lines', 'sectionNames', 'sectionOwner', 'state', 'toBytes', 'toDocument', 'toText', 'value', 'version']);
    file.addEngineLine('s', 'k', ['v']);
    expect(view.sectionNames()).toEqual(['s']);
    expect(view.lines('S')).toEqual(['k=v']);
    expect(view.lines('missing')).toBeUndefined();
    expect(view.value('s', 'missing')).toBeUndefined();
    const lines = view.lines('s') as string[];
    lines.push('injected');
    expect(view.lines('s')).toEqual(['k=v']);
  });
});

describe('keys', () => {
  test('the post-upgrade ID, then .2, .3 for further instances, case-insensitively', () => {
    const keys = new KeyAllocator();
    expect([keys.allocate('adapter2'), keys.allocate('ADAPTER2'), keys.allocate('adapter2'), keys.allocate('other')]).toEqual([
      'adapter2', 'ADAPTER2.2', 'adapter2.3', 'other',
    ]);
    keys.claim('MS_TCPIP');
    expect(() => keys.claim('ms_tcpip')).toThrow('already in use');
    expect(keys.allocate('MS_TCPIP')).toBe('MS_TCPIP.2');
  });

  test.each([
    ['acme;isdn', 'contains ";"'],
    ['100%', 'contains "%"'],
    ['a=b', 'contains "=" or ","'],
    ['lead ', 'section name params.lead  has leading or trailing blanks'],
    ['x'.repeat(240), 'over the INF limit of 255'],
  ])('an ID that cannot name a section is refused: %s', (id, reason) => {
    expect(keyProblem(id)).toContain(reason);
    expect(() => new KeyAllocator().allocate(id)).toThrow(reason);
  });
});
