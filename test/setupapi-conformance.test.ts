// SetupAPI AddReg/DelReg conformance against Wine 8 without Wine: each generated case's INF was
// run by `rundll32 setupapi.dll,InstallHinfSection` in a Wine prefix holding the case's
// starting registry, and Wine's result recorded (test/conformance/setupapi-wine.test.ts,
// RECORD=1). Here @netmigrate/setupapi runs the same INF on the same starting registry and
// must leave exactly the registry Wine left, except for the deliberate differences, each of
// which must then leave exactly what Wine's behaviour there amounts to.
// docs/conformance.md ("SetupAPI") explains the cases, the fixtures and the differences.

import { RegValue, exportReg, importRegFile } from '@netmigrate/registry';
import { afterAll, describe, expect, it } from 'vitest';
import { allCases, hasStartKeys, readManifest, readRecorded } from './setupapi-conformance/cases.js';
import { compareCase } from './setupapi-conformance/compare.js';
import type { Comparison } from './setupapi-conformance/compare.js';
import { DIFFERENCE_IDS, differenceReason } from './setupapi-conformance/differences.js';
import { bytesEqual } from './reg-conformance/text.js';

const manifest = readManifest();
const cases = allCases();
const results = new Map<string, Comparison>();

function recordedFor(id: string): ReturnType<typeof readRecorded> {
  const entry = manifest.cases.find((e) => e.id === id);
  if (!entry) throw new Error(`${id}: no recorded Wine result; re-record (docs/conformance.md, "SetupAPI")`);
  return readRecorded(entry);
}

/** What the suite claims to cover: each tag must occur in at least 3 cases. */
const REQUIRED_TAGS = [
  // flags
  'keyonly', 'keyonly-common-addreg', 'noclobber-present', 'noclobber-absent', 'overwriteonly-present', 'overwriteonly-absent',
  'overwriteonly-key-absent', 'append-present', 'append-absent', 'append-wrong-type', 'append-high-word-type', 'append-not-multi-sz-type',
  'delval-key', 'delval-value-present', 'delval-value-absent', 'delval-keyonly-common-with-name', 'delreg-bit-in-addreg', 'view-bits',
  'delreg-2-fields', 'delreg-3-fields', 'delreg-flags0', 'delreg-bit', 'delreg-bit-keyonly-common', 'delreg-no-bit', 'delreg-key-absent',
  'delstring-present', 'delstring-match', 'delstring-absent', 'delstring-no-string', 'flags-empty', 'flags-absent', 'flags-decimal',
  'flags-octal', 'flags-strkey',
  // types and data
  'type-sz', 'type-expand-sz', 'type-multi-sz', 'type-binary', 'type-dword-number', 'type-dword-bytes', 'type-dword-no-data', 'type-none',
  'type-qword', 'type-high-word-binary', 'type-high-word-string', 'type-high-word-dword', 'type-high-word-multi-sz', 'data-absent',
  'data-empty', 'extra-fields', 'multi-no-strings', 'multi-empty-field-ends-list', 'trailing-comma', 'byte-empty', 'byte-leading-zeros',
  'number-hex', 'number-octal', 'number-decimal', 'short-line', 'default-value',
  // syntax and substitution
  'quote-doubled', 'quoted-comma', 'quoted-semicolon', 'quote-inside-token', 'strkey', 'strkey-mixed', 'strkey-subkey', 'strkey-section-name',
  'strkey-unknown', 'strings-value-percent', 'percent-escape', 'dirid', 'long-after-substitution', 'line-continuation', 'trailing-comment',
  'blanks-around-fields', 'inf-utf16', 'non-ansi-text',
  // keys, roots, directives
  'hkr', 'hkr-without-root', 'key-new', 'key-implicit-parents', 'deep-subkey', 'key-name-limit', 'unknown-root', 'root-letter-case',
  'root-HKCU', 'root-HKLM', 'root-HKCR', 'root-HKU', 'start-root-absent', 'both-directives', 'addreg-line-before-delreg-line',
  'several-addreg-lines', 'several-sections-per-directive', 'section-missing', 'section-list-empty-entry', 'section-named-twice',
  // the deliberate differences
  'field-over-511-chars', 'flags-above-int-max', 'flags-not-an-integer', 'binary-byte-not-hex', 'binary-byte-0x-prefix', 'binary-byte-strkey',
  'multi-sz-non-ascii-case',
];

/** Tags whose cases are differences by nature; the others must also occur in an identical case. */
const DIFFERENCE_TAGS = new Set(['append-absent', 'field-over-511-chars', 'flags-above-int-max', 'flags-not-an-integer', 'binary-byte-not-hex', 'binary-byte-0x-prefix', 'binary-byte-strkey', 'multi-sz-non-ascii-case', 'delreg-no-bit', 'delstring-present', 'delstring-match']);

function tagCount(ids: readonly string[] | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) if (!ids || ids.includes(c.id)) for (const t of c.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

describe('recorded Wine SetupAPI fixtures', () => {
  it('cover exactly the current cases', () => {
    expect(manifest.cases.map((e) => e.id)).toEqual(cases.map((c) => c.id));
  });

  it('hold the INFs and starting registries the generator produces now', () => {
    const stale = cases.filter((c) => {
      const rec = recordedFor(c.id);
      const start = rec.start === null ? !hasStartKeys(c) : bytesEqual(rec.start, c.start);
      return !bytesEqual(rec.inf, c.wineInf) || !start || rec.entry.rootKey !== c.rootKey || rec.entry.section !== c.section;
    });
    expect(stale.map((c) => c.id), 'generator changed: re-record with RECORD=1 (docs/conformance.md, "SetupAPI")').toEqual([]);
  });

  it('were recorded with every InstallHinfSection call exiting 0', () => {
    expect(manifest.cases.filter((e) => e.rundll32ExitCode !== 0).map((e) => e.id)).toEqual([]);
  });

  it('count at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('cover every feature the suite claims, in at least 3 cases each', () => {
    const counts = tagCount(null);
    expect(REQUIRED_TAGS.filter((t) => (counts.get(t) ?? 0) < 3).map((t) => `${t}: ${counts.get(t) ?? 0}`)).toEqual([]);
  });
});

describe('ours vs Wine 8 SetupAPI (recorded)', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const r = compareCase(c, recordedFor(id).wine);
    results.set(id, r);
    if (r.status === 'mismatch') throw new Error(`${id} (${c.tags.join(' ')}):\n${r.problems.join('\n')}`);
  });

  it('notices a one-byte change in what Wine left (the comparison can fail)', () => {
    const mutated: string[] = [];
    for (const [id, r] of results) {
      if (r.status !== 'equal' || mutated.length >= 25) continue;
      const c = cases.find((x) => x.id === id)!;
      const wine = recordedFor(id).wine;
      if (!wine) continue;
      const { registry } = importRegFile(wine);
      const first = (function find(path: string): [string, RegValue] | undefined {
        const k = registry.key(path)!;
        const v = k.values()[0];
        if (v) return [path, v];
        for (const sub of k.subkeys()) {
          const hit = find(`${path}\\${sub.name}`);
          if (hit) return hit;
        }
        return undefined;
      })(c.rootKey);
      if (!first) continue;
      registry.setValue(first[0], RegValue.raw(first[1].name, first[1].type, Uint8Array.from([...first[1].data, 0x5a])));
      const bytes = exportReg(registry, { format: 'regedit5', keys: [c.rootKey], sortValues: true });
      expect(compareCase(c, bytes).status, id).toBe('mismatch');
      mutated.push(id);
    }
    expect(mutated.length).toBe(25);
  });

  it('every deliberate difference is still needed by some case', () => {
    const used = new Set([...results.values()].flatMap((r) => r.differences));
    expect(DIFFERENCE_IDS.filter((d) => !used.has(d))).toEqual([]);
  });

  it('every feature also occurs in a case compared as is', () => {
    const identical = [...results.values()].filter((r) => r.status === 'equal').map((r) => r.id);
    const counts = tagCount(identical);
    expect(REQUIRED_TAGS.filter((t) => !DIFFERENCE_TAGS.has(t) && !counts.get(t))).toEqual([]);
  });

  afterAll(() => {
    const all = [...results.values()];
    const equal = all.filter((r) => r.status === 'equal').length;
    const explained = all.filter((r) => r.status === 'explained');
    const byId = new Map<string, string[]>();
    for (const r of explained) for (const d of r.differences) byId.set(d, [...(byId.get(d) ?? []), r.id]);
    const lines = [...byId].map(([d, ids]) => `  ${d} (${ids.length}): ${ids.join(' ')}\n    ${differenceReason(d)}`);
    console.log(
      `setupapi conformance (${manifest.wineVersion}): ${all.length} cases: ${equal} compared and identical, ` +
        `${explained.length} kept out as deliberate differences (each equal to Wine once the difference is applied), ` +
        `${all.length - equal - explained.length} mismatched\n${lines.join('\n')}`,
    );
  });
});
