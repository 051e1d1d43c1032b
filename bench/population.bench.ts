// Population health benchmark (issue 7): a generated ICS, ingest, each analysis and the whole
// pipeline on DuckDB; the same on a two-shard ClickHouse cluster; and a floor of the same
// queries hand-written in plain DuckDB SQL. Reports the pipeline's ratio to the floor
// (target ≤ 1.5×), whether ClickHouse's results are identical, and peak memory.
// Default size is a tenth of NHS Black Country ICB (about 130,000 people); set
// POPULATION_BENCH_SCALE=1 for the full ICB (1.33 million people, about 20 million events).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseEngine } from '../src/population/engines/clickhouse.ts';
import { clickHouseServerBinary, startLocalCluster } from '../src/population/engines/clickhouse-cluster.ts';
import { DuckDbEngine } from '../src/population/engines/duckdb.ts';
import { englandComparators } from '../src/population/england.ts';
import { ingest } from '../src/population/ingest.ts';
import { type PopulationReport, runPipeline } from '../src/population/pipeline.ts';
import { noSuppression } from '../src/population/suppress.ts';
import { defaultAnalysisDate, synthesise } from '../src/population/synth.ts';
import { icbPractices } from '../src/system/practices.ts';

const scale = Number(process.env.POPULATION_BENCH_SCALE ?? '0.1');
const icb = process.env.POPULATION_BENCH_ICB ?? 'QUA';
const threads = process.env.POPULATION_BENCH_THREADS
  ? Number(process.env.POPULATION_BENCH_THREADS)
  : undefined;
const on = defaultAnalysisDate;

let peakRss = 0;
let overallPeak = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  overallPeak = Math.max(overallPeak, rss);
}, 20);
sampler.unref();

const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** The floor: the same features and aggregates, written by hand in DuckDB's own SQL. */
async function floor(db: DuckDbEngine, practices: string[]): Promise<number> {
  const list = practices.map((p) => `'${p}'`).join(',');
  const start = performance.now();
  await db.run(`CREATE OR REPLACE TABLE floor_features AS
    WITH p AS (
      SELECT person_id, (2025 * 12 + 8 - (birth_year * 12 + birth_month)) // 12 AS age, sex, imd_decile, practice_code
      FROM persons WHERE death_date > DATE '${on}' AND birth_year * 12 + birth_month <= 2025 * 12 + 8
        AND ((practice_code IN (${list}) AND registered_from <= DATE '${on}' AND registered_to > DATE '${on}') OR practice_code = '')),
    c AS (
      SELECT person_id, count(*) FILTER (WHERE condition NOT IN ('NDH', 'OB', 'PC')) AS ltc,
        bool_or(condition = 'DEM') AS dem, bool_or(condition = 'HF') AS hf, bool_or(condition = 'COPD') AS copd,
        bool_or(condition = 'CKD') AS ckd, bool_or(condition = 'LD') AS ld, bool_or(condition = 'MH') AS mh, bool_or(condition = 'PC') AS pc
      FROM conditions WHERE onset_date <= DATE '${on}' GROUP BY ALL),
    e AS (
      SELECT person_id,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'gp') AS gp,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'outpatient') AS op,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'ae') AS ae,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'elective') AS el,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'emergency') AS em,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'community') AS cm,
        count(*) FILTER (WHERE event_date < DATE '${on}' AND setting = 'social_care') AS sc,
        sum(cost_pence) FILTER (WHERE event_date < DATE '${on}') AS cost,
        count(*) FILTER (WHERE event_date >= DATE '${on}' AND setting = 'emergency') AS em_next,
        sum(cost_pence) FILTER (WHERE event_date >= DATE '${on}') AS cost_next
      FROM events WHERE event_date >= DATE '${on}' - INTERVAL 1 YEAR AND event_date < DATE '${on}' + INTERVAL 1 YEAR GROUP BY ALL)
    SELECT p.*, coalesce(ltc, 0) AS ltc, coalesce(dem, false) AS dem, coalesce(hf, false) AS hf, coalesce(copd, false) AS copd,
      coalesce(ckd, false) AS ckd, coalesce(ld, false) AS ld, coalesce(mh, false) AS mh, coalesce(pc, false) AS pc,
      coalesce(gp, 0) AS gp, coalesce(op, 0) AS op, coalesce(e.ae, 0) AS ae, coalesce(el, 0) AS el, coalesce(em, 0) AS em,
      coalesce(cm, 0) AS cm, coalesce(sc, 0) AS sc, coalesce(cost, 0) AS cost, coalesce(em_next, 0) AS em_next, coalesce(cost_next, 0) AS cost_next
    FROM p LEFT JOIN c USING (person_id) LEFT JOIN e USING (person_id)`);
  await db.query(`SELECT least(age // 5, 18) AS band, sex, imd_decile, count(*), sum(gp), sum(op), sum(ae), sum(el), sum(em), sum(cm), sum(sc),
      sum(cost), count(*) FILTER (WHERE ltc >= 2), sum(em_next), sum(cost_next) FROM floor_features GROUP BY ALL`);
  await db.query(
    `SELECT condition, count(*) FROM conditions SEMI JOIN floor_features USING (person_id) WHERE onset_date <= DATE '${on}' GROUP BY ALL`,
  );
  await db.query(`SELECT least(ltc, 5), count(*) FROM floor_features GROUP BY ALL`);
  await db.query(`SELECT points, count(*), sum(em_next), count(*) FILTER (WHERE em_next > 0), sum(cost_next) FROM (
      SELECT (CASE WHEN age >= 85 THEN 3 WHEN age >= 75 THEN 2 WHEN age >= 65 THEN 1 ELSE 0 END) + least(ltc, 6) + 3 * least(em, 3)
        + least(ae, 3) + (imd_decile <= 2)::INT AS points, em_next, cost_next FROM floor_features) GROUP BY ALL`);
  await db.query(`SELECT CASE WHEN pc THEN 1 WHEN dem OR (age >= 80 AND ltc >= 3) THEN 2 WHEN (hf OR copd OR ckd) AND em >= 1 THEN 3
      WHEN ld OR mh THEN 4 WHEN ltc >= 4 THEN 5 WHEN ltc >= 1 THEN 6 WHEN age < 1 THEN 7 WHEN em >= 1 OR ae >= 1 THEN 8 ELSE 9 END AS segment,
      count(*), sum(em), sum(ae), sum(cost), sum(ltc) FROM floor_features GROUP BY ALL`);
  const band = (age: string) =>
    `CASE WHEN ${age} < 1 THEN 0 WHEN ${age} < 5 THEN 1 ELSE least(${age} // 5 + 1, 19) END`;
  await db.query(`SELECT sex, imd_decile, ${band('((year(death_date) * 12 + month(death_date)) - (birth_year * 12 + birth_month)) // 12')} AS b, count(*)
      FROM persons WHERE death_date >= DATE '${on}' - INTERVAL 3 YEAR AND death_date < DATE '${on}' AND (practice_code IN (${list}) OR practice_code = '') GROUP BY ALL`);
  await db.query(`SELECT sex, imd_decile, ${band('(2024 * 12 + 2 - (birth_year * 12 + birth_month)) // 12')} AS b, count(*) FROM persons
      WHERE death_date > DATE '2024-02-01' AND birth_year * 12 + birth_month <= 2024 * 12 + 2
        AND ((practice_code IN (${list}) AND registered_from <= DATE '2024-02-01' AND registered_to > DATE '2024-02-01') OR practice_code = '') GROUP BY ALL`);
  await db.query(`SELECT least(age // 5, 18), sex, least(ltc, 3), count(*) FROM floor_features GROUP BY ALL`);
  for (const [date, months] of [
    [on, 2025 * 12 + 8],
    ['2024-08-01', 2024 * 12 + 8],
  ] as const) {
    await db.query(`SELECT least((${months} - (birth_year * 12 + birth_month)) // 60, 18), sex, least(coalesce(ltc, 0), 3), count(*)
      FROM persons LEFT JOIN (SELECT person_id, count(*) FILTER (WHERE condition NOT IN ('NDH', 'OB', 'PC')) AS ltc
        FROM conditions WHERE onset_date <= DATE '${date}' GROUP BY ALL) USING (person_id)
      WHERE death_date > DATE '${date}' AND birth_year * 12 + birth_month <= ${months}
        AND ((practice_code IN (${list}) AND registered_from <= DATE '${date}' AND registered_to > DATE '${date}') OR practice_code = '')
      GROUP BY ALL`);
  }
  return performance.now() - start;
}

const dir = join(tmpdir(), `concordat-population-bench-${scale}-${icb}`);
const rows: [string, string, string][] = [];
try {
  if (!existsSync(join(dir, 'manifest.json'))) {
    const [, ms] = await time(() => synthesise({ icb, out: dir, scale, seed: 1 }));
    rows.push(['generate synthetic data (once, cached)', s(ms), '']);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  console.log(
    `Synthetic ${icb} at scale ${scale}: ${manifest.counts.persons.toLocaleString('en-GB')} persons, ${manifest.counts.conditions.toLocaleString('en-GB')} conditions, ${manifest.counts.events.toLocaleString('en-GB')} events`,
  );
  const practices = icbPractices(icb);
  const england = await englandComparators();
  const duck = await DuckDbEngine.open(':memory:', threads);
  peakRss = process.memoryUsage().rss;
  const [, ingestMs] = await time(() => ingest(duck, dir));
  rows.push(['DuckDB: ingest with checks', s(ingestMs), `peak RSS ${mb(peakRss)}`]);
  const options = {
    title: 'bench',
    on,
    served: { practices },
    manifest,
    england,
    suppression: noSuppression,
  };
  const duckSteps: Record<string, number> = {};
  peakRss = process.memoryUsage().rss;
  const [duckReport, duckMs] = await time(() =>
    runPipeline(duck, { ...options, timing: (step, ms) => (duckSteps[step] = ms) }),
  );
  for (const [step, ms] of Object.entries(duckSteps)) rows.push([`DuckDB: ${step}`, s(ms), '']);
  rows.push(['DuckDB: whole pipeline', s(duckMs), `peak RSS ${mb(peakRss)}`]);
  const floorMs = Math.min(await floor(duck, practices), await floor(duck, practices));
  rows.push(['Floor: hand-written DuckDB SQL (best of 2)', s(floorMs), '']);
  rows.push([
    'Pipeline ÷ floor (target ≤ 1.5)',
    (duckMs / floorMs).toFixed(2),
    duckMs / floorMs <= 1.5 ? 'met' : 'NOT met',
  ]);

  if (existsSync(clickHouseServerBinary())) {
    const cluster = await startLocalCluster(2);
    try {
      const ch = new ClickHouseEngine(cluster.urls, cluster.name);
      const [, loadMs] = await time(() => ch.loadFrom(duck));
      rows.push(['ClickHouse (2 shards): load from checked DuckDB tables', s(loadMs), '']);
      const chSteps: Record<string, number> = {};
      const [chReport, chMs] = await time(() =>
        runPipeline(ch, { ...options, timing: (step, ms) => (chSteps[step] = ms) }),
      );
      for (const [step, ms] of Object.entries(chSteps)) rows.push([`ClickHouse: ${step}`, s(ms), '']);
      const same = (r: PopulationReport) => JSON.stringify({ ...r, engine: '' });
      rows.push([
        'ClickHouse: whole pipeline',
        s(chMs),
        same(chReport) === same(duckReport) ? 'results identical to DuckDB' : 'RESULTS DIFFER',
      ]);
      const hwm = cluster.pids.map((pid) => {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      });
      rows.push(['ClickHouse: peak memory per shard server', hwm.map(mb).join(', '), '']);
    } finally {
      await cluster.stop();
    }
  } else {
    rows.push([
      'ClickHouse',
      'skipped',
      `${clickHouseServerBinary()} not installed (apt-get install clickhouse-server)`,
    ]);
  }
  await duck.close();
  rows.push(['Benchmark process peak RSS (DuckDB runs inside it)', mb(overallPeak), '']);
} finally {
  if (process.env.POPULATION_BENCH_KEEP !== '1' && scale >= 0.5)
    rmSync(dir, { recursive: true, force: true });
}
const width = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(12)}  ${note}`);
