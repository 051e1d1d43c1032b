import { describe, expect, it } from 'vitest';
import { registerFromAge } from './england.ts';
import {
  expectedCount,
  expectedPrevalenceFromRows,
  indirectlyStandardisedRatio,
} from './expected-prevalence.ts';
import { defaultSuppression, noSuppression } from './suppress.ts';

/**
 * PHE's worked example for indirectly standardised ratios: the test data OHID (formerly PHE)
 * ships with its PHEindicatormethods R package, checked against the APHO "Tool for common public
 * health statistics and their confidence intervals" (ukhsa-collaboration/PHEindicatormethods,
 * tests/testthat/testdata_DSR_ISR.xlsx: sheet refdata, sheet testdata_multiarea_isr area
 * testdata_big, and sheet testresults_ISR "indirectly standardised ratio x 1", Byar's method;
 * the method is PHE "Technical guide: confidence intervals", appendix 1).
 */
const reference = {
  // Events and population of the standard, by band 0–4, 5–9 … 85–89, 90+ (the sheet's own labels).
  events: [
    10303, 2824, 0, 3615, 3641, 3490, 3789, 3213, 3031, 2771, 3089, 3490, 3595, 4745, 5514, 7125, 5694, 6210,
    5757,
  ],
  population: [
    50520, 57173, 60213, 54659, 44345, 50128, 62163, 67423, 62899, 55463, 60479, 49974, 44140, 40888, 37239,
    30819, 18136, 15325, 13918,
  ],
};
const local = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];

describe('indirectly standardised ratio (PHE worked example)', () => {
  const rates = reference.events.map((x, i) => x / (reference.population[i] as number));

  it('expects 835.88 events from the standard rates', () => {
    expect(expectedCount(rates, local)).toBeCloseTo(835.8835612311743, 9);
  });

  it('gives 895 observed as 1.0707 (95% CI 1.0017 to 1.1432), and 91 as 0.1089 (0.0877 to 0.1337)', () => {
    const expected = expectedCount(rates, local);
    const big = indirectlyStandardisedRatio(895, expected);
    expect(big.ratio).toBeCloseTo(1.0707232939020275, 9);
    expect(big.lower95).toBeCloseTo(1.0017147712553987, 9);
    expect(big.upper95).toBeCloseTo(1.143233287249895, 9);
    const small = indirectlyStandardisedRatio(91, expected);
    expect(small.ratio).toBeCloseTo(0.10886683770400503, 9);
    expect(small.lower95).toBeCloseTo(0.08765040101829405, 9);
    expect(small.upper95).toBeCloseTo(0.1336657632841891, 9);
  });
});

describe('expected prevalence per QOF register', () => {
  const england = {
    ageSexShare: { F: [], M: [] },
    prevalence: {},
    registers: { DM: { rate: 0.07, fromAge: 17 }, HYP: { rate: 0.14, fromAge: 0 } },
  };
  // 100 children under 17 and 900 people 17 and over.
  const persons = [
    [10, 100],
    [40, 900],
  ];

  it('counts the register and the people from its own age, and England’s rate over them', () => {
    const rows = [
      ['DM', 16, 3], // under 17: not on a QOF diabetes register
      ['DM', 40, 80],
      ['HYP', 40, 126],
    ];
    const out = expectedPrevalenceFromRows(rows, persons, england, noSuppression);
    expect(out.rows.map((r) => r.condition)).toEqual(['DM', 'HYP']);
    const dm = out.rows[0];
    expect(dm).toMatchObject({ fromAge: 17, observed: 80, expected: 63 });
    expect(dm?.ratio).toBe(1.27); // 80 ÷ 63
    expect(out.rows[1]).toMatchObject({ observed: 126, expected: 140, ratio: 0.9 });
  });

  it('works the expected count out from the published people, and withholds the ratio below 10 observed', () => {
    const rows = [
      ['DM', 40, 9],
      ['HYP', 40, 126],
    ];
    const published = [
      [10, 100],
      [40, 898], // published as 900
    ];
    const out = expectedPrevalenceFromRows(rows, published, england, defaultSuppression);
    expect(out.rows[0]).toMatchObject({ observed: 10, expected: 63, ratio: null, lower95: null });
    expect(out.rows[1]?.expected).toBe(140);
    expect(out.rows[1]?.ratio).toBe(0.9);
  });

  it('reads QOF’s list types as the youngest age counted', () => {
    expect(registerFromAge('TOTAL')).toBe(0);
    expect(registerFromAge('06OV')).toBe(6);
    expect(registerFromAge('17OV')).toBe(17);
    expect(() => registerFromAge('ADULTS')).toThrow(/not a QOF list type/);
  });
});
