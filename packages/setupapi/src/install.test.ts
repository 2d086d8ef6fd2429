import { parseInf } from '@netmigrate/inf';
import { REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_NONE, REG_SZ, RegValue, Registry } from '@netmigrate/registry';
import { describe, expect, test } from 'vitest';
import { SectionNotFoundError, UnsupportedDirectiveError, applyAddRegLine, applyDelRegLine, runInstallSection, type Change, type LineContext, type SetupDiagnostic } from './index.js';
import { createSubstituter } from '@netmigrate/inf';

const HKR = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0001';
const BASE = 'HKLM\\Software\\Nm';

function inf(...lines: string[]): string {
  return ['[Version]', 'Signature="$Windows NT$"', '', ...lines, ''].join('\r\n');
}

/** Runs `[Install]` with `AddReg=A` / `DelReg=D` around the given lines. */
function addReg(lines: string[], registry = new Registry(), hkr: string | null = HKR) {
  const doc = parseInf(inf('[Install]', 'AddReg=A', '', '[A]', ...lines), { fileName: 't.inf' });
  const result = runInstallSection(doc, 'Install', { registry, hkr: hkr ?? undefined });
  return { registry, ...result };
}

function delReg(lines: string[], registry: Registry) {
  const doc = parseInf(inf('[Install]', 'DelReg=D', '', '[D]', ...lines), { fileName: 't.inf' });
  return { registry, ...runInstallSection(doc, 'Install', { registry, hkr: HKR }) };
}

function val(r: Registry, key: string, name: string): RegValue | undefined {
  return r.key(key)?.value(name);
}

function bytes(v: RegValue | undefined): number[] {
  return [...(v?.data ?? [])];
}

function seeded(): Registry {
  const r = new Registry();
  r.createKey(`${BASE}\\Sub\\Deep`);
  r.setValue(BASE, RegValue.sz('Sz', 'old'));
  r.setValue(BASE, RegValue.multiSz('Multi', ['One', 'two']));
  r.setValue(BASE, RegValue.dword('Dw', 9));
  r.setValue(`${BASE}\\Sub`, RegValue.sz('S', 's'));
  return r;
}

describe('spec §8.4 example', () => {
  test('adapter2.SectionToRun.AddReg under the instance key', () => {
    const text = inf(
      '[adapter2.SectionToRun]',
      'AddReg=adapter2.SectionToRun.AddReg',
      '',
      '[adapter2.SectionToRun.AddReg]',
      'HKR,0\\0,IsdnPhoneNumber,0,"111-1111"',
      'HKR,0\\1,IsdnPhoneNumber,0,"222-2222"',
      'HKR,0\\0,IsdnSpid,0,"111"',
      'HKR,0\\1,IsdnSpid,0,"222"',
      'HKR,0,IsdnSwitchType,0x00010001,1',
    );
    const registry = new Registry();
    const { changes, diagnostics } = runInstallSection(parseInf(text, { fileName: 'answer.sif' }), 'adapter2.SectionToRun', { registry, hkr: HKR });
    expect(diagnostics).toEqual([]);
    const k0 = registry.key(`${HKR}\\0\\0`);
    const k1 = registry.key(`${HKR}\\0\\1`);
    expect(k0?.value('IsdnPhoneNumber')?.type).toBe(REG_SZ);
    expect(k0?.value('IsdnPhoneNumber')?.asString()).toBe('111-1111');
    expect(k1?.value('IsdnPhoneNumber')?.asString()).toBe('222-2222');
    expect(k0?.value('IsdnSpid')?.asString()).toBe('111');
    expect(k1?.value('IsdnSpid')?.asString()).toBe('222');
    const sw = registry.key(`${HKR}\\0`)?.value('IsdnSwitchType');
    expect(sw?.type).toBe(REG_DWORD);
    expect(sw?.asDword()).toBe(1);
    expect(k0?.values().map((v) => v.name)).toEqual(['IsdnPhoneNumber', 'IsdnSpid']);
    expect(changes.filter((c) => c.op === 'set-value')).toHaveLength(5);
    expect(changes[0]).toMatchObject({ op: 'create-key', source: { file: 'answer.sif', line: 8, section: 'adapter2.SectionToRun.AddReg' } });
  });
});

describe('types', () => {
  test('string types, empty data, default value', () => {
    const { registry: r } = addReg([
      `HKLM,Software\\Nm,Sz,0,"text"`,
      `HKLM,Software\\Nm,Sz0,,"flags omitted"`,
      `HKLM,Software\\Nm,Exp,0x00020000,"%%SystemRoot%%\\x"`,
      `HKLM,Software\\Nm,Empty,0`,
      `HKLM,Software\\Nm,,0,"default"`,
      `HKLM,Software\\Nm\\KeyOnly,,`,
    ]);
    expect(val(r, BASE, 'Sz')?.asString()).toBe('text');
    expect(val(r, BASE, 'Sz0')?.asString()).toBe('flags omitted');
    expect(val(r, BASE, 'Exp')?.type).toBe(REG_EXPAND_SZ);
    expect(val(r, BASE, 'Exp')?.asExpandString()).toBe('%SystemRoot%\\x');
    expect(val(r, BASE, 'Empty')?.asString()).toBe('');
    expect(val(r, BASE, '')?.asString()).toBe('default');
    // Wine 8.0 observed: `HKCU,key,,` creates the key and sets the default value to "".
    expect(val(r, `${BASE}\\KeyOnly`, '')?.type).toBe(REG_SZ);
    expect(bytes(val(r, `${BASE}\\KeyOnly`, ''))).toEqual([0, 0]);
  });

  test('REG_MULTI_SZ: fields up to the first empty one; no data is a single NUL', () => {
    const { registry: r } = addReg([`HKLM,Software\\Nm,M,0x00010000,"a","b",,"c"`, `HKLM,Software\\Nm,M0,0x00010000`]);
    expect(val(r, BASE, 'M')?.asMultiString()).toEqual(['a', 'b']);
    expect(bytes(val(r, BASE, 'M'))).toEqual([97, 0, 0, 0, 98, 0, 0, 0, 0, 0]);
    expect(val(r, BASE, 'M0')?.type).toBe(REG_MULTI_SZ);
    expect(bytes(val(r, BASE, 'M0'))).toEqual([0, 0]);
  });

  test('REG_DWORD: one data field (5 fields) is a number; otherwise bytes', () => {
    const { registry: r } = addReg([
      `HKLM,Software\\Nm,Hex,0x00010001,0x10`,
      `HKLM,Software\\Nm,Dec,0x00010001,4294967295`,
      `HKLM,Software\\Nm,Lenient,0x00010001,12abc`,
      `HKLM,Software\\Nm,Empty5,0x00010001,`,
      `HKLM,Software\\Nm,Bytes,0x00010001,01,02,03,04`,
      `HKLM,Software\\Nm,Two,0x00010001,1,2`,
      `HKLM,Software\\Nm,None4,0x00010001`,
    ]);
    expect(val(r, BASE, 'Hex')?.asDword()).toBe(16);
    expect(val(r, BASE, 'Dec')?.asDword()).toBe(0xffffffff);
    expect(val(r, BASE, 'Lenient')?.asDword()).toBe(12);
    expect(val(r, BASE, 'Empty5')?.asDword()).toBe(0);
    expect(val(r, BASE, 'Bytes')?.asDword()).toBe(0x04030201); // little-endian, as Wine 8.0 wrote
    expect(val(r, BASE, 'Two')?.type).toBe(REG_DWORD);
    expect(bytes(val(r, BASE, 'Two'))).toEqual([1, 2]);
    expect(bytes(val(r, BASE, 'None4'))).toEqual([]);
  });

  test('binary, REG_NONE, QWORD, and a type in the high word', () => {
    const { registry: r } = addReg([
      `HKLM,Software\\Nm,Bin,0x00000001,de,0xAD,be,ef`,
      `HKLM,Software\\Nm,None,0x00020001,5`,
      `HKLM,Software\\Nm,Qw,0x000B0001,1,0,0,0,0,0,0,0`,
      `HKLM,Software\\Nm,T38,0x00380001,00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f`,
      `HKLM,Software\\Nm,T38s,0x00380000,"str"`,
    ]);
    expect(val(r, BASE, 'Bin')?.type).toBe(REG_BINARY);
    expect(bytes(val(r, BASE, 'Bin'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(val(r, BASE, 'None')?.type).toBe(REG_NONE);
    expect(bytes(val(r, BASE, 'None'))).toEqual([5]);
    expect(val(r, BASE, 'Qw')?.type).toBe(11);
    expect(val(r, BASE, 'Qw')?.asQword()).toBe(1n);
    expect(val(r, BASE, 'T38')?.type).toBe(0x38);
    expect(bytes(val(r, BASE, 'T38'))).toEqual([...Array(16).keys()]);
    // Binary bit clear: the string path, stored with the high-word type.
    expect(val(r, BASE, 'T38s')?.type).toBe(0x38);
    expect(bytes(val(r, BASE, 'T38s'))).toEqual([115, 0, 116, 0, 114, 0, 0, 0]);
  });
});

describe('flags on present and absent values', () => {
  test('NOCLOBBER keeps a present value and writes an absent one', () => {
    const { registry: r } = addReg([`HKLM,Software\\Nm,Sz,0x2,"new"`, `HKLM,Software\\Nm,Fresh,0x2,"new"`], seeded());
    expect(val(r, BASE, 'Sz')?.asString()).toBe('old');
    expect(val(r, BASE, 'Fresh')?.asString()).toBe('new');
  });

  test('OVERWRITEONLY replaces a present value, skips an absent one, never creates the key', () => {
    const { registry: r, changes } = addReg(
      [`HKLM,Software\\Nm,Sz,0x20,"new"`, `HKLM,Software\\Nm,Fresh,0x20,"new"`, `HKLM,Software\\Nm\\Missing,V,0x20,"x"`],
      seeded(),
    );
    expect(val(r, BASE, 'Sz')?.asString()).toBe('new');
    expect(val(r, BASE, 'Fresh')).toBeUndefined();
    expect(r.key(`${BASE}\\Missing`)).toBeUndefined();
    expect(changes.map((c) => c.op)).toEqual(['set-value']);
    expect(changes[0]).toMatchObject({ name: 'Sz', previous: RegValue.sz('Sz', 'old') });
  });

  test('KEYONLY and KEYONLY_COMMON create the key and ignore name and data', () => {
    const { registry: r, changes } = addReg([`HKLM,Software\\Nm\\K1,V,0x10,"x"`, `HKLM,Software\\Nm\\K2,V,0x2000,"x"`, `HKLM,Software\\Nm,Sz,0x10,"x"`], seeded());
    expect(r.key(`${BASE}\\K1`)?.values()).toEqual([]);
    expect(r.key(`${BASE}\\K2`)?.values()).toEqual([]);
    expect(val(r, BASE, 'Sz')?.asString()).toBe('old');
    expect(changes.map((c) => c.op)).toEqual(['create-key', 'create-key']);
  });

  test('DELVAL deletes a value, or with no value name the whole key tree; an absent key is created first', () => {
    const { registry: r, changes } = addReg(
      [`HKLM,Software\\Nm,Sz,0x4`, `HKLM,Software\\Nm,Gone,0x4`, `HKLM,Software\\Nm\\Sub,,0x4`, `HKLM,Software\\Nm\\New,X,0x4`, `HKLM,Software\\Nm\\New2,,0x4`],
      seeded(),
    );
    expect(val(r, BASE, 'Sz')).toBeUndefined();
    expect(val(r, BASE, 'Dw')?.asDword()).toBe(9);
    expect(r.key(`${BASE}\\Sub`)).toBeUndefined();
    expect(r.key(`${BASE}\\New`)).toBeDefined(); // Wine 8.0: the key stays
    expect(r.key(`${BASE}\\New2`)).toBeUndefined();
    expect(changes.map((c) => c.op)).toEqual(['delete-value', 'delete-key', 'create-key', 'create-key', 'delete-key']);
  });

  test('DELREG_BIT lines are ignored in an AddReg section (with a warning)', () => {
    const { registry: r, diagnostics } = addReg([`HKLM,Software\\Nm,Sz,0x00008000,"x"`], seeded());
    expect(val(r, BASE, 'Sz')?.asString()).toBe('old');
    expect(diagnostics).toEqual([
      { file: 't.inf', line: 8, column: 21, severity: 'warning', code: 'delreg-line-in-addreg', message: expect.any(String) as string },
    ]);
  });

  test('a plain line replaces a value of another type', () => {
    const { registry: r } = addReg([`HKLM,Software\\Nm,Dw,0,"now a string"`], seeded());
    expect(val(r, BASE, 'Dw')?.asString()).toBe('now a string');
  });
});

describe('MULTI_SZ APPEND', () => {
  test('present: appends strings not already there (case-insensitive), also deduping the new list', () => {
    const { registry: r } = addReg([`HKLM,Software\\Nm,Multi,0x00010008,"ONE","three","Three","four"`], seeded());
    expect(val(r, BASE, 'Multi')?.asMultiString()).toEqual(['One', 'two', 'three', 'four']);
  });

  test('present with nothing new: no change', () => {
    const { changes } = addReg([`HKLM,Software\\Nm,Multi,0x00010008,"two"`], seeded());
    expect(changes).toEqual([]);
  });

  test('absent: the value is created', () => {
    const { registry: r } = addReg([`HKLM,Software\\Nm,New,0x00010008,"a","A"`], seeded());
    expect(val(r, BASE, 'New')?.asMultiString()).toEqual(['a']);
  });

  test('no strings: nothing happens', () => {
    const { registry: r, changes } = addReg([`HKLM,Software\\Nm,New,0x00010008`], seeded());
    expect(val(r, BASE, 'New')).toBeUndefined();
    expect(changes).toEqual([]);
  });

  test('wrong type: ERROR_INVALID_DATA, value untouched', () => {
    const { registry: r, diagnostics } = addReg([`HKLM,Software\\Nm,Sz,0x00010008,"x"`], seeded());
    expect(val(r, BASE, 'Sz')?.asString()).toBe('old');
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['append-not-multi-sz', 'error', 8, 18]]);
    expect(diagnostics[0]?.message).toContain('ERROR_INVALID_DATA');
  });
});

describe('DelReg', () => {
  test('2-field line deletes the key recursively; 3-field line deletes a value', () => {
    const { registry: r, changes } = delReg([`HKLM,Software\\Nm\\Sub`, `HKLM,Software\\Nm,Sz`, `HKLM,Software\\Nm,Absent`], seeded());
    expect(r.key(`${BASE}\\Sub`)).toBeUndefined();
    expect(r.key(`${BASE}\\Sub\\Deep`)).toBeUndefined();
    expect(val(r, BASE, 'Sz')).toBeUndefined();
    expect(changes.map((c) => c.op)).toEqual(['delete-key', 'delete-value']);
  });

  test('a missing key is not created and nothing is reported', () => {
    const r = seeded();
    const { changes, diagnostics } = delReg([`HKLM,Software\\Nm\\Nope,V`, `HKLM,Software\\Nm\\Nope`], r);
    expect(r.key(`${BASE}\\Nope`)).toBeUndefined();
    expect(changes).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  test('FLG_DELREG_KEYONLY_COMMON with a value name deletes the key (documented; Wine ignores the line)', () => {
    const { registry: r } = delReg([`HKLM,Software\\Nm\\Sub,S,0x00002000`], seeded());
    expect(r.key(`${BASE}\\Sub`)).toBeUndefined();
  });

  test('flags with the DELREG bit, e.g. 0x00018000 (value) ', () => {
    const { registry: r } = delReg([`HKLM,Software\\Nm,Dw,0x00018000`], seeded());
    expect(val(r, BASE, 'Dw')).toBeUndefined();
  });

  test('FLG_DELREG_MULTI_SZ_DELSTRING removes every case-insensitive match', () => {
    const r = seeded();
    r.setValue(BASE, RegValue.multiSz('Multi', ['a', 'B', 'c', 'b']));
    const { changes } = delReg([`HKLM,Software\\Nm,Multi,0x00018002,"b"`, `HKLM,Software\\Nm,Sz,0x00018002,"old"`, `HKLM,Software\\Nm,Multi,0x00018002,"zz"`], r);
    expect(val(r, BASE, 'Multi')?.asMultiString()).toEqual(['a', 'c']);
    expect(val(r, BASE, 'Sz')?.asString()).toBe('old'); // not a multi-sz: untouched
    expect(changes).toHaveLength(1);
  });

  test('HKR with an empty subkey deletes the HKR key; a predefined root is refused', () => {
    const r = seeded();
    r.createKey(`${HKR}\\x`);
    const { diagnostics } = delReg([`HKR,`, `HKLM,`], r);
    expect(r.key(HKR)).toBeUndefined();
    expect(r.key('HKLM\\Software')).toBeDefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['delete-predefined-root']);
  });

  test('DelReg runs before AddReg whatever the line order (Wine 8.0 observed)', () => {
    const doc = parseInf(inf('[Install]', 'AddReg=A', 'DelReg=D', '', '[A]', 'HKLM,Software\\Nm,Sz,0,"added"', '[D]', 'HKLM,Software\\Nm,Sz'));
    const r = seeded();
    const { changes } = runInstallSection(doc, 'install', { registry: r });
    expect(val(r, BASE, 'Sz')?.asString()).toBe('added');
    expect(changes.map((c) => c.op)).toEqual(['delete-value', 'set-value']);
  });
});

describe('substitution and directives', () => {
  test('%strkey% in directives, section names, and every field; several sections per directive', () => {
    const text = inf(
      '[Install]',
      'AddReg = %sec1%, , Two',
      'addreg = Three',
      '',
      '[First]',
      'HKLM,%key%,%name%,%flags%,"%11%\\drv"',
      '[Two]',
      'HKLM,Software\\Nm,Order,0,"two"',
      '[Three]',
      'HKLM,Software\\Nm,Order,0x00000002,"three"',
      '[Strings]',
      'sec1 = First',
      'key = "Software\\Nm"',
      'name = Loc',
      'flags = 0x00020000',
      '[Strings.0407]',
      'name = Ort',
    );
    const registry = new Registry();
    const { diagnostics } = runInstallSection(parseInf(text), 'Install', { registry, lang: '0407', dirid: (id) => (id === 11 ? 'C:\\WINNT\\system32' : undefined) });
    expect(diagnostics).toEqual([]);
    expect(val(registry, BASE, 'Ort')?.type).toBe(REG_EXPAND_SZ);
    expect(val(registry, BASE, 'Ort')?.asExpandString()).toBe('C:\\WINNT\\system32\\drv');
    expect(val(registry, BASE, 'Order')?.asString()).toBe('two');
  });

  test('a missing referenced section is a warning, as SetupAPI does nothing', () => {
    const doc = parseInf(inf('[Install]', 'AddReg=Nowhere'), { fileName: 'x.inf' });
    const { diagnostics } = runInstallSection(doc, 'Install', { registry: new Registry() });
    expect(diagnostics).toEqual([{ file: 'x.inf', line: 5, column: 8, severity: 'warning', code: 'section-not-found', message: expect.any(String) as string }]);
  });

  test('a missing install section throws', () => {
    expect(() => runInstallSection(parseInf(inf()), 'Nope', { registry: new Registry() })).toThrow(SectionNotFoundError);
  });

  // AddService, DelService, Include and Needs are performed: see services.test.ts and include.test.ts.
  test.each(['CopyFiles=Files', 'DelFiles=Files', 'RenFiles=Files', 'BitReg=B', 'Characteristics=0x84', 'UpdateInis=U', 'bare-line'])(
    'refuses %s before changing anything',
    (directive) => {
      const doc = parseInf(inf('[Install]', 'AddReg=A', `  ${directive}`, '[A]', 'HKLM,Software\\Nm,V,0,"x"'), { fileName: 'r.inf' });
      const registry = new Registry();
      let error: unknown;
      try {
        runInstallSection(doc, 'Install', { registry });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedDirectiveError);
      const u = error as UnsupportedDirectiveError;
      expect([u.file, u.line, u.column, u.section]).toEqual(['r.inf', 6, 3, 'Install']);
      expect(u.directive).toBe(directive.split('=')[0]);
      expect(u.message).toMatch(/^r\.inf:6:3: directive "/);
      expect(registry.key(BASE)).toBeUndefined();
    },
  );
});

describe('skipped lines carry file:line:column', () => {
  test('unknown root, HKR without a root, bad flags, bad binary byte', () => {
    const { registry: r, diagnostics } = addReg(
      [`HKEY_LOCAL_MACHINE,Software\\Nm,A,0,"x"`, `HKR,,B,0,"x"`, `HKLM,Software\\Nm,C,  zz ,"x"`, `HKLM,Software\\Nm,D,0x1,01,zz,02`, `HKLM,Software\\Nm,E,0x1,100`, `HKLM,Software\\Nm,Ok,0,"y"`],
      new Registry(),
      null,
    );
    const brief = diagnostics.map((d: SetupDiagnostic) => [d.file, d.line, d.column, d.severity, d.code]);
    expect(brief).toEqual([
      ['t.inf', 8, 1, 'error', 'unknown-root'],
      ['t.inf', 9, 1, 'error', 'hkr-without-root'],
      ['t.inf', 10, 22, 'error', 'bad-flags'],
      ['t.inf', 11, 27, 'error', 'bad-binary-byte'],
      ['t.inf', 12, 24, 'error', 'bad-binary-byte'],
    ]);
    expect(r.key(BASE)?.values().map((v) => v.name)).toEqual(['Ok']);
  });

  test('an invalid subkey path', () => {
    const { diagnostics } = addReg([`HKLM,${'x'.repeat(300)},V,0,"x"`]);
    expect(diagnostics.map((d) => [d.code, d.column])).toEqual([['invalid-key-path', 6]]);
  });
});

describe('single lines', () => {
  test('applyAddRegLine / applyDelRegLine', () => {
    const doc = parseInf(inf('[A]', 'HKR,Params,Speed,0x00010001,100', '[D]', 'HKR,Params,Speed'));
    const registry = new Registry();
    const changes: Change[] = [];
    const ctx: LineContext = { registry, hkr: HKR, substituter: createSubstituter(doc), doc, section: 'A', changes, diagnostics: [] };
    const [add] = doc.section('A')?.lines() ?? [];
    const [del] = doc.section('D')?.lines() ?? [];
    applyAddRegLine(ctx, add!);
    expect(val(registry, `${HKR}\\Params`, 'Speed')?.asDword()).toBe(100);
    applyDelRegLine({ ...ctx, section: 'D' }, del!);
    expect(val(registry, `${HKR}\\Params`, 'Speed')).toBeUndefined();
    expect(changes.map((c) => [c.op, c.source.section])).toEqual([
      ['create-key', 'A'],
      ['set-value', 'A'],
      ['delete-value', 'D'],
    ]);
  });
});

describe('more edge cases', () => {
  test('a skipped bad-binary line leaves no key behind', () => {
    const { registry: r, changes } = addReg([`HKLM,Software\\Nm\\New,V,0x1,zz`]);
    expect(r.key(`${BASE}\\New`)).toBeUndefined();
    expect(changes).toEqual([]);
  });

  test('columns skip quoted commas, `key =` and continuation lines', () => {
    const { diagnostics } = addReg([`entry = HKLM,"a,b",V,0x1,01,\\`, `   0x100`, `HKLM , "x;y" , V , 0x1 , q`]);
    expect(diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [9, 4, 'bad-binary-byte'],
      [10, 26, 'bad-binary-byte'],
    ]);
  });

  test('DelReg flags without the DELREG bit still delete (documented), e.g. FLG_DELREG_TYPE_MULTI_SZ', () => {
    const { registry: r } = delReg([`HKLM,Software\\Nm,Multi,0x00010000`], seeded());
    expect(val(r, BASE, 'Multi')).toBeUndefined();
  });

  test('HKR with an empty subkey writes to the HKR key itself; root names are case-insensitive', () => {
    const { registry: r } = addReg([`hkr,,Speed,0x00010001,100`, `hkLm,Software\\Nm,X,,"x"`]);
    expect(val(r, HKR, 'Speed')?.asDword()).toBe(100);
    expect(val(r, BASE, 'X')?.asString()).toBe('x');
  });
});

describe('values the registry refuses', () => {
  test('a name over 16,383 characters: the line is skipped with invalid-value, the next line still runs', () => {
    const doc = parseInf(`[S]\nAddReg=A\n[A]\nHKLM,Soft,${'x'.repeat(17000)},,1\nHKLM,Soft,ok,,2\n`);
    const registry = new Registry();
    const r = runInstallSection(doc, 'S', { registry });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['invalid-value', 4]]);
    expect(registry.key('HKLM\\Soft')?.values().map((v) => v.name)).toEqual(['ok']);
  });
});
