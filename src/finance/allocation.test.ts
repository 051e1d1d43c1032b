import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../core/money.ts';
import { formatDecimal, formatPercent, parsePercent, ratio } from '../money/rate.ts';
import {
  loadWeightedPopulations,
  maxValue,
  type PracticeWeights,
  scale,
} from '../system/weighted-populations.ts';
import {
  allocatePlaces,
  distanceFromTarget,
  needIndex,
  type PotComponent,
  weightedPopulation,
} from './allocation.ts';

const billion = Number(scale);

function practice(code: string, la: string, population: number, weighted: number): PracticeWeights {
  const p = population * billion;
  const w = weighted * billion;
  return {
    practice: code,
    name: code,
    icb: 'QXX',
    icb_name: 'Test ICB',
    la,
    la_name: la,
    values: {
      population: p,
      'general-and-acute': w,
      community: w,
      'mental-health': w,
      maternity: w,
      'health-inequalities': w,
      prescribing: w,
      'core-overall': w,
      'primary-medical-care': p,
      'primary-medical-care-need': p,
    },
  };
}

const data = [
  practice('A00001', 'E08000001', 1000, 1500),
  practice('A00002', 'E08000001', 1000, 500),
  practice('A00003', 'E08000002', 2000, 2000),
];
const places = [
  { id: 'north', name: 'North', local_authorities: ['E08000001'] },
  { id: 'south', name: 'South', local_authorities: ['E08000002'] },
];
const component = (amount: number, extra: Partial<PotComponent> = {}): PotComponent => ({
  id: 'core',
  name: 'Core',
  amount: pence(amount),
  basis: 'core-overall',
  ring_fences: [],
  floors: [],
  ...extra,
});

describe('distance from target', () => {
  it('NHS Eastern Cheshire CCG 2013/14: £219,307k against a £237,285k target is −£17,978k, −7.58%', () => {
    const d = distanceFromTarget(pence(219_307_000_00), pence(237_285_000_00));
    expect(d.gap).toBe(-17_978_000_00);
    expect(formatPercent(d.share)).toBe('-7.58%');
  });
});

describe('place allocation', () => {
  it('computes the relative need index as the tool does', () => {
    // North: 2000 weighted / 2000 people; ICB: 4000 / 4000 → 1; South likewise.
    expect(needIndex([data[0] as PracticeWeights], data, 'core-overall')).toEqual(ratio(3, 2));
    const r = allocatePlaces({ icb: 'QXX', year: '2025/26', places, pot: [component(1_000_001)] }, data);
    expect(r.places.map((p) => p.allocation.amount)).toEqual([500_001, 500_000]);
  });

  it('honours ring-fences and floors, and the parts still make the whole', () => {
    const r = allocatePlaces(
      {
        icb: 'QXX',
        year: '2025/26',
        places,
        pot: [
          component(1_000_000, {
            ring_fences: [{ place: 'south', amount: pence(100_000) }],
            floors: [{ place: 'north', minimum: pence(600_000) }],
          }),
        ],
      },
      data,
    );
    expect(r.places.map((p) => p.allocation.amount)).toEqual([600_000, 400_000]);
  });

  it('moves each place part of the way to target with pace of change', () => {
    const r = allocatePlaces(
      {
        icb: 'QXX',
        year: '2025/26',
        places,
        pot: [component(1_000_000)],
        current: [
          { place: 'north', amount: pence(400_000) },
          { place: 'south', amount: pence(600_000) },
        ],
        pace: parsePercent('50%'),
      },
      data,
    );
    expect(r.places.map((p) => p.allocation.amount)).toEqual([450_000, 550_000]);
    expect(formatPercent(r.places[0]?.distance_from_target?.share ?? ratio(0))).toBe('-20.00%');
  });

  it('refuses places that leave practices out, claim one twice, or name an unknown ICB', () => {
    const run = (ps: typeof places, icb = 'QXX') =>
      allocatePlaces({ icb, year: '2025/26', places: ps, pot: [component(1)] }, data);
    expect(() => run([places[0] as (typeof places)[number]])).toThrow(
      /places: 1 practice\(s\) of QXX are in no place: A00003/,
    );
    expect(() =>
      run([
        ...places,
        { id: 'x', name: 'X', practices: ['A00001'] } as never,
        { id: 'y', name: 'Y', practices: ['A00001'] } as never,
      ]),
    ).toThrow(
      /places\[3\]\.practices\[0\]: practice A00001 is already in place 'x' \(places\[2\]\.practices\[0\]\)/,
    );
    expect(() => run(places, 'QZZ')).toThrow(/--icb: there is no ICB 'QZZ'/);
    expect(() =>
      allocatePlaces(
        {
          icb: 'QXX',
          year: '2025/26',
          places,
          pot: [component(10, { floors: [{ place: 'north', minimum: pence(11) }] })],
        },
        data,
      ),
    ).toThrow(/pot\[0\]: its ring-fences and floors/);
  });

  it('an empty pot gives nothing and no distance from a zero target', () => {
    const r = allocatePlaces(
      {
        icb: 'QXX',
        year: '2025/26',
        places,
        pot: [component(0)],
        current: [
          { place: 'north', amount: pence(1) },
          { place: 'south', amount: pence(3) },
        ],
        pace: ratio(0),
      },
      data,
    );
    expect(r.places.map((p) => [p.allocation.amount, p.distance_from_target])).toEqual([
      [0, undefined],
      [0, undefined],
    ]);
  });

  it('always shares exactly the whole pot', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e11 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        (amounts, pace) => {
          const pot = amounts.map((a, i) => ({ ...component(a), id: `c${i}` }));
          const total = amounts.reduce((s, a) => s + a, 0);
          const r = allocatePlaces(
            {
              icb: 'QXX',
              year: '2025/26',
              places,
              pot,
              current: [
                { place: 'north', amount: pence(1) },
                { place: 'south', amount: pence(3) },
              ],
              pace: ratio(pace, 100),
            },
            data,
          );
          return (
            r.places.reduce((s, p) => s + p.allocation.amount, 0) === total &&
            r.places.reduce((s, p) => s + p.target.amount, 0) === total
          );
        },
      ),
    );
  });
});

/** A practice with fractional populations, given in tenths of a person. */
function tenths(code: string, la: string, population: number, weighted: number): PracticeWeights {
  const base = practice(code, la, 0, 0);
  const p = (population * billion) / 10;
  const w = (weighted * billion) / 10;
  const values = Object.fromEntries(Object.keys(base.values).map((k) => [k, w])) as PracticeWeights['values'];
  return { ...base, values: { ...values, population: p } };
}

describe("NHS England place-based tool's rounding beside the exact method", () => {
  // North: A (10.4 people, 15.5 weighted) + B (9.2, 4.4) = 19.6 people, 19.9 weighted.
  // South: C (20.5, 20.4). ICB: 40.1 people, 40.3 weighted.
  const small = [
    tenths('A00001', 'E08000001', 104, 155),
    tenths('A00002', 'E08000001', 92, 44),
    tenths('A00003', 'E08000002', 205, 204),
  ];
  const north = small.slice(0, 2);

  it('sums weighted populations exactly, or rounded half up to whole persons as the tool does', () => {
    expect(weightedPopulation(north, 'core-overall')).toBe(19_900_000_000n);
    expect(weightedPopulation(north, 'core-overall', 'nhse-tool')).toBe(20n * scale); // 19.9 → 20
    expect(weightedPopulation(small, 'core-overall', 'nhse-tool')).toBe(40n * scale); // 40.3 → 40
    expect(weightedPopulation(small.slice(2), 'population', 'nhse-tool')).toBe(21n * scale); // 20.5 → 21
  });

  it('need indices by hand: exact (19.9 × 40.1) ÷ (19.6 × 40.3), tool (20 ÷ 20) ÷ (40 ÷ 40) and (20 ÷ 21) ÷ 1', () => {
    expect(needIndex(north, small, 'core-overall')).toEqual(ratio(19_9n * 40_1n, 19_6n * 40_3n)); // 1.0102674…
    expect(formatDecimal(needIndex(north, small, 'core-overall'), 7)).toBe('1.0102674');
    expect(formatDecimal(needIndex(north, small, 'core-overall', 'nhse-tool'), 3)).toBe('1.000');
    expect(formatDecimal(needIndex(small.slice(2), small, 'core-overall', 'nhse-tool'), 3)).toBe('0.952');
  });

  it('rounds an index exactly halfway up: 2,001 ÷ 2,000 is 1.0005 exactly and 1.001 in the tool', () => {
    const tie = [practice('A00001', 'E08000001', 2000, 2001), practice('A00003', 'E08000002', 2000, 1999)];
    expect(formatDecimal(needIndex(tie.slice(0, 1), tie, 'core-overall'), 4)).toBe('1.0005');
    expect(needIndex(tie.slice(0, 1), tie, 'core-overall', 'nhse-tool')).toEqual(ratio(1001, 1000));
    expect(needIndex(tie.slice(1), tie, 'core-overall', 'nhse-tool')).toEqual(ratio(1)); // 0.9995 → 1.000
  });

  it('counts a zero practice value as one person, as the tool does', () => {
    const withEmpty = [...small, tenths('A00004', 'E08000002', 0, 0)];
    expect(weightedPopulation(withEmpty.slice(2), 'population', 'nhse-tool')).toBe(22n * scale); // 20.5 + 1 → 22
    expect(weightedPopulation(withEmpty.slice(2), 'population')).toBe(20_500_000_000n);
  });

  it('shares money by the weighted populations of the method used: £1,000.00 by 19.9 : 20.4, or 20 : 20', () => {
    const run = (method: 'exact' | 'nhse-tool') =>
      allocatePlaces({ icb: 'QXX', year: '2025/26', places, pot: [component(100_000)], method }, small);
    // 100,000p × 19.9 ÷ 40.3 = 49,379.65…, × 20.4 ÷ 40.3 = 50,620.34…: the larger remainder gets the spare penny.
    expect(run('exact').places.map((p) => p.allocation.amount)).toEqual([49_380, 50_620]);
    expect(run('nhse-tool').places.map((p) => p.allocation.amount)).toEqual([50_000, 50_000]);
    expect(run('nhse-tool').method).toBe('nhse-tool');
  });
});

describe('allocation inputs that would give a wrong figure', () => {
  const run = (extra: Partial<Parameters<typeof allocatePlaces>[0]>) =>
    allocatePlaces({ icb: 'QXX', year: '2025/26', places, pot: [component(1_000)], ...extra }, data);
  const current = [
    { place: 'north', amount: pence(400) },
    { place: 'south', amount: pence(600) },
  ];

  it('refuses a pace of change above 100%, which would overshoot the targets', () => {
    expect(() => run({ current, pace: parsePercent('150%') })).toThrow(
      /pace: is 150\.00%; a pace of change must be between 0% and 100%/,
    );
  });

  it('refuses duplicate places, components, floors, current allocations and local authorities, naming both', () => {
    expect(() => run({ places: [...places, { ...places[0], name: 'again' } as never] })).toThrow(
      /places\[2\]\.id: 'north' is also the id of places\[0\]/,
    );
    expect(() => run({ pot: [component(1), component(2)] })).toThrow(
      /pot\[1\]\.id: 'core' is also the id of pot\[0\]/,
    );
    const floors = [
      { place: 'north', minimum: pence(1) },
      { place: 'north', minimum: pence(2) },
    ];
    expect(() => run({ pot: [component(10, { floors })] })).toThrow(
      /pot\[0\]\.floors\[1\]\.place: 'north' already has a floor at pot\[0\]\.floors\[0\]/,
    );
    expect(() =>
      run({ current: [...current, { place: 'north', amount: pence(1) }], pace: ratio(1, 2) }),
    ).toThrow(/current\[2\]\.place: 'north' already has a current allocation at current\[0\]/);
    expect(() =>
      run({
        places: [
          places[0],
          { id: 'south', name: 'South', local_authorities: ['E08000002', 'E08000001'] },
        ] as never,
      }),
    ).toThrow(
      /places\[1\]\.local_authorities\[1\]: local authority E08000001 is also listed at places\[0\]\.local_authorities\[0\]/,
    );
  });
});

describe('weighted population sums', () => {
  it('are exact past 2^53, though each value is added as a number', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: maxValue - 1 }), { maxLength: 60 }), (values) => {
        const list = values.map((v, i) => {
          const base = practice(`P${i}`, 'E08000001', 0, 0);
          return { ...base, values: { ...base.values, 'core-overall': v } };
        });
        const expected = values.reduce((t, v) => t + BigInt(v), 0n);
        expect(weightedPopulation(list, 'core-overall')).toBe(expected);
      }),
    );
  });
});

describe('the 2025/26 weighted populations', () => {
  it('offer both primary medical care columns, named as NHS England names them', () => {
    const a81001 = loadWeightedPopulations('2025/26').find((p) => p.practice === 'A81001');
    expect(a81001?.values['primary-medical-care']).toBe(4_782_681_789_000); // Final PMC WP
    expect(a81001?.values['primary-medical-care-need']).toBe(4_340_164_284_000); // Primary Medical Care WP
  });
});
