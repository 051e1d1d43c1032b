// The floor of the population benchmark: the pipeline's features and aggregates written by
// hand in plain DuckDB SQL, independent of src/population/sql.ts, so the pipeline's time can
// be set against an honest lower bound. Dates are those of the bench (analysis on 1 August
// 2025); the financial years of the trends come from the data, as the pipeline's do.
import type { DuckDbEngine } from '../src/population/engines/duckdb.ts';

/** Time of each step (named as the pipeline's steps) and of the whole, in milliseconds. */
export interface FloorTimes {
  total: number;
  steps: Record<string, number>;
}

const on = `DATE '2025-08-01'`;
const onMonths = 2025 * 12 + 8;

/** Alive, born and registered with a served practice on `date`, or an unregistered resident. */
const servedOn = (date: string, months: string) =>
  `death_date > ${date} AND birth_year * 12 + birth_month <= ${months}
   AND (practice_code = '' OR (practice_code IN (SELECT code FROM floor_practices)
     AND registered_from <= ${date} AND registered_to > ${date}))`;

const lifeBand = (age: string) =>
  `CASE WHEN ${age} < 1 THEN 0 WHEN ${age} < 5 THEN 1 ELSE least(${age} // 5 + 1, 19) END`;

/** Cambridge Multimorbidity Score in hundredths (Payne et al. 2020), cancer only if within 5 years. */
const cambridge = `sum(CASE condition WHEN 'DEP' THEN 50 WHEN 'AST' THEN 19 WHEN 'AF' THEN 134
  WHEN 'CAN' THEN CASE WHEN onset_date > DATE '2020-08-01' THEN 153 ELSE 0 END WHEN 'CKD' THEN 53
  WHEN 'COPD' THEN 146 WHEN 'CHD' THEN 49 WHEN 'DEM' THEN 250 WHEN 'DM' THEN 75 WHEN 'EP' THEN 92
  WHEN 'HF' THEN 118 WHEN 'HYP' THEN 8 WHEN 'RA' THEN 43 WHEN 'MH' THEN 64 WHEN 'STIA' THEN 80 ELSE 0 END)`;

/** YYYYMMDD of a date column's least and greatest values. */
const span = (column: string) =>
  `min(year(${column}) * 10000 + month(${column}) * 100 + day(${column})), max(year(${column}) * 10000 + month(${column}) * 100 + day(${column}))`;

/** First calendar years of the financial years wholly between two YYYYMMDD days. */
function wholeYears(from: number, to: number): number[] {
  const years: number[] = [];
  if (!from || !to) return years;
  for (let y = Math.floor(from / 10000) - 1; (y + 1) * 10000 + 331 <= to; y++)
    if (y * 10000 + 401 >= from) years.push(y);
  return years;
}

async function features(db: DuckDbEngine): Promise<void> {
  await db.run(`CREATE OR REPLACE TABLE floor_features AS
    WITH p AS (
      SELECT person_id, (${onMonths} - (birth_year * 12 + birth_month)) // 12 AS age, sex, imd_decile, practice_code, ethnicity
      FROM persons WHERE ${servedOn(on, String(onMonths))}),
    c AS (
      SELECT person_id, count(*) FILTER (WHERE condition NOT IN ('NDH', 'OB', 'PC')) AS ltc, CAST(${cambridge} AS BIGINT) AS cms,
        bool_or(condition = 'DEM') AS dem, bool_or(condition = 'HF') AS hf, bool_or(condition = 'COPD') AS copd,
        bool_or(condition = 'CKD') AS ckd, bool_or(condition = 'LD') AS ld, bool_or(condition = 'MH') AS mh, bool_or(condition = 'PC') AS pc
      FROM conditions WHERE onset_date <= ${on} GROUP BY ALL),
    e AS (
      SELECT person_id,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'gp') AS gp,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'outpatient') AS op,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'ae') AS ae,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'elective') AS el,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'emergency') AS em,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'community') AS cm,
        count(*) FILTER (WHERE event_date < ${on} AND setting = 'social_care') AS sc,
        CAST(sum(cost_pence) FILTER (WHERE event_date < ${on}) AS BIGINT) AS cost,
        count(*) FILTER (WHERE event_date >= ${on} AND setting = 'emergency') AS em_next,
        CAST(sum(cost_pence) FILTER (WHERE event_date >= ${on}) AS BIGINT) AS cost_next
      FROM events WHERE event_date >= ${on} - INTERVAL 1 YEAR AND event_date < ${on} + INTERVAL 1 YEAR GROUP BY ALL)
    SELECT p.*, coalesce(ltc, 0) AS ltc, coalesce(cms, 0) AS cms, coalesce(dem, false) AS dem, coalesce(hf, false) AS hf,
      coalesce(copd, false) AS copd, coalesce(ckd, false) AS ckd, coalesce(ld, false) AS ld, coalesce(mh, false) AS mh, coalesce(pc, false) AS pc,
      coalesce(gp, 0) AS gp, coalesce(op, 0) AS op, coalesce(e.ae, 0) AS ae, coalesce(el, 0) AS el, coalesce(em, 0) AS em,
      coalesce(cm, 0) AS cm, coalesce(sc, 0) AS sc, coalesce(cost, 0) AS cost, coalesce(em_next, 0) AS em_next, coalesce(cost_next, 0) AS cost_next
    FROM p LEFT JOIN c USING (person_id) LEFT JOIN e USING (person_id)`);
}

/** Served, needs (profile, prevalence, multimorbidity), risk and segments. */
async function needsRiskSegments(db: DuckDbEngine): Promise<void> {
  await db.query(`SELECT practice_code, count(*) FROM floor_features GROUP BY ALL`);
  await db.query(`SELECT least(age // 5, 18) AS band, sex, imd_decile, count(*), sum(gp), sum(op), sum(ae), sum(el), sum(em), sum(cm), sum(sc),
      sum(cost), count(*) FILTER (WHERE ltc >= 2), sum(em_next), sum(cost_next) FROM floor_features GROUP BY ALL`);
  await db.query(
    `SELECT condition, count(*) FROM conditions SEMI JOIN floor_features USING (person_id) WHERE onset_date <= ${on} GROUP BY ALL`,
  );
  await db.query(`SELECT least(ltc, 5), count(*) FROM floor_features GROUP BY ALL`);
  await db.query(`SELECT points, count(*), sum(em_next), count(*) FILTER (WHERE em_next > 0), sum(cost_next) FROM (
      SELECT (CASE WHEN age >= 85 THEN 3 WHEN age >= 75 THEN 2 WHEN age >= 65 THEN 1 ELSE 0 END) + least(ltc, 6) + 3 * least(em, 3)
        + least(ae, 3) + (imd_decile <= 2)::INT AS points, em_next, cost_next FROM floor_features) GROUP BY ALL`);
  await db.query(`SELECT CASE WHEN pc THEN 1 WHEN dem OR (age >= 80 AND ltc >= 3) THEN 2 WHEN (hf OR copd OR ckd) AND em >= 1 THEN 3
      WHEN ld OR mh THEN 4 WHEN ltc >= 4 THEN 5 WHEN ltc >= 1 THEN 6 WHEN age < 1 THEN 7 WHEN em >= 1 OR ae >= 1 THEN 8 ELSE 9 END AS segment,
      count(*), sum(em), sum(ae), sum(cost), sum(ltc) FROM floor_features GROUP BY ALL`);
}

/** Observed against expected prevalence: registers and people by single year of age. */
async function expectedPrevalence(db: DuckDbEngine): Promise<void> {
  await db.query(
    `SELECT condition, age, count(*) FROM conditions JOIN floor_features USING (person_id) WHERE onset_date <= ${on} GROUP BY ALL`,
  );
  await db.query(`SELECT age, count(*) FROM floor_features GROUP BY ALL`);
}

/** Deaths in the three years before, and the population served at their middle. */
async function inequalities(db: DuckDbEngine): Promise<void> {
  await db.query(`SELECT sex, imd_decile, ${lifeBand('((year(death_date) * 12 + month(death_date)) - (birth_year * 12 + birth_month)) // 12')} AS b, count(*)
      FROM persons WHERE death_date >= ${on} - INTERVAL 3 YEAR AND death_date < ${on}
        AND (practice_code = '' OR practice_code IN (SELECT code FROM floor_practices)) GROUP BY ALL`);
  await db.query(`SELECT sex, imd_decile, ${lifeBand(`(${2024 * 12 + 2} - (birth_year * 12 + birth_month)) // 12`)} AS b, count(*) FROM persons
      WHERE ${servedOn(`DATE '2024-02-01'`, String(2024 * 12 + 2))} GROUP BY ALL`);
}

async function ethnicity(db: DuckDbEngine): Promise<void> {
  await db.query(`SELECT ethnicity, least(age // 5, 18), count(*), sum(em), sum(ae), count(*) FILTER (WHERE imd_decile <= 2)
      FROM floor_features GROUP BY ALL`);
  await db.query(
    `SELECT ethnicity, condition, count(*) FROM conditions JOIN floor_features USING (person_id) WHERE onset_date <= ${on} GROUP BY ALL`,
  );
}

/** Emergency admissions and A&E by financial year of people served on the day, deaths by year, mid-year populations. */
async function trends(db: DuckDbEngine): Promise<void> {
  const [events] = await db.query(`SELECT ${span('event_date')} FROM events`);
  const [deaths] = await db.query(`SELECT ${span('death_date')} FROM persons
      WHERE death_date < DATE '2099-12-31' AND (practice_code = '' OR practice_code IN (SELECT code FROM floor_practices))`);
  const activityYears = wholeYears(Number(events?.[0] ?? 0), Number(events?.[1] ?? 0));
  const deathYears = wholeYears(Number(deaths?.[0] ?? 0), Number(deaths?.[1] ?? 0));
  const fy = (column: string) => `year(${column}) - (month(${column}) < 4)::INT`;
  const within = (column: string, years: number[]) =>
    `${column} >= DATE '${years[0]}-04-01' AND ${column} < DATE '${(years.at(-1) as number) + 1}-04-01'`;
  if (activityYears.length) {
    const month = 'year(event_date) * 12 + month(event_date)';
    await db.query(`SELECT ${fy('event_date')} AS fy, ${lifeBand(`(${month} - (birth_year * 12 + birth_month)) // 12`)} AS b,
        count(*) FILTER (WHERE setting = 'emergency'), count(*) FILTER (WHERE setting = 'ae')
      FROM events JOIN persons USING (person_id)
      WHERE setting IN ('emergency', 'ae') AND ${within('event_date', activityYears)}
        AND ${servedOn('event_date', month)} GROUP BY ALL`);
  }
  if (deathYears.length)
    await db.query(`SELECT ${fy('death_date')} AS fy, ${lifeBand('((year(death_date) * 12 + month(death_date)) - (birth_year * 12 + birth_month)) // 12')} AS b, count(*)
      FROM persons WHERE ${within('death_date', deathYears)}
        AND (practice_code = '' OR practice_code IN (SELECT code FROM floor_practices)) GROUP BY ALL`);
  const years = [...new Set([...activityYears, ...deathYears])];
  if (years.length)
    await db.query(`SELECT y, ${lifeBand('(m - (birth_year * 12 + birth_month)) // 12')} AS b, count(*)
      FROM persons, (VALUES ${years.map((y) => `(${y}, DATE '${y}-10-01', ${y * 12 + 10})`).join(', ')}) AS mid(y, d, m)
      WHERE ${servedOn('d', 'm')} GROUP BY ALL`);
}

/** Weighting cells now (from the features) and on both dates of the WPAP index (from persons and conditions). */
async function weighted(db: DuckDbEngine): Promise<void> {
  await db.query(`SELECT least(age // 5, 18), sex, least(ltc, 3), count(*) FROM floor_features GROUP BY ALL`);
  for (const [date, months] of [
    [on, onMonths],
    [`DATE '2024-08-01'`, 2024 * 12 + 8],
  ] as const) {
    await db.query(`SELECT least((${months} - (birth_year * 12 + birth_month)) // 60, 18), sex, least(coalesce(ltc, 0), 3), count(*)
      FROM persons LEFT JOIN (SELECT person_id, count(*) FILTER (WHERE condition NOT IN ('NDH', 'OB', 'PC')) AS ltc
        FROM conditions WHERE onset_date <= ${date} GROUP BY ALL) USING (person_id)
      WHERE ${servedOn(date, String(months))} GROUP BY ALL`);
  }
}

/** Runs the floor once; the practices served are a one-column table, as a hand-written query would hold them. */
export async function floor(db: DuckDbEngine, practices: readonly string[]): Promise<FloorTimes> {
  const steps: Record<string, number> = {};
  const start = performance.now();
  const step = async (name: string, work: () => Promise<void>) => {
    const begun = performance.now();
    await work();
    steps[name] = performance.now() - begun;
  };
  await step('prepare', async () => {
    await db.run(
      `CREATE OR REPLACE TABLE floor_practices AS SELECT * FROM (VALUES ${practices.map((p) => `('${p}')`).join(', ')}) AS t(code)`,
    );
    await features(db);
  });
  await step('served, needs, risk and segments', () => needsRiskSegments(db));
  await step('expected prevalence', () => expectedPrevalence(db));
  await step('multimorbidity score', async () => {
    await db.query(`SELECT cms, count(*) FROM floor_features WHERE age >= 18 GROUP BY ALL`);
  });
  await step('inequalities', () => inequalities(db));
  await step('ethnicity', () => ethnicity(db));
  await step('trends', () => trends(db));
  await step('weighted and wpap index', () => weighted(db));
  return { total: performance.now() - start, steps };
}
