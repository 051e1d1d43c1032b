import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { type SiiDecile, slopeIndex } from './slope-index.ts';

/** Deciles whose values lie on value = 70 + 10 × ridit, where the ridit is worked out over `populations`. */
function onLine(populations: readonly number[], hasValue: (decile: number) => boolean): SiiDecile[] {
  const total = populations.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  return populations.map((population, i) => {
    const x = (cumulative + population / 2) / total;
    cumulative += population;
    return { decile: i + 1, population, value: hasValue(i + 1) ? 70 + 10 * x : null };
  });
}

describe('slope index of inequality', () => {
  it('recovers the slope of values lying on a straight line in the ridit', () => {
    const sii = slopeIndex(onLine(new Array(10).fill(100), () => true));
    expect(sii.value).toBeCloseTo(10, 10);
    expect(sii.decilesUsed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sii.note).toBeNull();
  });

  it('keeps every decile with people on the ridit scale when some have no figure', () => {
    // Deciles 7–10 have people but no figure (say, a life table that cannot close). Fitting only
    // deciles 1–6 spread over the whole scale would give 10 × 6400 / 6000 ≈ 10.67, not 10.
    const deciles = onLine([1000, 1000, 1000, 1000, 1000, 1000, 100, 100, 100, 100], (d) => d <= 6);
    const sii = slopeIndex(deciles);
    expect(sii.value).toBeCloseTo(10, 10);
    expect(sii.decilesWithPeople).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sii.decilesUsed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sii.note).toMatch(/deciles 7, 8, 9, 10 have no figure/);
  });

  it('spans only the deciles with people, and says which have nobody', () => {
    const deciles = onLine([500, 400, 300, 200, 100, 100, 0, 0, 0, 0], (d) => d <= 6);
    const sii = slopeIndex(deciles);
    expect(sii.value).toBeCloseTo(10, 10);
    expect(sii.note).toMatch(/deciles 7, 8, 9, 10 have nobody/);
  });

  it('is withheld with its reason when too few deciles have a figure or they hold too few people', () => {
    const few = slopeIndex(onLine(new Array(10).fill(100), (d) => d <= 4));
    expect(few.value).toBeNull();
    expect(few.note).toMatch(/only 4 of the deciles/);
    const thin = slopeIndex(onLine([10, 10, 10, 10, 10, 1000, 1000, 0, 0, 0], (d) => d <= 5));
    expect(thin.value).toBeNull();
    expect(thin.note).toMatch(/hold only 2% of the people/);
  });

  it('weights by population', () => {
    // Five deciles at 0 and five at 1, but the first five hold 4/5 of the people.
    const deciles = [400, 400, 400, 400, 400, 100, 100, 100, 100, 100].map((population, i) => ({
      decile: i + 1,
      population,
      value: i < 5 ? 0 : 1,
    }));
    const equal = slopeIndex(deciles.map((d) => ({ ...d, population: 100 })));
    expect(slopeIndex(deciles).value).not.toBeCloseTo(equal.value as number, 3);
  });

  it('gives the 95% interval PHE’s simulation converges to, widening with the standard errors', () => {
    const base = onLine(new Array(10).fill(1000), () => true);
    const exact = slopeIndex(base.map((d) => ({ ...d, standardError: 0 })));
    expect(exact.lower95).toBeCloseTo(10, 10);
    expect(exact.upper95).toBeCloseTo(10, 10);
    const noisy = slopeIndex(base.map((d) => ({ ...d, standardError: 0.5 })));
    const wider = slopeIndex(base.map((d) => ({ ...d, standardError: 1 })));
    expect(noisy.lower95).toBeLessThan(10);
    expect(noisy.upper95).toBeGreaterThan(10);
    expect((wider.upper95 as number) - (wider.lower95 as number)).toBeGreaterThan(
      (noisy.upper95 as number) - (noisy.lower95 as number),
    );
    // Against a simulation as PHE's tool runs it (values drawn from normals, line refitted).
    const random = new Random(7);
    const normal = () =>
      Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
    const slopes = Array.from(
      { length: 4_000 },
      () =>
        slopeIndex(base.map((d) => ({ ...d, value: (d.value as number) + 0.5 * normal() }))).value as number,
    );
    const mean = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    const sd = Math.sqrt(slopes.reduce((a, b) => a + (b - mean) ** 2, 0) / (slopes.length - 1));
    const half = ((noisy.upper95 as number) - (noisy.lower95 as number)) / 2;
    expect(Math.abs(1.96 * sd - half) / half).toBeLessThan(0.05);
    expect(mean).toBeCloseTo(10, 1);
    // Without standard errors there is no interval.
    expect(slopeIndex(base).lower95).toBeNull();
  });
});
