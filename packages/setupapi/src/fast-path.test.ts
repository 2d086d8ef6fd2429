// The executor keeps opened keys between lines and can skip change records: neither may change
// what a line does. Oracle: every line run with a context of its own (so nothing is kept).
import { createSubstituter, parseInf } from '@netmigrate/inf';
import { Registry, type RegistryBase, type RegistryKeyView, type RegistrySnapshot } from '@netmigrate/registry';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyAddRegLine, applyDelRegLine, runInstallSection, type Change, type LineContext, type SetupDiagnostic } from './index.js';

type KeyDump = [name: string, values: string[], kids: KeyDump[]];
const dumpKey = (k: RegistryKeyView): KeyDump => [k.name, k.values().map((v) => v.toString()), k.subkeys().map(dumpKey)];
const dump = (r: RegistryBase): KeyDump[] => r.roots().map(dumpKey);

const ROOTS = ['HKR', 'hkr', 'HKLM', 'Hklm', 'HKCU'];
const SUBKEYS = ['', 'K', 'k', 'K\\Sub', 'k\\SUB\\x', 'Other', '\\K', 'K\\', 'K\\\\Sub', 'x'.repeat(257), 'K\\Sub\\Deep'];
const NAMES = ['', 'V', 'v', 'W'];
const FLAGS = ['0', '0x1', '0x00010001', '0x00010000', '0x00010008', '0x2', '0x4', '0x10', '0x20', '0x2000', '0x8000', '0x00020000', 'zz', ''];
const DATA = ['', '"a"', '"A","b"', '7', '01,02', '0x10', 'zz'];

const field = (xs: string[]) => fc.constantFrom(...xs);
const lineArb = fc
  .tuple(field(ROOTS), field(SUBKEYS), field(NAMES), field(FLAGS), field(DATA), fc.nat(3))
  .map(([root, sub, name, flags, data, shape]) => [root, sub, name, flags, data].slice(0, 2 + shape).join(',') + (shape === 3 ? `,${data}` : ''));
const stepArb = fc.record({ del: fc.boolean(), line: lineArb, snapshot: fc.boolean() });
const HKRS = ['HKLM\\Inst\\0000', 'HKLM\\Inst\\0000\\', 'HKLM', 'HKCU\\K', 'HKLM\\\\bad'];

interface Outcome {
  registry: ReturnType<typeof dump>;
  snapshots: ReturnType<typeof dump>[];
  changes: Change[];
  diagnostics: SetupDiagnostic[];
  /** What a line threw (e.g. HKR standing for a root and a DelReg deleting it), ending the run. */
  thrown?: string;
}

function run(steps: { del: boolean; line: string; snapshot: boolean }[], hkr: string, mode: 'shared' | 'fresh' | 'no-records'): Outcome {
  const body = steps.map((s) => s.line);
  const doc = parseInf(['[Version]', 'Signature="$Windows NT$"', '[A]', ...body, ''].join('\r\n'), { fileName: 'p.inf' });
  const registry = new Registry();
  registry.createKey('HKLM\\Inst\\0000\\K\\Sub');
  const snaps: RegistrySnapshot[] = [];
  const ctx: LineContext = {
    registry,
    hkr,
    substituter: createSubstituter(doc),
    doc,
    section: 'A',
    changes: [],
    diagnostics: [],
    recordChanges: mode !== 'no-records',
  };
  let thrown: string | undefined;
  try {
    doc.section('A')!.lines().forEach((line, i) => {
      const step = steps[i]!;
      const c = mode === 'fresh' ? { ...ctx } : ctx;
      (step.del ? applyDelRegLine : applyAddRegLine)(c, line);
      if (step.snapshot) snaps.push(registry.snapshot());
    });
  } catch (e) {
    thrown = String(e);
  }
  const out: Outcome = { registry: dump(registry), snapshots: snaps.map((s) => dump(s)), changes: ctx.changes, diagnostics: ctx.diagnostics };
  if (thrown !== undefined) out.thrown = thrown;
  return out;
}

describe('kept keys and recordChanges do not change what lines do (property)', () => {
  test('shared context = a context per line; recordChanges false = same registry, no records', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), field(HKRS), (steps, hkr) => {
        const fresh = run(steps, hkr, 'fresh');
        const shared = run(steps, hkr, 'shared');
        expect(shared).toEqual(fresh);
        const lean = run(steps, hkr, 'no-records');
        expect(lean.changes).toEqual([]);
        expect({ ...lean, changes: fresh.changes }).toEqual(fresh);
      }),
      { numRuns: 300 },
    );
  });

  test('runInstallSection: recordChanges false returns no changes and the same registry', () => {
    const doc = parseInf(['[Version]', 'Signature="$Windows NT$"', '[I]', 'AddReg=A', '[A]', 'HKR,P,V,0x10001,5', 'HKLM,Software\\X,,,"d"', ''].join('\r\n'));
    const a = new Registry();
    const b = new Registry();
    const full = runInstallSection(doc, 'I', { registry: a, hkr: 'HKLM\\Inst' });
    const lean = runInstallSection(doc, 'I', { registry: b, hkr: 'HKLM\\Inst', recordChanges: false });
    expect(full.changes.length).toBe(4);
    expect(lean).toEqual({ changes: [], diagnostics: [] });
    expect(dump(b)).toEqual(dump(a));
  });
});
