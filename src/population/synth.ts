import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInput } from '../core/errors.ts';
import { oglAttribution } from '../core/open-government-licence.ts';
import { dataFiles } from '../system/data-files.ts';
import { emergencyRatesFile, outpatientRatesFile } from './activity-rates.ts';
import type { DatasetManifest, Progress } from './ingest.ts';
import {
  conditionCodes,
  optionalColumns,
  settings,
  syntheticLabel,
  type TableName,
  tableColumns,
} from './model.ts';
import { Random } from './random.ts';
import { dayOf } from './synth-calendar.ts';
import { byLaFile, EthnicityDraws, ethnicityCodes } from './synth-ethnicity.ts';
import { writeEvents } from './synth-events.ts';
import { ParquetSink } from './synth-parquet.ts';
import { generatePeople } from './synth-people.ts';
import { writePersonsAndConditions } from './synth-records.ts';
import { loadSynthReference } from './synth-reference.ts';
import { CsvSink, type SynthLabels, type SynthSink } from './synth-sink.ts';
import { personIdDigits, personIdPrefix } from './synthetic-ids.ts';

/**
 * Generates a synthetic population for one ICB, calibrated to real published data:
 * registered patients by single year of age and sex for each PCN on 1 August 2026, with the
 * ICB's remainder (patients of practices in no PCN) so the sub-ICB and ICB totals match too,
 * spread across each PCN's practices by list size; where they live steered by each practice's
 * deprivation, with the ICB's mix of IMD deciles (synth-deprivation.ts); each practice's QOF
 * registers (2020/21) setting condition prevalence; emergency admissions and outpatient
 * attendances by age at England's rates (activity-rates.ts). Deaths over the four years before
 * the extract, and two years of activity, follow the documented shapes in synth-model.ts.
 * Deterministic from the seed and the ICB. Every file says it is synthetic, and every person id
 * names the ICB.
 */
export interface SynthOptions {
  icb: string;
  out: string;
  seed?: number;
  /** Fraction of the real population to generate (1 = full size). */
  scale?: number;
  format?: 'parquet' | 'csv';
  progress?: Progress;
  /** Rows in each Parquet row group (tests make them few). */
  parquetRowGroup?: number;
}

export const extractDate = '2026-08-01';
/** A year of activity before and a year after, so risk scores can be checked against outcomes. */
export const defaultAnalysisDate = '2025-08-01';
const activityFrom = '2024-08-01';
const deathsFrom = '2022-08-01';

export interface SynthResult {
  manifest: DatasetManifest & {
    label: string;
    icbOnsCode: string;
    counts: {
      persons: number;
      registeredOnExtractDate: number;
      deceased: number;
      unregisteredResidents: number;
      conditions: number;
      events: number;
    };
  };
  files: string[];
}

/** Every column synth writes, the optional ones (ethnicity) included. */
const columnsOf = (table: TableName) => [...tableColumns[table], ...optionalColumns[table]];

/** The generator's seed: the user's, mixed with the ICB so ICBs with one seed differ. */
function seedFor(seed: number, icb: string): number {
  let hash = 0x811c9dc5;
  for (const ch of icb) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (hash ^ seed) >>> 0;
}

/** Writes persons, conditions and events for `options.icb` into `options.out`. */
export async function synthesise(options: SynthOptions): Promise<SynthResult> {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const format = options.format ?? 'parquet';
  const progress = options.progress ?? (() => {});
  if (!Number.isInteger(seed) || seed < 0)
    throw new InvalidInput('--seed', 'must be a whole number 0 or more');
  if (!(scale > 0 && scale <= 1)) throw new InvalidInput('--scale', 'must be more than 0 and at most 1');
  const ref = loadSynthReference(options.icb);
  progress('reference', 1, 5);
  const rng = new Random(seedFor(seed, options.icb));
  const extract = dayOf(extractDate);
  const people = generatePeople(ref, rng, scale, extract, dayOf(deathsFrom));
  progress('people', 2, 5);

  mkdirSync(options.out, { recursive: true });
  const prefix = personIdPrefix(options.icb);
  const labels: SynthLabels = {
    idPrefix: prefix,
    idDigits: personIdDigits,
    practices: ref.practices.map((p) => p.code),
    areas: ref.areas.map((a) => a.code),
    ethnicities: ethnicityCodes,
    conditions: conditionCodes,
    settings,
  };
  const sink: SynthSink =
    format === 'csv'
      ? new CsvSink(options.out, (table) => columnsOf(table).join(','), labels)
      : new ParquetSink(options.out, labels, columnsOf, options.parquetRowGroup);
  // Each person's ethnic category, from the id written and the local authority lived in.
  const draws = new EthnicityDraws(
    prefix,
    personIdDigits,
    seed,
    ref.areas.map((a) => a.la),
  );
  const facts = writePersonsAndConditions(ref, people, rng, extract, sink, draws.indexOf.bind(draws));
  progress('persons and conditions', 3, 5);
  writeEvents(ref, people, facts, rng, { from: dayOf(activityFrom), to: extract }, sink);
  const files = sink.close();
  progress('events', 4, 5);

  const manifest = {
    synthetic: true,
    label: syntheticLabel,
    icb: options.icb,
    icbOnsCode: ref.icbOnsCode,
    seed,
    scale,
    extractDate,
    analysisDate: defaultAnalysisDate,
    counts: {
      persons: people.count,
      registeredOnExtractDate: people.registered,
      deceased: people.unregisteredFrom - people.registered,
      unregisteredResidents: people.count - people.unregisteredFrom,
      conditions: sink.rows.conditions,
      events: sink.rows.events,
    },
    calibratedTo: [
      dataFiles.registeredSingleAge,
      dataFiles.practiceMap,
      dataFiles.weightedPopulations2025,
      dataFiles.practiceImd,
      dataFiles.lsoaImd,
      dataFiles.qofPrevalence,
      emergencyRatesFile,
      outpatientRatesFile,
      byLaFile,
    ],
    attribution: oglAttribution,
  };
  writeFileSync(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(options.out, 'README.txt'),
    `${syntheticLabel}\n\nGenerated by \`concordat synth --icb ${options.icb} --seed ${seed}\`. No row describes a real person.\nCalibrated to published NHS data (see manifest.json). ${oglAttribution}\n`,
  );
  progress('done', 5, 5);
  return { manifest, files };
}
