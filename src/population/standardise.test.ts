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

/**
 * OHID's worked example for directly standardised rates: the test data OHID (formerly PHE) ships
 * with its PHEindicatormethods R package (ukhsa-collaboration/PHEindicatormethods,
 * tests/testthat/testdata_DSR_ISR.xlsx: sheet testdata_multiarea, areas testdata_big and
 * testdata_small, and sheet testresults_DSR, "dsr per 100000", Dobson). The package's tests were
 * first written to cover "all functionality within the APHO Excel Tool: Common PH statistics and
 * their CIs" (its commit b58fe30, December 2017); the method is PHE's "Technical guide: direct
 * standardisation". The standard is ESP2013 (the package's esp2013, the same 19 weights as ours).
 * The sheet labels the 55–59 band "55-69"; it is the twelfth of the 19 five-year bands.
 */
describe('directly standardised rate (OHID worked example)', () => {
  const population = [
    636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207,
  ];
  const big = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91];
  const small = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4];

  it('gives 895 events in 8,970 people as 10,430.25 per 100,000 (95% CI 9,717.71 to 11,178.94)', () => {
    const r = standardisedRate(big, population);
    expect(r.events).toBe(895);
    expect(r.population).toBe(8970);
    expect(r.rate).toBeCloseTo(10430.247991469423, 8);
    expect(r.lower95).toBeCloseTo(9717.709067985681, 8);
    expect(r.upper95).toBeCloseTo(11178.94091547925, 8);
  });

  it('gives 91 events as 1,103.21 per 100,000 (95% CI 877.46 to 1,367.09)', () => {
    // The sheet's third area, testdata_tiny, has 9 events and no rate: PHE gives none from fewer
    // than 10 events. standardisedRate still works one out; the analyses withhold it by the same
    // floor (disclosure.ts, minimumEvents).
    const r = standardisedRate(small, population);
    expect(r.events).toBe(91);
    expect(r.rate).toBeCloseTo(1103.212025300104, 8);
    expect(r.lower95).toBeCloseTo(877.455767536709, 8);
    expect(r.upper95).toBeCloseTo(1367.0882227251795, 8);
  });
});
