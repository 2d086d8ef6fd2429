import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { dump } from '../test-support/dump.js';
import { renderRegFile } from '../test-support/render.js';
import { importRegFile, parseRegFile } from './read.js';
import { exportReg } from './writer.js';

// The real .reg files in fixtures/corpus (copied byte for byte from /work/shared/corpus/reg;
// provenance in each .source.txt). Expected listings live in fixtures/corpus-expected; they were
// produced by this reader, checked value by value against Wine 8 with spotcheck-wine.ts
// (`corpus` mode), and are regenerated only on purpose: UPDATE_GOLDEN=1 vitest run corpus.

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);
const EXPECTED = new URL('../../fixtures/corpus-expected/', import.meta.url);
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.reg')).sort();
const read = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(f, CORPUS)));

describe('corpus', () => {
  test('all nine corpus files are present and match their recorded sha256', async () => {
    const { createHash } = await import('node:crypto');
    expect(files.length).toBe(9);
    for (const f of files) {
      const meta = readFileSync(new URL(`${f}.source.txt`, CORPUS), 'utf8');
      expect(meta).toContain(`sha256: ${createHash('sha256').update(read(f)).digest('hex')}`);
    }
  });

  for (const f of files) {
    test(`${f}: operations and diagnostics match the golden listing`, () => {
      const got = renderRegFile(parseRegFile(read(f), { fileName: f }));
      const golden = new URL(`${f}.txt`, EXPECTED);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(golden, got);
      }
      expect(existsSync(golden), `missing ${golden.pathname}`).toBe(true);
      expect(got).toBe(readFileSync(golden, 'utf8'));
    });

    test(`${f}: export and re-import give the same registry, in both formats where expressible`, () => {
      const { registry } = importRegFile(read(f));
      for (const format of ['regedit5', 'regedit4'] as const) {
        const back = importRegFile(exportReg(registry, { format }), { strict: true }).registry;
        expect(dump(back, true)).toEqual(dump(registry, true));
      }
    });
  }

  test('L2SecExt: wrapped REG_BINARY security descriptors and a default value', () => {
    const { registry, file } = importRegFile(read('msclassic_L2SecExt.reg'));
    expect(file.warnings).toEqual([]);
    const appId = registry.key('HKCR\\AppID\\{00102030-4050-6070-8090-A0B0C0D0E0F0}')!;
    expect(appId.value('')!.asString()).toBe('WirelessHelperClassExtension');
    expect(appId.value('LaunchPermission')!.asBinary().length).toBe(18 + 5 * 25 + 1); // first line, 5 full lines, last line
    expect(appId.value('AccessPermission')!.asBinary().slice(0, 4)).toEqual(Uint8Array.of(1, 0, 4, 0x80));
  });

  test('sideshow (version 5 in an ANSI file): hex(2)/hex(7) bytes are UTF-16LE by default', () => {
    const { registry } = importRegFile(read('msclassic_sideshow_hex2_hex7.reg'));
    const k = registry.key('HKCU\\Software\\Microsoft\\SideShow\\Gadgets\\{00BA1AD8-5381-449b-9A13-551FA4ADE0F2}')!;
    expect(k.value('Endpoints')!.asMultiString()).toEqual(['{A9A5353F-2D4B-47ce-93EE-759F3A7DDA4F}']);
    expect(k.value('Icon')!.asExpandString()).toBe('%USERPROFILE%\\Desktop\\WindowsSideShowPictures\\WindowsSideShowPictures.exe,-100');
  });

  test("sideshow with hexStrings 'by-encoding' reads each byte as a character, as Wine 8 does", () => {
    const { registry } = importRegFile(read('msclassic_sideshow_hex2_hex7.reg'), { hexStrings: 'by-encoding' });
    const k = registry.key('HKCU\\Software\\Microsoft\\SideShow\\Gadgets\\{00BA1AD8-5381-449b-9A13-551FA4ADE0F2}')!;
    // 7b,00,41,00,... → "{", NUL, "A", NUL, ... each widened to two bytes.
    expect([...k.value('Endpoints')!.data.subarray(0, 8)]).toEqual([0x7b, 0, 0, 0, 0x41, 0, 0, 0]);
    expect(k.value('Endpoints')!.size).toBe(2 * (38 * 2 + 4)); // 38-character GUID, 2 NULs, every byte widened
  });

  test('sserver (Windows 3.1 header "REGEDIT " with a trailing blank): nothing is imported, as in Wine 8', () => {
    const file = parseRegFile(read('msclassic_sserver_win31.reg'), { fileName: 'sserver.reg' });
    expect([file.format, file.exitCode, file.operations.length]).toEqual(['unsupported', 0, 0]);
    expect(file.warnings.map((d) => [d.line, d.column, d.code])).toEqual([[1, 1, 'header-unsupported']]);
  });

  test('sserver with the trailing blank removed imports as Windows 3.1 lines', () => {
    const text = Buffer.from(read('msclassic_sserver_win31.reg')).toString('latin1').replace('REGEDIT \n', 'REGEDIT\n');
    const { registry, file } = importRegFile(Buffer.from(text, 'latin1'));
    expect(file.format).toBe('win31');
    expect(registry.key('HKCR\\CLSID\\{5e9ddec7-5767-11cf-beab-00aa006c3606}')!.value('')!.asString()).toBe('Simple Object Server ');
    expect(registry.key('HKCR\\CLSID\\{5e9ddec7-5767-11cf-beab-00aa006c3606}\\LocalServer32')!.value('')!.asString()).toBe(
      '\\mssdk\\Samples\\COM\\Fundamentals\\DCOM\\Simple\\bin\\Debug\\x86\\sserver.exe ',
    );
  });

  test('Tcpip\\Parameters (UTF-16LE export with trailing blank lines): ten DWORDs in file order', () => {
    const { registry, file } = importRegFile(read('sec505_tcpip_parameters_utf16.reg'));
    expect([file.format, file.encoding, file.warnings]).toEqual(['regedit5', 'utf16le', []]);
    const p = registry.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters')!;
    expect(p.values().map((v) => v.name)).toEqual([
      'IPEnableRouter', 'EnableICMPRedirect', 'SynAttackProtect', 'TcpMaxHalfOpen', 'TcpMaxHalfOpenRetried', 'DisableIPSourceRouting',
      'EnablePMTUDiscovery', 'NoNameReleaseOnDemand', 'EnableDeadGWDetect', 'KeepAliveTime',
    ]);
    expect(p.value('KeepAliveTime')!.asDword()).toBe(300000);
  });
});
