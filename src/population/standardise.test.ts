import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byarLimits, esp2013, readEsp, standardisedRate } from './standardise.ts';

describe('direct standardisation to ESP2013 with Dobson intervals', () => {
  it('ships the ESP2013 weights: 19 bands from 5,000 at 0–4 to 1,000 at 90+, adding to 100,000', () => {
    expect(esp2013).toHaveLength(19);
    expect(esp2013[0]).toBe(5000);
    expect(esp2013[9]).toBe(7000);
    expect(esp2013[18]).toBe(1000);
    expect(() => readEsp('age_band,weight\n0-4,5000')).toThrow(/1 age bands/);
    expect(() => readEsp('band,w\n')).toThrow(/header/);
  });

  it("approximates the exact Poisson limits by Byar's method (10 events: exact 4.7954 to 18.3904)", () => {
    const [lo, hi] = byarLimits(10);
    expect(lo).toBeCloseTo(4.7954, 1);
    expect(hi).toBeCloseTo(18.3904, 2);
    expect(byarLimits(0)[0]).toBe(0);
    expect(byarLimits(0)[1]).toBeCloseTo(3.689, 1); // exact upper limit for 0 events is 3.689
  });

  it('works a two-band example by hand', () => {
    // Standard: 60,000 young and 40,000 old. Group: 10 events in 1,000 young, 40 in 500 old.
    // DSR = (0.6 × 10/1000 + 0.4 × 40/500) × 100,000 = (0.006 + 0.032) × 100,000 = 3,800.
    // var = (0.36 × 10/1000² + 0.16 × 40/500²) × 10¹⁰ = (3.6e-6 + 2.56e-5) × 10¹⁰ = 292,000.
    const r = standardisedRate([10, 40], [1000, 500], [60_000, 40_000]);
    expect(r.rate).toBeCloseTo(3800, 9);
    expect(r.standardError).toBeCloseTo(Math.sqrt(292_000), 6);
    const [lo, hi] = byarLimits(50);
    const scale = Math.sqrt(292_000 / 50);
    expect(r.lower95).toBeCloseTo(3800 + scale * (lo - 50), 6);
    expect(r.upper95).toBeCloseTo(3800 + scale * (hi - 50), 6);
  });

  it("equals the crude rate with Byar's limits when every band has the same rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 100, max: 100_000 }), (x, n) => {
        const events = esp2013.map(() => x);
        const population = esp2013.map(() => n);
        const r = standardisedRate(events, population);
        const crude = (100_000 * x) / n;
        expect(r.rate).toBeCloseTo(crude, 6);
        // With equal bands the rate sits inside its interval, which brackets the crude rate's.
        expect(r.lower95).toBeLessThan(r.rate);
        expect(r.upper95).toBeGreaterThan(r.rate);
      }),
    );
  });
});
