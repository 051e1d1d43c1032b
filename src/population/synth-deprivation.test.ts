import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibratedPull, decileShares, fitDecileFactors } from './synth-deprivation.ts';

const everyDecile = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('fitting where synthetic patients live to the ICB decile mix', () => {
  it('brings the expected people per decile to the target, each practice keeping its own lean', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // Every practice has an LSOA in every decile, and maybe more.
            extra: fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 10 }),
            pull: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
            people: fc.integer({ min: 1, max: 10_000 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 10, maxLength: 10 }),
        (drawn, weights) => {
          const practices = drawn.map((p) => {
            const deciles = [...everyDecile, ...p.extra];
            return { deciles, pull: p.pull.slice(0, deciles.length), people: p.people };
          });
          const sum = weights.reduce((a, b) => a + b, 0);
          const target = Float64Array.from(weights, (w) => w / sum);
          const factors = fitDecileFactors(practices, target);
          const total = practices.reduce((n, p) => n + p.people, 0);
          const expected = new Float64Array(10);
          for (const p of practices) {
            const pull = calibratedPull(p, factors);
            const all = pull.reduce((a, b) => a + b, 0);
            pull.forEach((w, i) => {
              const d = (p.deciles[i] as number) - 1;
              expected[d] = (expected[d] as number) + (p.people * w) / all;
            });
            // Within a decile, LSOAs keep the practice's own relative pull.
            if (p.deciles.length > 10) {
              const twin = (p.deciles[10] as number) - 1;
              expect((pull[10] as number) / (pull[twin] as number)).toBeCloseTo(
                (p.pull[10] as number) / (p.pull[twin] as number),
                9,
              );
            }
          }
          expected.forEach((e, d) => expect(e / total).toBeCloseTo(target[d] as number, 4));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives the share of LSOAs per decile', () => {
    expect(Array.from(decileShares([1, 1, 2, 10]))).toEqual([0.5, 0.25, 0, 0, 0, 0, 0, 0, 0, 0.25]);
  });
});
