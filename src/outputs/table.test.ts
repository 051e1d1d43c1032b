import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv.ts';
import { tableCsv } from './csv.ts';
import { displayCell, penceAsDecimal, pickTable, type TableSet } from './table.ts';
import { tableSetXlsx } from './xlsx.ts';

const set: TableSet = {
  title: 'Test budget',
  asOf: '2026-04-01',
  illustrative: 'Illustrative figures',
  sources: [
    {
      title: 'National Health Service Act 2006, s.75',
      url: 'https://www.legislation.gov.uk/ukpga/2006/41/section/75',
    },
  ],
  tables: [
    {
      id: 'lines',
      title: 'Budget lines',
      columns: [
        { key: 'what', heading: 'Line', kind: 'text' },
        { key: 'value', heading: 'Value', kind: 'pounds' },
        { key: 'from', heading: 'From', kind: 'date' },
        { key: 'people', heading: 'People', kind: 'patients' },
        { key: 'share', heading: 'Share', kind: 'percent' },
      ],
      rows: [
        { what: 'Community, "adult"', value: 123456789, from: '2026-04-01', people: 3, share: '12.50%' },
        { what: 'Refund', value: -5, from: '2027-03-31', people: 1234, share: null },
      ],
    },
  ],
};

describe('CSV', () => {
  it('writes exact pounds, ISO dates, suppressed counts and quoted text', () => {
    const rows = parseCsv(tableCsv(set.tables[0] as never));
    expect(rows[0]).toEqual(['Line', 'Value (£)', 'From', 'People', 'Share']);
    expect(rows[1]).toEqual(['Community, "adult"', '1234567.89', '2026-04-01', 'fewer than 8', '12.50%']);
    expect(rows[2]).toEqual(['Refund', '-0.05', '2027-03-31', '1235', '']);
  });

  it('keeps every amount to the penny', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (p) => {
        expect(Math.round(Number(penceAsDecimal(p)) * 100)).toBe(p);
        expect(penceAsDecimal(p)).toMatch(/^-?\d+\.\d\d$/);
      }),
    );
  });
});

describe('Excel', () => {
  it('has number and date cells, £ formats, a frozen heading and a sources sheet', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tableSetXlsx(set, '2026-12-05')) as never);
    const sheet = book.getWorksheet('Budget lines');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = sheet?.getRow(2);
    expect(row?.getCell(2).value).toBe(1234567.89);
    expect(row?.getCell(2).numFmt).toContain('£');
    expect(row?.getCell(3).value).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(row?.getCell(4).value).toBe('fewer than 8');
    expect(row?.getCell(5).value).toBe(0.125);
    expect(sheet?.getRow(3).getCell(4).value).toBe(1235);
    const sources = book.getWorksheet('Sources and dates');
    const text = JSON.stringify(sources?.getSheetValues());
    expect(text).toContain('Open Government Licence');
    expect(text).toContain('Illustrative figures');
    expect(text).toContain('https://www.legislation.gov.uk/ukpga/2006/41/section/75');
  });
});

describe('tables', () => {
  it('shows money and dates as people read them', () => {
    expect(displayCell({ key: 'v', heading: 'V', kind: 'pounds' }, 123456)).toBe('£1,234.56');
    expect(displayCell({ key: 'd', heading: 'D', kind: 'date' }, '2026-04-01')).toBe('1 April 2026');
  });

  it('names the tables there are when asked for one that is not', () => {
    expect(() => pickTable(set, 'nope')).toThrow(/Use one of lines/);
  });
});
