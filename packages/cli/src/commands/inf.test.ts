import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';

const corpus = fileURLToPath(new URL('../../../inf/fixtures/corpus/', import.meta.url));
const seedSif = join(corpus, 'unattend', 'msdocs_answerfile_oemsection_example.sif');

async function run(args: string[], cwd = process.cwd()) {
  const io = memoryIO({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

async function scratch(name: string, text: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nm-cli-inf-'));
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('inf dump --json', () => {
  test('prints exactly one JSON object in the documented shape for the seed answer file', async () => {
    const { code, out } = await run(['inf', 'dump', seedSif, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'sections']);
    expect(doc.sections.map((s: { name: string }) => s.name)).toEqual([
      'NetAdapter', 'params.adapter2', 'params.adapter2.OemSection', 'adapter2.SectionToRun', 'adapter2.SectionToRun.AddReg',
    ]);
    expect(doc.sections[2].lines).toEqual([{ line: 8, key: 'InfToRunAfterInstall', fields: ['', 'adapter2.SectionToRun'] }]);
    expect(doc.sections[4].lines[4]).toEqual({ line: 18, key: null, fields: ['HKR', '0', 'IsdnSwitchType', '0x00010001', '1'] });
    for (const s of doc.sections) for (const l of s.lines) expect(Object.keys(l)).toEqual(['line', 'key', 'fields']);
  });

  test('merges same-name sections under the first spelling, skips comments and blanks, substitutes with --lang', async () => {
    const file = await scratch(
      'x.inf',
      '; header comment\r\n[Main]\r\nName = %Title%\r\n\r\n[strings]\r\nTitle = "Plain"\r\n[MAIN]\r\n; note\r\nbare\r\n[Strings.0407]\r\nTitle = "Deutsch, bitte"\r\n',
    );
    const en = JSON.parse((await run(['inf', 'dump', file, '--json', '--section', 'main'])).out);
    expect(en.sections).toEqual([
      { name: 'Main', lines: [{ line: 3, key: 'Name', fields: ['Plain'] }, { line: 9, key: 'bare', fields: ['bare'] }] },
    ]);
    const de = JSON.parse((await run(['inf', 'dump', file, '--json', '--section', 'Main', '--lang', '0407'])).out);
    expect(de.sections[0].lines[0].fields).toEqual(['Deutsch, bitte']);
  });

  test('human output shows every entry with its line number, bare lines without a key', async () => {
    const file = await scratch('n.inf', '[OemNetUpgradeDirs]\nc:\\temp\\adapter1\n[S]\nk = "a, b", c\n');
    const { code, out } = await run(['inf', 'dump', file]);
    expect(code).toBe(0);
    expect(out).toBe('[OemNetUpgradeDirs]\n     2  c:\\temp\\adapter1\n\n[S]\n     4  k="a, b",c\n\n');
  });

  test('an unknown section or a missing file is an error that says what to do', async () => {
    const missingSection = await run(['inf', 'dump', seedSif, '--section', 'Nope']);
    expect(missingSection.code).toBe(1);
    expect(missingSection.err).toContain('no section [Nope]');
    const missingFile = await run(['inf', 'dump', 'does-not-exist.inf', '--json']);
    expect(missingFile.code).toBe(1);
    expect(JSON.parse(missingFile.out)).toMatchObject({ schemaVersion: 1, error: { message: 'does-not-exist.inf: no such file' } });
    expect(missingFile.err).toContain('what to do');
  });

  test('a syntax error names file:line:col', async () => {
    const file = await scratch('bad.inf', '[Version]\r\nSignature="$Chicago$"\r\n[ab\r\n');
    const { code, err } = await run(['inf', 'dump', file]);
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.inf:3:\d+: .*/);
  });
});

describe('inf check', () => {
  test('exit 0 when clean, 1 with file:line:col findings, 2 when the file is missing', async () => {
    expect((await run(['inf', 'check', seedSif])).code).toBe(0);
    const bad = await scratch('bad.inf', '[Version]\nSignature="$Chicago$"\n[' + 'x'.repeat(256) + ']\n');
    const r = await run(['inf', 'check', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error: .*`, 'm'));
    expect((await run(['inf', 'check', 'nope.inf'])).code).toBe(2);
    expect((await run(['inf', 'check'])).code).toBe(2);
  });

  test('--strict reports what SetupAPI silently drops; --json carries the findings', async () => {
    const file = await scratch('lint.inf', '[Main] trailing text\nkey = "unterminated\n');
    expect((await run(['inf', 'check', file])).code).toBe(0);
    const strict = await run(['inf', 'check', file, '--strict', '--json']);
    expect(strict.code).toBe(1);
    const doc = JSON.parse(strict.out);
    expect(doc).toMatchObject({ schemaVersion: 1, strict: true, clean: false });
    expect(doc.findings.map((f: { line: number }) => f.line)).toEqual(expect.arrayContaining([1, 2]));
    for (const f of doc.findings) expect(f).toMatchObject({ file, line: expect.any(Number), column: expect.any(Number), code: expect.any(String) });
  });
});

describe('inf set', () => {
  test('replaces an existing key and leaves every other byte identical', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-set-'));
    const file = join(dir, 'winnt.sif');
    await copyFile(seedSif, file);
    const before = await readFile(file, 'latin1');
    const { code } = await run(['inf', 'set', file, '--section', 'PARAMS.ADAPTER2', '--key', 'infid', '--value', 'adapter3']);
    expect(code).toBe(0);
    const after = await readFile(file, 'latin1');
    const b = before.split('\n');
    const a = after.split('\n');
    expect(a.length).toBe(b.length);
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toEqual([3]);
    const dump = JSON.parse((await run(['inf', 'dump', file, '--json', '--section', 'params.adapter2'])).out);
    expect(dump.sections[0].lines[0].fields).toEqual(['adapter3']);
  });

  test('appends new keys, creates missing sections at the end, quotes values so they read back', async () => {
    const src = await scratch('a.sif', '[Networking]\r\nInstallDefaultComponents = No\r\n\r\n[Identification]\r\nJoinWorkgroup = WORK\r\n');
    const out = src.replace(/a\.sif$/, 'b.sif');
    const tricky = ' C:\\Program Files\\x, "quoted"; 100% ';
    expect((await run(['inf', 'set', src, '--section', 'Networking', '--key', 'Extra', '--value', tricky, '-o', out])).code).toBe(0);
    expect((await run(['inf', 'set', out, '--section', 'NetAdapters', '--key', 'Adapter01', '--value', 'params.Adapter01'])).code).toBe(0);
    expect(await readFile(src, 'latin1')).toBe('[Networking]\r\nInstallDefaultComponents = No\r\n\r\n[Identification]\r\nJoinWorkgroup = WORK\r\n');
    const text = await readFile(out, 'latin1');
    expect(text.startsWith('[Networking]\r\nInstallDefaultComponents = No\r\nExtra')).toBe(true);
    expect(/\[NetAdapters\]\r\nAdapter01 ?= ?params\.Adapter01\r\n$/.test(text)).toBe(true);
    const dump = JSON.parse((await run(['inf', 'dump', out, '--json'])).out);
    expect(dump.sections[0].lines[1]).toMatchObject({ key: 'Extra', fields: [tricky] });
  });

  test('a value that INF cannot carry is refused and the file is untouched', async () => {
    const src = await scratch('c.sif', '[A]\nk=v\n');
    const r = await run(['inf', 'set', src, '--section', 'A', '--key', 'k', '--value', 'line1\nline2']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot set [A] k');
    expect(await readFile(src, 'latin1')).toBe('[A]\nk=v\n');
  });
});

describe('output paths', () => {
  test('an output directory that does not exist is an operator error, not a crash', async () => {
    const src = await scratch('d.sif', '[A]\nk=v\n');
    const r = await run(['inf', 'set', src, '--section', 'A', '--key', 'k', '--value', 'w', '-o', join(src, '..', 'missing', 'out.sif')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot write, its directory does not exist');
    expect(r.err).not.toContain('internal error');
  });
});
