import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { financialYearOf, formatDate, isIsoDate, today } from './dates.ts';

const anyDay = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const englishDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

describe('dates', () => {
  it('writes any date as NHS documents do, as Temporal reads it', () => {
    fc.assert(
      fc.property(anyDay, (iso) => {
        const d = Temporal.PlainDate.from(iso);
        expect(formatDate(iso)).toBe(`${d.day} ${d.toLocaleString('en-GB', { month: 'long' })} ${d.year}`);
      }),
    );
    expect(formatDate('2026-04-01')).toBe('1 April 2026');
  });

  it('knows real calendar dates, as Temporal does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          let real = true;
          try {
            Temporal.PlainDate.from(iso, { overflow: 'reject' });
          } catch {
            real = false;
          }
          expect(isIsoDate(iso)).toBe(real);
        },
      ),
    );
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('1 April 2026')).toBe(false);
    expect(() => formatDate('2023-02-29')).toThrow(RangeError);
  });

  it('finds the date in England at any moment, clocks changes included, as the time-zone database does', () => {
    const moment = fc.date({
      min: new Date('1997-01-01T00:00:00Z'),
      max: new Date('2037-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(moment, (at) => {
        expect(today(at), at.toISOString()).toBe(englishDate.format(at));
      }),
    );
    // Just either side of the changes in 2026: 29 March and 25 October, 01:00 GMT.
    expect(today(new Date('2026-03-28T23:59:59Z'))).toBe('2026-03-28');
    expect(today(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(today(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(today(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('names financial years from 1 April', () => {
    expect(financialYearOf('2026-03-31')).toBe('2025/26');
    expect(financialYearOf('2026-04-01')).toBe('2026/27');
    expect(financialYearOf('1999-04-01')).toBe('1999/00');
  });
});
