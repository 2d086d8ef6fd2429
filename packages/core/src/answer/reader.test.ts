import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfSyntaxError } from '@netmigrate/inf';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../test-support/fixtures.js';
import { answerFileReader } from './reader.js';

const TEXT = [
  '[Version]',
  'Signature="$Windows NT$"',
  '',
  '[params.Adapter2]',
  'InfID=isdn2',
  'OemSection = params.Adapter2.OemSection ; the engine wrote this',
  'Phone = "111-1111", "a,b"',
  'Percent=100%%',
  'Str=%Name%',
  'bare',
  'a,b',
  'Long=1,\\',
  ' 2',
  '',
  '[PARAMS.adapter2]',
  'Merged=yes',
  '',
  '[Strings]',
  'Name="Acme ISDN"',
  '',
].join('\r\n');

describe('answerFileReader (hinfAnswerFile for DoPostUpgradeProcessing)', () => {
  const reader = answerFileReader(TEXT);

  it('lists sections in file order, first spelling, merged case-insensitively', () => {
    expect(reader.sectionNames()).toEqual(['Version', 'params.Adapter2', 'Strings']);
    expect([reader.hasSection('PARAMS.ADAPTER2'), reader.hasSection('Missing')]).toEqual([true, false]);
  });

  it('gives each entry as written, without its line ending', () => {
    expect(reader.lines('params.adapter2')).toEqual([
      'InfID=isdn2',
      'OemSection = params.Adapter2.OemSection ; the engine wrote this',
      'Phone = "111-1111", "a,b"',
      'Percent=100%%',
      'Str=%Name%',
      'bare',
      'a,b',
      'Long=1,\\\r\n 2',
      'Merged=yes',
    ]);
    expect(reader.lines('Missing')).toBeUndefined();
  });

  it('answers value() as SetupFindFirstLine + SetupGetLineText: fields substituted and joined', () => {
    const v = (key: string) => reader.value('PARAMS.ADAPTER2', key);
    expect([v('phone'), v('Percent'), v('Str'), v('bare'), v('Long'), v('merged'), v('OemSection')]).toEqual([
      '111-1111,a,b', '100%', 'Acme ISDN', 'bare', '1,2', 'yes', 'params.Adapter2.OemSection',
    ]);
    expect([v('Missing'), reader.value('Missing', 'InfID')]).toEqual([undefined, undefined]);
  });

  it('splits entries into key and fields with quotes removed and nothing substituted', () => {
    expect(reader.entries('params.adapter2')).toEqual([
      { key: 'InfID', fields: ['isdn2'] },
      { key: 'OemSection', fields: ['params.Adapter2.OemSection'] },
      { key: 'Phone', fields: ['111-1111', 'a,b'] },
      { key: 'Percent', fields: ['100%%'] },
      { key: 'Str', fields: ['%Name%'] },
      { key: 'bare', fields: ['bare'] },
      { key: null, fields: ['a', 'b'] },
      { key: 'Long', fields: ['1', '2'] },
      { key: 'Merged', fields: ['yes'] },
    ]);
    expect(reader.entries('Missing')).toBeUndefined();
  });

  it('reads the answer file the Winnt32 phase wrote for the documented ISDN example', () => {
    const sif = answerFileReader(readFileSync(join(PACKAGE_ROOT, 'fixtures', 'winnt32', 'golden', 'isdn-example-gui-mode.sif'), 'latin1'));
    expect(sif.value('params.adapter2', 'OemSection')).toBe('params.adapter2.OemSection');
    expect(sif.entries('adapter2.SectionToRun.AddReg')?.slice(0, 2)).toEqual([
      { key: null, fields: ['HKR', '0\\0', 'IsdnPhoneNumber', '0', '111-1111'] },
      { key: null, fields: ['HKR', '0\\1', 'IsdnPhoneNumber', '0', '222-2222'] },
    ]);
  });

  it('keeps the parsed document out of the plugin\'s reach', () => {
    expect(Object.keys(reader)).toEqual([]);
    const entries = reader.entries('params.adapter2') as unknown as { fields: string[] }[];
    expect(() => entries[0]?.fields.push('x')).toThrow(TypeError);
  });

  it('refuses text SetupAPI could not open, naming the line', () => {
    const e = (() => {
      try {
        answerFileReader('[Ok]\r\nx=1\r\n[Broken\r\n', 'winnt.sif');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(InfSyntaxError);
    expect(e).toMatchObject({ code: 'ERROR_BAD_SECTION_NAME_LINE', file: 'winnt.sif', line: 3 });
  });
});
