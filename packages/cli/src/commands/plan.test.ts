import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { expectGolden, ISDN_REG, ISDN_VENDOR, normalize, PLUGINS, ROOT, writePluginSet } from './test-support.js';

const SOURCE = ['--registry', ISDN_REG, '--netmap-dir', ISDN_VENDOR, '--in-process'];

async function run(args: string[], cwd?: string) {
  const io = memoryIO(cwd === undefined ? {} : { cwd });
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

const planDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('netmigrate-plan-')).sort();

describe('netmigrate plan', () => {
  test('the ISDN example: report and draft on stdout, one line per step on stderr (golden)', async () => {
    const before = planDirs();
    const cwd = await mkdtemp(join(tmpdir(), 'nm-cli-plan-cwd-'));
    const r = await run(['plan', ...SOURCE], cwd);
    expect(r.code).toBe(0);
    expectGolden('plan-isdn.stdout.txt', normalize(r.out));
    expectGolden('plan-isdn.stderr.txt', normalize(r.err));
    // Nothing written outside the temporary directory, which is gone again.
    expect(readdirSync(cwd)).toEqual([]);
    expect(planDirs()).toEqual(before);
    expect(readdirSync(ISDN_VENDOR).sort()).toEqual(['isdnhelp.htm', 'isdnhelp.txt', 'netmap.inf']);
  });

  test('--json: exactly one document, nothing on stderr; --detailed-exitcode says 2 for a new answer file', async () => {
    const r = await run(['plan', ...SOURCE, '--json', '--detailed-exitcode']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { report: { components: { status: string }[] }; answerFile: { text: string } };
    expect(Object.keys(doc)[0]).toBe('schemaVersion');
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'plan', status: 'planned', changes: true, message: null, answerFile: { path: '<out>/winnt.sif', diff: null } });
    expect(doc.report.components.map((c) => c.status)).toEqual(['upgraded']);
    expect(doc.answerFile.text).toContain('adapter2=0x00000000,IsdnCard1,ISDNCARD,<out>/oem0001\r\n');
  });

  test('--answer-file: no changes against what upgrade wrote (exit 0), a unified diff against an edited copy (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-plan-diff-'));
    const out = join(dir, 'run');
    expect((await run(['upgrade', ...SOURCE, '--out', out, '--yes'])).code).toBe(0);
    const sif = join(out, 'winnt.sif');
    const same = await run(['plan', ...SOURCE, '--answer-file', sif, '--detailed-exitcode']);
    expect(same.code).toBe(0);
    expect(same.out).toContain(`No changes: ${sif} already holds this answer file.`);

    const edited = join(out, 'edited.sif');
    writeFileSync(edited, readFileSync(sif, 'latin1').replace('"222-2222"', '"333-3333"').replace('[Netmigrate.Upgrade]\r\n', '[Netmigrate.Upgrade]\r\nStale=1\r\n'), 'latin1');
    const changed = await run(['plan', ...SOURCE, '--answer-file', edited, '--detailed-exitcode']);
    expect(changed.code).toBe(2);
    expectGolden('plan-isdn.diff.txt', normalize(changed.out.slice(changed.out.indexOf('Changes to')), { [dir]: '<dir>' }));
    // Without --detailed-exitcode changes are success.
    expect((await run(['plan', ...SOURCE, '--answer-file', edited])).code).toBe(0);
  });

  test('a plugin set: the plugin runs with its options; options its schema refuses fail the component, naming plugin and option', async () => {
    const ok = await writePluginSet(`[plugin "isdn"]\nmodule = ${join(PLUGINS, 'isdn-example.mjs')}\nnetmap = ${ISDN_VENDOR}\noptions.guiMode = true\n`);
    const good = await run(['plan', '--registry', ISDN_REG, '--plugins', ok, '--in-process', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out).answerFile.text).toContain('OemDllToLoad=');

    const bad = await writePluginSet(`[plugin "options"]\nmodule = ${join(PLUGINS, 'options.mjs')}\nnetmap = ${ISDN_VENDOR}\noptions.retries = 12\n`);
    const r = await run(['plan', '--registry', ISDN_REG, '--plugins', bad, '--in-process']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: invalid options — option "retries": .* \[plugin-load\] \(component IsdnCard1, plugin "@acme\/netmigrate-options", hook load\)$/m);
    expect(r.err).toContain('netmigrate plugins check');
  });

  test('bad inputs: exit 1 and what, where, what to do — also as the --json error document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-plan-bad-'));
    const missing = await run(['plan', '--registry', join(dir, 'nt4.reg')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`netmigrate: ${join(dir, 'nt4.reg')}: no such file\n  what to do: check the path (relative paths are taken from the current directory)\n`);

    const badReg = join(dir, 'bad.reg');
    writeFileSync(badReg, 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n"a"=dword:zz\r\n');
    const bad = await run(['plan', '--registry', badReg, '--json']);
    expect(bad.code).toBe(1);
    const doc = JSON.parse(bad.out) as { schemaVersion: number; error: { message: string; hint: string } };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.error.message).toMatch(new RegExp(`^${badReg.replace(/[.\\]/g, '\\$&')}:4:11: dword: `));
    expect(doc.error.hint).toContain('--lenient');
    // --lenient skips the line with a warning naming it.
    const lenient = await run(['plan', '--registry', badReg, '--lenient']);
    expect(lenient.code).toBe(0);
    expect(lenient.err).toContain(`${badReg}:4:11: warning: `);

    const ini = await writePluginSet('[plugin "x"]\nmodule = x.mjs\nenabeld = false\n');
    const badIni = await run(['plan', '--registry', ISDN_REG, '--plugins', ini]);
    expect(badIni.code).toBe(1);
    expect(badIni.err).toContain(`${ini}:3:1: [plugin "x"] enabeld: unknown key`);
    expect(badIni.err).toContain('docs/plugin-sets.md');

    const both = await run(['plan', '--registry', ISDN_REG, '--plugins', ini, '--netmap-dir', ISDN_VENDOR]);
    expect(both.err).toContain('--netmap-dir and --plugins both name vendor files');

    // A vendor directory without netmap.inf stops the run before anything is drafted.
    mkdirSync(join(dir, 'empty-vendor'));
    const noNetmap = await run(['plan', '--registry', ISDN_REG, '--netmap-dir', join(dir, 'empty-vendor'), '--in-process']);
    expect(noNetmap.code).toBe(1);
    expect(noNetmap.err).toContain(`the vendor directory ${join(dir, 'empty-vendor')} has no netmap.inf`);
  });

  test('no vendor files: in-box components only, and no plan files left behind', async () => {
    const r = await run(['plan', '--registry', join(ROOT, 'packages/core/fixtures/winnt32/nt4-isdn.reg'), '--in-process', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).report.components.map((c: { status: string }) => c.status)).toEqual(['no-mapping']);
    expect(existsSync(join(process.cwd(), 'winnt.sif'))).toBe(false);
  });
});
