import { InvalidInput } from '../core/errors.ts';

/**
 * Slope index of inequality (SII): the gap in a measure between the most and the least
 * deprived ends of the population, from a population-weighted least-squares line through the
 * deciles placed at the midpoint of their cumulative population share (their "ridit"). This
 * is the PHE/OHID definition used for the published life expectancy SII
 * (OHID's local authority figures in data/nhs; PHE, "Technical guide: confidence intervals",
 * section on the slope index of inequality). Deciles are given most deprived first (IMD decile
 * 1), so x = 0 is the most deprived end and x = 1 the least. The result is the fitted value at
 * the least deprived end minus the fitted value at the most deprived end: positive for life
 * expectancy when the least deprived live longer, negative for a rate that is higher where
 * deprivation is greater.
 */

/** One IMD decile: its people, and its value of the measure when it has one. */
export interface SiiDecile {
  decile: number;
  population: number;
  /** The measure for this decile; null when it cannot be worked out (e.g. a life table that cannot close). */
  value: number | null;
  /** Standard error of `value`, for the confidence interval; omit when not known. */
  standardError?: number | null;
}

export interface SlopeIndex {
  /** Least deprived end minus most deprived end; null when withheld (see `note`). */
  value: number | null;
  /** 95% confidence interval, when every decile used has a standard error (see confidenceInterval). */
  lower95: number | null;
  upper95: number | null;
  /** IMD deciles with people in them (these fix the ridits). */
  decilesWithPeople: number[];
  /** Deciles whose value entered the fitted line. */
  decilesUsed: number[];
  /** Why the figure is withheld, or what to bear in mind when reading it. */
  note: string | null;
}

/** Fewest deciles with a value for an SII to be shown. */
export const siiMinimumDeciles = 5;
/** Smallest share of the people the deciles with a value must hold for an SII to be shown. */
export const siiMinimumCoverage = 0.8;

/**
 * Fitted slope through points (ridit, value) weighted by population share; the SII is the
 * slope because the ridit scale runs from 0 to 1.
 */
function weightedSlope(points: readonly { x: number; w: number; y: number }[]): number {
  let sw = 0;
  let swx = 0;
  let swy = 0;
  let swxx = 0;
  let swxy = 0;
  for (const { x, w, y } of points) {
    sw += w;
    swx += w * x;
    swy += w * y;
    swxx += w * x * x;
    swxy += w * x * y;
  }
  return (sw * swxy - swx * swy) / (sw * swxx - swx * swx);
}

/** Ridits of the deciles with people, in decile order, over the whole population present. */
function ridits(deciles: readonly SiiDecile[]): Map<number, { x: number; w: number }> {
  const present = [...deciles].filter((d) => d.population > 0).sort((a, b) => a.decile - b.decile);
  const total = present.reduce((s, d) => s + d.population, 0);
  const out = new Map<number, { x: number; w: number }>();
  let cumulative = 0;
  for (const d of present) {
    const w = d.population / total;
    out.set(d.decile, { x: cumulative + w / 2, w });
    cumulative += w;
  }
  return out;
}

const list = (deciles: readonly number[]) =>
  deciles.length === 1 ? `decile ${deciles[0]}` : `deciles ${deciles.join(', ')}`;

/**
 * The SII over every decile that has people. Each decile keeps its true place on the ridit
 * scale even when its own value is missing, so a decile that drops out never stretches the
 * others across the whole range (the fault of fitting only the deciles with a value). The
 * figure is withheld when fewer than `siiMinimumDeciles` deciles have a value or those hold
 * less than `siiMinimumCoverage` of the people; otherwise any decile without people or
 * without a value is named in `note`.
 */
export function slopeIndex(deciles: readonly SiiDecile[]): SlopeIndex {
  for (const d of deciles) {
    if (!(d.population >= 0)) throw new InvalidInput(`sii.decile[${d.decile}].population`, 'is not a count');
  }
  const scale = ridits(deciles);
  const decilesWithPeople = [...scale.keys()];
  const used = deciles
    .filter((d) => scale.has(d.decile) && d.value !== null && Number.isFinite(d.value))
    .sort((a, b) => a.decile - b.decile);
  const decilesUsed = used.map((d) => d.decile);
  const coverage = used.reduce((s, d) => s + (scale.get(d.decile)?.w ?? 0), 0);
  const withheld = (note: string): SlopeIndex => ({
    value: null,
    lower95: null,
    upper95: null,
    decilesWithPeople,
    decilesUsed,
    note,
  });
  if (used.length < siiMinimumDeciles) {
    return withheld(
      `withheld: only ${used.length} of the deciles have a figure (at least ${siiMinimumDeciles} are needed)`,
    );
  }
  if (coverage < siiMinimumCoverage) {
    return withheld(
      `withheld: the deciles with a figure hold only ${Math.round(coverage * 100)}% of the people (at least ${siiMinimumCoverage * 100}% are needed)`,
    );
  }
  const points = used.map((d) => ({
    ...(scale.get(d.decile) as { x: number; w: number }),
    y: d.value as number,
  }));
  const value = weightedSlope(points);
  const notes: string[] = [];
  const empty = Array.from({ length: 10 }, (_, i) => i + 1).filter((d) => !scale.has(d));
  if (empty.length)
    notes.push(`${list(empty)} ${empty.length === 1 ? 'has' : 'have'} nobody in this population`);
  const missing = decilesWithPeople.filter((d) => !decilesUsed.includes(d));
  if (missing.length)
    notes.push(
      `${list(missing)} ${missing.length === 1 ? 'has' : 'have'} no figure and keep only their place on the scale`,
    );
  const interval = confidenceInterval(used, points, value);
  return {
    value,
    lower95: interval?.[0] ?? null,
    upper95: interval?.[1] ?? null,
    decilesWithPeople,
    decilesUsed,
    note: notes.length ? `${notes.join('; ')}.` : null,
  };
}

/**
 * 95% interval. PHE's SII tool draws each decile's value from a normal distribution with its
 * standard error and refits many times. The fitted slope is linear in the values, so the
 * simulated slopes are exactly normal with standard deviation sqrt(Σ cᵢ² σᵢ²), cᵢ being each
 * decile's weight in the slope: this is the interval the simulation converges to, without the
 * simulation's noise. For a rate the tool draws the log rate, not the rate, so its interval is
 * slightly skewed; drawing the rate with its own standard error agrees with it to the
 * simulation's noise in PHE's worked example (slope-index.test.ts), less so for imprecise rates.
 */
function confidenceInterval(
  used: readonly SiiDecile[],
  points: readonly { x: number; w: number; y: number }[],
  value: number,
): [number, number] | null {
  if (
    used.some((d) => d.standardError === undefined || d.standardError === null || !(d.standardError >= 0))
  ) {
    return null;
  }
  const sw = points.reduce((t, p) => t + p.w, 0);
  const mean = points.reduce((t, p) => t + p.w * p.x, 0) / sw;
  const sxx = points.reduce((t, p) => t + p.w * (p.x - mean) ** 2, 0);
  let variance = 0;
  points.forEach((p, i) => {
    const c = (p.w * (p.x - mean)) / sxx;
    variance += (c * (used[i]?.standardError as number)) ** 2;
  });
  const half = 1.96 * Math.sqrt(variance);
  return [value - half, value + half];
}
