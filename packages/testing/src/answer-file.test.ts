// Reading an answer file as SetupAPI does.

import { describe, expect, test } from 'vitest';
import { AnswerFileText } from './answer-file.js';

const SIF = [
  '[NetAdapters]',
  'tern_isdn_u=params.tern_isdn_u',
  '',
  '; a comment line',
  '[params.tern_isdn_u.OemSection]',
  'InfToRunAfterInstall="", tern_isdn_u.SectionToRun ; after install',
  '',
  '[tern_isdn_u.SectionToRun.AddReg]',
  'HKR,0\\0,IsdnPhoneNumber,0,"555;0100"',
  'HKR,,LogDirectory,0x00020000,"%%SystemRoot%%\\Larkspur"',
  '',
  '[netadapters]',
  'second=params.second',
  '',
].join('\r\n');

describe('AnswerFileText', () => {
  const answer = AnswerFileText.fromText(SIF);

  test('sections merge case-insensitively, in file order', () => {
    expect(answer.sectionNames()).toEqual(['NetAdapters', 'params.tern_isdn_u.OemSection', 'tern_isdn_u.SectionToRun.AddReg']);
    expect(answer.hasSection('NETADAPTERS')).toBe(true);
    expect(answer.hasSection('nope')).toBe(false);
    expect(answer.lines('netadapters')).toEqual(['tern_isdn_u=params.tern_isdn_u', 'second=params.second']);
    expect(answer.lines('nope')).toBeUndefined();
  });

  test('lines are as written without comments; a quoted ; is data', () => {
    expect(answer.lines('params.tern_isdn_u.OemSection')).toEqual(['InfToRunAfterInstall="", tern_isdn_u.SectionToRun']);
    expect(answer.lines('tern_isdn_u.SectionToRun.AddReg')?.[0]).toBe('HKR,0\\0,IsdnPhoneNumber,0,"555;0100"');
  });

  test('value: SetupGetLineText (fields joined, %% substituted)', () => {
    expect(answer.value('params.tern_isdn_u.OemSection', 'infToRunAfterInstall')).toBe(',tern_isdn_u.SectionToRun');
    expect(answer.value('NetAdapters', 'second')).toBe('params.second');
    expect(answer.value('NetAdapters', 'third')).toBeUndefined();
    const [, expand] = answer.entries('tern_isdn_u.SectionToRun.AddReg') ?? [];
    expect(expand).toMatchObject({ key: null, fields: ['HKR', '', 'LogDirectory', '0x00020000', '%%SystemRoot%%\\Larkspur'], line: 10 });
  });
});
