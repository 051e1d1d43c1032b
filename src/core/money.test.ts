import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.ts';
import { add, formatPounds, nonNegative, parsePounds, pence, subtract, sum, times } from './money.ts';

const amount = fc.integer({ min: -1e13, max: 1e13 }).map((n) => pence(n));

describe('Pence', () => {
  it('refuses fractions, unsafe integers and (where asked) negatives, naming the field', () => {
    expect(() => pence(1.5, 'funding_streams[0].annual_value')).toThrow(
      /funding_streams\[0\]\.annual_value: 1.5 is not a whole number/,
    );
    expect(() => pence(2 ** 53)).toThrow(InvalidInput);
    expect(() => pence(Number.NaN)).toThrow(InvalidInput);
    expect(() => nonNegative(-1, 'baseline')).toThrow(/baseline: -£0.01 is negative/);
    expect(() => times(pence(100), 1.5)).toThrow(InvalidInput);
  });

  it('parses and formats pounds exactly', () => {
    expect(parsePounds('£1,234.56')).toBe(123456);
    expect(parsePounds('1234.5')).toBe(123450);
    expect(parsePounds('-£20')).toBe(-2000);
    expect(parsePounds('£-20.01')).toBe(-2001);
    expect(formatPounds(pence(123456))).toBe('£1,234.56');
    expect(formatPounds(pence(-5))).toBe('-£0.05');
    expect(formatPounds(pence(100000000000))).toBe('£1,000,000,000.00');
    for (const bad of ['£1,23.00', 'abc', '', '£1,2345']) {
      expect(() => parsePounds(bad, 'value')).toThrow(/value: .* is not an amount/);
    }
  });

  it('says how many decimal places a fraction of a penny has', () => {
    expect(() => parsePounds('£1.2345', 'value')).toThrow(
      /value: '£1\.2345' has 4 decimal places: an amount in pounds and pence has at most two/,
    );
  });

  it('format then parse gives back the same pence, however large', () => {
    fc.assert(fc.property(amount, (p) => parsePounds(formatPounds(p)) === p));
    const any = fc
      .integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
      .map((n) => pence(n));
    fc.assert(
      fc.property(any, (p) => {
        const plain = formatPounds(p).replaceAll(',', '').replace('£', '');
        return parsePounds(formatPounds(p)) === p && parsePounds(plain) === p;
      }),
    );
  });

  it('adds and subtracts exactly and inversely', () => {
    fc.assert(fc.property(amount, amount, (a, b) => subtract(add(a, b), b) === a));
    fc.assert(fc.property(fc.array(amount), (xs) => sum(xs) === xs.reduce((s, x) => s + x, 0)));
  });
});
