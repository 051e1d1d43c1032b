import { modelBased, publishedRate } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import { type EthnicGroup, ethnicGroupNames, ethnicGroupOf, ethnicGroups } from './ethnic-category.ts';
import { type Condition, conditions, ltcCodes } from './model.ts';
import { num } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { esp2013, standardisedRate } from './standardise.ts';
import { type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';
import type { AdmissionsAndAe } from './trends.ts';

/**
 * Activity, long-term conditions and deprivation by ethnic group, for the "PLUS" groups of
 * NHS England's Core20PLUS5 (people in the most deprived fifth of areas, Core20, and locally
 * chosen groups with poorer access or outcomes, often by ethnicity). Groups are the ONS 2021
 * high-level groups of the NHS ethnic category (ethnic-category.ts), plus not stated or not
 * known, which includes everyone whose record has no ethnicity. For the population served on
 * the date: emergency admissions in the year before, directly age-standardised to ESP2013 with
 * Dobson intervals (model-based, disclosure rule 5); A&E attendances per 1,000 and the share
 * on each long-term-condition register, from published counts (rule 2); and how many are in
 * Core20 (IMD 2019 deciles 1–2).
 */
export interface EthnicGroupRates extends AdmissionsAndAe {
  group: EthnicGroup;
  name: string;
  persons: SafeCount;
  /** People living in the most deprived fifth of England's areas (Core20). */
  core20: SafeCount;
  core20Percent: number | null;
}

export interface EthnicGroupRegister {
  condition: Condition;
  name: string;
  /** Per group, in the order of `ethnicGroups`: people on the register and their share (%). */
  groups: { group: EthnicGroup; persons: SafeCount; percent: number | null }[];
}

export interface EthnicityBreakdown {
  groups: EthnicGroupRates[];
  registers: EthnicGroupRegister[];
}

interface Tally {
  persons: number[];
  emergency: number[];
  ae: number[];
  core20: number;
}

/** Sums rows of `aggregateSql.ethnicity` (code, band, persons, emergency, A&E, Core20) by group. */
export function tallyByGroup(rows: readonly Row[]): Map<EthnicGroup, Tally> {
  const bands = () => new Array<number>(esp2013.length).fill(0);
  const tallies = new Map(
    ethnicGroups.map((g) => [g, { persons: bands(), emergency: bands(), ae: bands(), core20: 0 }]),
  );
  for (const r of rows) {
    const t = tallies.get(ethnicGroupOf(String(r[0] ?? ''))) as Tally;
    const band = num(r[1]);
    t.persons[band] = (t.persons[band] as number) + num(r[2]);
    t.emergency[band] = (t.emergency[band] as number) + num(r[3]);
    t.ae[band] = (t.ae[band] as number) + num(r[4]);
    t.core20 += num(r[5]);
  }
  return tallies;
}

const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function groupRates(group: EthnicGroup, t: Tally, policy: SuppressionPolicy): EthnicGroupRates {
  const persons = total(t.persons);
  const ae = total(t.ae);
  const dsr = standardisedRate(t.emergency, t.persons, esp2013, 1000);
  const shown = (x: number) => modelBased(x, persons, dsr.events, policy);
  return {
    group,
    name: ethnicGroupNames[group],
    persons: suppress(persons, policy),
    emergencyAdmissions: suppress(dsr.events, policy),
    emergencyPer1000Standardised: shown(dsr.rate),
    emergencyLower95: shown(dsr.lower95),
    emergencyUpper95: shown(dsr.upper95),
    aeAttendances: suppress(ae, policy),
    aePer1000: publishedRate(ae, persons, 1000, policy),
    core20: suppress(t.core20, policy),
    core20Percent: publishedRate(t.core20, persons, 100, policy),
  };
}

/** Long-term-condition registers by group from rows of `registersByEthnicity` (code, condition, people). */
export function registersByGroup(
  rows: readonly Row[],
  persons: ReadonlyMap<EthnicGroup, number>,
  policy: SuppressionPolicy,
): EthnicGroupRegister[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r[1]}|${ethnicGroupOf(String(r[0] ?? ''))}`;
    counts.set(key, (counts.get(key) ?? 0) + num(r[2]));
  }
  return ltcCodes.map((condition) => ({
    condition,
    name: conditions[condition].name,
    groups: ethnicGroups.map((group) => {
      const n = counts.get(`${condition}|${group}`) ?? 0;
      return {
        group,
        persons: suppress(n, policy),
        percent: publishedRate(n, persons.get(group) ?? 0, 100, policy),
      };
    }),
  }));
}

export async function ethnicityBreakdown(
  engine: Engine,
  on: string,
  policy: SuppressionPolicy,
): Promise<EthnicityBreakdown> {
  const tallies = tallyByGroup(await engine.query(aggregateSql.ethnicity(engine)));
  const persons = new Map(ethnicGroups.map((g) => [g, total((tallies.get(g) as Tally).persons)]));
  return {
    groups: ethnicGroups.map((g) => groupRates(g, tallies.get(g) as Tally, policy)),
    registers: registersByGroup(
      await engine.query(aggregateSql.registersByEthnicity(engine, on)),
      persons,
      policy,
    ),
  };
}
