/**
 * A small, fast, seedable pseudo-random generator (SplitMix32 seeding a xoshiro128**), so the
 * synthetic population is the same for the same seed on every machine and Node version.
 */
export class Random {
  /** The xoshiro128** state, kept as 32-bit integers (no boxed numbers in the hot path). */
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < 4; i++) this.s[i] = next();
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = (s[2] as number) ^ a;
    const d = (s[3] as number) ^ b;
    s[0] = a ^ d;
    s[1] = b ^ c;
    s[2] = c ^ (b << 9);
    s[3] = rotl(d, 11);
    return (Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0) / 4294967296;
  }

  /** A whole number from 0 to n − 1. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * A Poisson draw: by inversion (one uniform, walking up the distribution) for small means, a
   * rounded normal approximation beyond 30.
   */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const u = Math.max(this.next(), 1e-12);
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
    }
    const u = this.next();
    let k = 0;
    let p = Math.exp(-mean);
    let below = p;
    while (u >= below && p > 0) {
      k++;
      p *= mean / k;
      below += p;
    }
    return k;
  }

  /** Rounds x up or down at random so that the expected value is x. */
  round(x: number): number {
    const whole = Math.floor(x);
    return whole + (this.next() < x - whole ? 1 : 0);
  }

  /** Index drawn from a cumulative weight table (last entry = total). */
  pick(cumulative: Float64Array | readonly number[]): number {
    const total = cumulative[cumulative.length - 1] as number;
    const target = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    out[i] = sum;
  }
  return out;
}
