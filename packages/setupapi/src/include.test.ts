import { parseInf, type InfDocument } from '@netmigrate/inf';
import { Registry } from '@netmigrate/registry';
import { describe, expect, test } from 'vitest';
import { InstallError, SERVICES_KEY, UnsupportedDirectiveError, runInstallSection, type InstallOptions } from './index.js';
import { changesText } from './test-support/golden.js';

function inf(...lines: string[]): string {
  return ['[Version]', 'Signature="$Windows NT$"', '', ...lines, ''].join('\r\n');
}

// A system INF in the style of ks.inf: its own strings, a registration section, a services section.
const KS = inf(
  '[KS.Registration]',
  'AddReg = KS.Reg',
  '[KS.Reg]',
  'HKLM,%KsKey%,Version,,"%KsVersion%"',
  '[KS.Registration.Services]',
  'AddService = ks,, KS.Service',
  '[KS.Service]',
  'ServiceType = 1',
  'StartType = 3',
  'ErrorControl = 1',
  'ServiceBinary = "%%SystemRoot%%\\system32\\drivers\\ks.sys"',
  '[Shared]',
  'HKLM,Software\\Shared,From,,"ks.inf"',
  '[Strings]',
  'KsKey = "Software\\KS"',
  'KsVersion = "from ks.inf"',
);

const LIBRARY: Record<string, string> = { 'ks.inf': KS, 'empty.inf': inf('[Nothing]') };

/** Opens from LIBRARY (case-insensitively, as Windows file names), counting the calls. */
function resolver() {
  const calls: string[] = [];
  const openInf = (name: string): InfDocument | undefined => {
    calls.push(name);
    const text = LIBRARY[name.toLowerCase()];
    return text === undefined ? undefined : parseInf(text, { fileName: name.toLowerCase() });
  };
  return { calls, openInf };
}

function run(lines: string[], options: Partial<InstallOptions> = {}, registry = new Registry()) {
  const doc = parseInf(inf(...lines), { fileName: 'dev.inf' });
  return { registry, ...runInstallSection(doc, 'Install', { registry, ...options }) };
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

describe('Include and Needs', () => {
  test('Needs runs a section of an included INF first, with that INF\'s strings; changes name that INF', () => {
    const { openInf, calls } = resolver();
    const { registry, changes, diagnostics } = run(
      ['[Install]', 'AddReg = Own', 'Needs = KS.Registration', 'Include = ks.inf, KS.INF', '[Own]', 'HKLM,Software\\Dev,Uses,,"%KsVersion%"', '[Strings]', 'KsVersion = "dev strings"'],
      { openInf },
    );
    expect(diagnostics).toEqual([]);
    expect(calls).toEqual(['ks.inf']); // opened once
    expect(registry.key('HKLM\\Software\\KS')?.value('Version')?.asString()).toBe('from ks.inf');
    expect(registry.key('HKLM\\Software\\Dev')?.value('Uses')?.asString()).toBe('dev strings');
    expect(changesText(changes).replace(/ type 1 = [0-9a-f,]+/g, '')).toBe(
      [
        'create-key HKEY_LOCAL_MACHINE\\Software\\KS  <- ks.inf:7 [KS.Reg]',
        'set-value HKEY_LOCAL_MACHINE\\Software\\KS "Version"  <- ks.inf:7 [KS.Reg]',
        'create-key HKEY_LOCAL_MACHINE\\Software\\Dev  <- dev.inf:9 [Own]',
        'set-value HKEY_LOCAL_MACHINE\\Software\\Dev "Uses"  <- dev.inf:9 [Own]',
        '',
      ].join('\n'),
    );
  });

  test('a section named by AddReg= is found in the included INF; the including INF wins a name clash', () => {
    const { openInf } = resolver();
    const { registry } = run(['[Install]', 'Include = ks.inf', 'AddReg = Shared, KS.Reg', '[KS.Reg]', 'HKLM,Software\\Dev,Mine,,"dev.inf"'], { openInf });
    expect(registry.key('HKLM\\Software\\Shared')?.value('From')?.asString()).toBe('ks.inf');
    expect(registry.key('HKLM\\Software\\Dev')?.value('Mine')?.asString()).toBe('dev.inf');
    expect(registry.key('HKLM\\Software\\KS')).toBeUndefined();
  });

  test('Include / Needs in <section>.Services run the needed section\'s AddService', () => {
    const { openInf } = resolver();
    const { registry } = run(['[Install]', '[Install.Services]', 'Include = ks.inf', 'Needs = KS.Registration.Services'], { openInf });
    expect(registry.key(`${SERVICES_KEY}\\ks`)?.value('ImagePath')?.asExpandString()).toBe('%SystemRoot%\\system32\\drivers\\ks.sys');
  });

  test('Needs without Include finds a section of the same INF; diamonds run the shared section twice', () => {
    const { changes } = run(['[Install]', 'Needs = A, B', '[A]', 'Needs = C', '[B]', 'Needs = C', '[C]', 'AddReg = C.Reg', '[C.Reg]', 'HKLM,Software\\C,N,0x00010008,"x"']);
    expect(changes.map((c) => c.op)).toEqual(['create-key', 'set-value']); // the second APPEND finds "x" already there
  });

  test('a needed section may not hold what the section may not (refused before anything runs)', () => {
    const registry = new Registry();
    const e = thrown(() => run(['[Install]', 'AddReg = R', 'Needs = N', '[N]', 'UpdateInis = U', '[R]', 'HKLM,Software\\R,V,,"x"'], {}, registry));
    expect(e).toBeInstanceOf(UnsupportedDirectiveError);
    expect((e as Error).message).toMatch(/^dev\.inf:8:1: directive "UpdateInis" in \[N\]/);
    expect(registry.key('HKLM\\Software\\R')).toBeUndefined();
  });
});

describe('Include / Needs errors name file:line:column, before any change', () => {
  const cases: [string, string[], InstallError['code'], string][] = [
    ['Include without openInf', ['[Install]', 'AddReg = R', 'Include = ks.inf'], 'include-without-resolver', 'dev.inf:6:11'],
    ['an INF that is not there', ['[Install]', 'AddReg = R', 'Include = empty.inf, gone.inf'], 'include-not-found', 'dev.inf:6:22'],
    ['a needed section that is nowhere', ['[Install]', 'AddReg = R', 'Include = ks.inf', 'Needs = KS.Registration, KS.Nope'], 'needs-section-not-found', 'dev.inf:7:26'],
    ['a section that needs itself', ['[Install]', 'AddReg = R', 'Needs = install'], 'needs-cycle', 'dev.inf:6:9'],
    ['a longer cycle', ['[Install]', 'AddReg = R', 'Needs = A', '[A]', 'Needs = B', '[B]', 'Needs = A'], 'needs-cycle', 'dev.inf:10:9'],
  ];
  test.each(cases)('%s', (_what, lines, code, where) => {
    const registry = new Registry();
    const options = code === 'include-without-resolver' ? {} : { openInf: resolver().openInf };
    const e = thrown(() => run([...lines, '[R]', 'HKLM,Software\\R,V,,"x"'], options, registry));
    expect(e).toBeInstanceOf(InstallError);
    expect((e as InstallError).code).toBe(code);
    expect((e as Error).message.startsWith(`${where}: `)).toBe(true);
    expect(registry.key('HKLM\\Software\\R')).toBeUndefined();
  });
});
