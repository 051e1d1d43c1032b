import { existsSync, readdirSync } from 'node:fs';
import { InvalidInput } from '../../core/errors.ts';
import type { DuckDbEngine } from '../engines/duckdb.ts';
import { type DatasetManifest, ingest, ingestFiles, type Progress, readManifest } from '../ingest.ts';
import type { TableName } from '../model.ts';
import { type CodeListSummary, loadCodeList } from './code-list.ts';
import { readFhir } from './fhir-read.ts';
import { type InputFormat, inputFormats } from './input-formats.ts';
import { loadReference, NativeOutput, Notes } from './native-output.ts';
import { OmopDatabase } from './omop-postgres.ts';
import { omopSynthetic, readOmop, readOmopFrom } from './omop-read.ts';
import type { ReadContext, Reader } from './read-context.ts';
import { readSus } from './sus-read.ts';

/** Each reader, and how many steps it reports (for the progress bar). */
const readers: Record<Exclude<InputFormat, 'native'>, { read: Reader; steps: number }> = {
  omop: { read: readOmop, steps: 4 },
  fhir: { read: readFhir, steps: 3 },
  sus: { read: readSus, steps: 4 },
};
/** Steps the native ingest reports after a reader: the practice map, each table read and checked, loaded. */
const ingestSteps = 8;

/**
 * Which format a folder holds: the `format` its manifest.json names (as `concordat synth`
 * writes), else by its files — person.csv is OMOP, .ndjson files are a FHIR bulk export,
 * apc/ae/op.csv are SUS-style extracts, persons plus events are native.
 */
export function detectFormat(dir: string): InputFormat {
  if (!existsSync(dir)) throw new InvalidInput('--data', `'${dir}' does not exist`);
  const stated = (readManifest(dir) as { format?: string }).format;
  if (stated && (inputFormats as readonly string[]).includes(stated)) return stated as InputFormat;
  const names = readdirSync(dir).map((f) => f.toLowerCase());
  const has = (...stems: string[]) =>
    names.some((n) => stems.some((s) => n === `${s}.csv` || n === `${s}.csv.gz`));
  const found: InputFormat[] = [];
  if (has('person')) found.push('omop');
  if (names.some((n) => /\.ndjson(\.gz)?$/.test(n))) found.push('fhir');
  if (has('apc', 'ae', 'op')) found.push('sus');
  else if (has('persons') || names.includes('persons.parquet')) found.push('native');
  if (found.length === 1) return found[0] as InputFormat;
  throw new InvalidInput(
    '--data',
    found.length === 0
      ? `'${dir}' holds no data set Concordat recognises`
      : `'${dir}' looks like ${found.join(' and ')} data`,
    'Give --input-format native, omop, fhir or sus.',
  );
}

export interface LoadOptions {
  format?: InputFormat;
  codeList?: string;
  progress?: Progress;
}

export interface Loaded {
  manifest: DatasetManifest;
  format: InputFormat;
  /** The code list used (foreign formats only). */
  codeList?: CodeListSummary;
  /** What the reader assumed or left out, counted, for the user to see. */
  notes: string[];
}

/** Loads a data set of any format into `engine` as Concordat's three tables, all or nothing. */
export async function loadDataset(
  engine: DuckDbEngine,
  dir: string,
  options: LoadOptions = {},
): Promise<Loaded> {
  const format = options.format ?? detectFormat(dir);
  if (format === 'native') {
    if (options.codeList) {
      throw new InvalidInput(
        '--code-list',
        'is only used for OMOP, FHIR and SUS-style data',
        'Native data holds conditions as register codes already.',
      );
    }
    return { manifest: await ingest(engine, dir, options.progress), format, notes: [] };
  }
  const { read, steps } = readers[format];
  const loaded = await readForeign(engine, (context) => read(dir, context), steps, options);
  return { manifest: readManifest(dir), format, ...loaded };
}

/**
 * Loads an OMOP CDM v5.4 schema in PostgreSQL (`--omop postgres://…?schema=cdm`), all or
 * nothing, read once in one read-only snapshot. A database has no manifest.json: the data is
 * synthetic when its cdm_source says so.
 */
export async function loadOmopDatabase(
  engine: DuckDbEngine,
  url: string,
  options: Omit<LoadOptions, 'format'> = {},
): Promise<Loaded> {
  const database = await OmopDatabase.open(url);
  try {
    const synthetic = await omopSynthetic(database);
    const loaded = await readForeign(
      engine,
      (context) => readOmopFrom(database, context),
      readers.omop.steps,
      options,
    );
    return { manifest: { synthetic }, format: 'omop', ...loaded };
  } finally {
    await database.close();
  }
}

/** Runs a reader of a foreign format, then ingests what it wrote. */
async function readForeign(
  engine: DuckDbEngine,
  read: (context: ReadContext) => Promise<Record<TableName, string>>,
  steps: number,
  options: Omit<LoadOptions, 'format'>,
): Promise<Pick<Loaded, 'codeList' | 'notes'>> {
  const codeList = await loadCodeList(options.codeList);
  const progress = options.progress ?? (() => {});
  const out = new NativeOutput();
  const notes = new Notes();
  const total = steps + ingestSteps;
  let done = 0;
  try {
    const files = await read({
      engine,
      codeList,
      reference: await loadReference(),
      out,
      notes,
      step: (name) => progress(`read ${name}`, ++done, total),
    });
    await ingestFiles(engine, files, (step, n) => progress(step, steps + n, total));
  } finally {
    out.dispose();
  }
  return { codeList: codeList.summary, notes: notes.list() };
}
