import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence } from '../core/money.ts';
import {
  applyRate,
  applyRateExact,
  compare,
  divide,
  formatDecimal,
  formatPercent,
  multiply,
  parseDecimal,
  parsePercent,
  plus,
  ratio,
  roundHalfAwayFromZero,
  roundRate,
} from './rate.ts';

describe('rates', () => {
  it('reads decimals and percentages exactly', () => {
    expect(parsePercent('2.5%')).toEqual(ratio(1n, 40n));
    expect(parseDecimal('207.56')).toEqual(ratio(5189n, 25n));
    expect(formatPercent(parsePercent('1.25%'))).toBe('1.25%');
    expect(parsePercent(' 2.5 % ')).toEqual(ratio(1n, 40n));
    expect(() => parseDecimal('1,5', 'cquin')).toThrow(/cquin: '1,5' is not a decimal/);
    expect(() => ratio(1n, 0n, 'index')).toThrow(/index: divides by zero/);
  });

  it('reads any decimal as its digits over a power of ten, short or long', () => {
    const digits = fc.stringMatching(/^\d{1,20}$/);
    fc.assert(
      fc.property(
        fc.boolean(),
        digits,
        fc.option(digits, { nil: undefined }),
        (negative, whole, decimals) => {
          const text = `${negative ? '-' : ''}${whole}${decimals === undefined ? '' : `.${decimals}`}`;
          const n = BigInt(`${whole}${decimals ?? ''}`) * (negative ? -1n : 1n);
          const places = BigInt(decimals?.length ?? 0);
          expect(parseDecimal(text)).toEqual(ratio(n, 10n ** places));
          expect(parsePercent(`${text}%`)).toEqual(ratio(n, 10n ** (places + 2n)));
        },
      ),
    );
    for (const bad of ['', '-', '1.', '.5', '1.2.3', '+1', '1e3', ' 1 2']) {
      expect(() => parseDecimal(bad, 'index')).toThrow(/index: .* is not a decimal number/);
    }
  });

  it('rounds halves away from zero and nothing else', () => {
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(roundHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(roundHalfAwayFromZero(-7n, 3n)).toBe(-2n);
    expect(applyRate(pence(1), ratio(1n, 2n))).toBe(1);
    expect(applyRate(pence(-1), ratio(1n, 2n))).toBe(-1);
    expect(formatDecimal(roundRate(ratio(16000n, 9374n), 2), 2)).toBe('1.71');
  });

  it('rounding is never more than half a penny out, and symmetric about zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const r = roundHalfAwayFromZero(n, d);
          const err = r * d - n; // in units of 1/d
          return 2n * (err < 0n ? -err : err) <= d && roundHalfAwayFromZero(-n, d) === -r;
        },
      ),
    );
  });

  it('multiplies and divides exactly', () => {
    const r = fc
      .tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n }))
      .map(([n, d]) => ratio(n, d));
    fc.assert(
      fc.property(r, r, (a, b) => {
        if (b.n === 0n) return true;
        return compare(divide(multiply(a, b), b), a) === 0;
      }),
    );
  });

  it('the plain-number fast path gives exactly what the big-number path gives', () => {
    const rate = fc.oneof(
      fc.tuple(fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }), fc.bigInt({ min: 1n, max: 10n ** 8n })),
      fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 20n })),
      fc.tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.constantFrom(1n, 2n, 3n, 365n, 366n, 10n ** 6n)),
    );
    const amount = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    const outcome = (f: () => unknown) => {
      try {
        return f();
      } catch (e) {
        return (e as Error).message;
      }
    };
    fc.assert(
      fc.property(amount, rate, (a, [n, d]) => {
        const r = { n, d };
        return (
          outcome(() => applyRate(pence(a), r)) === outcome(() => applyRateExact(pence(a), r)) &&
          compare(r, ratio(n, d)) === 0 &&
          compare(plus(r, ratio(1n, 3n)), ratio(n * 3n + d, d * 3n)) === 0 &&
          compare(multiply(r, ratio(7n, 9n)), ratio(n * 7n, d * 9n)) === 0
        );
      }),
    );
  });
});
