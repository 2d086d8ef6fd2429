import { describe, expect, it } from 'vitest';
import { ERROR_INVALID_PARAMETER } from '../contract/constants.js';
import { AnswerFileError } from '../contract/errors.js';
import { AnswerFileRecorder, replayOps } from './recorder.js';

function thrown(fn: () => void): AnswerFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AnswerFileError) return e;
    throw e;
  }
  throw new Error('expected an AnswerFileError');
}

describe('AnswerFileRecorder', () => {
  it('records the documented OEM section, in call order', () => {
    const w = new AnswerFileRecorder({ taken: ['NetAdapters', 'params.adapter2'] });
    w.addSection('params.adapter2.OemSection');
    w.addLine('params.adapter2.OemSection', 'InfToRunAfterInstall="", adapter2.SectionToRun');
    w.addSection('adapter2.SectionToRun');
    w.addLine('adapter2.SectionToRun', 'AddReg=adapter2.SectionToRun.AddReg');
    expect(w.ops).toEqual([
      { kind: 'addSection', name: 'params.adapter2.OemSection' },
      { kind: 'addLine', section: 'params.adapter2.OemSection', line: 'InfToRunAfterInstall="", adapter2.SectionToRun' },
      { kind: 'addSection', name: 'adapter2.SectionToRun' },
      { kind: 'addLine', section: 'adapter2.SectionToRun', line: 'AddReg=adapter2.SectionToRun.AddReg' },
    ]);
  });

  it('keeps the engine sections invisible: adding a line to one is "no such section"', () => {
    const w = new AnswerFileRecorder({ taken: ['NetAdapters'] });
    const e = thrown(() => w.addLine('NetAdapters', 'evil=params.evil'));
    expect(e.code).toBe(ERROR_INVALID_PARAMETER);
    expect(e.message).toBe('addLine("NetAdapters", …) failed with ERROR_INVALID_PARAMETER (87): no such section: a plugin can add lines only to sections it added itself with addSection in this run');
    expect(w.ops).toEqual([]);
  });

  it('refuses to take over an existing section by adding it, case-insensitively', () => {
    const w = new AnswerFileRecorder({ taken: ['NetAdapters'] });
    const e = thrown(() => w.addSection('netadapters'));
    expect(e.reason).toBe('a section of that name already exists and belongs to the engine or another plugin');
    expect(() => w.addLine('netadapters', 'x=1')).toThrow(AnswerFileError);
  });

  it('lets a plugin add lines to sections it owns from earlier components, and re-adding one merges', () => {
    const w = new AnswerFileRecorder({ owned: ['Acme.Shared'], taken: ['NetAdapters'] });
    w.addSection('ACME.SHARED');
    w.addLine('acme.shared', 'Count=2');
    expect(w.ops).toEqual([{ kind: 'addLine', section: 'acme.shared', line: 'Count=2' }]);
  });

  it('treats adding its own new section twice as one section', () => {
    const w = new AnswerFileRecorder();
    w.addSection('A');
    w.addSection('a');
    expect(w.ops).toEqual([{ kind: 'addSection', name: 'A' }]);
  });

  it('throws typed errors for invalid names and lines and records nothing for them', () => {
    const w = new AnswerFileRecorder();
    expect(thrown(() => w.addSection('x]\n[NetAdapters')).operation).toBe('addSection');
    w.addSection('ok');
    const e = thrown(() => w.addLine('ok', 'a=1\r\n[NetAdapters]'));
    expect([e.operation, e.section, e.line, e.code]).toEqual(['addLine', 'ok', 'a=1\r\n[NetAdapters]', 87]);
    expect(w.ops).toEqual([{ kind: 'addSection', name: 'ok' }]);
  });

  it('hands out copies, so a plugin cannot edit what was recorded', () => {
    const w = new AnswerFileRecorder();
    w.addSection('a');
    (w.ops as { kind: string; name: string }[]).push({ kind: 'addSection', name: 'NetAdapters' });
    (w.ops[0] as { name: string }).name = 'NetAdapters';
    expect(w.ops).toEqual([{ kind: 'addSection', name: 'a' }]);
  });
});

describe('replayOps', () => {
  const scope = { taken: ['NetAdapters'], owned: [] };

  it('accepts what a recorder would accept and normalizes duplicate adds', () => {
    const ops = [
      { kind: 'addSection', name: 'a' },
      { kind: 'addSection', name: 'A' },
      { kind: 'addLine', section: 'a', line: 'x=1' },
    ];
    expect(replayOps(ops, scope)).toEqual([{ kind: 'addSection', name: 'a' }, { kind: 'addLine', section: 'a', line: 'x=1' }]);
  });

  it('refuses forged ops with the writer error', () => {
    expect(() => replayOps([{ kind: 'addLine', section: 'NetAdapters', line: 'evil=1' }], scope)).toThrow('no such section');
    expect(() => replayOps([{ kind: 'addSection', name: 'a\nb' }], scope)).toThrow(AnswerFileError);
  });

  it('refuses what is not an op list', () => {
    expect(() => replayOps('x', scope)).toThrow('answer-file ops must be an array');
    expect(() => replayOps([null], scope)).toThrow('answer-file op 0 is not an object');
    expect(() => replayOps([{ kind: 'deleteSection', name: 'a' }], scope)).toThrow('answer-file op 0 has unknown kind "deleteSection"');
  });
});
