import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { isIsoDate, today } from '../../core/dates.ts';
import { InvalidInput } from '../../core/errors.ts';
import type { Engine } from '../../population/engines/engine.ts';
import { type InputFormat, inputFormats } from '../../population/formats/input-formats.ts';
import { parseOmopUrl } from '../../population/formats/omop-url.ts';
import type { SynthFormat } from '../../population/formats/write.ts';
import type { Progress } from '../../population/ingest.ts';
import type { PopulationReport } from '../../population/pipeline.ts';
import { checkPolicy, defaultSuppression } from '../../population/suppress.ts';
import { action } from '../run.ts';

async function progressBar(label: string): Promise<{ progress: Progress; stop: () => void }> {
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {step}`,
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: false,
  });
  let started = false;
  return {
    progress: (step, done, total) => {
      if (!started) {
        bar.start(total, 0, { step });
        started = true;
      }
      bar.update(done, { step });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidInput(flag, `'${value}' is not a whole number`);
  return Number(value);
}

/**
 * The report's tables beside report.json: every table and a sheet of sources in report.xlsx,
 * and each table as report-ID.csv, counts of people suppressed as on every output. Returns
 * the CSV files' names.
 */
export async function writeReportTables(out: string, report: PopulationReport): Promise<string[]> {
  const [{ populationTables }, { tableSetXlsx }, { tableCsv }] = await Promise.all([
    import('../../outputs/population-tables.ts'),
    import('../../outputs/xlsx.ts'),
    import('../../outputs/csv.ts'),
  ]);
  const set = populationTables(report);
  writeFileSync(join(out, 'report.xlsx'), await tableSetXlsx(set, today()));
  return set.tables.map((t) => {
    const name = `report-${t.id}.csv`;
    writeFileSync(join(out, name), tableCsv(t));
    return name;
  });
}

/**
 * What `analyse` reads: a folder (`--data`), or an OMOP schema in PostgreSQL (`--omop`), shown
 * in input.json without its password.
 */
function dataSource(opts: {
  data?: string;
  omop?: string;
  inputFormat?: string;
}): { dir: string; shown: string } | { omop: string; shown: string } {
  if (opts.data !== undefined && opts.omop !== undefined) {
    throw new InvalidInput('--omop', 'cannot be given with --data', 'Read a folder or a database, not both.');
  }
  if (opts.data !== undefined) return { dir: opts.data, shown: opts.data };
  if (opts.omop === undefined) {
    throw new InvalidInput(
      '--data',
      'is needed',
      "Give the data set's folder, or --omop postgres://user@host:5432/db?schema=cdm for an OMOP database.",
    );
  }
  if (opts.inputFormat !== undefined && opts.inputFormat !== 'omop') {
    throw new InvalidInput('--input-format', `'${opts.inputFormat}' cannot be read with --omop`, 'Use omop.');
  }
  return { omop: opts.omop, shown: parseOmopUrl(opts.omop).shown };
}

export function registerPopulation(program: Command): void {
  program
    .command('synth')
    .description('Generate a SYNTHETIC population for an ICB, calibrated to published NHS data.')
    .requiredOption(
      '--icb <codes>',
      'ICB code, for example QUA (NHS Black Country ICB); several, comma-separated, are made in parallel, each into a folder of its own under --out',
    )
    .requiredOption('--out <dir>', 'folder to write the data set into')
    .option('--seed <n>', 'seed for the random generator (same seed, same people)', '1')
    .option('--scale <fraction>', 'fraction of the real population to generate, 0 to 1', '1')
    .option(
      '--format <format>',
      'native (Parquet; also parquet), csv (native as CSV), omop (OMOP CDM v5.4 CSV), fhir (FHIR R4 bulk NDJSON) or sus (SUS-style CSV)',
      'parquet',
    )
    .action(
      action(async (opts: { icb: string; out: string; seed: string; scale: string; format: string }) => {
        const scale = Number(opts.scale);
        if (!Number.isFinite(scale)) throw new InvalidInput('--scale', `'${opts.scale}' is not a number`);
        const { synthesiseIcbs } = await import('../../population/synth-parallel.ts');
        const icbs = opts.icb
          .split(',')
          .map((code) => code.trim().toUpperCase())
          .filter((code) => code !== '');
        const bar = await progressBar('Generating');
        try {
          const results = await synthesiseIcbs(opts.format as SynthFormat, icbs, {
            out: opts.out,
            seed: wholeNumber('--seed', opts.seed),
            scale,
            progress: bar.progress,
          });
          bar.stop();
          process.stdout.write(`${results[0]?.manifest.label}\n`);
          for (const { manifest } of results) {
            const folder = results.length > 1 ? join(opts.out, manifest.icb ?? '') : opts.out;
            process.stdout.write(
              `Wrote ${manifest.counts.persons.toLocaleString('en-GB')} persons, ${manifest.counts.conditions.toLocaleString('en-GB')} conditions and ${manifest.counts.events.toLocaleString('en-GB')} events for ${manifest.icb} to ${folder} (${opts.format})\n`,
            );
          }
        } finally {
          bar.stop();
        }
        return 0;
      }),
    );

  program
    .command('analyse')
    .description(
      'Population health analyses (needs, risk, segments, inequalities, weighted population): writes report.json, report.html, report.xlsx and a CSV of each table.',
    )
    .option(
      '--data <dir>',
      "the data set's folder: Concordat's own tables, OMOP CDM v5.4 CSV, a FHIR R4 bulk export or SUS-style CSV",
    )
    .option(
      '--omop <url>',
      'instead of --data, an OMOP CDM v5.4 schema in PostgreSQL: postgres://user@host:5432/db?schema=cdm (read only)',
    )
    .option('--input-format <format>', 'native, omop, fhir or sus; default found from the folder')
    .option('--code-list <file>', 'code list mapping diagnosis codes to conditions; default the shipped one')
    .option('--engine <engine>', 'duckdb or clickhouse', 'duckdb')
    .option(
      '--memory-limit <size>',
      'memory DuckDB may use for loading and analysing before it spills to a temporary folder, for example 2GB; default 1GB',
    )
    .option('--on <date>', "the date (YYYY-MM-DD); default the data set's analysis date")
    .option('--icb <code>', "the ICB whose population is analysed; default the data set's ICB")
    .option(
      '--area <area>',
      'which part of the ICB: icb (the default), place:NAME, la:CODE, pcn:CODE or practice:CODE; place, la, pcn or practice for every area of that kind; all for every area (give --area again for more)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--grouping <file>',
      'the places for --area place: a places file of concordat allocate or a grouping saved on the Place allocation page (JSON); default a place per local authority',
    )
    .option(
      '--practices <codes>',
      'comma-separated ODS codes of the integrated practices (instead of --icb and --area)',
    )
    .option('--top-percent <n>', 'size of the highest-risk cohort, in per cent', '5')
    .option(
      '--suppress-up-to <n>',
      'suppress counts from 1 up to this',
      String(defaultSuppression.suppressUpTo),
    )
    .option('--round-to <n>', 'round other counts to a multiple of this', String(defaultSuppression.roundTo))
    .option(
      '--clickhouse <urls>',
      'comma-separated HTTP URLs of a running cluster (first receives queries); default a local two-shard cluster',
    )
    .option('--cluster <name>', 'the cluster name in remote_servers', 'concordat')
    .option('--out <dir>', 'where to write the report; default <data>/report')
    .option(
      '--publish',
      'also publish each report for the API and the web app ($CONCORDAT_DATA_DIR/population/<ICB>/)',
    )
    .action(
      action(
        async (opts: {
          data?: string;
          omop?: string;
          inputFormat?: string;
          codeList?: string;
          engine: string;
          memoryLimit?: string;
          on?: string;
          icb?: string;
          area: string[];
          grouping?: string;
          practices?: string;
          topPercent: string;
          suppressUpTo: string;
          roundTo: string;
          clickhouse?: string;
          cluster: string;
          out?: string;
          publish?: boolean;
        }) => {
          if (opts.engine !== 'duckdb' && opts.engine !== 'clickhouse') {
            throw new InvalidInput(
              '--engine',
              `'${opts.engine}' is not an engine`,
              'Use duckdb or clickhouse.',
            );
          }
          const inputFormat = opts.inputFormat;
          if (inputFormat !== undefined && !(inputFormats as readonly string[]).includes(inputFormat)) {
            throw new InvalidInput(
              '--input-format',
              `'${inputFormat}' is not a format`,
              'Use native, omop, fhir or sus.',
            );
          }
          const source = dataSource(opts);
          const [
            { readManifest },
            { loadDataset, loadOmopDatabase },
            { DuckDbEngine },
            { englandComparators },
            { runAreaPipelines, runPipeline },
            { reportHtml },
            { publishReport, publishedReportPath },
            { chooseAreas },
            { reportTitle, servedOf, summaryOf },
            { syntheticLabel },
          ] = await Promise.all([
            import('../../population/ingest.ts'),
            import('../../population/formats/load.ts'),
            import('../../population/engines/duckdb.ts'),
            import('../../population/england.ts'),
            import('../../population/pipeline.ts'),
            import('../../population/report-html.ts'),
            import('../../population/published.ts'),
            import('./population-areas.ts'),
            import('../../population/areas.ts'),
            import('../../population/model.ts'),
          ]);
          // A database has no manifest.json to suggest the date and the ICB.
          const manifest = 'dir' in source ? readManifest(source.dir) : { synthetic: false };
          const on = opts.on ?? manifest.analysisDate;
          if (!on || !isIsoDate(on)) {
            throw new InvalidInput(
              '--on',
              `'${on ?? ''}' is not a date`,
              'Write it as YYYY-MM-DD, for example 2025-08-01.',
            );
          }
          const out = opts.out ?? ('dir' in source ? join(source.dir, 'report') : undefined);
          if (!out) {
            throw new InvalidInput(
              '--out',
              'is needed with --omop',
              'Name the folder to write the report to.',
            );
          }
          const topPercent = Number(opts.topPercent);
          if (!(topPercent > 0 && topPercent <= 100)) {
            throw new InvalidInput('--top-percent', `'${opts.topPercent}' is not a percentage above 0`);
          }
          const suppression = checkPolicy({
            suppressUpTo: wholeNumber('--suppress-up-to', opts.suppressUpTo),
            roundTo: wholeNumber('--round-to', opts.roundTo),
          });
          const icb = (opts.icb ?? manifest.icb)?.toUpperCase();
          const chosen = chooseAreas(opts, icb);
          if (opts.publish && !icb) throw new InvalidInput('--publish', 'needs an ICB', 'Give --icb CODE.');
          const duck = await DuckDbEngine.openOnDisk({ memoryLimit: opts.memoryLimit });
          const bar = await progressBar('Loading');
          const stops: (() => Promise<void>)[] = [() => duck.close()];
          try {
            const loaded =
              'dir' in source
                ? await loadDataset(duck, source.dir, {
                    format: inputFormat as InputFormat | undefined,
                    codeList: opts.codeList,
                    progress: bar.progress,
                  })
                : await loadOmopDatabase(duck, source.omop, {
                    codeList: opts.codeList,
                    progress: bar.progress,
                  });
            const checked = loaded.manifest;
            bar.stop();
            for (const note of loaded.notes) process.stdout.write(`Note: ${note}\n`);
            let engine: Engine = duck;
            if (opts.engine === 'clickhouse') {
              let urls = opts.clickhouse?.split(',').map((u) => u.trim());
              let cluster = opts.cluster;
              const [{ ClickHouseEngine }, { startLocalCluster }] = await Promise.all([
                import('../../population/engines/clickhouse.ts'),
                import('../../population/engines/clickhouse-cluster.ts'),
              ]);
              if (!urls) {
                process.stderr.write('Starting a local two-shard ClickHouse cluster…\n');
                const local = await startLocalCluster(2);
                stops.push(local.stop);
                urls = [...local.urls];
                cluster = local.name;
              }
              const ch = new ClickHouseEngine(urls, cluster);
              await ch.loadFrom(duck);
              engine = ch;
            }
            const options = {
              on,
              manifest: checked,
              england: await englandComparators(),
              topPercent,
              suppression,
              checkLifeExpectancy: true,
            };
            const labelled = (title: string) => (checked.synthetic ? `${title} (SYNTHETIC)` : title);
            mkdirSync(out, { recursive: true });
            writeFileSync(
              join(out, 'input.json'),
              `${JSON.stringify({ data: source.shown, format: loaded.format, codeList: loaded.codeList ?? null, notes: loaded.notes }, null, 2)}\n`,
            );
            const written: string[] = [];
            const keep = async (report: PopulationReport, folder: string) => {
              mkdirSync(folder, { recursive: true });
              writeFileSync(join(folder, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
              writeFileSync(join(folder, 'report.html'), reportHtml(report));
              const tables = await writeReportTables(folder, report);
              written.push(folder);
              if (opts.publish && icb) publishReport(report, icb, chosen.grouping, process.env);
              return tables;
            };
            const [only, ...more] = chosen.areas;
            let tables: string[] = [];
            if (!only || more.length === 0) {
              const report = await runPipeline(engine, {
                ...options,
                title: labelled(
                  only ? reportTitle(only) : `Population health: ${chosen.practices.length} practices`,
                ),
                served: only ? servedOf(only) : { practices: chosen.practices },
                area: only ? summaryOf(only) : null,
              });
              tables = await keep(report, out);
              if (report.synthetic) process.stdout.write(`${report.synthetic}\n`);
            } else {
              const analysing = await progressBar('Analysing');
              await runAreaPipelines(
                engine,
                { practices: chosen.practices },
                chosen.areas,
                { ...options, title: (a) => labelled(reportTitle(a)) },
                async (area, report) => {
                  tables = await keep(report, join(out, `${area.kind}-${area.code}`));
                  analysing.progress(area.label, written.length, chosen.areas.length);
                },
              );
              analysing.stop();
              if (checked.synthetic) process.stdout.write(`${syntheticLabel}\n`);
            }
            if (opts.publish && icb)
              process.stdout.write(
                written.length === 1
                  ? `Published for the API at ${publishedReportPath(icb, process.env, chosen.areas[0])}\n`
                  : `Published ${written.length} reports for the API under ${dirname(publishedReportPath(icb))}\n`,
              );
            process.stdout.write(
              written.length === 1
                ? `Wrote ${join(out, 'report.json')}, ${join(out, 'report.html')}, ${join(out, 'report.xlsx')} and ${tables.length} CSV tables (${tables.join(', ')})\n`
                : `Wrote report.json, report.html, report.xlsx and ${tables.length} CSV tables for each of ${written.length} areas, in a folder each under ${out} (such as ${written[0]})\n`,
            );
          } finally {
            bar.stop();
            for (const stop of stops.reverse()) await stop();
          }
          return 0;
        },
      ),
    );
}
