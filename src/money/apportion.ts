import { InvalidInput } from '../errors.ts';
import { type Pence, pence } from './pence.ts';
import type { Rate } from './rate.ts';

/**
 * Shares a whole amount between parts in proportion to weights by the largest-remainder
 * method, so the parts always add up to the whole to the penny:
 * 1. each part gets the whole number of pence of its exact share, rounded towards zero;
 * 2. the pence left over go one each to the parts with the largest fractional remainders;
 * 3. equal remainders are settled in list order (earlier parts first), so the same input
 *    always gives the same answer.
 * A negative whole is shared as its size and the parts negated. Weights are whole numbers
 * or exact rates; they must not be negative and must not all be zero.
 */
export function apportion(
  whole: Pence,
  weights: readonly (bigint | number | Rate)[],
  field = 'weights',
): Pence[] {
  if (weights.length === 0) throw new InvalidInput(field, 'has no parts to share between');
  if (allEqual(weights)) return equalShares(whole, weights.length, field);
  return largestRemainderPlain(whole, weights, field) ?? largestRemainderExact(whole, weights, field);
}

/** The reference method in big numbers: any weights, any size. */
export function largestRemainderExact(
  whole: Pence,
  weights: readonly (bigint | number | Rate)[],
  field = 'weights',
): Pence[] {
  const scaled = toCommonIntegers(weights, field);
  const total = scaled.reduce((a, b) => a + b, 0n);
  if (total === 0n)
    throw new InvalidInput(field, 'are all zero', 'At least one part needs a weight above 0.');
  const negative = whole < 0;
  const w = BigInt(negative ? -whole : whole);
  const parts = scaled.map((s) => (w * s) / total);
  const remainders = scaled.map((s, i) => ({ i, r: (w * s) % total }));
  let left = w - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map((p) => pence(negative ? -p : p, field));
}

/**
 * The same method in plain whole numbers, for the usual case of small weights: every product
 * (whole × weight) must stay under 2^52 to be exact, otherwise it returns undefined and the
 * big-number method is used instead. Bad weights also go to that method, which names them.
 */
function largestRemainderPlain(
  whole: Pence,
  weights: readonly (bigint | number | Rate)[],
  field: string,
): Pence[] | undefined {
  let lcm = 1;
  for (const x of weights) {
    if (typeof x === 'bigint') return undefined;
    if (typeof x === 'object') {
      const d = Number(x.d);
      if (!(d > 0 && d < 2 ** 26 && x.n >= 0n && x.n < 2n ** 26n)) return undefined;
      lcm = (lcm * d) / gcdPlain(lcm, d);
      if (lcm >= 2 ** 26) return undefined;
    } else if (!(Number.isSafeInteger(x) && x >= 0)) return undefined;
  }
  const scaled = weights.map((x) =>
    typeof x === 'object' ? (Number(x.n) * lcm) / Number(x.d) : Number(x) * lcm,
  );
  let total = 0;
  for (const s of scaled) total += s;
  const w = Math.abs(whole);
  if (total === 0 || total >= 2 ** 52 || w * total >= 2 ** 52) return undefined;
  const parts = scaled.map((s) => Math.floor((w * s) / total));
  const remainders = scaled.map((s, i) => ({ i, r: w * s - (parts[i] as number) * total }));
  // The float quotient above may round across a whole number; the remainder shows it and is put right.
  for (const x of remainders) {
    while (x.r < 0) {
      parts[x.i] = (parts[x.i] as number) - 1;
      x.r += total;
    }
    while (x.r >= total) {
      parts[x.i] = (parts[x.i] as number) + 1;
      x.r -= total;
    }
  }
  let left = w;
  for (const p of parts) left -= p;
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : b.r - a.r));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] = (parts[i] as number) + 1;
    left -= 1;
  }
  return parts.map((p) => pence(whole < 0 ? -p : p, field));
}

function gcdPlain(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

function toCommonIntegers(weights: readonly (bigint | number | Rate)[], field: string): bigint[] {
  const rates = weights.map((x, i) => {
    if (typeof x === 'object') return x;
    if (typeof x === 'number' && !Number.isSafeInteger(x)) {
      throw new InvalidInput(
        `${field}[${i}]`,
        `${x} is not a whole number`,
        'Give weights as whole numbers or exact rates.',
      );
    }
    return { n: BigInt(x), d: 1n };
  });
  const lcm = rates.reduce((acc, r) => (acc * r.d) / gcd(acc, r.d), 1n);
  return rates.map((r, i) => {
    const v = (r.n * lcm) / r.d;
    if (v < 0n) throw new InvalidInput(`${field}[${i}]`, 'is negative', 'Weights must be 0 or more.');
    return v;
  });
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Equal weights (twelve whole months, say) need no big-number arithmetic: same rule, fast. */
function allEqual(weights: readonly (bigint | number | Rate)[]): boolean {
  const [first] = weights;
  if (typeof first !== 'object') return false;
  if (first.n <= 0n) return false;
  return weights.every((w) => w === first || (typeof w === 'object' && w.n === first.n && w.d === first.d));
}

function equalShares(whole: Pence, parts: number, field: string): Pence[] {
  const size = Math.abs(whole);
  const base = Math.floor(size / parts);
  const spare = size - base * parts;
  const sign = whole < 0 ? -1 : 1;
  return Array.from({ length: parts }, (_, i) => pence(sign * (base + (i < spare ? 1 : 0)), field));
}
