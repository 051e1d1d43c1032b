import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, splitCsvRecord } from './csv.ts';
import { csvField } from './population/formats/text-input.ts';

describe('CSV', () => {
  it('splits quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(parseCsv('\ufeffcode,name\r\nQUA,"Black Country, ICB"\r\nX,"say ""hi""\nthere"\n')).toEqual([
      ['code', 'name'],
      ['QUA', 'Black Country, ICB'],
      ['X', 'say "hi"\nthere'],
    ]);
    expect(parseCsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('says when a quoted field runs on past the end of a line', () => {
    expect(splitCsvRecord('1,"open')).toEqual({ fields: ['1', 'open'], open: true });
    expect(splitCsvRecord('a\tb', '\t')).toEqual({ fields: ['a', 'b'], open: false });
  });

  it('reads back whatever is written with csvField', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', '£') });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { maxLength: 5 }), (rows) => {
        const csv = rows.map((r) => `${r.map(csvField).join(',')}\n`).join('');
        expect(parseCsv(csv)).toEqual(rows);
      }),
    );
  });
});
