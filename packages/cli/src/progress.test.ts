import { describe, expect, test } from 'vitest';
import { memoryIO } from './io.js';
import { createProgress, progressMode, useColor } from './progress.js';

describe('progress and colours', () => {
  test('live only on a terminal outside CI; lines otherwise; nothing with --json', () => {
    expect(progressMode(memoryIO({ stderrIsTTY: true }), {})).toBe('live');
    expect(progressMode(memoryIO({ stderrIsTTY: true, env: { CI: 'true' } }), {})).toBe('lines');
    expect(progressMode(memoryIO({ stderrIsTTY: true, env: { CI: '0' } }), {})).toBe('live');
    expect(progressMode(memoryIO({ stderrIsTTY: false }), {})).toBe('lines');
    expect(progressMode(memoryIO({ stderrIsTTY: true }), { json: true })).toBe('quiet');
  });

  test('--no-color and NO_COLOR switch colours off, FORCE_COLOR on, else a terminal decides', () => {
    expect(useColor(memoryIO({ stderrIsTTY: true }), {})).toBe(true);
    expect(useColor(memoryIO({ stderrIsTTY: true }), { color: false })).toBe(false);
    expect(useColor(memoryIO({ stderrIsTTY: true, env: { NO_COLOR: '1' } }), {})).toBe(false);
    expect(useColor(memoryIO({ env: { FORCE_COLOR: '1' } }), {})).toBe(true);
    expect(useColor(memoryIO({ env: { FORCE_COLOR: '0' } }), {})).toBe(false);
    expect(useColor(memoryIO({ env: { FORCE_COLOR: '1' } }), { color: false })).toBe(false);
    expect(useColor(memoryIO(), {})).toBe(false);
  });

  test('line mode: a line per step, open steps closed at the end, colours only when asked', async () => {
    const plain = memoryIO();
    const phase = await createProgress(plain, {}).phase('apply', [{ id: 'a', title: 'component a' }, { id: 'b', title: 'component b' }]);
    phase.note('a', 'install');
    phase.finish('a', 'ok', 'component a: installed');
    phase.finish('a', 'fail'); // a step finishes once
    await phase.end('applied', 'ok', 'skip');
    expect(plain.err).toBe('apply\n  ..   component a: install\n  ok   component a: installed\n  skip component b\n  ok   applied\n');

    const coloured = memoryIO({ env: { FORCE_COLOR: '1' } });
    const p2 = await createProgress(coloured, {}).phase('x', [{ id: 'a', title: 'a' }]);
    await p2.end('done', 'fail');
    expect(coloured.err).toContain('\u001b[31mFAIL\u001b[0m');
    expect(coloured.err).toContain('\u001b[1mx\u001b[0m');
  });
});
