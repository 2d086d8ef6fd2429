import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRegFile, exportReg } from '@netmigrate/registry';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';

// Runs with the fixtures directory as the current directory, so messages name files as given.
const FIXTURES = fileURLToPath(new URL('../../fixtures/inf-run/', import.meta.url));
const HKR = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0001';
const DRIVERS = '12=C:\\WINNT\\system32\\drivers';

async function run(args: string[]) {
  const io = memoryIO({ cwd: FIXTURES });
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

async function outFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'nm-inf-run-')), 'out.reg');
}

/** A version-5 .reg file (UTF-16LE with BOM) as text. */
function regText(path: string): string {
  const bytes = readFileSync(path);
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  return bytes.subarray(2).toString('utf16le');
}

function expectGolden(name: string, text: string): void {
  const file = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(join(FIXTURES, 'golden'), { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `missing ${file}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('inf run', () => {
  test('InfToRunAfterInstall-style section against an NT 4.0 registry: changes on stdout, a version-5 .reg (golden)', async () => {
    const out = await outFile();
    const r = await run(['inf', 'run', 'upgrade.inf', 'adapter2.sectiontorun', '--registry', 'start.reg', '-o', out, '--hkr', HKR, '--dirid', DRIVERS]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${out}: written (19 changes)\n`);
    expectGolden('upgrade.stdout.txt', r.out);
    expectGolden('upgrade.out.reg.txt', regText(out));
    // The .reg reads back to the registry it was written from, and the old service is gone.
    const back = importRegFile(new Uint8Array(readFileSync(out)), { strict: true }).registry;
    expect(back.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02')).toBeUndefined();
    expect(back.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\System\\Elnkii02')).toBeUndefined();
    expect(back.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Elnk3')?.value('ImagePath')?.asExpandString()).toBe('C:\\WINNT\\system32\\drivers\\elnk3.sys');
    expect(back.key(`${HKR}\\Ndi`)?.value('Service')?.asString()).toBe('Elnk3');
    expect(Buffer.from(exportReg(back, { format: 'regedit5' })).equals(readFileSync(out))).toBe(true);
  });

  test('--json: one document with the changes (sources included) and diagnostics (golden)', async () => {
    const out = await outFile();
    const r = await run(['inf', 'run', 'upgrade.inf', 'adapter2.SectionToRun', '--registry', 'start.reg', '-o', out, '--hkr', HKR, '--dirid', DRIVERS, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'file', 'section', 'output', 'changes', 'diagnostics']);
    expect(doc.schemaVersion).toBe(1);
    expectGolden('upgrade.json', JSON.stringify({ ...doc, output: '<out>' }, null, 2) + '\n');
  });

  test('without --registry the run starts from an empty registry; a real INF\'s .Services section', async () => {
    const out = await outFile();
    const r = await run(['inf', 'run', 'virtio_netkvm2k.inf', 'kvmnet5.ndi.Services', '-o', out, '--dirid', DRIVERS]);
    expect(r.code).toBe(0);
    expectGolden('netkvm.stdout.txt', r.out);
    expect(regText(out)).toContain('[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\netkvm]\r\n"DisplayName"="Red Hat VirtIO Ethernet Adapter Service"');
  });

  test('Include finds an INF of the same directory whatever the case of its name; --include-dir adds places', async () => {
    const r = await run(['inf', 'run', 'upgrade.inf', 'WithNeeds', '-o', await outFile(), '--hkr', HKR]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('~ HKEY_LOCAL_MACHINE\\Software\\Shared\\Version = REG_SZ:"from shared.inf"  (shared.inf:8 [Shared.AddReg])');
    // From elsewhere, the INF's own directory is the fixtures directory (given by path).
    const dir = await mkdtemp(join(tmpdir(), 'nm-inf-run-inc-'));
    await writeFile(join(dir, 'main.inf'), '[Version]\r\nSignature="$Windows NT$"\r\n[S]\r\nInclude = shared.inf\r\nNeeds = Shared.Install\r\n');
    const missing = await run(['inf', 'run', join(dir, 'main.inf'), 'S', '-o', join(dir, 'o.reg')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`${join(dir, 'main.inf')}:4:11: Include=shared.inf: the INF was not found; nothing was executed`);
    expect(existsSync(join(dir, 'o.reg'))).toBe(false);
    const found = await run(['inf', 'run', join(dir, 'main.inf'), 'S', '-o', join(dir, 'o.reg'), '--include-dir', FIXTURES]);
    expect(found.code).toBe(0);
    expect(found.out).toContain(`(${join(FIXTURES, 'shared.inf')}:8 [Shared.AddReg])`);
  });
});

describe('inf run: bad input', () => {
  test('a skipped line: exit 1, file:line:col on stderr, the rest still written', async () => {
    const out = await outFile();
    const r = await run(['inf', 'run', 'upgrade.inf', 'BadLine', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('upgrade.inf:50:28: error: flags: "zz" is not an integer');
    expect(r.err).toContain('[bad-flags]');
    expect(r.err).toContain(`${out}: written (2 changes); 1 line was skipped with an error`);
    expect(regText(out)).toContain('"Good"="kept"');
    expect(regText(out)).not.toContain('"Bad"');
    const json = JSON.parse((await run(['inf', 'run', 'upgrade.inf', 'BadLine', '-o', out, '--json'])).out);
    expect(json.diagnostics).toEqual([expect.objectContaining({ file: 'upgrade.inf', line: 50, column: 28, severity: 'error', code: 'bad-flags' })]);
  });

  test('HKR lines without --hkr are skipped with an error', async () => {
    const r = await run(['inf', 'run', 'upgrade.inf', 'adapter2.SectionToRun', '-o', await outFile(), '--dirid', DRIVERS]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('upgrade.inf:12:1: error: HKR line but no key was given for HKR');
  });

  const refusals: [string, string[], RegExp][] = [
    ['a section that is not there', ['upgrade.inf', 'Nope'], /^netmigrate: upgrade\.inf: install section \[Nope\] not found\n {2}what to do: section names/],
    ['a directive that is not performed', ['virtio_netkvm2k.inf', 'kvmnet5.ndi', '--dirid', DRIVERS], /^netmigrate: virtio_netkvm2k\.inf:28:1: directive "Characteristics" in \[kvmnet5\.ndi\] is not performed/],
    ['a DIRID with no directory', ['virtio_netkvm2k.inf', 'kvmnet5.ndi.Services'], /^netmigrate: virtio_netkvm2k\.inf:152:19: ServiceBinary: %12% is a DIRID with no directory given.*\n {2}what to do: give the directory with --dirid/],
    ['a starting registry with a bad line', ['upgrade.inf', 'BadLine', '--registry', 'bad-start.reg'], /^netmigrate: bad-start\.reg:4:11: dword: takes hex digits only/],
    ['a missing INF', ['nowhere.inf', 'S'], /^netmigrate: nowhere\.inf: no such file/],
    ['a bad --dirid', ['upgrade.inf', 'BadLine', '--dirid', 'twelve'], /^netmigrate: --dirid twelve: expected NUMBER=PATH/],
  ];
  test.each(refusals)('%s: exit 1, nothing written', async (_what, args, message) => {
    const out = await outFile();
    const r = await run(['inf', 'run', ...args, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
    const json = await run(['inf', 'run', ...args, '-o', out, '--json']);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.out);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'error']);
    expect(doc.error.message).toBe(r.err.split('\n')[0]?.replace(/^netmigrate: /, ''));
  });

  test('-o is required (usage error, exit 1)', async () => {
    const r = await run(['inf', 'run', 'upgrade.inf', 'BadLine']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("required option '-o, --output <file>' not specified");
  });

  test('the output is written atomically: a directory that does not exist is an error', async () => {
    const r = await run(['inf', 'run', 'upgrade.inf', 'BadLine', '-o', join(tmpdir(), 'nm-no-such-dir', 'x', 'out.reg')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot write, its directory does not exist');
    await expect(readFile(join(tmpdir(), 'nm-no-such-dir', 'x', 'out.reg'))).rejects.toThrow();
  });
});
