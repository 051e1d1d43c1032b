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

/**
 * OHID's worked example for life expectancy: the abridged life table (0, 1–4, 5–9 … 85–89, 90+)
 * in OHID's (formerly PHE's) PHEindicatormethods R package tests
 * (ukhsa-collaboration/PHEindicatormethods, tests/testthat/testLifeExpectancy.R: df1 and its
 * expected answer1, in the form of February 2019 with the Silcocks open-interval term in the
 * variance). The package documents phe_life_expectancy as following the method of PHE's Life
 * Expectancy Calculator (R/LifeExpectancy.R): Chiang II, a = 0.1 in the first year and 0.5
 * elsewhere, L = l / M in the open interval. answer1 carries 8 decimal places and lifeTable
 * reproduces them all, the limits included with z = 1.96 as answer1's own limits have.
 */
describe('life expectancy (OHID worked example)', () => {
  const personYears = [
    7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978,
    37039, 33288, 23306, 11936, 11936,
  ];
  const deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
  // answer1$value: life expectancy at the start of each band.
  const expected = [
    80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987, 50.92752727,
    46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144, 18.76856852, 14.95858336,
    11.51684445, 8.618849241, 6.163942934, 6.16210635,
  ];

  it('gives life expectancy at birth of 80.1696 years (95% CI 79.8827 to 80.4565)', () => {
    const le = lifeTable({ deaths, personYears });
    expect(le.atBirth).toBeCloseTo(80.16960813, 8);
    expect(le.lower95).toBeCloseTo(79.88268548, 8);
    expect(le.upper95).toBeCloseTo(80.45653078, 8);
  });

  it('gives the expectation at the start of every band', () => {
    const le = lifeTable({ deaths, personYears });
    le.byAge.forEach((e, i) => {
      // Published to 10 significant figures: 8 places above 10 years, 9 below.
      expect(e).toBeCloseTo(expected[i] as number, 7);
    });
  });
});
