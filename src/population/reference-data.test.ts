import { describe, expect, it } from 'vitest';
import { readReferenceFile, referenceRows } from './reference-data.ts';

describe('reference tables', () => {
  it('checks the header, reads quoted fields and names each row by its line', () => {
    const rows = referenceRows('t.csv', 'code,name\nA,"Asian, Indian"\n\nB,Black\n', 'code,name');
    expect(rows).toEqual([
      { fields: ['A', 'Asian, Indian'], where: 't.csv line 2' },
      { fields: [''], where: 't.csv line 3' },
      { fields: ['B', 'Black'], where: 't.csv line 4' },
    ]);
    expect(() => referenceRows('t.csv', 'id,name\n', 'code,name')).toThrow(
      't.csv: must start with the header code,name',
    );
  });

  it('reads the shipped files', () => {
    expect(readReferenceFile('esp2013.csv').startsWith('age_band,weight')).toBe(true);
  });
});
