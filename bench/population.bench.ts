// Population health benchmark (issues 7 and 17): `concordat synth` timed as a user runs it
// (persons a CPU-second, CSV and Parquet), ingest against a plain DuckDB load of the same files,
// each analysis and the whole pipeline on DuckDB, the same on a two-shard ClickHouse cluster,
// and a floor of the same queries hand-written in plain DuckDB SQL (population-floor.ts).
// Reports the pipeline's ratio to the floor (target ≤ 1.5×; issue 17: 1.2×), whether
// ClickHouse's results are identical, ClickHouse's scale-out (one node on one core against two
// shards on a core each), peak memory and the load average.
// Default size is a tenth of NHS Black Country ICB (about 130,000 people); set
// POPULATION_BENCH_SCALE=1 for the full ICB (1.39 million people, about 21 million events).
// POPULATION_BENCH_ICBS=QUA,QJK,QT1,QK1,QNC puts several ICBs together (that list: Black
// Country and the four next-largest below it, about 4.8 times Black Country), all practices served.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCliIfStale } from '../scripts/build-node.mjs';
import { ClickHouseEngine } from '../src/population/engines/clickhouse.ts';
import { clickHouseServerBinary, startLocalCluster } from '../src/population/engines/clickhouse-cluster.ts';
import { DuckDbEngine } from '../src/population/engines/duckdb.ts';
import { englandComparators } from '../src/population/england.ts';
import { datasetFile, ingest } from '../src/population/ingest.ts';
import { type PopulationReport, runPipeline } from '../src/population/pipeline.ts';
import { noSuppression } from '../src/population/suppress.ts';
import { defaultAnalysisDate } from '../src/population/synth.ts';
import { icbPractices } from '../src/system/practices.ts';
import { makeBenchData } from './population-data.ts';
import { type FloorTimes, floor } from './population-floor.ts';
import { type ProcessSample, sampleProcess } from './process-cpu.ts';

const scale = Number(process.env.POPULATION_BENCH_SCALE ?? '0.1');
const icbs = (process.env.POPULATION_BENCH_ICBS ?? process.env.POPULATION_BENCH_ICB ?? 'QUA').split(',');
const icb = icbs.join(',');
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
const fastest = <T>(runs: T[], ms: (run: T) => number) => runs.reduce((a, b) => (ms(b) < ms(a) ? b : a));
/** Bytes of the files under a folder (a data set's files, DuckDB's database file and spill). */
const folderBytes = (folder: string): number =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((f) => statSync(join(folder, f)))
    .reduce((sum, st) => sum + (st.isFile() ? st.size : 0), 0);
async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/**
 * The ingest's floor: the three files copied into tables of a fresh on-disk DuckDB with the
 * same memory limit, as one would load them by hand (read_parquet or read_csv), checking nothing.
 */
async function plainLoad(): Promise<number> {
  const plain = await DuckDbEngine.openOnDisk({
    threads,
    memoryLimit: process.env.POPULATION_BENCH_MEMORY_LIMIT,
  });
  try {
    const [, ms] = await time(async () => {
      for (const table of ['persons', 'conditions', 'events'] as const) {
        const file = datasetFile(dir, table).replaceAll("'", "''");
        const read = file.endsWith('.parquet')
          ? `read_parquet('${file}')`
          : `read_csv('${file}', header = true)`;
        await plain.run(`CREATE TABLE ${table} AS SELECT * FROM ${read}`);
      }
    });
    return ms;
  } finally {
    await plain.close();
  }
}

/**
 * `concordat synth` as a user runs it (the compiled CLI, several ICBs in parallel worker
 * threads), into a throwaway folder: its wall and CPU time, every thread counted.
 */
function timeSynth(format: 'csv' | 'parquet'): ProcessSample {
  const out = mkdtempSync(join(tmpdir(), 'concordat-synth-bench-'));
  try {
    const args = ['synth', '--icb', icb, '--scale', String(scale), '--format', format, '--out', out];
    const run = sampleProcess(['dist/cli/main.js', ...args]);
    if (run.status !== 0) throw new Error(`concordat ${args.join(' ')} failed: ${run.stderr}`);
    return run;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Synth's rows: time, and persons a CPU-second against the target of 200,000 a core. */
function synthRows(persons: number): void {
  const perCpuSecond = (run: ProcessSample) => Math.round(persons / (run.cpu / 1000));
  for (const [format, what] of [
    ['csv', 'synth as CSV (the generator and its text writer)'],
    ['parquet', 'synth as Parquet (the default, written directly)'],
  ] as const) {
    const run = timeSynth(format);
    const rate = perCpuSecond(run);
    rows.push([
      what,
      s(run.wall),
      `${s(run.cpu)} CPU, ${rate.toLocaleString('en-GB')} persons a CPU-second (target ≥ 200,000): ${rate >= 200_000 ? 'met' : 'NOT met'}`,
    ]);
  }
}

// Raised when synth's output changes (2: ethnicity; 3: activity by age from HES 2023-24, ethnicity by
// local authority; 4: Parquet written by synth's own writer, same rows), so a copy cached by an
// older generator is not reused.
const dataVersion = 4;
const dir = join(tmpdir(), `concordat-population-bench-v${dataVersion}-${scale}-${icbs.join('-')}`);
const rows: [string, string, string][] = [];
try {
  if (!existsSync(join(dir, 'manifest.json'))) {
    const [, ms] = await time(() => makeBenchData(icbs, scale, dir));
    const what = icbs.length > 1 ? `, ${icbs.length} ICBs in parallel and put together` : '';
    rows.push([`generate synthetic data (once, cached${what})`, s(ms), '']);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  console.log(
    `Synthetic ${icb} at scale ${scale}: ${manifest.counts.persons.toLocaleString('en-GB')} persons, ${manifest.counts.conditions.toLocaleString('en-GB')} conditions, ${manifest.counts.events.toLocaleString('en-GB')} events`,
  );
  await buildCliIfStale();
  synthRows(manifest.counts.persons);
  const practices = icbs.flatMap(icbPractices);
  const england = await englandComparators();
  const duck = await DuckDbEngine.openOnDisk({
    threads,
    memoryLimit: process.env.POPULATION_BENCH_MEMORY_LIMIT,
  });
  peakRss = process.memoryUsage().rss;
  const [, ingestMs] = await time(() => ingest(duck, dir));
  const [[limit] = []] = await duck.query(`SELECT current_setting('memory_limit')`);
  rows.push(['DuckDB: ingest with checks', s(ingestMs), `peak RSS ${mb(peakRss)}, DuckDB limit ${limit}`]);
  rows.push([
    'Disk: data set files / DuckDB folder after ingest',
    `${mb(folderBytes(dir))} / ${mb(folderBytes(duck.folder as string))}`,
    '',
  ]);
  const loadMs = await plainLoad();
  rows.push(['Floor: plain DuckDB load of the same files, no checks', s(loadMs), '']);
  rows.push([
    'Ingest ÷ plain load (target ≤ 2)',
    (ingestMs / loadMs).toFixed(2),
    ingestMs / loadMs <= 2 ? 'met' : 'NOT met',
  ]);
  const options = {
    title: 'bench',
    on,
    served: { practices },
    manifest,
    england,
    suppression: noSuppression,
  };
  // Best of two, as the floor is: the first run alone would also time warming up.
  const runs: { report: PopulationReport; ms: number; steps: Record<string, number> }[] = [];
  peakRss = process.memoryUsage().rss;
  for (let i = 0; i < 2; i++) {
    const steps: Record<string, number> = {};
    const [report, ms] = await time(() =>
      runPipeline(duck, { ...options, timing: (step, ms) => (steps[step] = ms) }),
    );
    runs.push({ report, ms, steps });
  }
  const bestRun = fastest(runs, (r) => r.ms);
  const [duckReport, duckMs] = [bestRun.report, bestRun.ms];
  for (const [step, ms] of Object.entries(bestRun.steps)) rows.push([`DuckDB: ${step}`, s(ms), '']);
  rows.push(['DuckDB: whole pipeline (best of 2)', s(duckMs), `peak RSS ${mb(peakRss)}`]);
  rows.push(['Disk: DuckDB folder after the pipeline', mb(folderBytes(duck.folder as string)), '']);
  /**
   * The pipeline on `shards` ClickHouse servers, each held to a core of its own (taskset), so
   * one node on one core meets two shards on a core each, as machines of one size would.
   */
  const pinnedPipeline = async (shards: number): Promise<number> => {
    const cluster = await startLocalCluster(shards, { pinned: true });
    try {
      const ch = new ClickHouseEngine(cluster.urls, cluster.name);
      await ch.loadFrom(duck);
      const times = [];
      for (let i = 0; i < 2; i++) times.push((await time(() => runPipeline(ch, options)))[1]);
      return Math.min(...times);
    } finally {
      await cluster.stop();
    }
  };
  const floors: FloorTimes[] = [await floor(duck, practices), await floor(duck, practices)];
  const best = fastest(floors, (f) => f.total);
  for (const [step, ms] of Object.entries(best.steps)) rows.push([`Floor: ${step}`, s(ms), '']);
  const floorMs = best.total;
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
    const [oneNodeMs, twoShardMs] = [await pinnedPipeline(1), await pinnedPipeline(2)];
    rows.push(['Scale-out: ClickHouse one node on one core, pipeline (best of 2)', s(oneNodeMs), '']);
    rows.push(['Scale-out: two shards on a core each, pipeline (best of 2)', s(twoShardMs), '']);
    rows.push([
      'Scale-out: one node ÷ two shards (above 1: the cluster is faster)',
      (oneNodeMs / twoShardMs).toFixed(2),
      '',
    ]);
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
rows.push([
  'Load average (1, 5, 15 minutes) at the end',
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', '),
  `${cpus().length} cores`,
]);
const width = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(12)}  ${note}`);
