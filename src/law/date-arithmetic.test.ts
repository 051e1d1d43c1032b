import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from './date.ts';
import { addDays, addMonths, addWorkingDays, monthEnd } from './date-arithmetic.ts';

const date = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('contract dates agree with Temporal', () => {
  it('adds days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(d, n)).toBe(Temporal.PlainDate.from(d).add({ days: n }).toString());
      }),
    );
  });

  it('adds months, clamping to the month end', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -240, max: 240 }), (d, n) => {
        expect(addMonths(d, n)).toBe(
          Temporal.PlainDate.from(d).add({ months: n }, { overflow: 'constrain' }).toString(),
        );
      }),
    );
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('skips weekends when counting working days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 30 }), (d, n) => {
        let t = Temporal.PlainDate.from(d);
        for (let left = n; left > 0; ) {
          t = t.add({ days: 1 });
          if (t.dayOfWeek <= 5) left--;
        }
        expect(addWorkingDays(d, n)).toBe(t.toString());
      }),
    );
  });

  it('names month ends', () => {
    expect(monthEnd('2023-02-10')).toBe('2023-02-28');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
  });
});

describe('real dates', () => {
  it('accepts exactly the dates Temporal accepts, written YYYY-MM-DD, from year 0001', () => {
    const digits = (n: number, max: number) =>
      fc.integer({ min: 0, max }).map((x) => String(x).padStart(n, '0'));
    fc.assert(
      fc.property(digits(4, 9999), digits(2, 13), digits(2, 32), (y, m, d) => {
        const text = `${y}-${m}-${d}`;
        let real: boolean;
        try {
          // PostgreSQL has no year 0000, so neither does Concordat.
          real = Temporal.PlainDate.from(text, { overflow: 'reject' }).toString() === text && y !== '0000';
        } catch {
          real = false;
        }
        return isIsoDate(text) === real;
      }),
    );
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-28')).toBe(false);
  });
});
