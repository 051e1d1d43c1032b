import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Pence, pence } from '../core/money.ts';
import type { YearSchedule } from './wpap.ts';
import { YearStore } from './year-store.ts';

const amount = fc
  .integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
  .map((x) => pence(x));
const amounts = (n: number) => fc.array(amount, { minLength: n, maxLength: n });

/** A year with the given numbers of local indicators, activity lines and practices (0: no flow-through). */
const year = (locals: number, activity: number, practices: number) =>
  fc.record({
    year: fc.constantFrom('2026/27', '2027/28'),
    period: fc.constant({ from: '2026-04-01', to: '2027-03-31' }),
    days: fc.integer({ min: 1, max: 366 }),
    full_year: amount,
    scope_changes: fc.array(amount, { maxLength: 2 }),
    in_scope: amount,
    capped: fc.boolean(),
    cquin_eligible: amount,
    cquin_at_risk: amount,
    local_indicators: amounts(locals),
    local_at_risk: amount,
    activity_lines: amounts(activity),
    activity_paid: amount,
    wpap: amount,
    instalments: fc.array(amount, { minLength: 1, maxLength: 12 }),
    incentives_earned: amount,
    flow_through:
      practices === 0 ? fc.constant(undefined) : fc.record({ total: amount, parts: amounts(practices) }),
    risk_share: fc.constant(undefined),
  });

const keys: (keyof YearSchedule)[] = [
  'year',
  'period',
  'days',
  'full_year',
  'scope_changes',
  'in_scope',
  'capped',
  'cquin_eligible',
  'cquin_at_risk',
  'local_indicators',
  'local_at_risk',
  'activity_lines',
  'activity_paid',
  'wpap',
  'instalments',
  'incentives_earned',
  'flow_through',
  'risk_share',
];
const plain = (y: YearSchedule) => Object.fromEntries(keys.map((k) => [k, y[k]]));

describe('a schedule store', () => {
  it('reads back every year exactly as it was written, to the penny', () => {
    const shapes = fc
      .tuple(fc.nat(3), fc.nat(3), fc.nat(4))
      .chain(([l, a, p]) =>
        fc.tuple(fc.constant([l, a, p] as const), fc.array(year(l, a, p), { minLength: 1, maxLength: 10 })),
      );
    fc.assert(
      fc.property(shapes, ([[l, a, p], years]) => {
        const store = new YearStore(years.length, l, a, p);
        years.forEach((y, k) => {
          store.write(k, y as YearSchedule);
        });
        expect(store.years().map(plain)).toEqual(years.map((y) => plain(y as YearSchedule)));
      }),
    );
  });

  it('keeps only the years written so far', () => {
    const store = new YearStore(3, 0, 0, 0);
    const y = {
      year: '2026/27',
      period: { from: '2026-04-01', to: '2027-03-31' },
      days: 365,
      full_year: pence(1),
      scope_changes: [],
      in_scope: pence(1),
      capped: false,
      cquin_eligible: pence(0),
      cquin_at_risk: pence(0),
      local_indicators: [],
      local_at_risk: pence(0),
      activity_lines: [],
      activity_paid: pence(0),
      wpap: pence(1),
      instalments: [pence(1)] as Pence[],
      incentives_earned: pence(0),
    } satisfies YearSchedule;
    store.write(0, y);
    expect(store.years()).toHaveLength(1);
  });
});
