import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { financialYearOf, formatDate, isIsoDate, today as todayInEngland } from '../core/dates.ts';
import { formatPounds } from '../core/money.ts';
import { formatDate as lawFormatDate } from '../law/date.ts';
import { formatCount } from './format.ts';

describe('web formatting', () => {
  it('writes dates the NHS way', () => {
    expect(formatDate('2026-04-01')).toBe('1 April 2026');
    expect(formatDate('2017-12-31')).toBe('31 December 2017');
    expect(() => formatDate('2023-02-29')).toThrow();
  });

  it('agrees with the rulebook date formatter on every date', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(formatDate(iso)).toBe(lawFormatDate(iso));
      }),
    );
  });

  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1 April 2026')).toBe(false);
  });

  it('names financial years from 1 April', () => {
    expect(financialYearOf('2026-03-31')).toBe('2025/26');
    expect(financialYearOf('2026-04-01')).toBe('2026/27');
    expect(financialYearOf('1999-04-01')).toBe('1999/00');
  });

  it('writes pence as pounds with pence and thousands separators', () => {
    expect(formatPounds(0)).toBe('£0.00');
    expect(formatPounds(5)).toBe('£0.05');
    expect(formatPounds(123456789)).toBe('£1,234,567.89');
    expect(formatPounds(-1200)).toBe('-£12.00');
    expect(() => formatPounds(1.5)).toThrow();
  });

  it('round-trips any amount of pence through its text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (p) => {
        const text = formatPounds(p);
        const back = Math.round(Number(text.replace(/[£,]/g, '')) * 100);
        expect(back).toBe(p);
      }),
    );
  });

  it('counts with separators and finds today in England', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    // 23:30 UTC on 31 March 2026 is already 1 April in British Summer Time.
    expect(todayInEngland(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
  });
});
