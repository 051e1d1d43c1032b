import { InvalidInput } from '../core/errors.ts';

/**
 * Abridged life table by Chiang's method II, as used by ONS and the Office for Health
 * Improvement and Disparities (OHID) for life expectancy at birth by local authority and by
 * deprivation decile: age bands 0, 1–4, 5–9, … 85–89 and 90+, the fraction of the interval lived
 * by those who die taken as 0.1 in the first year of life and 0.5 elsewhere, and the open
 * interval closed with L = l / M. The variance follows Chiang (1984) with the open-interval
 * term of Silcocks, Jenner and Reza (2001), which is how OHID gives its 95% confidence limits.
 * Runs in TypeScript on aggregated deaths and populations, because ClickHouse 18.16 has no
 * window functions and the table is a few dozen numbers.
 */
export const ageBandStarts = [
  0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
] as const;

/** Index into ageBandStarts for an age in completed years. */
export function ageBand(age: number): number {
  let band = 0;
  for (let i = 0; i < ageBandStarts.length; i++) if (age >= (ageBandStarts[i] as number)) band = i;
  return band;
}

export function ageBandLabel(band: number): string {
  const start = ageBandStarts[band] as number;
  const next = ageBandStarts[band + 1];
  if (next === undefined) return `${start}+`;
  return next - start === 1 ? `${start}` : `${start}–${next - 1}`;
}

/** Counts by life-table band as the five-year bands of ESP2013 (0–4, 5–9 … 90+): 0 and 1–4 join. */
export function fiveYearBandsOf(byLifeTableBand: readonly number[]): number[] {
  return byLifeTableBand.slice(1).map((n, i) => (i === 0 ? n + (byLifeTableBand[0] as number) : n));
}

export interface LifeTableInput {
  /** Deaths in each age band (length 20). */
  readonly deaths: readonly number[];
  /** Person-years at risk in each age band (mid-period population × years). */
  readonly personYears: readonly number[];
}

export interface LifeExpectancy {
  /** Life expectancy at birth in years. */
  readonly atBirth: number;
  readonly lower95: number;
  readonly upper95: number;
  /** Life expectancy at the start of each age band. */
  readonly byAge: readonly number[];
}

/**
 * Life expectancy at birth from deaths and person-years by age band. Refuses an open
 * interval with no deaths (the table cannot close), as OHID does.
 */
export function lifeTable(input: LifeTableInput): LifeExpectancy {
  const bands = ageBandStarts.length;
  const { deaths, personYears } = input;
  if (deaths.length !== bands || personYears.length !== bands) {
    throw new InvalidInput('lifeTable', `needs ${bands} age bands of deaths and person-years`);
  }
  for (let i = 0; i < bands; i++) {
    if (!((personYears[i] as number) > 0)) {
      throw new InvalidInput(`lifeTable.personYears[${ageBandLabel(i)}]`, 'must be more than zero');
    }
    if ((deaths[i] as number) < 0)
      throw new InvalidInput(`lifeTable.deaths[${ageBandLabel(i)}]`, 'is negative');
  }
  if ((deaths[bands - 1] as number) === 0) {
    throw new InvalidInput('lifeTable.deaths[90+]', 'is zero, so the open age interval cannot be closed');
  }
  const l0 = 100_000;
  const l: number[] = [l0];
  const L: number[] = [];
  const q: number[] = [];
  const varQ: number[] = [];
  const m: number[] = [];
  const width: number[] = [];
  const frac: number[] = [];
  for (let i = 0; i < bands; i++) {
    const n = i === bands - 1 ? 0 : (ageBandStarts[i + 1] as number) - (ageBandStarts[i] as number);
    const a = i === 0 ? 0.1 : 0.5;
    const M = (deaths[i] as number) / (personYears[i] as number);
    const lx = l[i] as number;
    width.push(n);
    frac.push(a);
    m.push(M);
    if (i === bands - 1) {
      q.push(1);
      varQ.push(0);
      L.push(lx / M);
    } else {
      const qx = Math.min(1, (n * M) / (1 + n * (1 - a) * M));
      q.push(qx);
      varQ.push(
        (n * n * M * (1 - a * n * M)) / ((personYears[i] as number) * (1 + (1 - a) * n * M) ** 3) || 0,
      );
      const next = lx * (1 - qx);
      l.push(next);
      L.push(n * (next + a * (lx - next)));
    }
  }
  const T: number[] = new Array(bands).fill(0);
  let running = 0;
  for (let i = bands - 1; i >= 0; i--) {
    running += L[i] as number;
    T[i] = running;
  }
  const e = T.map((t, i) => t / (l[i] as number));
  let variance = 0;
  for (let i = 0; i < bands - 1; i++) {
    const term = (1 - (frac[i] as number)) * (width[i] as number) + (e[i + 1] as number);
    variance += (l[i] as number) ** 2 * term ** 2 * (varQ[i] as number);
  }
  const last = bands - 1;
  const lw = l[last] as number;
  const Mw = m[last] as number;
  variance += (lw * lw) / (Mw ** 3 * (personYears[last] as number));
  const se = Math.sqrt(variance) / l0;
  const atBirth = e[0] as number;
  return { atBirth, lower95: atBirth - 1.96 * se, upper95: atBirth + 1.96 * se, byAge: e };
}
