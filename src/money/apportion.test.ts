import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../core/money.ts';
import { apportion, largestRemainderExact } from './apportion.ts';
import { ratio } from './rate.ts';

describe('apportion (largest remainder)', () => {
  it('splits £100.00 three ways with the spare penny to the first part', () => {
    expect(apportion(pence(10000), [1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(apportion(pence(-10000), [1, 1, 1])).toEqual([-3334, -3333, -3333]);
    expect(apportion(pence(100), [ratio(1n, 3n), ratio(2n, 3n)])).toEqual([33, 67]);
  });

  it('refuses negative or all-zero weights', () => {
    expect(() => apportion(pence(1), [1, -1], 'places')).toThrow(/places\[1\]: is negative/);
    expect(() => apportion(pence(1), [0, 0], 'places')).toThrow(/places: are all zero/);
  });

  it('parts always sum to the whole, each within a penny of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (whole, weights) => {
          const parts = apportion(pence(whole), weights);
          const total = weights.reduce((a, b) => a + b, 0);
          const sumOk = parts.reduce((a, b) => a + b, 0) === whole;
          const closeOk = parts.every((p, i) => {
            const exact = (BigInt(whole) * BigInt(weights[i] ?? 0) * 1000n) / BigInt(total);
            const diff = BigInt(p) * 1000n - exact;
            return (diff < 0n ? -diff : diff) < 1001n;
          });
          return sumOk && closeOk && parts.every((p, i) => weights[i] !== 0 || p === 0);
        },
      ),
    );
  });

  it('is deterministic and monotone in the weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (w, a, b) => {
          const [pa, pb] = apportion(pence(w), [a, b]);
          return a >= b ? (pa ?? 0) >= (pb ?? 0) : (pa ?? 0) <= (pb ?? 0);
        },
      ),
    );
  });

  it('the plain-number fast path gives exactly what the big-number method gives', () => {
    const weight = fc.oneof(
      fc.integer({ min: 0, max: 1e6 }),
      // Small weights give many equal remainders: ties must go to the earlier part however many parts there are.
      fc.integer({ min: 0, max: 3 }),
      fc
        .tuple(fc.integer({ min: 0, max: 1e4 }), fc.integer({ min: 1, max: 400 }))
        .map(([n, d]) => ratio(n, d)),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e15, max: 1e15 })),
        fc.array(weight, { minLength: 1, maxLength: 40 }),
        (whole, weights) => {
          const run = (f: () => number[]) => {
            try {
              return JSON.stringify(f());
            } catch (e) {
              return (e as Error).message;
            }
          };
          return (
            run(() => apportion(pence(whole), weights)) ===
            run(() => largestRemainderExact(pence(whole), weights))
          );
        },
      ),
    );
  });
});
