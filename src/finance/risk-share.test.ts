import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../core/money.ts';
import { formatPercent, parsePercent } from '../money/rate.ts';
import { riskShare } from './risk-share.ts';

const corridors = [
  { up_to: parsePercent('2'), provider_share: parsePercent('100') },
  { up_to: parsePercent('4'), provider_share: parsePercent('50') },
  { provider_share: parsePercent('20') },
];

describe('risk share', () => {
  it('a 5% loss costs the provider 3.2% of the budget', () => {
    const r = riskShare(pence(100_000_000_00), pence(5_000_000_00), corridors);
    expect(r.provider.amount).toBe(3_200_000_00);
    expect(r.commissioners.amount).toBe(1_800_000_00);
    expect(formatPercent(r.provider_share_of_budget, 1)).toBe('3.2%');
  });

  it('shares gains the same way, with the sign kept, and honours a cap', () => {
    const r = riskShare(pence(100_000_000_00), pence(-3_000_000_00), corridors, pence(2_200_000_00));
    expect(r.provider.amount).toBe(-2_200_000_00);
    expect(r.commissioners.amount).toBe(-800_000_00);
  });

  it('refuses corridors out of order', () => {
    expect(() =>
      riskShare(pence(100), pence(1), [
        { up_to: parsePercent('4'), provider_share: parsePercent('50') },
        { up_to: parsePercent('2'), provider_share: parsePercent('50') },
      ]),
    ).toThrow(/risk_share\.corridors\[1\]\.up_to/);
  });

  it('provider and commissioners together bear the whole variance; the provider never more than it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }), (b, v) => {
        const r = riskShare(pence(b), pence(v), corridors);
        return r.provider.amount + r.commissioners.amount === v && Math.abs(r.provider.amount) <= Math.abs(v);
      }),
    );
  });
});
