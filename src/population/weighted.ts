import { addMonths } from '../law/date-arithmetic.ts';
import { type FinancialYear, nextYear, yearOf } from '../money/calendar.ts';
import { formatDecimal, type Rate } from '../money/rate.ts';
import type { Engine } from './engines/engine.ts';
import type { Sex } from './model.ts';
import { num } from './profile.ts';
import { aggregateSql, type ServedPopulation, weightingOnSql } from './sql.ts';
import { defaultSuppression, type SafeCount, suppress } from './suppress.ts';
import {
  needsIndex,
  type WeightingCell,
  weightedPopulation,
  weightedPopulationIndex,
} from './weighted-population.ts';

export interface WeightedPopulationResult {
  persons: SafeCount;
  /** Weighted population in millionths of a person, exact (string, as it can exceed 2^53). */
  weightedMillionths: string;
  /** Weighted population per person, exact fraction and to 4 decimal places. */
  needsIndex: { numerator: string; denominator: string; fixed: string };
}

/** The WPAP population index: weighted population on the date ÷ a year before. */
export interface WpapPopulationIndex {
  baselineOn: string;
  on: string;
  /** The financial year whose WPAP the index adjusts: the one after the year containing the date. */
  appliesTo: FinancialYear;
  exact: { numerator: string; denominator: string };
  /** Ready for the arrangement file's `payment.population_index` (6 decimal places). */
  arrangementEntry: { year: FinancialYear; index: string };
}

/** Weighting cells (age band, sex, need) of the population served, for weighted-population.ts. */
export async function weightingCells(engine: Engine): Promise<WeightingCell[]> {
  return (await engine.query(aggregateSql.weighting(engine))).map((r) => ({
    band: num(r[0]),
    sex: String(r[1]) as Sex,
    need: num(r[2]),
    persons: num(r[3]),
  }));
}

/** The weighted population and needs index from the weighting cells (`weightingCells`). */
export function weightedPopulationOf(
  cells: readonly WeightingCell[],
  policy = defaultSuppression,
): WeightedPopulationResult {
  const wp = weightedPopulation(cells);
  const index = needsIndex(wp.persons ? wp : { persons: 1, weightedMillionths: 0n });
  return {
    persons: suppress(wp.persons, policy),
    weightedMillionths: wp.weightedMillionths.toString(),
    needsIndex: {
      numerator: index.n.toString(),
      denominator: index.d.toString(),
      fixed: formatDecimal(index, 4),
    },
  };
}

/**
 * The weighted-population index the money engine's WPAP takes (finance/wpap.ts,
 * `payment.population_index`; seed 001, para 40): the served population's weighted population
 * on `on` divided by the same a year earlier, as an exact `Rate`; null when nobody was served a
 * year earlier (an area whose practices have all opened since), as there is nothing to index from.
 */
export async function wpapPopulationIndex(
  engine: Engine,
  served: ServedPopulation,
  on: string,
  /** The cells on `on` when the caller has them from the per-person table (`weightingCells`): the same, without a query. */
  cellsNow?: readonly WeightingCell[],
): Promise<{ index: Rate; result: WpapPopulationIndex } | null> {
  const baselineOn = addMonths(on, -12);
  const cellsOn = async (date: string) =>
    (await engine.query(weightingOnSql(engine, served, date))).map((r) => ({
      band: num(r[0]),
      sex: String(r[1]) as Sex,
      need: num(r[2]),
      persons: num(r[3]),
    }));
  const current = weightedPopulation(cellsNow ?? (await cellsOn(on)));
  const baseline = weightedPopulation(await cellsOn(baselineOn));
  if (baseline.weightedMillionths === 0n) return null;
  const index = weightedPopulationIndex(current, baseline);
  const appliesTo = nextYear(yearOf(on));
  return {
    index,
    result: {
      baselineOn,
      on,
      appliesTo,
      exact: { numerator: index.n.toString(), denominator: index.d.toString() },
      arrangementEntry: { year: appliesTo, index: formatDecimal(index, 6) },
    },
  };
}
