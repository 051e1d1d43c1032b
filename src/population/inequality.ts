import { InvalidInput } from '../errors.ts';

/**
 * Slope index of inequality (SII): the gap in a measure between the most and the least
 * deprived ends of the population, from a population-weighted least-squares line through the
 * deciles placed at the midpoint of their cumulative population share (their "ridit"). This
 * is the PHE/OHID definition used for the published life expectancy SII
 * (`life-expectancy-inequality-by-la.csv`). Deciles are given most deprived first (IMD decile
 * 1), so x = 0 is the most deprived end and x = 1 the least. The result is the fitted value at
 * the least deprived end minus the fitted value at the most deprived end: positive for life
 * expectancy when the least deprived live longer, negative for a rate that is higher where
 * deprivation is greater.
 */
export function slopeIndexOfInequality(groups: readonly { population: number; value: number }[]): number {
  const total = groups.reduce((sum, g) => sum + g.population, 0);
  if (groups.length < 2 || !(total > 0)) {
    throw new InvalidInput('slopeIndexOfInequality', 'needs at least two groups with people in them');
  }
  let cumulative = 0;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  let swxx = 0;
  let swxy = 0;
  for (const g of groups) {
    const w = g.population / total;
    const x = cumulative + w / 2;
    cumulative += w;
    sw += w;
    swx += w * x;
    swy += w * g.value;
    swxx += w * x * x;
    swxy += w * x * g.value;
  }
  const denominator = sw * swxx - swx * swx;
  return (sw * swxy - swx * swy) / denominator;
}
