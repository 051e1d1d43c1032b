import { InvalidInput } from '../core/errors.ts';
import { type Pence, pence } from '../core/money.ts';

/**
 * An exact rate: a fraction of two whole numbers (2.5% is 1/40, £207.56 per point is
 * 20756/100 pence per point… in pounds). Rates never pass through floating point, so a chain
 * of rates (uplift × population index × share) is multiplied exactly and rounded once, where
 * it meets money.
 */
export interface Rate {
  readonly n: bigint;
  readonly d: bigint;
}

const safe = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Plain (double) arithmetic is exact for whole numbers up to 2^53. The fast paths below use it
 * only when every product they form stays under `plain`, and otherwise fall back to big
 * numbers, so the answers are the same either way (rate.test.ts checks this on random input).
 */
const plain = 2 ** 52;
const smallPart = 2n ** 25n;

/** Numerator and denominator both under 2^25, so any sum of two cross products stays under 2^52. */
function small(r: Rate): boolean {
  return r.n < smallPart && r.n > -smallPart && r.d < smallPart && r.d > -smallPart;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  if (x <= safe && y <= safe) {
    // Small numbers (nearly all rates) are reduced in plain integers: same answer, no big-number garbage.
    let p = Number(x);
    let q = Number(y);
    while (q) [p, q] = [q, p % q];
    return BigInt(p);
  }
  while (y) [x, y] = [y, x % y];
  return x;
}

export function ratio(n: bigint | number, d: bigint | number = 1n, field = 'rate'): Rate {
  if (
    typeof n === 'number' &&
    typeof d === 'number' &&
    Number.isSafeInteger(n) &&
    Number.isSafeInteger(d) &&
    d !== 0
  ) {
    // Whole numbers (days, pence, list sizes) are reduced before they become big numbers.
    let p = Math.abs(n);
    let q = Math.abs(d);
    while (q) {
      const t = p % q;
      p = q;
      q = t;
    }
    const g = (p || 1) * (d < 0 ? -1 : 1);
    return { n: BigInt(n / g), d: BigInt(d / g) };
  }
  const nb = BigInt(n);
  const db = BigInt(d);
  if (db === 0n) throw new InvalidInput(field, 'divides by zero', 'The denominator must not be 0.');
  const sign = db < 0n ? -1n : 1n;
  const g = gcd(nb, db) || 1n;
  return { n: (sign * nb) / g, d: (sign * db) / g };
}

export const one = ratio(1n);
export const none = ratio(0n);

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "207.56" → 20756/100 exactly. */
export function parseDecimal(text: string, field = 'rate'): Rate {
  return decimalOver(String(text).trim(), 0, field);
}

/** "2.5%" or "2.5" (a percentage) → 1/40. */
export function parsePercent(text: string | number, field = 'rate'): Rate {
  const t = String(text).trim();
  return decimalOver(t.endsWith('%') ? t.slice(0, -1).trimEnd() : t, 2, field);
}

/**
 * A decimal number divided by 10^shift, exactly. Short ones are read in plain numbers (exact
 * below 2^53), so reading payment terms makes no big-number garbage.
 */
function decimalOver(text: string, shift: number, field: string): Rate {
  const plain = plainDecimal(text);
  if (plain !== undefined) return ratio(plain.n, 10 ** (plain.places + shift), field);
  const m = decimalPattern.exec(text);
  if (!m) throw new InvalidInput(field, `'${text}' is not a decimal number`, 'Write it like 1.45 or 0.025.');
  const decimals = m[3] ?? '';
  const n = BigInt(`${m[2]}${decimals}`);
  return ratio(m[1] ? -n : n, 10n ** BigInt(decimals.length + shift), field);
}

/**
 * "-12.345" as -12345 and 3 places, read character by character, for the usual short
 * decimal: undefined unless it matches `decimalPattern` with at most 13 digits and 13 places
 * (so the number and 10^(places + 2) are exact in plain numbers); the rest go the long way.
 */
function plainDecimal(text: string): { n: number; places: number } | undefined {
  const negative = text.charCodeAt(0) === 45; // -
  let n = 0;
  let digits = 0;
  let places = -1;
  for (let i = negative ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (places >= 0) places++;
    } else if (c === 46 && places < 0 && digits > 0)
      places = 0; // .
    else return undefined;
  }
  if (digits === 0 || places === 0 || digits > 13) return undefined;
  return { n: negative ? -n : n, places: places < 0 ? 0 : places };
}

export function multiply(...rates: readonly Rate[]): Rate {
  return rates.reduce((acc, r) => {
    const n = Number(acc.n) * Number(r.n);
    const d = Number(acc.d) * Number(r.d);
    return Math.abs(n) <= plain && Math.abs(d) <= plain ? ratio(n, d) : ratio(acc.n * r.n, acc.d * r.d);
  }, one);
}

export function divide(a: Rate, b: Rate, field = 'rate'): Rate {
  return ratio(a.n * b.d, a.d * b.n, field);
}

export function plus(a: Rate, b: Rate): Rate {
  if (small(a) && small(b)) {
    const [an, ad, bn, bd] = [Number(a.n), Number(a.d), Number(b.n), Number(b.d)];
    return ratio(an * bd + bn * ad, ad * bd);
  }
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function minus(a: Rate, b: Rate): Rate {
  return plus(a, { n: -b.n, d: b.d });
}

export function compare(a: Rate, b: Rate): number {
  if (small(a) && small(b)) {
    const l = Number(a.n) * Number(b.d);
    const r = Number(b.n) * Number(a.d);
    return l < r ? -1 : l > r ? 1 : 0;
  }
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * THE rounding rule: n ÷ d to the nearest whole number, halves away from zero (2.5 → 3,
 * -2.5 → -3). Used only where money meets a rate, and for the one index the QOF worked
 * example shows rounded (docs/money.md).
 */
export function roundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new InvalidInput('rate', 'divides by zero');
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  return sign * ((2n * an + ad) / (2n * ad));
}

/** Money × rate, rounded once to the penny (half away from zero). */
export function applyRate(amount: Pence, rate: Rate, field = 'amount'): Pence {
  const n = Math.abs(Number(rate.n));
  const d = Number(rate.d);
  const a = Math.abs(amount);
  if (d > 0 && n * d < 2 ** 50 && a < plain && Number.isInteger(amount)) {
    // amount × n ÷ d as (q·d + r) × n ÷ d = q·n + r·n ÷ d; with n·d < 2^50 the rounding step
    // 2·r·n + d stays under 2^52, so nothing is rounded but the answer.
    const q = floorDivide(a, d);
    const whole = q * n;
    const total = whole + floorDivide(2 * (a - q * d) * n + d, 2 * d);
    if (whole < plain && total < plain) {
      const negative = amount < 0 !== rate.n < 0n;
      return pence(negative ? -total : total, field);
    }
  }
  return applyRateExact(amount, rate, field);
}

/** The reference for `applyRate`, all in big numbers: used when a product could pass 2^52. */
export function applyRateExact(amount: Pence, rate: Rate, field = 'amount'): Pence {
  return pence(roundHalfAwayFromZero(BigInt(amount) * rate.n, rate.d), field);
}

/** ⌊x ÷ y⌋ for whole 0 ≤ x < 2^52 and 0 < y: the float quotient, corrected if it rounded across a whole number. */
function floorDivide(x: number, y: number): number {
  let q = Math.floor(x / y);
  const r = x - q * y;
  if (r < 0) q -= 1;
  else if (r >= y) q += 1;
  return q;
}

/** A rate rounded to a number of decimal places with the same rule. */
export function roundRate(rate: Rate, places: number): Rate {
  const scale = 10n ** BigInt(places);
  return ratio(roundHalfAwayFromZero(rate.n * scale, rate.d), scale);
}

/** For display only: 1/40 → "2.5%" (to `places` decimals, rounded half away from zero). */
export function formatPercent(rate: Rate, places = 2): string {
  return `${formatDecimal(multiply(rate, ratio(100n)), places)}%`;
}

/** For display only: the rate as a decimal string with `places` decimals, trailing zeros kept. */
export function formatDecimal(rate: Rate, places = 4): string {
  const scale = 10n ** BigInt(places);
  const v = roundHalfAwayFromZero(rate.n * scale, rate.d);
  const neg = v < 0n;
  const abs = (neg ? -v : v).toString().padStart(places + 1, '0');
  const whole = abs.slice(0, abs.length - places);
  const frac = abs.slice(abs.length - places);
  return `${neg ? '-' : ''}${whole}${places ? `.${frac}` : ''}`;
}

/** The rate as an exact fraction of two amounts of money (e.g. a loss as a share of budget). */
export function share(part: Pence, whole: Pence, field = 'amount'): Rate {
  return ratio(BigInt(part), BigInt(whole), field);
}
