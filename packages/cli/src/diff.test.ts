import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitLines, unifiedDiff } from './diff.js';

/** Applies a unified diff to `from`'s lines: what `patch` would do. */
function applyPatch(from: string[], diff: string): string[] {
  const lines = splitLines(diff).slice(2);
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i] as string);
    if (m === null) throw new Error(`not a hunk header: ${lines[i]}`);
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < start) out.push(from[pos++] as string);
    while (i + 1 < lines.length && !(lines[i + 1] as string).startsWith('@@')) {
      const l = lines[++i] as string;
      if (l.startsWith(' ')) { expect(from[pos]).toBe(l.slice(1)); out.push(from[pos++] as string); }
      else if (l.startsWith('-')) { expect(from[pos]).toBe(l.slice(1)); pos++; }
      else out.push(l.slice(1));
    }
  }
  while (pos < from.length) out.push(from[pos++] as string);
  return out;
}

describe('unifiedDiff', () => {
  test('a changed line in an answer file', () => {
    const a = '[params.adapter2]\r\nInfID=adapter2\r\nA=1\r\nB=2\r\nC=3\r\nD=4\r\nE=5\r\n';
    const b = a.replace('C=3', 'C=4');
    expect(unifiedDiff(a, b, { fromName: 'old.sif', toName: 'new.sif' })).toBe(
      '--- old.sif\n+++ new.sif\n@@ -2,6 +2,6 @@\n InfID=adapter2\n A=1\n B=2\n-C=3\n+C=4\n D=4\n E=5\n',
    );
    expect(unifiedDiff(a, a.replace(/\r\n/g, '\n'), { fromName: 'a', toName: 'b' })).toBe('');
  });

  test('patching the first text with the diff gives the second (random line lists)', () => {
    const text = fc.array(fc.constantFrom('[a]', 'x=1', 'x=2', 'y=1', '', '[b]'), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        const diff = unifiedDiff(a.map((l) => `${l}\n`).join(''), b.map((l) => `${l}\n`).join(''), { fromName: 'a', toName: 'b', context });
        const same = a.length === b.length && a.every((l, i) => l === b[i]);
        expect(diff === '').toBe(same);
        if (!same) expect(applyPatch(a, diff)).toEqual(b);
      }),
    );
  });
});
