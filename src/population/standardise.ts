import { InvalidInput } from '../core/errors.ts';
import { readReferenceFile, referenceRows } from './reference-data.ts';

/**
 * Directly age-standardised rates to the European Standard Population 2013, with 95%
 * confidence intervals by Dobson's method using Byar's approximation to the Poisson limits of
 * the events, as OHID (formerly PHE) does for its indicators (PHE, "Technical guide: direct
 * standardisation", 2017; Dobson, Kuulasmaa, Eberle and Scherer, Statistics in Medicine 10,
 * 1991; Breslow and Day, 1987, for Byar's method).
 */

/** ESP2013 weights for the five-year bands 0–4 … 85–89, 90+ (data/reference/esp2013.csv). */
export const esp2013: readonly number[] = readEsp(readReferenceFile('esp2013.csv'));

export function readEsp(csv: string): number[] {
  const weights = referenceRows('esp2013.csv', csv, 'age_band,weight').map(({ fields, where }) => {
    const weight = Number(fields[1]);
    if (!Number.isInteger(weight) || weight <= 0)
      throw new InvalidInput(where, `weight "${fields[1]}" is not a whole number above 0`);
    return weight;
  });
  if (weights.length !== 19) throw new InvalidInput('esp2013.csv', `has ${weights.length} age bands, not 19`);
  if (weights.reduce((a, b) => a + b, 0) !== 100_000)
    throw new InvalidInput('esp2013.csv', 'weights do not add up to 100,000');
  return weights;
}

/** Byar's approximation to the exact 95% Poisson limits of an observed count. */
export function byarLimits(observed: number, z = 1.959963984540054): [number, number] {
  const lower = observed === 0 ? 0 : observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  const o = observed + 1;
  const upper = o * (1 - 1 / (9 * o) + z / (3 * Math.sqrt(o))) ** 3;
  return [lower, upper];
}

export interface StandardisedRate {
  rate: number;
  lower95: number;
  upper95: number;
  /** From the DSR's variance (for the SII); the interval itself is Dobson's, not symmetric. */
  standardError: number;
  events: number;
  population: number;
}

/**
 * The rate per `per` that the standard population would have at the group's age-specific
 * rates. `events[i]` and `population[i]` are the group's counts in band i, `weights[i]` the
 * standard's. Bands where the group has nobody contribute nothing (as PHE's tools treat them).
 */
export function standardisedRate(
  events: readonly number[],
  population: readonly number[],
  weights: readonly number[] = esp2013,
  per = 100_000,
): StandardisedRate {
  if (events.length !== weights.length || population.length !== weights.length) {
    throw new InvalidInput('standardisedRate', `needs ${weights.length} age bands of events and population`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  let rate = 0;
  let variance = 0;
  let observed = 0;
  let people = 0;
  weights.forEach((w, i) => {
    const x = events[i] as number;
    const n = population[i] as number;
    observed += x;
    people += n;
    if (n <= 0) return;
    rate += (w * x) / n;
    variance += (w * w * x) / (n * n);
  });
  const dsr = (per * rate) / total;
  const varDsr = (per * per * variance) / (total * total);
  if (observed === 0)
    return { rate: 0, lower95: 0, upper95: 0, standardError: 0, events: 0, population: people };
  const [lo, hi] = byarLimits(observed);
  const scale = Math.sqrt(varDsr / observed);
  return {
    rate: dsr,
    lower95: dsr + scale * (lo - observed),
    upper95: dsr + scale * (hi - observed),
    standardError: Math.sqrt(varDsr),
    events: observed,
    population: people,
  };
}
