import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { formatDate, isIsoDate, today } from './date.ts';

const anyDay = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

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

  it('refuses to write what is not a date', () => {
    expect(() => formatDate('2023-02-29')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  it("knows today's date in England", () => {
    expect(today()).toBe(Temporal.Now.plainDateISO('Europe/London').toString());
  });
});
