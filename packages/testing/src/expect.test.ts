// Each assertion passes on what it describes and fails, with a message naming the section,
// key or value, on anything else; golden files are written only with UPDATE_GOLDEN=1.

import { AssertionError } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry, RegValue } from '@netmigrate/registry';
import { afterEach, describe, expect, test } from 'vitest';
import { AnswerFileText } from './answer-file.js';
import { expectKey, expectSection, expectValue, matchGolden } from './expect.js';
import { reg } from './values.js';
import './vitest.js';

const answer = AnswerFileText.fromText('[A]\r\nx=1\r\ny = "two, three"\r\nHKR,,V,0,"v"\r\n\r\n[B]\r\n');

function failure(run: () => unknown): AssertionError {
  try {
    run();
  } catch (e) {
    if (e instanceof AssertionError) return e;
    throw e;
  }
  throw new Error('the assertion passed');
}

describe('expectSection', () => {
  test('passes on what the section holds', () => {
    expectSection(answer, 'a').toExist().toHaveLines(['x=1', 'y = "two, three"', 'HKR,,V,0,"v"']).toContainLines(['x=1', 'HKR,,V,0,"v"']).toHaveValue('Y', 'two, three').toHaveValue('z', undefined);
    expectSection(answer, 'B').toHaveLines([]);
    expectSection(answer, 'C').toBeAbsent();
  });

  test.each([
    [() => expectSection(answer, 'C').toExist(), 'the answer file has no section [C]; its sections: [A] [B]'],
    [() => expectSection(answer, 'A').toBeAbsent(), 'the answer file has a section [A] that should not be there'],
    [() => expectSection(answer, 'A').toHaveLines(['x=1']), '[A] does not hold exactly the expected lines'],
    [() => expectSection(answer, 'A').toContainLines(['HKR,,V,0,"v"', 'x=1']), '[A]: line "x=1" is out of order'],
    [() => expectSection(answer, 'A').toContainLines(['x=2']), '[A]: line "x=2" is missing'],
    [() => expectSection(answer, 'A').toHaveValue('x', '2'), '[A] x: expected "2", got "1"'],
  ])('fails with a message naming what is wrong (%#)', (run, message) => {
    const e = failure(run);
    expect(e.message).toBe(message);
  });

  test('the failure carries actual and expected for the runner\'s diff', () => {
    const e = failure(() => expectSection(answer, 'A').toHaveLines(['x=1', 'y=2']));
    expect(e.actual).toEqual(['x=1', 'y = "two, three"', 'HKR,,V,0,"v"']);
    expect(e.expected).toEqual(['x=1', 'y=2']);
  });
});

describe('expectValue / expectKey', () => {
  const r = new Registry();
  const key = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters';
  r.createKey(key);
  r.setValue(key, RegValue.sz('Host', 'mon1'));
  r.setValue(key, RegValue.dword('Poll', 30));
  r.setValue(key, RegValue.multiSz('Collectors', ['a', 'b']));
  r.setValue(key, RegValue.expandSz('Log', '%SystemRoot%\\x'));
  r.setValue(key, RegValue.qword('Big', 5n));
  r.setValue(key, RegValue.binary('Bin', Uint8Array.of(1, 2)));

  test('passes on type and data', () => {
    expectValue(r, key, 'host').toEqual('mon1').toExist();
    expectValue(r, key, 'Poll').toEqual(30);
    expectValue(r, key, 'Collectors').toEqual(['a', 'b']);
    expectValue(r, key, 'Log').toEqual(reg.expandSz('%SystemRoot%\\x'));
    expectValue(r, key, 'Big').toEqual(5n);
    expectValue(r, key, 'Bin').toEqual(Uint8Array.of(1, 2));
    expectValue(r, key, 'Missing').toBeAbsent();
    expectKey(r, 'HKLM\\SYSTEM\\CurrentControlSet\\Services').toExist().toHaveSubkeys(['larkmon']);
    expectKey(r, `${key}\\Nope`).toBeAbsent();
  });

  test.each([
    [() => expectValue(r, key, 'Log').toEqual('%SystemRoot%\\x'), `${key} "Log": expected REG_SZ "%SystemRoot%\\\\x", got REG_EXPAND_SZ "%SystemRoot%\\\\x"`],
    [() => expectValue(r, key, 'Poll').toEqual(31), `${key} "Poll": expected REG_DWORD 31 (0x0000001f), got REG_DWORD 30 (0x0000001e)`],
    [() => expectValue(r, key, 'Collectors').toEqual(['a']), `${key} "Collectors": expected REG_MULTI_SZ ["a"], got REG_MULTI_SZ ["a","b"]`],
    [() => expectValue(r, key, 'Bin').toEqual(Uint8Array.of(1)), `${key} "Bin": expected REG_BINARY hex:01, got REG_BINARY hex:01,02`],
    [() => expectValue(r, key, 'Missing').toEqual(1), `${key} "Missing": expected REG_DWORD 1 (0x00000001), got (absent)`],
    [() => expectValue(r, `${key}\\Nope`, 'X').toEqual(1), `${key}\\Nope "X": the key does not exist`],
    [() => expectValue(r, key, 'Host').toBeAbsent(), `${key} "Host" should not exist, but holds REG_SZ "mon1"`],
    [() => expectValue(r, key, 'Nope').toExist(), `${key} "Nope" does not exist`],
    [() => expectKey(r, `${key}\\Nope`).toExist(), `the key ${key}\\Nope does not exist`],
    [() => expectKey(r, key).toBeAbsent(), `the key ${key} should not exist`],
    [() => expectKey(r, 'HKLM\\SYSTEM').toHaveSubkeys(['Select']), 'HKLM\\SYSTEM has other subkeys than expected'],
  ])('fails with a message naming the value (%#)', (run, message) => {
    expect(failure(run).message).toBe(message);
  });
});

describe('golden files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netmigrate-golden-'));
  const saved = process.env.UPDATE_GOLDEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.UPDATE_GOLDEN;
    else process.env.UPDATE_GOLDEN = saved;
  });

  test('a missing golden file fails and says how to make it; UPDATE_GOLDEN=1 writes it (normalized)', () => {
    delete process.env.UPDATE_GOLDEN;
    const file = join(dir, 'sub', 'a.sif');
    expect(failure(() => matchGolden('x /tmp/run-1/y', file)).message).toBe(`the golden file ${file} does not exist; run the test with UPDATE_GOLDEN=1 to write it, then review it`);
    process.env.UPDATE_GOLDEN = '1';
    matchGolden('x /tmp/run-1/y', file, { normalize: (t) => t.replace('/tmp/run-1', '<run>') });
    expect(readFileSync(file, 'latin1')).toBe('x <run>/y');
    delete process.env.UPDATE_GOLDEN;
    matchGolden(Buffer.from('x /tmp/run-2/y'), file, { normalize: (t) => t.replace('/tmp/run-2', '<run>') });
  });

  test('a difference fails with both texts; nothing is written without UPDATE_GOLDEN', () => {
    delete process.env.UPDATE_GOLDEN;
    const file = join(dir, 'b.txt');
    writeFileSync(file, 'old');
    const e = failure(() => matchGolden('new', file));
    expect(e.message).toBe(`the output differs from the golden file ${file} (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
    expect([e.actual, e.expected]).toEqual(['new', 'old']);
    expect(readFileSync(file, 'latin1')).toBe('old');
  });

  test('the vitest matcher', () => {
    delete process.env.UPDATE_GOLDEN;
    const file = join(dir, 'c.txt');
    writeFileSync(file, 'same');
    expect('same').toMatchGolden(file);
    expect(() => expect('other').toMatchGolden(file)).toThrow(/differs from the golden file/);
    expect(() => expect(42).toMatchGolden(file)).toThrow('toMatchGolden: expected a string or bytes, got number');
  });
});
