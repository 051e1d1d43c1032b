import { Temporal } from 'temporal-polyfill';
import { cambridgeWeights } from './cambridge-weights.ts';
import { dateLiteral, type Engine, stringList } from './engines/engine.ts';
import { type Condition, conditionCodes, ltcCodes, openEnd, type Setting, settings } from './model.ts';

/**
 * Every SQL text the analyses run, in one place, written once for every engine: DuckDB 1.5,
 * ClickHouse 18.16 (no window functions, one JOIN per SELECT, joins by USING, unqualified
 * column names) and today's ClickHouse 26.x (every subquery in a JOIN has an alias). Person-level work runs on the local tables beside the data; aggregates read
 * every shard. Results are whole numbers only; rates are worked out in TypeScript.
 */

/** Who the ICP serves: patients of its integrated practices, plus unregistered residents of its area. */
export interface ServedPopulation {
  /** ODS codes of the practices integrated into (or aligned with) the contract. */
  practices: readonly string[];
  /** LSOAs of the contract's area; unregistered people living there are served. Omit for all in the data; empty for none. */
  lsoas?: readonly string[];
}

export const settingColumn: Record<Setting, string> = {
  gp: 'gp_n',
  outpatient: 'op_n',
  ae: 'ae_n',
  elective: 'el_n',
  emergency: 'em_n',
  community: 'cm_n',
  social_care: 'sc_n',
};

/** Condition flags kept per person, for segmentation. */
export const flaggedConditions = [
  'DEM',
  'HF',
  'COPD',
  'CKD',
  'LD',
  'MH',
  'PC',
] as const satisfies readonly Condition[];

function shift(iso: string, years: number, months = 0): string {
  return Temporal.PlainDate.from(iso).add({ years, months }).toString();
}

function monthIndex(iso: string): number {
  const d = Temporal.PlainDate.from(iso);
  return d.year * 12 + d.month;
}

/** Age in completed years on `iso`, from year and month of birth (birthday taken as the 1st). */
function ageOn(engine: Engine, iso: string): string {
  return engine.dialect.idiv(`${monthIndex(iso)} - (birth_year * 12 + birth_month)`, '12');
}

/** Age at death in completed years. */
function ageAtDeath(engine: Engine): string {
  const d = engine.dialect;
  return d.idiv(
    `(${d.year('death_date')} * 12 + ${d.month('death_date')}) - (birth_year * 12 + birth_month)`,
    '12',
  );
}

/** The age band index of lifetable.ts (0, 1–4, 5–9 … 85–89, 90+) for an age expression. */
function lifeTableBand(engine: Engine, age: string): string {
  return `CASE WHEN ${age} < 1 THEN 0 WHEN ${age} < 5 THEN 1 ELSE least(${engine.dialect.idiv(age, '5')} + 1, 19) END`;
}

/** The practices' codes as an SQL list, or null when there are none. */
function practiceList(served: ServedPopulation): string | null {
  return served.practices.length ? stringList(served.practices) : null;
}

/** The unregistered residents served: every one in the data, those living in the area's LSOAs, or none. */
function residents(served: ServedPopulation): string {
  if (!served.lsoas) return `practice_code = ''`;
  return served.lsoas.length ? `(practice_code = '' AND lsoa IN (${stringList(served.lsoas)}))` : '0 = 1';
}

/**
 * Registered with one of the practices and `registered` holds, or else a resident served. A
 * CASE rather than `(IN … AND registered) OR resident`: DuckDB turns an IN list under an OR
 * into a chain of comparisons on every row (some 15 times slower with an ICB's practices),
 * but keeps a hashed lookup for CASE. The same rows, as no practice code is '' (a resident's).
 */
function practiceOrResident(served: ServedPopulation, registered: string): string {
  const practices = practiceList(served);
  return practices
    ? `(CASE WHEN practice_code IN (${practices}) THEN ${registered} ELSE ${residents(served)} END)`
    : residents(served);
}

/** Served on the date `on` (an SQL date) of month index `months`: alive, born, and registered with a practice or resident. */
function servedAt(served: ServedPopulation, on: string, months: string): string {
  return `death_date > ${on} AND birth_year * 12 + birth_month <= ${months}
    AND ${practiceOrResident(served, `registered_from <= ${on} AND registered_to > ${on}`)}`;
}

function servedOn(served: ServedPopulation, iso: string): string {
  return servedAt(served, dateLiteral(iso), String(monthIndex(iso)));
}

/** The month index (year × 12 + month) of a date column, as monthIndex gives for a literal. */
function monthOf(engine: Engine, date: string): string {
  return `${engine.dialect.year(date)} * 12 + ${engine.dialect.month(date)}`;
}

/** The first calendar year of the financial year (1 April to 31 March) a date column falls in. */
function financialYear(engine: Engine, date: string): string {
  return `${engine.dialect.year(date)} - CASE WHEN ${engine.dialect.month(date)} < 4 THEN 1 ELSE 0 END`;
}

/** A date column as the whole number YYYYMMDD, which every engine returns alike. */
function dayNumber(engine: Engine, date: string): string {
  const d = engine.dialect;
  return `${d.year(date)} * 10000 + ${d.month(date)} * 100 + ${d.day(date)}`;
}

/** Registered with one of the practices (at the last registration, whatever its dates) or a resident served. */
function registeredOrResident(served: ServedPopulation): string {
  return practiceOrResident(served, '1 = 1');
}

/**
 * A person's Cambridge Multimorbidity Score in hundredths, summed over their conditions rows on
 * or before `on` (cambridge-weights.ts); cancer counts only if diagnosed in the last five years.
 */
function cambridgeScoreSql(engine: Engine, on: string): string {
  const arms = cambridgeWeights.flatMap((w) =>
    w.register === null
      ? []
      : [
          `WHEN condition = '${w.register}'${w.withinYears === null ? '' : ` AND onset_date > ${dateLiteral(shift(on, -w.withinYears))}`} THEN ${w.hundredths}`,
        ],
  );
  return engine.dialect.sum64(`CASE ${arms.join(' ')} ELSE 0 END`);
}

/**
 * The person-level table every aggregate reads: the population served on `on`, with age,
 * long-term condition count and flags, the 12 months of activity and cost before `on`, the
 * emergency admissions and cost in the 12 months from `on` (for calibration), the risk
 * points and the segment. Risk points and segments are documented in analyses.ts.
 */
export function featuresSql(engine: Engine, served: ServedPopulation, on: string): string {
  const t = engine.local;
  const d = dateLiteral(on);
  const from = dateLiteral(shift(on, -1));
  const to = dateLiteral(shift(on, 1));
  const prior = `event_date >= ${from} AND event_date < ${d}`;
  const next = `event_date >= ${d} AND event_date < ${to}`;
  const sum = engine.dialect.sum64;
  const flags = flaggedConditions
    .map((c) => `max(CASE WHEN condition = '${c}' THEN 1 ELSE 0 END) AS c_${c.toLowerCase()}`)
    .join(', ');
  const counts = settings
    .map((s) => `${sum(`CASE WHEN setting = '${s}' AND ${prior} THEN 1 ELSE 0 END`)} AS ${settingColumn[s]}`)
    .join(',\n        ');
  const personCols = `person_id, ${ageOn(engine, on)} AS age, sex, imd_decile, practice_code, lsoa, ethnicity`;
  const conditionCols = ['ltc', 'cms', ...flaggedConditions.map((c) => `c_${c.toLowerCase()}`)];
  const eventCols = [...settings.map((s) => settingColumn[s]), 'cost', 'em_next', 'cost_next'];
  const withPeople = `SELECT person_id, age, sex, imd_decile, practice_code, lsoa, ethnicity, ${conditionCols.map((c) => `coalesce(${c}, 0) AS ${c}`).join(', ')}
      FROM (SELECT ${personCols} FROM ${t.persons} WHERE ${servedOn(served, on)}) AS p
      LEFT JOIN (
        SELECT person_id, ${sum(`CASE WHEN condition IN (${stringList(ltcCodes)}) THEN 1 ELSE 0 END`)} AS ltc, ${flags},
          ${cambridgeScoreSql(engine, on)} AS cms
        FROM ${t.conditions} WHERE onset_date <= ${d} GROUP BY person_id
      ) AS c USING (person_id)`;
  const withEvents = `SELECT person_id, age, sex, imd_decile, practice_code, lsoa, ethnicity, ${conditionCols.join(', ')},
      ${eventCols.map((c) => `coalesce(${c}, 0) AS ${c}`).join(', ')}
    FROM (${withPeople}) AS pc
    LEFT JOIN (
      SELECT person_id,
        ${counts},
        ${sum(`CASE WHEN ${prior} THEN cost_pence ELSE 0 END`)} AS cost,
        ${sum(`CASE WHEN setting = 'emergency' AND ${next} THEN 1 ELSE 0 END`)} AS em_next,
        ${sum(`CASE WHEN ${next} THEN cost_pence ELSE 0 END`)} AS cost_next
      FROM ${t.events} WHERE event_date >= ${from} AND event_date < ${to} GROUP BY person_id
    ) AS e USING (person_id)`;
  const withRisk = `SELECT *, ${riskPointsSql} AS risk_points FROM (${withEvents})`;
  return `SELECT *, ${segmentSql} AS segment FROM (${withRisk})`;
}

/**
 * The person-level table of a part of the population `featuresSql` built and the engine kept
 * (`keepFeatures`): the same rows as building it afresh for `served`, when `served` is part of
 * what was kept, since every column is the person's own; without reading a single event.
 */
export function narrowFeaturesSql(engine: Engine, served: ServedPopulation): string {
  return `SELECT * FROM ${engine.local.keptFeatures} WHERE ${registeredOrResident(served)}`;
}

/** Risk points (documented at riskBands in analyses.ts). */
export const riskPointsSql = `(CASE WHEN age >= 85 THEN 3 WHEN age >= 75 THEN 2 WHEN age >= 65 THEN 1 ELSE 0 END)
  + least(ltc, 6) + 3 * least(em_n, 3) + least(ae_n, 3) + (CASE WHEN imd_decile <= 2 THEN 1 ELSE 0 END)`;

/** Segment number by priority: the first rule a person meets wins (documented at segments in analyses.ts). */
export const segmentSql = `CASE
    WHEN c_pc = 1 THEN 1
    WHEN c_dem = 1 OR (age >= 80 AND ltc >= 3) THEN 2
    WHEN (c_hf = 1 OR c_copd = 1 OR c_ckd = 1) AND em_n >= 1 THEN 3
    WHEN c_ld = 1 OR c_mh = 1 THEN 4
    WHEN ltc >= 4 THEN 5
    WHEN ltc >= 1 THEN 6
    WHEN age < 1 THEN 7
    WHEN em_n >= 1 OR ae_n >= 1 THEN 8
    ELSE 9 END`;

export const aggregateSql = {
  /** Persons served by practice ('' = unregistered residents). */
  servedByPractice: (e: Engine) =>
    `SELECT practice_code, count(*) AS persons FROM ${e.all.features} GROUP BY practice_code ORDER BY practice_code`,

  /** Persons, activity and cost by five-year age band (0–4 … 90+), sex and IMD decile. */
  profile: (e: Engine) =>
    `SELECT least(${e.dialect.idiv('age', '5')}, 18) AS band, sex, imd_decile, count(*) AS persons,
       ${settings.map((s) => `sum(${settingColumn[s]})`).join(', ')}, sum(cost), sum(CASE WHEN ltc >= 2 THEN 1 ELSE 0 END),
       sum(em_next), sum(cost_next)
     FROM ${e.all.features} GROUP BY band, sex, imd_decile ORDER BY band, sex, imd_decile`,

  /** People on each condition register (onset on or before the date) in the population served. */
  prevalence: (e: Engine, on: string) =>
    `SELECT condition, count(*) FROM ${e.all.conditions}
     WHERE onset_date <= ${dateLiteral(on)} AND person_id IN (SELECT person_id FROM ${e.local.features})
     GROUP BY condition ORDER BY condition`,

  /** People by number of long-term conditions (0 … 5+). */
  multimorbidity: (e: Engine) =>
    `SELECT least(ltc, 5) AS n, count(*) FROM ${e.all.features} GROUP BY n ORDER BY n`,

  /** Outcomes by risk points: persons, emergency admissions next year, people admitted, cost next year. */
  risk: (e: Engine) =>
    `SELECT risk_points, count(*), sum(em_next), sum(CASE WHEN em_next >= 1 THEN 1 ELSE 0 END), sum(cost_next), sum(cost)
     FROM ${e.all.features} GROUP BY risk_points ORDER BY risk_points`,

  /** Persons, prior-year emergency admissions and cost by segment. */
  segments: (e: Engine) =>
    `SELECT segment, count(*), sum(em_n), sum(ae_n), sum(cost), sum(ltc) FROM ${e.all.features} GROUP BY segment ORDER BY segment`,

  /** Deaths in the `years` before `on`, by sex, IMD decile and life-table age band, among people registered with the practices at death and the unregistered residents served. */
  deaths: (e: Engine, served: ServedPopulation, on: string, years: number) =>
    `SELECT sex, imd_decile, ${lifeTableBand(e, ageAtDeath(e))} AS band, count(*)
     FROM ${e.all.persons}
     WHERE death_date >= ${dateLiteral(shift(on, -years))} AND death_date < ${dateLiteral(on)}
       AND ${registeredOrResident(served)}
     GROUP BY sex, imd_decile, band ORDER BY sex, imd_decile, band`,

  /** The population served at the middle of the `years` before `on`, by sex, decile and life-table band. */
  midPopulation: (e: Engine, served: ServedPopulation, on: string, years: number) => {
    const mid = shift(on, 0, -Math.round((years * 12) / 2));
    return `SELECT sex, imd_decile, ${lifeTableBand(e, ageOn(e, mid))} AS band, count(*)
     FROM ${e.all.persons} WHERE ${servedOn(served, mid)}
     GROUP BY sex, imd_decile, band ORDER BY sex, imd_decile, band`;
  },

  /** People on each register in the population served, by age in years (for expected prevalence). */
  registersByAge: (e: Engine, on: string) =>
    `SELECT condition, age, count(*) FROM ${e.all.conditions}
     JOIN (SELECT person_id, age FROM ${e.local.features}) AS f USING (person_id)
     WHERE onset_date <= ${dateLiteral(on)}
     GROUP BY condition, age ORDER BY condition, age`,

  /**
   * By ethnic category (the national code, '' when none) and five-year age band: persons,
   * emergency admissions and A&E attendances in the year before the date, and persons in
   * Core20 (IMD deciles 1–2).
   */
  ethnicity: (e: Engine) =>
    `SELECT ethnicity, least(${e.dialect.idiv('age', '5')}, 18) AS band, count(*), sum(em_n), sum(ae_n),
       sum(CASE WHEN imd_decile <= 2 THEN 1 ELSE 0 END)
     FROM ${e.all.features} GROUP BY ethnicity, band ORDER BY ethnicity, band`,

  /** People on each register in the population served, by ethnic category. */
  registersByEthnicity: (e: Engine, on: string) =>
    `SELECT ethnicity, condition, count(*) FROM ${e.all.conditions}
     JOIN (SELECT person_id, ethnicity FROM ${e.local.features}) AS f USING (person_id)
     WHERE onset_date <= ${dateLiteral(on)}
     GROUP BY ethnicity, condition ORDER BY ethnicity, condition`,

  /** The population served by age in years. */
  personsByAge: (e: Engine) => `SELECT age, count(*) FROM ${e.all.features} GROUP BY age ORDER BY age`,

  /** Adults (18 and over) by Cambridge Multimorbidity Score in hundredths. */
  cambridgeScore: (e: Engine) =>
    `SELECT cms, count(*) FROM ${e.all.features} WHERE age >= 18 GROUP BY cms ORDER BY cms`,

  /** The first and last day (YYYYMMDD) of the activity data; 0 or null when there is none. */
  activityCoverage: (e: Engine) =>
    `SELECT min(${dayNumber(e, 'event_date')}), max(${dayNumber(e, 'event_date')}) FROM ${e.all.events}`,

  /** The first and last day (YYYYMMDD) of deaths among the practices' patients and residents. */
  deathCoverage: (e: Engine, served: ServedPopulation) =>
    `SELECT min(${dayNumber(e, 'death_date')}), max(${dayNumber(e, 'death_date')}) FROM ${e.all.persons}
     WHERE death_date < ${dateLiteral(openEnd)} AND ${registeredOrResident(served)}`,

  /**
   * Emergency admissions and A&E attendances of people served on the day, by financial year,
   * life-table age band, practice and (for unregistered residents, whose practice is '') LSOA,
   * from `from` to before `to`: the rows of any part of `served` are those of its practices
   * and LSOAs (trends.ts, `partOf`), so areas' trends need no second pass over the events.
   */
  activityByYear: (e: Engine, served: ServedPopulation, from: string, to: string) =>
    `SELECT ${financialYear(e, 'event_date')} AS fy, ${lifeTableBand(e, e.dialect.idiv(`${monthOf(e, 'event_date')} - (birth_year * 12 + birth_month)`, '12'))} AS band,
       sum(CASE WHEN setting = 'emergency' THEN 1 ELSE 0 END), sum(CASE WHEN setting = 'ae' THEN 1 ELSE 0 END),
       practice_code, CASE WHEN practice_code = '' THEN lsoa ELSE '' END AS resident_lsoa
     FROM ${e.all.events}
     JOIN (SELECT person_id, birth_year, birth_month, practice_code, registered_from, registered_to, lsoa, death_date FROM ${e.local.persons}) AS p USING (person_id)
     WHERE setting IN ('emergency', 'ae') AND event_date >= ${dateLiteral(from)} AND event_date < ${dateLiteral(to)}
       AND ${servedAt(served, 'event_date', monthOf(e, 'event_date'))}
     GROUP BY fy, band, practice_code, resident_lsoa ORDER BY fy, band, practice_code, resident_lsoa`,

  /** Deaths by financial year and life-table age band, counted as `deaths` counts them. */
  deathsByYear: (e: Engine, served: ServedPopulation, from: string, to: string) =>
    `SELECT ${financialYear(e, 'death_date')} AS fy, ${lifeTableBand(e, ageAtDeath(e))} AS band, count(*)
     FROM ${e.all.persons}
     WHERE death_date >= ${dateLiteral(from)} AND death_date < ${dateLiteral(to)} AND ${registeredOrResident(served)}
     GROUP BY fy, band ORDER BY fy, band`,

  /** The population served on a date by life-table age band. */
  populationOn: (e: Engine, served: ServedPopulation, on: string) =>
    `SELECT ${lifeTableBand(e, ageOn(e, on))} AS band, count(*) FROM ${e.all.persons}
     WHERE ${servedOn(served, on)} GROUP BY band ORDER BY band`,

  /** Persons by five-year age band, sex and long-term-condition count (0–3+), for the weighted population. */
  weighting: (e: Engine) =>
    `SELECT least(${e.dialect.idiv('age', '5')}, 18) AS band, sex, least(ltc, 3) AS need, count(*)
     FROM ${e.all.features} GROUP BY band, sex, need ORDER BY band, sex, need`,
};

/**
 * Weighting cells of the population served on any date, straight from persons and conditions
 * (no activity needed), so the WPAP index can compare two dates without rebuilding `features`.
 */
export function weightingOnSql(e: Engine, served: ServedPopulation, on: string): string {
  return `SELECT least(${e.dialect.idiv(ageOn(e, on), '5')}, 18) AS band, sex, least(coalesce(ltc, 0), 3) AS need, count(*)
    FROM ${e.all.persons}
    LEFT JOIN (
      SELECT person_id, sum(CASE WHEN condition IN (${stringList(ltcCodes)}) THEN 1 ELSE 0 END) AS ltc
      FROM ${e.local.conditions} WHERE onset_date <= ${dateLiteral(on)} GROUP BY person_id
    ) AS c USING (person_id)
    WHERE ${servedOn(served, on)}
    GROUP BY band, sex, need ORDER BY band, sex, need`;
}

export { conditionCodes };
