import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { expectGolden, ISDN_VENDOR, normalize, PLUGINS, writePluginSet } from './test-support.js';

async function run(args: string[]) {
  const io = memoryIO();
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

const SET = (options = '') =>
  writePluginSet(
    `[plugin "isdn"]\nmodule = ${join(PLUGINS, 'isdn-example.mjs')}\nnetmap = ${ISDN_VENDOR}\n\n` +
      `[plugin "options"]\nmodule = ${join(PLUGINS, 'options.mjs')}\nnetmap = ${ISDN_VENDOR}\n${options}\n` +
      `[off]\nmodule = ./nowhere.mjs\nenabled = false\n`,
  );

describe('netmigrate plugins', () => {
  test('list: modules, packages, what each netmap.inf maps, options — from files only (golden)', async () => {
    const set = await SET('options.retries = 3\n');
    const r = await run(['plugins', 'list', '--plugins', set]);
    expect(r.code).toBe(0);
    expectGolden('plugins-list.txt', normalize(r.out, { [dirname(set)]: '<set dir>' }));
    const json = JSON.parse((await run(['plugins', 'list', '--plugins', set, '--json'])).out) as { plugins: { name: string; enabled: boolean; package: unknown }[] };
    expect(json.plugins.map((p) => [p.name, p.enabled])).toEqual([['isdn', true], ['options', true], ['off', false]]);
  });

  test('check: loads each plugin the way a run does, validating apiVersion and options', async () => {
    const good = await run(['plugins', 'check', '--plugins', await SET('options.retries = 3\n'), '--in-process']);
    expect(good.code).toBe(0);
    expect(good.out).toContain('ok   isdn: @test/isdn-example 1.0.0 (apiVersion ^1');
    expect(good.out).toContain('skip off: disabled in');
    expect(good.out).toContain('3 of 3 plugin(s) ok');

    const bad = await run(['plugins', 'check', '--plugins', await SET('options.retries = 12\noptions.color = red\n'), '--in-process', '--json']);
    expect(bad.code).toBe(1);
    const doc = JSON.parse(bad.out) as { ok: boolean; plugins: { name: string; ok: boolean; errors: string[] }[] };
    expect(doc.ok).toBe(false);
    const options = doc.plugins.find((p) => p.name === 'options');
    expect(options?.errors.join('\n')).toMatch(/^plugin options \("@acme\/netmigrate-options"\): invalid options — option "retries": .*; the options: Unrecognized key: "color"\n {4}what to do: correct option "retries"/);
  });

  test('check: a netmap.inf with an error is named at file:line:col; a module that is no plugin fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-plugins-'));
    const vendor = join(dir, 'vendor');
    mkdirSync(vendor);
    writeFileSync(join(vendor, 'netmap.inf'), '[Version]\r\nSignature="$Windows NT$"\r\n\r\n[OemNetAdapters]\r\nACME = acme_isdn\r\n\r\n[OemUpgradeSupport]\r\nacme_isdn = plugin.mjs\r\n');
    writeFileSync(join(vendor, 'plugin.mjs'), 'export const nothing = 1;\n');
    const r = await run(['plugins', 'check', '--netmap-dir', vendor, '--in-process']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL');
    expect(r.out).toContain('exports no class decorated with @MigrationPlugin');

    const missing = await run(['plugins', 'check', '--netmap-dir', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain(`${join(dir, 'nope', 'netmap.inf')}: the vendor directory ${join(dir, 'nope')} has no netmap.inf`);

    const nothing = await run(['plugins', 'list']);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain('pass --plugins <netmigrate.ini>, --netmap-dir <dir> (repeatable) or --oem <netupg.inf dir>');
  });
});
