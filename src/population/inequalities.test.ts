import { describe, expect, it } from 'vitest';
import { prematureMortality } from './inequalities.ts';
import { defaultSuppression, noSuppression } from './suppress.ts';

/** Life-table bands: 0, 1–4, 5–9 … 85–89, 90+ (20). */
const bands = 20;

describe('premature mortality (under 75, ESP2013)', () => {
  it('equals the age-specific rate when every band under 75 has the same rate, and ignores deaths at 75+', () => {
    // 1,000 people in each five-year band (200 aged 0 and 800 aged 1–4), 2 deaths in each
    // five-year band over 3 years: 2 ÷ 3,000 person-years = 66.67 per 100,000 a year.
    const population = Array.from({ length: bands }, (_, i) => (i === 0 ? 200 : i === 1 ? 800 : 1000));
    const deaths = Array.from({ length: bands }, (_, i) => (i === 0 || i === 1 ? 1 : i <= 15 ? 2 : 50));
    const row = prematureMortality(deaths, population, 3, noSuppression);
    expect(row.deaths).toBe(30);
    expect(row.per100000).toBeCloseTo(66.7, 1);
    expect(row.lower95).toBeLessThan(row.per100000 as number);
    expect(row.upper95).toBeGreaterThan(row.per100000 as number);
  });

  it('is withheld for fewer than 10 deaths', () => {
    const population = new Array(bands).fill(1000);
    const deaths = Array.from({ length: bands }, (_, i) => (i < 9 ? 1 : 0));
    const row = prematureMortality(deaths, population, 3, defaultSuppression);
    expect(row.per100000).toBeNull();
    expect(row.deaths).toBe(10); // 9 deaths round to 10
  });
});
