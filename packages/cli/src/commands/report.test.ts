import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { ISDN_REG, ISDN_VENDOR } from './test-support.js';

async function run(args: string[]) {
  const io = memoryIO();
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

/** upgrade --yes, then apply: a run directory with both records. */
async function fullRun() {
  const dir = await mkdtemp(join(tmpdir(), 'nm-cli-report-'));
  const runDir = join(dir, 'run');
  expect((await run(['upgrade', '--registry', ISDN_REG, '--netmap-dir', ISDN_VENDOR, '--in-process', '--out', runDir, '--yes'])).code).toBe(0);
  return { dir, runDir };
}

describe('netmigrate report', () => {
  test('html, md and json of an upgrade; after apply, its registry changes too', async () => {
    const { dir, runDir } = await fullRun();
    const before = await run(['report', runDir, '--format', 'json']);
    expect(before.code).toBe(0);
    const doc = JSON.parse(before.out) as { schemaVersion: number; run: { command: string; status: string }; components: { status: string; help?: unknown }[]; apply?: unknown };
    expect(doc).toMatchObject({ schemaVersion: 1, run: { command: 'upgrade', status: 'committed' } });
    expect(doc.components.map((c) => c.status)).toEqual(['upgraded']);
    expect(doc.apply).toBeUndefined();

    const target = join(dir, 'target');
    const applied = await run(['apply', join(runDir, 'winnt.sif'), '--target', target, '--in-process']);
    expect(applied.code).toBe(0);
    // apply found the run record next to the answer file and left its record in the run directory too.
    const record = JSON.parse(readFileSync(join(runDir, 'netmigrate-apply.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ schemaVersion: 1, kind: 'netmigrate-apply', status: 'applied', report: { target, postUpgrade: { status: 'applied' } } });
    expect(readFileSync(join(target, 'netmigrate-apply.json'), 'utf8')).toBe(readFileSync(join(runDir, 'netmigrate-apply.json'), 'utf8'));

    const html = join(dir, 'report.html');
    const r = await run(['report', runDir, '--format', 'html', '-o', html]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`report (html): ${html}\n`);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain('IsdnPhoneNumber');
    expect(page).toContain('Example ISDN Inc.');

    const md = await run(['report', join(runDir, 'netmigrate-run.json'), '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('IsdnCard1');
    const json = JSON.parse((await run(['report', runDir, '--format', 'json'])).out) as { apply: { registryChanges: { path: string }[] } };
    expect(json.apply.registryChanges.length).toBeGreaterThan(0);
    // The record can also be named by the target directory.
    expect((await run(['report', runDir, '--format', 'json', '--apply', target])).code).toBe(0);
  });

  test('bad inputs: not a run directory, a damaged report document (file:line:col), an unknown format', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-report-bad-'));
    const none = await run(['report', dir, '--format', 'html']);
    expect(none.code).toBe(1);
    expect(none.err).toContain(`${join(dir, 'netmigrate-run.json')}: no such file`);
    expect(none.err).toContain('what to do: point at the --out directory of `netmigrate upgrade`');

    const { runDir } = await fullRun();
    const reportFile = join(runDir, 'report.json');
    writeFileSync(reportFile, readFileSync(reportFile, 'utf8').replace('"status": "upgraded"', '"status": "sideways"'));
    const damaged = await run(['report', runDir, '--format', 'md']);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(new RegExp(`^netmigrate: ${reportFile.replace(/[.\\]/g, '\\$&')}:\\d+:\\d+: \\$\\.components\\[0\\]\\.status: `));

    writeFileSync(join(runDir, 'netmigrate-run.json'), '{\n  "schemaVersion": 1,\n  oops\n}\n');
    const notJson = await run(['report', runDir]);
    expect(notJson.err).toContain(`${join(runDir, 'netmigrate-run.json')}:3:3: not JSON`);

    expect((await run(['report', runDir, '--format', 'pdf'])).err).toContain('--format pdf: expected html, md or json');
  });
});
