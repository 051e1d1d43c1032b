import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../core/money.ts';
import { addMonths } from '../law/date-arithmetic.ts';
import {
  checkNoOverlap,
  checkPeriod,
  daysInclusive,
  daysInYear,
  monthsOf,
  parseFinancialYear,
  proRataByDays,
  yearEnd,
  yearOf,
  yearStart,
  yearsIn,
} from './calendar.ts';

const date = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2060-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('financial calendar', () => {
  it('writes and reads years 1 April to 31 March', () => {
    expect(parseFinancialYear('2025/26')).toBe('2025/26');
    expect(yearStart('2025/26')).toBe('2025-04-01');
    expect(yearEnd('2025/26')).toBe('2026-03-31');
    expect(yearOf('2026-03-31')).toBe('2025/26');
    expect(yearOf('2026-04-01')).toBe('2026/27');
    expect(parseFinancialYear('1999/00')).toBe('1999/00');
    expect(() => parseFinancialYear('2025/27', '--year')).toThrow(
      /--year: '2025\/27' is not a financial year/,
    );
    expect(daysInYear('2025/26')).toBe(365);
    expect(daysInYear('2027/28')).toBe(366);
  });

  it('has twelve months April to March whose days make the year', () => {
    const months = monthsOf('2027/28');
    expect(months.map((m) => m.label)[0]).toBe('April 2027');
    expect(months[10]).toMatchObject({
      from: '2028-02-01',
      to: '2028-02-29',
      days: 29,
      label: 'February 2028',
    });
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), (y) => {
        const year = yearOf(`${y}-06-01`);
        const ms = monthsOf(year);
        return (
          ms.reduce((s, m) => s + m.days, 0) === daysInYear(year) &&
          ms[0]?.from === yearStart(year) &&
          ms[11]?.to === yearEnd(year)
        );
      }),
    );
  });

  it('caps the day at month end when adding months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
  });

  it('pro rata by days: a whole year is the whole amount, and the parts of a split year add up within a penny each', () => {
    expect(proRataByDays(pence(36500), { from: '2025-04-01', to: '2026-03-31' }, '2025/26')).toBe(36500);
    expect(proRataByDays(pence(36500), { from: '2025-10-01', to: '2030-01-01' }, '2025/26')).toBe(18200);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 364 }), (amount, cut) => {
        const from = '2025-04-01';
        const split = new Date(Date.UTC(2025, 3, 1 + cut)).toISOString().slice(0, 10);
        const a = proRataByDays(pence(amount), { from, to: split }, '2025/26');
        const b = proRataByDays(
          pence(amount),
          { from: new Date(Date.UTC(2025, 3, 2 + cut)).toISOString().slice(0, 10), to: '2026-03-31' },
          '2025/26',
        );
        return Math.abs(a + b - amount) <= 1;
      }),
    );
  });

  it('counts days inclusively and splits any period into the years it touches', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const years = yearsIn({ from, to });
        const days = years.reduce((s, y) => {
          const f = from > yearStart(y) ? from : yearStart(y);
          const t = to < yearEnd(y) ? to : yearEnd(y);
          return s + daysInclusive({ from: f, to: t });
        }, 0);
        return days === daysInclusive({ from, to });
      }),
    );
  });

  it('refuses reversed and overlapping periods, naming them', () => {
    expect(() => checkPeriod({ from: '2026-04-01', to: '2026-03-31' }, 'term')).toThrow(
      /term: ends \(31 March 2026\) before it starts/,
    );
    expect(() =>
      checkNoOverlap(
        [
          { from: '2026-04-01', to: '2027-03-31' },
          { from: '2027-03-31', to: '2028-03-31' },
        ],
        'uplifts',
      ),
    ).toThrow(/uplifts\[1\]: overlaps uplifts\[0\]/);
  });
});
