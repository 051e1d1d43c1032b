import { describe, expect, it } from 'vitest';
import { decileGap } from './decile-gap.ts';

const deciles = (values: (number | null)[]) => values.map((value, i) => ({ decile: i + 1, value }));

describe('decile 1 against decile 10', () => {
  it('gives the gap the same way round as the SII and the ratio most ÷ least deprived', () => {
    const gap = decileGap(deciles([150, 140, 130, 120, 110, 100, 95, 90, 80, 60]));
    expect(gap).toEqual({ mostDeprived: 150, leastDeprived: 60, absolute: -90, relative: 2.5, note: null });
  });

  it('names the decile without a figure instead of guessing', () => {
    expect(decileGap(deciles([null, 1, 1, 1, 1, 1, 1, 1, 1, 2]))).toMatchObject({
      absolute: null,
      relative: null,
      note: 'no figure for decile 1',
    });
    expect(decileGap(deciles([3, 1, 1, 1, 1, 1, 1, 1, 1, 0]))).toMatchObject({
      absolute: -3,
      relative: null,
    });
  });
});
