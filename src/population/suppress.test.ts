import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSuppression, isDisclosive, noSuppression, suppress } from './suppress.ts';

describe('small-number suppression', () => {
  it('suppresses 1 to 7 and rounds the rest to the nearest 5 by default', () => {
    expect([0, 1, 7, 8, 10, 12, 13, 1234].map((n) => suppress(n))).toEqual([
      0,
      null,
      null,
      10,
      10,
      10,
      15,
      1235,
    ]);
  });

  it('never shows a count within the suppressed range and never moves a count by more than half a step', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), (n) => {
        const s = suppress(n, defaultSuppression);
        if (n >= 1 && n <= 7) return s === null;
        if (n === 0) return s === 0;
        return s !== null && s % 5 === 0 && Math.abs(s - n) <= 2.5 && s >= 10;
      }),
    );
  });

  it('leaves counts alone when suppression is off, and refuses non-counts', () => {
    expect(suppress(3, noSuppression)).toBe(3);
    expect(() => suppress(-1)).toThrow(/not a count/);
    expect(isDisclosive(5)).toBe(true);
    expect(isDisclosive(0)).toBe(false);
  });
});
