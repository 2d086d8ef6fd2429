import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRegFile } from '@netmigrate/registry';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';

// The committed answer file of the documented ISDN example (spec §8.4), as the Winnt32 phase writes it.
const ISDN = fileURLToPath(new URL('../../fixtures/apply/isdn-example.sif', import.meta.url));
const INSTANCE = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0004';

async function run(args: string[]) {
  const io = memoryIO();
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

describe('netmigrate apply', () => {
  test('applies the example, exports the target registry, lists what it did; a rerun is a no-op', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-apply-'));
    const target = join(dir, 'target');
    const { code, out, err } = await run(['apply', ISDN, '--target', target, '--in-process']);
    expect(err).toContain('installed     adapter2 (adapter2) → HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0004');
    expect(err).toContain('InfToRunAfterInstall answer file [adapter2.SectionToRun]');
    expect(code).toBe(0);
    const regFile = join(target, 'registry.reg');
    expect(out).toBe(`$Winnt$.inf:     ${join(target, 'WINNT', 'System32', '$Winnt$.inf')}\ntarget registry: ${join(target, 'WINNT', 'System32', 'config', 'registry.nmreg')}\nexported .reg:   ${regFile}\napply record:    ${join(target, 'netmigrate-apply.json')}\n`);
    // The exported file is a version-5 .reg with the documented values under the new instance key.
    const bytes = new Uint8Array(readFileSync(regFile));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const { registry, file } = importRegFile(bytes);
    expect(file.format).toBe('regedit5');
    expect(registry.key(`${INSTANCE}\\0\\1`)?.value('IsdnPhoneNumber')?.asString()).toBe('222-2222');
    expect(registry.key(`${INSTANCE}\\0`)?.value('IsdnSwitchType')?.asDword()).toBe(1);

    const again = await run(['apply', ISDN, '--target', target, '--in-process', '--json']);
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.out) as Record<string, unknown>;
    expect(doc).toMatchObject({ schemaVersion: 1, status: 'already-applied', changes: [], failure: null, regFile });
  });

  test('--json: one document on stdout with status, components, changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-apply-'));
    const { code, out, err } = await run(['apply', ISDN, '--target', join(dir, 't'), '--in-process', '--json', '-o', join(dir, 'out.reg')]);
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out) as { status: string; components: { key: string; status: string }[]; changes: { kind: string; key: string; name?: string; after?: unknown }[]; regFile: string };
    expect(doc.status).toBe('applied');
    expect(doc.regFile).toBe(join(dir, 'out.reg'));
    expect(existsSync(join(dir, 'out.reg'))).toBe(true);
    expect(doc.components.map((c) => `${c.key} ${c.status}`)).toEqual(['adapter2 installed']);
    expect(doc.changes).toContainEqual({ kind: 'valueAdded', key: `${INSTANCE}\\0\\0`, name: 'IsdnSpid', after: { type: 'REG_SZ', data: '111' } });
  });

  test('a bad answer file: exit 1, the file:line:column, and the target left as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nm-cli-apply-'));
    const sif = join(dir, 'winnt.sif');
    writeFileSync(sif, readFileSync(ISDN, 'latin1').replace('HKR,0,IsdnSwitchType,0x00010001,1', 'HKR,0,IsdnSwitchType,0x00010001,1\r\nHKR,0,Broken,0x00000001,zz'), 'latin1');
    const target = join(dir, 't');
    const { code, err } = await run(['apply', sif, '--target', target, '--in-process']);
    expect(code).toBe(1);
    expect(err).toContain('netmigrate: apply failed in inf-after-install (component adapter2)');
    expect(err).toMatch(/\$Winnt\$\.inf:20:25: component "adapter2": InfToRunAfterInstall \[adapter2\.SectionToRun\]: binary data: "zz" is not a hex byte$/m);
    expect(err).toContain('the target registry was left as it was before the run');
    expect(existsSync(join(target, 'registry.reg'))).toBe(false);
  });

  test('a missing answer file or a missing --target is a usage error with exit 1', async () => {
    expect((await run(['apply', '/nonexistent/winnt.sif', '--target', '/tmp/x'])).err).toContain('/nonexistent/winnt.sif: no such file');
    const missing = await run(['apply', ISDN]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("required option '--target <dir>' not specified");
  });
});
