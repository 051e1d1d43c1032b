import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../money/pence.ts';
import { formatPercent, parsePercent, ratio } from '../money/rate.ts';
import { allocatePlaces, distanceFromTarget, needIndex, type PotComponent } from './allocation.ts';
import { type PracticeWeights, scale } from './weighted-populations.ts';

function practice(code: string, la: string, population: number, weighted: number): PracticeWeights {
  const p = BigInt(population) * scale;
  const w = BigInt(weighted) * scale;
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
    ).toThrow(/places\[3\]\.practices\[0\]: practice A00001 is already in place 'x'/);
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
