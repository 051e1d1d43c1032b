import { InvalidInput } from '../core/errors.ts';
import { type Pence, pence } from '../core/money.ts';
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
  if (allEqual(weights)) return shareEqually(whole, weights.length, field);
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

/** Rate weights with numerator and denominator under 2^26 are worked in plain numbers. */
const smallWeight = 2n ** 26n;

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
  const n = weights.length;
  let lcm = 1;
  for (let i = 0; i < n; i++) {
    const x = weights[i] as bigint | number | Rate;
    if (typeof x === 'bigint') return undefined;
    if (typeof x === 'object') {
      const d = Number(x.d);
      if (!(d > 0 && d < 2 ** 26 && x.n >= 0n && x.n < smallWeight)) return undefined;
      lcm = (lcm * d) / gcdPlain(lcm, d);
      if (lcm >= 2 ** 26) return undefined;
    } else if (!(Number.isSafeInteger(x) && x >= 0)) return undefined;
  }
  const scaled = workingSpace(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = weights[i] as number | Rate;
    scaled[i] = typeof x === 'object' ? (Number(x.n) * lcm) / Number(x.d) : x * lcm;
    total += scaled[i] as number;
  }
  const w = Math.abs(whole);
  if (total === 0 || total >= 2 ** 52 || w * total >= 2 ** 52) return undefined;
  const parts = new Array<number>(n);
  // Each part's remainder replaces its scaled weight, which is not needed again.
  const remainders = scaled;
  let left = w;
  for (let i = 0; i < n; i++) {
    const product = w * (scaled[i] as number);
    let part = Math.floor(product / total);
    let r = product - part * total;
    // The float quotient may round across a whole number; the remainder shows it and is put right.
    while (r < 0) {
      part -= 1;
      r += total;
    }
    while (r >= total) {
      part += 1;
      r -= total;
    }
    parts[i] = part;
    remainders[i] = r;
    left -= part;
  }
  if (left > 0) {
    const order = byLargestRemainder(remainders, n);
    for (let k = 0; k < left; k++) {
      const i = order[k] as number;
      parts[i] = (parts[i] as number) + 1;
    }
  }
  for (let i = 0; i < n; i++)
    parts[i] = pence(whole < 0 ? -(parts[i] as number) : (parts[i] as number), field);
  return parts as Pence[];
}

let working = new Float64Array(64);

/**
 * Reused working space for the plain method's scaled weights and remainders: sharing runs
 * for every year of every schedule, and a fresh array each time would only make garbage.
 * Safe because the method never calls itself or anything that shares money.
 */
function workingSpace(n: number): Float64Array {
  if (working.length < n) working = new Float64Array(n);
  return working;
}

/**
 * The first `n` part numbers in order of remainder, largest first, equal remainders in list
 * order. Few parts (indicators, practices, months) are put in order by insertion, which needs
 * no working space; many by the built-in sort.
 */
function byLargestRemainder(remainders: Float64Array, n: number): number[] {
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n > 16) return order.sort((x, y) => (before(remainders, x, y) ? -1 : 1));
  for (let i = 1; i < n; i++) {
    const item = order[i] as number;
    let j = i - 1;
    for (; j >= 0 && before(remainders, item, order[j] as number); j--) order[j + 1] = order[j] as number;
    order[j + 1] = item;
  }
  return order;
}

function before(remainders: Float64Array, x: number, y: number): boolean {
  const rx = remainders[x] as number;
  const ry = remainders[y] as number;
  return rx > ry || (rx === ry && x < y);
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

/**
 * The largest-remainder method for equal weights: every part gets the whole number of pence
 * of an equal share and the spare pence go one each to the earliest parts. The parts are
 * written into `into` when given (a caller that shares every year reuses one array).
 */
export function shareEqually(
  whole: Pence,
  parts: number,
  field = 'parts',
  into: Pence[] = new Array<Pence>(parts),
): Pence[] {
  const size = Math.abs(whole);
  const base = Math.floor(size / parts);
  const spare = size - base * parts;
  const sign = whole < 0 ? -1 : 1;
  into.length = parts;
  for (let i = 0; i < parts; i++) into[i] = pence(sign * (base + (i < spare ? 1 : 0)), field);
  return into;
}
