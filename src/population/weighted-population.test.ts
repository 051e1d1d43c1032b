import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../money/rate.ts';
import { needsIndex, weightedPopulation, weightedPopulationIndex } from './weighted-population.ts';

describe('weighted population for the WPAP adjustment', () => {
  it('weights by age, sex and need exactly', () => {
    const w = weightedPopulation([
      { band: 0, sex: 'F', need: 0, persons: 10 },
      { band: 18, sex: 'M', need: 5, persons: 1 },
    ]);
    expect(w.persons).toBe(11);
    expect(w.weightedMillionths).toBe(950n * 1000n * 10n + 4100n * 2000n);
  });

  it('gives an index of exactly 1 when nothing changes and scales with the population', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 20 }), (n, k) => {
        const base = weightedPopulation([{ band: 7, sex: 'F', need: 1, persons: n }]);
        const grown = weightedPopulation([{ band: 7, sex: 'F', need: 1, persons: n * k }]);
        const same = weightedPopulationIndex(base, base);
        const index = weightedPopulationIndex(grown, base);
        return same.n === 1n && same.d === 1n && index.n === BigInt(k) && index.d === 1n;
      }),
    );
  });

  it('shows the needs index as a rounded fixed-point decimal (the money engine formatter)', () => {
    expect(formatDecimal({ n: 2n, d: 3n }, 4)).toBe('0.6667');
    expect(formatDecimal({ n: 1n, d: 8n }, 2)).toBe('0.13');
    expect(formatDecimal({ n: -1n, d: 8n }, 2)).toBe('-0.13');
    expect(
      formatDecimal(needsIndex(weightedPopulation([{ band: 9, sex: 'M', need: 0, persons: 4 }])), 3),
    ).toBe('0.720');
  });

  it('refuses an empty baseline', () => {
    expect(() => weightedPopulationIndex(weightedPopulation([]), weightedPopulation([]))).toThrow(/baseline/);
  });
});
