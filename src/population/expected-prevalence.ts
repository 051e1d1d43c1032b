import { minimumEvents, round } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import type { EnglandComparators } from './england.ts';
import { type Condition, conditionCodes, conditions } from './model.ts';
import { num } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { byarLimits } from './standardise.ts';
import { isDisclosive, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

/**
 * Observed against expected prevalence per QOF register, by indirect standardisation: the
 * expected number is England's prevalence at each age applied to the area's people of that
 * age, and the ratio observed ÷ expected has a 95% interval from Byar's limits of the observed
 * count, the expected count taken as exact (PHE, "Technical guide: confidence intervals",
 * appendix 1, and OHID's indirectly standardised ratio method; as PHE's indirect
 * standardisation tool and the PHEindicatormethods package compute it).
 *
 * England's QOF prevalence is published only over each register's own age range (all ages,
 * or 6, 16, 17, 18 or 50 and over), not by age band or sex, so the standard has two bands:
 * nobody below the register's age, England's rate from it. The expected count therefore
 * allows for how many people are in the register's age range, not for the age mix within it.
 */

export interface StandardisedRatio {
  ratio: number;
  lower95: number;
  upper95: number;
}

/** Expected events: each band's standard rate times the band's people. */
export function expectedCount(rates: readonly number[], population: readonly number[]): number {
  return rates.reduce((sum, rate, i) => sum + rate * (population[i] ?? 0), 0);
}

/** Observed ÷ expected with Byar's 95% limits of the observed count over the (exact) expected. */
export function indirectlyStandardisedRatio(observed: number, expected: number): StandardisedRatio {
  const [lower, upper] = byarLimits(observed);
  return { ratio: observed / expected, lower95: lower / expected, upper95: upper / expected };
}

export interface ExpectedPrevalenceRow {
  condition: Condition;
  name: string;
  /** Youngest age the register counts (0 = all ages). */
  fromAge: number;
  /** People on the register of that age or over. */
  observed: SafeCount;
  /** Expected from England's rate, to one decimal place; null when the age range's people are suppressed. */
  expected: number | null;
  /** Observed ÷ expected and its 95% interval, to two places; null from fewer than 10 people on the register. */
  ratio: number | null;
  lower95: number | null;
  upper95: number | null;
}

export interface ExpectedPrevalence {
  /** Where the standard rates come from. */
  standard: string;
  rows: ExpectedPrevalenceRow[];
}

export async function expectedPrevalence(
  engine: Engine,
  on: string,
  england: EnglandComparators,
  policy: SuppressionPolicy,
): Promise<ExpectedPrevalence> {
  const registers = await engine.query(aggregateSql.registersByAge(engine, on));
  const persons = await engine.query(aggregateSql.personsByAge(engine));
  return expectedPrevalenceFromRows(registers, persons, england, policy);
}

/**
 * From rows of `aggregateSql.registersByAge` (condition, age, people) and `.personsByAge` (age,
 * people). Disclosure: the expected count is worked out from the *published* number of people
 * in the register's age range, so it reveals no exact count; the ratio is model-based (rule 5).
 */
export function expectedPrevalenceFromRows(
  registerRows: readonly Row[],
  personRows: readonly Row[],
  england: EnglandComparators,
  policy: SuppressionPolicy,
): ExpectedPrevalence {
  const peopleFrom = (age: number) =>
    personRows.reduce((sum, r) => (num(r[0]) >= age ? sum + num(r[1]) : sum), 0);
  const rows = conditionCodes.flatMap((code): ExpectedPrevalenceRow[] => {
    const standard = england.registers[code];
    if (!standard) return [];
    const observed = registerRows.reduce(
      (sum, r) => (r[0] === code && num(r[1]) >= standard.fromAge ? sum + num(r[2]) : sum),
      0,
    );
    const people = suppress(peopleFrom(standard.fromAge), policy);
    // One standard band, the register's age range (nobody below it counts).
    const expected = people === null ? null : expectedCount([standard.rate], [people]);
    const shown =
      expected !== null && expected > 0 && observed >= minimumEvents && !isDisclosive(observed, policy)
        ? indirectlyStandardisedRatio(observed, expected)
        : null;
    return [
      {
        condition: code,
        name: conditions[code].name,
        fromAge: standard.fromAge,
        observed: suppress(observed, policy),
        expected: expected === null ? null : round(expected, 1),
        ratio: shown && round(shown.ratio, 2),
        lower95: shown && round(shown.lower95, 2),
        upper95: shown && round(shown.upper95, 2),
      },
    ];
  });
  return {
    standard: "England's recorded prevalence in QOF 2020/21, over each register's own age range",
    rows,
  };
}
