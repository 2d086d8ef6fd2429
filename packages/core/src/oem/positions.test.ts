import { parseInf } from '@netmigrate/inf';
import { describe, expect, it } from 'vitest';
import { entryColumns } from './positions.js';

function columns(text: string) {
  const doc = parseInf(`[S]\n${text}\n`);
  const line = doc.section('S')?.lines()[0];
  if (!line) throw new Error('no entry');
  return entryColumns(doc, line);
}

describe('entryColumns', () => {
  it('key and each field, after blanks', () => {
    expect(columns('  key =  a , b,c')).toEqual({ key: 3, fields: [10, 14, 16] });
  });

  it('quoted commas, equals signs and semicolons do not split', () => {
    expect(columns('"a=b" = "x,y;z", w ; c, d')).toEqual({ key: 1, fields: [9, 18] });
  });

  it('no key: a bare line, or a comma before any equals sign', () => {
    expect(columns('\tbare')).toEqual({ key: 2, fields: [2] });
    expect(columns('a, b = c')).toEqual({ key: 1, fields: [1, 4] });
  });

  it('an empty value', () => {
    expect(columns('k =')).toEqual({ key: 1, fields: [4] });
  });
});
