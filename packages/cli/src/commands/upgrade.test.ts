import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { answeringIO, memoryIO, type CliIO } from '../io.js';
import { ISDN_REG, ISDN_VENDOR, PLUGINS, writePluginSet } from './test-support.js';

const SOURCE = ['--registry', ISDN_REG, '--netmap-dir', ISDN_VENDOR, '--in-process'];

async function run(args: string[], io: CliIO & { out: string; err: string } = memoryIO()) {
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

const newDir = async () => join(await mkdtemp(join(tmpdir(), 'nm-cli-upgrade-')), 'run');

describe('netmigrate upgrade', () => {
  test('without a terminal and without --yes: refused at once, exit 1, a hint, nothing created', async () => {
    const out = await newDir();
    const r = await run(['upgrade', ...SOURCE, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'netmigrate: upgrade asks for confirmation, and stdin is not a terminal: nothing was done\n' +
        '  what to do: run it on a terminal to review and confirm, or pass --yes for an unattended run (review it first with `netmigrate plan`)\n',
    );
    expect(existsSync(out)).toBe(false);
    // The same as a --json error document.
    const j = await run(['upgrade', ...SOURCE, '--out', out, '--json']);
    expect(JSON.parse(j.out)).toEqual({ schemaVersion: 1, error: { message: expect.stringContaining('stdin is not a terminal'), hint: expect.stringContaining('--yes') } });
  });

  test('on a terminal: the draft is shown and only "yes" writes; "no" leaves nothing', async () => {
    const out = await newDir();
    const no = await run(['upgrade', ...SOURCE, '--out', out], answeringIO(['no']));
    expect(no.code).toBe(1);
    expect(no.err).toContain(`Answer file to be written to ${join(out, 'winnt.sif')}:`);
    expect(no.err).toContain('netmigrate: upgrade not confirmed: nothing was written');
    expect(existsSync(out)).toBe(false);

    const io = answeringIO(['yes']);
    const yes = await run(['upgrade', ...SOURCE, '--out', out], io);
    expect(yes.code).toBe(0);
    expect(io.questions).toEqual([`Write the answer file to ${join(out, 'winnt.sif')}? Type "yes" to confirm: `]);
    expect(readdirSync(out).sort()).toEqual(['netmigrate-run.json', 'oem0001', 'report.json', 'winnt.sif']);
    expect(yes.out).toContain(`answer file:  ${join(out, 'winnt.sif')}\n`);
    const record = JSON.parse(readFileSync(join(out, 'netmigrate-run.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({
      schemaVersion: 1,
      kind: 'netmigrate-run',
      command: 'upgrade',
      status: 'committed',
      answerFilePath: join(out, 'winnt.sif'),
      workingDirs: [join(out, 'oem0001')],
      report: { file: 'report.json', counts: { upgraded: 1 } },
      diagnostics: [],
    });
    expect(Object.keys(record.timings as object)).toEqual(expect.arrayContaining(['totalMs', 'plugins']));
    // A second upgrade into the same directory is refused by the engine, naming the old file.
    const again = await run(['upgrade', ...SOURCE, '--out', out, '--yes']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('winnt.sif');
  });

  test('--yes --json: one document with status, answer file path and run record', async () => {
    const out = await newDir();
    const r = await run(['upgrade', ...SOURCE, '--out', out, '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ schemaVersion: 1, command: 'upgrade', status: 'committed', answerFilePath: join(out, 'winnt.sif'), runRecord: join(out, 'netmigrate-run.json') });
  });

  test('NUA_REQUEST_ABORT_UPGRADE: a terminal run asks (n goes on without the plugin); --yes stops, nothing written', async () => {
    const set = await writePluginSet(`[plugin "abort"]\nmodule = ${join(PLUGINS, 'abort.mjs')}\nnetmap = ${ISDN_VENDOR}\n`);
    const source = ['--registry', ISDN_REG, '--plugins', set, '--in-process'];
    const out = await newDir();
    const io = answeringIO(['n', 'yes']);
    const asked = await run(['upgrade', ...source, '--out', out], io);
    expect(io.questions[0]).toBe('Abort the upgrade? [Y/n] (n: go on without "@test/abort") ');
    expect(asked.err).toContain('Plugin "@test/abort" asks to abort the upgrade (components IsdnCard1):');
    expect(asked.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'netmigrate-run.json'), 'utf8')).report.counts['not-run']).toBe(1);

    const out2 = await newDir();
    const aborted = await run(['upgrade', ...source, '--out', out2, '--yes']);
    expect(aborted.code).toBe(1);
    expect(aborted.err).toContain('netmigrate: upgrade aborted: nothing was written');
    expect(existsSync(out2)).toBe(false);
  });

  test('a bad .reg line stops before anything is created', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-upgrade-'));
    const reg = join(dir, 'nt4.reg');
    writeFileSync(reg, 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE]\r\n"x"=hex:1g\r\n');
    const r = await run(['upgrade', '--registry', reg, '--out', join(dir, 'run'), '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^netmigrate: ${reg.replace(/[.\\]/g, '\\$&')}:4:\\d+: `));
    expect(readdirSync(dir)).toEqual(['nt4.reg']);
  });
});
