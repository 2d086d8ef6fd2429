import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';

const corpus = fileURLToPath(new URL('../../../registry/fixtures/corpus/', import.meta.url));
const sshd = join(corpus, 'unattended-sf_sshd.reg');
const tcpipV5 = join(corpus, 'sec505_tcpip_parameters_utf16.reg');

async function run(args: string[]) {
  const io = memoryIO();
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

async function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nm-cli-reg-'));
}

function v5(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
}

describe('reg dump', () => {
  test('--json lists keys with typed values and raw bytes', async () => {
    const { code, out } = await run(['reg', 'dump', sshd, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({ schemaVersion: 1, format: 'regedit4', encoding: 'ansi', warnings: [] });
    const params = doc.keys.find((k: { path: string }) => k.path.endsWith('cygwin-sshd\\Parameters'));
    expect(params.values[0]).toEqual({
      name: 'Application',
      type: 1,
      typeName: 'REG_SZ',
      data: 'c:\\winnt\\system32\\cmd /c',
      raw: expect.stringMatching(/^63,00,3a,00,/),
    });
  });

  test('--key restricts to a subtree (short root names accepted); a missing key is an error', async () => {
    const { out } = await run(['reg', 'dump', tcpipV5, '--json', '--key', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip']);
    const doc = JSON.parse(out);
    expect(doc.keys.length).toBeGreaterThan(0);
    for (const k of doc.keys) expect(k.path.toLowerCase().startsWith('hkey_local_machine\\system\\currentcontrolset\\services\\tcpip')).toBe(true);
    const missing = await run(['reg', 'dump', tcpipV5, '--key', 'HKLM\\Nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no key HKLM\\Nope');
  });

  test('lenient mode warns about a skipped line with file:line:col; --strict stops there', async () => {
    const dir = await scratchDir();
    const file = join(dir, 'bad.reg');
    await writeFile(file, 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\T]\r\n"ok"=dword:00000001\r\n"bad"=dword:hello\r\n"after"="x"\r\n');
    const lenient = await run(['reg', 'dump', file, '--json']);
    expect(lenient.code).toBe(0);
    expect(lenient.err).toMatch(new RegExp(`bad\\.reg:5:\\d+: `));
    const doc = JSON.parse(lenient.out);
    const key = doc.keys.find((k: { path: string }) => k.path === 'HKEY_CURRENT_USER\\Software\\T');
    expect(key.values.map((v: { name: string }) => v.name)).toEqual(['ok', 'after']);
    expect(doc.warnings[0]).toMatchObject({ line: 5 });
    const strict = await run(['reg', 'dump', file, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/bad\.reg:5:\d+: /);
  });
});

describe('reg convert', () => {
  test('REGEDIT4 → version 5 → REGEDIT4 keeps every key, value and deletion', async () => {
    const dir = await scratchDir();
    const src = join(dir, 'in.reg');
    await writeFile(
      src,
      Buffer.from(
        'REGEDIT4\r\n\r\n[-HKEY_CURRENT_USER\\Software\\Old]\r\n\r\n[HKEY_CURRENT_USER\\Software\\T]\r\n@="default"\r\n"gone"=-\r\n' +
          '"path"=hex(2):25,53,79,73,74,65,6d,52,6f,6f,74,25,5c,e9,00\r\n"list"=hex(7):61,00,62,00,00\r\n"n"=dword:0000002a\r\n\r\n', // canonical: the blank line an export ends with
        'latin1',
      ),
    );
    const v5file = join(dir, 'v5.reg');
    const back = join(dir, 'back.reg');
    expect((await run(['reg', 'convert', src, '--to', 'regedit5', '-o', v5file])).code).toBe(0);
    const v5bytes = await readFile(v5file);
    expect([v5bytes[0], v5bytes[1]]).toEqual([0xff, 0xfe]);
    const text = v5bytes.subarray(2).toString('utf16le');
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(text).toContain('[-HKEY_CURRENT_USER\\Software\\Old]');
    expect(text).toContain('"gone"=-');
    expect((await run(['reg', 'convert', v5file, '--to', 'regedit4', '-o', back])).code).toBe(0);
    expect((await readFile(back)).toString('latin1')).toBe((await readFile(src)).toString('latin1'));
  });

  test('a value REGEDIT4 cannot express is an error naming it; nothing is written', async () => {
    const dir = await scratchDir();
    const src = join(dir, 'in.reg');
    await writeFile(src, v5('Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\T]\n"greek"="Ωμέγα"\n'));
    const out = join(dir, 'out.reg');
    const r = await run(['reg', 'convert', src, '--to', 'regedit4', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('greek');
    await expect(readFile(out)).rejects.toThrow();
  });

  test('an unknown target format is refused', async () => {
    const r = await run(['reg', 'convert', sshd, '--to', 'regedit9', '-o', '/tmp/x.reg']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('expected regedit4 or regedit5');
  });
});

describe('reg diff', () => {
  test('exit 0 for the same registry in different formats, 1 with +/-/~ lines when different, 2 when a file is missing', async () => {
    const dir = await scratchDir();
    const a = join(dir, 'a.reg');
    const b = join(dir, 'b.reg');
    const c = join(dir, 'c.reg');
    await writeFile(a, 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\T]\r\n"x"="1"\r\n"y"=dword:00000002\r\n\r\n[HKEY_CURRENT_USER\\Software\\T\\Old]\r\n');
    await writeFile(b, v5('Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\T]\n"y"=dword:00000002\n"x"="1"\n\n[HKEY_CURRENT_USER\\Software\\T\\Old]\n'));
    await writeFile(c, 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\T]\r\n"x"="2"\r\n"z"="new"\r\n\r\n[HKEY_CURRENT_USER\\Software\\T\\New]\r\n');
    expect((await run(['reg', 'diff', a, b])).code).toBe(0);
    const d = await run(['reg', 'diff', a, c]);
    expect(d.code).toBe(1);
    expect(d.out).toContain('~ [HKEY_CURRENT_USER\\Software\\T] "x" REG_SZ = "1" -> REG_SZ = "2"');
    expect(d.out).toContain('- [HKEY_CURRENT_USER\\Software\\T] "y"');
    expect(d.out).toContain('+ [HKEY_CURRENT_USER\\Software\\T] "z"');
    expect(d.out).toContain('- [HKEY_CURRENT_USER\\Software\\T\\Old]');
    expect(d.out).toContain('+ [HKEY_CURRENT_USER\\Software\\T\\New]');
    const json = JSON.parse((await run(['reg', 'diff', a, c, '--json'])).out);
    expect(json.same).toBe(false);
    expect(json.changes).toContainEqual(expect.objectContaining({ kind: 'valueChanged', name: 'x', before: expect.objectContaining({ data: '1' }), after: expect.objectContaining({ data: '2' }) }));
    expect((await run(['reg', 'diff', a, join(dir, 'missing.reg')])).code).toBe(2);
  });
});
