import { describe, expect, it } from 'vitest';
import { ageBand, ageBandLabel, ageBandStarts, lifeTable } from './lifetable.ts';

const bands = ageBandStarts.length;

describe('abridged life table (Chiang II)', () => {
  it('gives 90 + 1/M when everyone survives to the open interval', () => {
    const deaths = new Array(bands).fill(0);
    deaths[bands - 1] = 250;
    const personYears = new Array(bands).fill(1000);
    const le = lifeTable({ deaths, personYears });
    expect(le.atBirth).toBeCloseTo(90 + 1000 / 250, 10);
    expect(le.byAge[bands - 1]).toBeCloseTo(4, 10);
  });

  it('matches a hand calculation for one infant death rate', () => {
    // M0 = 0.01, n = 1, a = 0.1: q0 = 0.01 / (1 + 0.9 * 0.01); L0 = l1 + 0.1 d0; everyone else reaches 90.
    const deaths = new Array(bands).fill(0);
    deaths[0] = 10;
    deaths[bands - 1] = 100;
    const personYears = new Array(bands).fill(1000);
    const q0 = 0.01 / 1.009;
    const l1 = 100_000 * (1 - q0);
    const L0 = l1 + 0.1 * (100_000 - l1);
    const rest = l1 * 89 + l1 * 10;
    expect(lifeTable({ deaths, personYears }).atBirth).toBeCloseTo((L0 + rest) / 100_000, 8);
  });

  it('widens the confidence interval when the population is smaller', () => {
    const deaths = ageBandStarts.map((a) => Math.max(1, Math.round(2 ** (a / 10))));
    const big = lifeTable({
      deaths: deaths.map((d) => d * 100),
      personYears: new Array(bands).fill(100_000),
    });
    const small = lifeTable({ deaths, personYears: new Array(bands).fill(1000) });
    expect(big.atBirth).toBeCloseTo(small.atBirth, 6);
    expect(small.upper95 - small.lower95).toBeGreaterThan(5 * (big.upper95 - big.lower95));
  });

  it('refuses an open interval without deaths', () => {
    expect(() =>
      lifeTable({ deaths: new Array(bands).fill(0), personYears: new Array(bands).fill(1) }),
    ).toThrow(/cannot be closed/);
  });

  it('bands ages the ONS way', () => {
    expect([0, 1, 4, 5, 89, 90, 104].map(ageBand).map(ageBandLabel)).toEqual([
      '0',
      '1–4',
      '1–4',
      '5–9',
      '85–89',
      '90+',
      '90+',
    ]);
  });
});
