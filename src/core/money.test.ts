import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.ts';
import {
  add,
  formatMillions,
  formatPounds,
  nonNegative,
  parsePounds,
  pence,
  subtract,
  sum,
  times,
} from './money.ts';

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

/** "£1,234.57m" back to pence as a whole number (exact, through BigInt), to check the rounding. */
function millionsInPence(text: string): bigint {
  const m = /^(-?)£([\d,]+)(?:\.(\d+))?m$/.exec(text);
  if (!m) throw new Error(`'${text}' is not an amount in £m`);
  const places = (m[3] ?? '').length;
  const digits = BigInt(`${(m[2] ?? '').replaceAll(',', '')}${m[3] ?? ''}`);
  const value = (digits * 100_000_000n) / 10n ** BigInt(places);
  return m[1] ? -value : value;
}

describe('formatMillions', () => {
  const any = fc
    .integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
    .map((n) => pence(n));
  const places = fc.integer({ min: 0, max: 8 });

  it('writes money in £m as a board reads it', () => {
    expect(formatMillions(pence(16_778_000_000))).toBe('£167.78m');
    expect(formatMillions(pence(16_641_218_000))).toBe('£166.41m');
    expect(formatMillions(pence(-136_782_000))).toBe('-£1.37m');
    expect(formatMillions(pence(123_456_789_000_000), 1)).toBe('£1,234,567.9m');
    expect(formatMillions(pence(0))).toBe('£0.00m');
    expect(formatMillions(pence(-400_000))).toBe('£0.00m');
    expect(formatMillions(pence(500_000))).toBe('£0.01m');
    expect(formatMillions(pence(-500_000))).toBe('-£0.01m');
    expect(formatMillions(pence(12_345), 8)).toBe('£0.00012345m');
    expect(() => formatMillions(pence(1), 9)).toThrow(/places: 9 is not a whole number of decimal places/);
    expect(() => formatMillions(1.5)).toThrow(InvalidInput);
  });

  it('is within half its last place of the exact amount, rounding halves away from zero', () => {
    fc.assert(
      fc.property(any, places, (p, n) => {
        const half = 50_000_000n / 10n ** BigInt(n);
        const error = millionsInPence(formatMillions(p, n)) - BigInt(p);
        const away = error === 0n || (p > 0 ? error > -half : error < half);
        return error <= half && error >= -half && away;
      }),
    );
  });

  it('keeps the order of amounts and is the same either side of zero', () => {
    fc.assert(
      fc.property(any, any, places, (a, b, n) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return millionsInPence(formatMillions(low, n)) <= millionsInPence(formatMillions(high, n));
      }),
    );
    fc.assert(
      fc.property(any, places, (p, n) => {
        const plus = formatMillions(pence(Math.abs(p)), n);
        const minus = formatMillions(pence(-Math.abs(p)), n);
        return minus === plus || minus === `-${plus}`;
      }),
    );
  });

  it('to 8 places is to the penny: the same amount as formatPounds', () => {
    fc.assert(
      fc.property(any, (p) => {
        return millionsInPence(formatMillions(p, 8)) === BigInt(p) && parsePounds(formatPounds(p)) === p;
      }),
    );
  });
});
