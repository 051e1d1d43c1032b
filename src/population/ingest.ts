import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInput } from '../core/errors.ts';
import { practiceMap } from '../system/reference-tables.ts';
import type { DuckDbEngine } from './engines/duckdb.ts';
import { ethnicCategoryHint, ethnicCategoryPattern } from './ethnic-category.ts';
import { conditionCodes, openEnd, optionalColumns, settings, type TableName, tableColumns } from './model.ts';

/**
 * Loads a population data set — persons, conditions and events as CSV (optionally gzipped)
 * or Parquet files in one folder — into DuckDB after checking every row. All or nothing: each
 * file is read once into a typed loading table, the checks of a single row running as it is
 * read (so no text copy is kept), then the checks across rows (duplicates, unknown persons) run
 * over the loading tables; only when all pass are the real tables created, in one transaction.
 * A refusal names the file, the row and the reason. Rows are numbered only once a check has
 * failed (the file is then read a second time): numbering every row as it is read would force
 * DuckDB to read in order and cost about half again the plain load (docs/population.md, Ingest).
 */
export interface DatasetManifest {
  /** True for data made by `concordat synth`; every output then says it is synthetic. */
  synthetic: boolean;
  icb?: string;
  seed?: number;
  /** The date the data describes (the registration extract it was calibrated to). */
  extractDate?: string;
  /** Suggested analysis date: a year of activity before it and a year after. */
  analysisDate?: string;
}

export type Progress = (step: string, done: number, total: number) => void;

const extensions = ['.parquet', '.csv', '.csv.gz'] as const;

export function datasetFile(dir: string, table: TableName): string {
  for (const ext of extensions) {
    const path = join(dir, `${table}${ext}`);
    if (existsSync(path)) return path;
  }
  throw new InvalidInput(
    `${dir}`,
    `has no ${table} file`,
    `Provide ${table}.csv, ${table}.csv.gz or ${table}.parquet.`,
  );
}

export function readManifest(dir: string): DatasetManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return { synthetic: false };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as DatasetManifest;
  return { ...parsed, synthetic: parsed.synthetic === true };
}

function sqlPath(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

function reader(path: string): string {
  return path.endsWith('.parquet')
    ? `read_parquet(${sqlPath(path)})`
    : `read_csv(${sqlPath(path)}, header = true, all_varchar = true, auto_detect = true)`;
}

const blank = (c: string) => `(${c} IS NULL OR ${c} = '')`;

const dateColumns = new Set(['registered_from', 'registered_to', 'death_date', 'onset_date', 'event_date']);
const wholeColumns = new Set(['birth_year', 'birth_month', 'imd_decile', 'cost_pence']);
/** Integer types that fit in the BIGINT a cost is kept as. */
const wholeTypes = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER']);

/** Whether a column is read with the type its file gives it (a Parquet date or integer), not as text. */
function readTyped(column: string, type: string): boolean {
  return (dateColumns.has(column) && type === 'DATE') || (wholeColumns.has(column) && wholeTypes.has(type));
}

/** True for a whole number from `low` to `high`; false, not null, for one too big for INTEGER. */
const within = (c: string, low: number, high: number) =>
  `coalesce(TRY_CAST(${c} AS INTEGER) BETWEEN ${low} AND ${high}, false)`;

/** Format checks of a column: of its text, or, for a column read typed, only that it is there. */
function formatChecks(typed: ReadonlySet<string>) {
  return {
    isDate: (c: string) =>
      typed.has(c)
        ? `(${c} IS NOT NULL AND isfinite(${c}))`
        : `(regexp_full_match(${c}, '\\d{4}-\\d{2}-\\d{2}') AND TRY_CAST(${c} AS DATE) IS NOT NULL)`,
    isInt: (c: string) => (typed.has(c) ? `(${c} IS NOT NULL)` : `regexp_full_match(${c}, '-?\\d{1,18}')`),
    blank: (c: string) => (typed.has(c) ? `(${c} IS NULL)` : blank(c)),
  };
}

interface Check {
  column: string;
  /**
   * SQL that is true for a bad row `s`: of the file's text as it is read, or, for a check
   * `across` rows, of the typed loading table once it is all read.
   */
  bad: string;
  /**
   * For a check across rows: SQL true when any row of the loading table fails it. It needs no
   * line numbers, so the loading table is numbered only once a check has failed.
   */
  across?: string;
  problem: string;
  hint: string;
}

const unknownPerson = (table: TableName) =>
  `EXISTS (SELECT 1 FROM load_${table} WHERE person_id IS NULL OR person_id NOT IN (SELECT person_id FROM load_persons))`;

/** Each table's checks, in the order a row is tested; `typed` names the columns read typed. */
function checksOf(typed: ReadonlySet<string> = new Set()): Record<TableName, Check[]> {
  const { isDate, isInt, blank } = formatChecks(typed);
  return {
    persons: [
      {
        column: 'person_id',
        bad: blank('person_id'),
        problem: 'is empty',
        hint: 'Every person needs a pseudonymous id.',
      },
      {
        column: 'person_id',
        bad: `person_id IN (SELECT person_id FROM load_persons GROUP BY person_id HAVING count(*) > 1) AND line > (SELECT min(line) FROM load_persons t WHERE t.person_id = s.person_id)`,
        across: `(SELECT count(*) <> count(DISTINCT person_id) FROM load_persons)`,
        problem: 'appears twice',
        hint: 'One row per person.',
      },
      {
        column: 'birth_year',
        bad: `NOT ${isInt('birth_year')} OR NOT ${within('birth_year', 1880, 2100)}`,
        problem: 'is not a year of birth',
        hint: 'Write the year as four digits.',
      },
      {
        column: 'birth_month',
        bad: `NOT ${isInt('birth_month')} OR NOT ${within('birth_month', 1, 12)}`,
        problem: 'is not a month 1–12',
        hint: 'Write the month of birth as 1 to 12.',
      },
      {
        column: 'sex',
        bad: `sex IS NULL OR sex NOT IN ('F', 'M')`,
        problem: 'is not F or M',
        hint: 'Use F or M.',
      },
      {
        column: 'practice_code',
        bad: `NOT ${blank('practice_code')} AND practice_code NOT IN (SELECT practice_code FROM ref_practices)`,
        problem: 'is not a known GP practice',
        hint: 'Use an ODS practice code from the August 2026 practice map, or leave it empty for an unregistered resident.',
      },
      {
        column: 'registered_from',
        bad: `NOT ${blank('practice_code')} AND NOT ${isDate('registered_from')}`,
        problem: 'is not a date',
        hint: 'Write dates as YYYY-MM-DD, for example 2019-04-01.',
      },
      {
        column: 'registered_to',
        bad: `NOT ${blank('registered_to')} AND NOT ${isDate('registered_to')}`,
        problem: 'is not a date',
        hint: 'Write dates as YYYY-MM-DD, or leave empty while the registration is open.',
      },
      {
        column: 'lsoa',
        bad: blank('lsoa'),
        problem: 'is empty',
        hint: 'Give the 2011 LSOA code of residence.',
      },
      {
        column: 'imd_decile',
        bad: `NOT ${isInt('imd_decile')} OR NOT ${within('imd_decile', 1, 10)}`,
        problem: 'is not an IMD decile 1–10',
        hint: 'Decile 1 is the most deprived tenth of LSOAs in England (IMD 2019).',
      },
      {
        column: 'death_date',
        bad: `NOT ${blank('death_date')} AND NOT ${isDate('death_date')}`,
        problem: 'is not a date',
        hint: 'Write dates as YYYY-MM-DD, or leave empty for the living.',
      },
      {
        column: 'ethnicity',
        bad: `NOT ${blank('ethnicity')} AND NOT regexp_full_match(trim(ethnicity), '${ethnicCategoryPattern.source.slice(1, -1)}')`,
        problem: 'is not an ethnic category code',
        hint: ethnicCategoryHint,
      },
    ],
    conditions: [
      {
        column: 'person_id',
        bad: `person_id IS NULL OR person_id NOT IN (SELECT person_id FROM load_persons)`,
        across: unknownPerson('conditions'),
        problem: 'is not in the persons file',
        hint: 'Every condition must belong to a person in persons.',
      },
      {
        column: 'condition',
        bad: `condition IS NULL OR condition NOT IN (${conditionCodes.map((c) => `'${c}'`).join(', ')})`,
        problem: 'is not a known condition',
        hint: `Use a QOF register code: ${conditionCodes.join(', ')}.`,
      },
      {
        column: 'onset_date',
        bad: `NOT ${isDate('onset_date')}`,
        problem: 'is not a date',
        hint: 'Write dates as YYYY-MM-DD.',
      },
      {
        column: 'condition',
        bad: `line > (SELECT min(line) FROM load_conditions t WHERE t.person_id = s.person_id AND t.condition = s.condition)`,
        across: `(SELECT count(*) <> count(DISTINCT (person_id, condition)) FROM load_conditions)`,
        problem: 'appears twice for the same person',
        hint: 'One row per person and condition, with the first onset date.',
      },
    ],
    events: [
      {
        column: 'person_id',
        bad: `person_id IS NULL OR person_id NOT IN (SELECT person_id FROM load_persons)`,
        across: unknownPerson('events'),
        problem: 'is not in the persons file',
        hint: 'Every event must belong to a person in persons.',
      },
      {
        column: 'event_date',
        bad: `NOT ${isDate('event_date')}`,
        problem: 'is not a date',
        hint: 'Write dates as YYYY-MM-DD.',
      },
      {
        column: 'setting',
        bad: `setting IS NULL OR setting NOT IN (${settings.map((c) => `'${c}'`).join(', ')})`,
        problem: 'is not a known setting',
        hint: `Use one of ${settings.join(', ')}.`,
      },
      {
        column: 'cost_pence',
        bad: `NOT ${isInt('cost_pence')}`,
        problem: 'is not a whole number of pence',
        hint: 'Costs are whole pence, for example 4250 for £42.50.',
      },
      {
        column: 'cost_pence',
        bad: `${isInt('cost_pence')} AND TRY_CAST(cost_pence AS BIGINT) < 0`,
        problem: 'is negative',
        hint: 'A cost cannot be below zero; record refunds and corrections outside the activity file.',
      },
    ],
  };
}

/**
 * Dates before 1970 are stored as 1 January 1970: ClickHouse's Date type starts there, and
 * such dates are only ever compared with analysis dates, which are later.
 */
const firstDay = `CAST('1970-01-01' AS DATE)`;
const floor = (date: string) => `greatest(${date}, ${firstDay})`;

/** The national ETHNIC CATEGORY code (the first character, or 99), '' when none: see ethnic-category.ts. */
const nationalCode = (c: string) =>
  `CASE WHEN ${blank(c)} THEN '' WHEN trim(${c}) = '99' THEN '99' ELSE left(trim(${c}), 1) END`;

/** Each table's typed columns from the file's text or types; TRY_CAST, as a bad row is refused after. */
const typed: Record<TableName, string> = {
  persons: `person_id, TRY_CAST(birth_year AS INTEGER) AS birth_year, TRY_CAST(birth_month AS INTEGER) AS birth_month,
      sex, coalesce(practice_code, '') AS practice_code,
      ${floor(`coalesce(TRY_CAST(registered_from AS DATE), ${firstDay})`)} AS registered_from,
      ${floor(`coalesce(TRY_CAST(registered_to AS DATE), CAST('${openEnd}' AS DATE))`)} AS registered_to,
      lsoa, TRY_CAST(imd_decile AS INTEGER) AS imd_decile,
      ${floor(`coalesce(TRY_CAST(death_date AS DATE), CAST('${openEnd}' AS DATE))`)} AS death_date,
      ${nationalCode('ethnicity')} AS ethnicity`,
  conditions: `person_id, condition, ${floor('TRY_CAST(onset_date AS DATE)')} AS onset_date`,
  events: `person_id, ${floor('TRY_CAST(event_date AS DATE)')} AS event_date, setting, TRY_CAST(cost_pence AS BIGINT) AS cost_pence`,
};

/** England's practices on 1 August 2026, which a person's practice must be one of. */
export async function loadPracticeMap(engine: DuckDbEngine): Promise<void> {
  await engine.loadTable(
    'ref_practices',
    ['practice_code'],
    practiceMap().map((p) => [p.practice]),
  );
}

const tables: TableName[] = ['persons', 'conditions', 'events'];

/** Ingests the data set in `dir` into `engine`, all or nothing. */
export async function ingest(
  engine: DuckDbEngine,
  dir: string,
  progress: Progress = () => {},
): Promise<DatasetManifest> {
  const manifest = readManifest(dir);
  const files = Object.fromEntries(tables.map((t) => [t, datasetFile(dir, t)])) as Record<TableName, string>;
  await ingestFiles(engine, files, progress);
  return manifest;
}

/** Ingests the three tables from the files named, all or nothing (for readers of other formats). */
export async function ingestFiles(
  engine: DuckDbEngine,
  files: Record<TableName, string>,
  progress: Progress = () => {},
): Promise<void> {
  const total = tables.length * 2 + 2;
  let done = 0;
  const step = (name: string) => progress(name, ++done, total);
  await loadPracticeMap(engine);
  step('practice map');
  try {
    for (const table of tables) {
      const file = files[table];
      await engine.run(
        `CREATE OR REPLACE TABLE load_${table} AS ${await loadingSelect(engine, table, file, false)}`,
      );
      step(`read ${table}`);
      if (await anyRowFails(engine, table)) {
        // Only now are the rows numbered, to name the first bad one as the file numbers it.
        await engine.run(
          `CREATE OR REPLACE TABLE load_${table} AS ${await loadingSelect(engine, table, file, true)}`,
        );
        await refuseFirstBadRow(engine, table, file);
      }
      step(`checked ${table}`);
    }
    await engine.run('BEGIN TRANSACTION');
    try {
      // The loading tables become the real ones, without copying their rows.
      for (const table of tables) {
        await engine.run(`DROP TABLE IF EXISTS ${table}`);
        await engine.run(`ALTER TABLE load_${table} DROP COLUMN failed`);
        await engine.run(`ALTER TABLE load_${table} RENAME TO ${table}`);
      }
      await engine.run('COMMIT');
    } catch (error) {
      await engine.run('ROLLBACK');
      throw error;
    }
    step('loaded');
  } finally {
    for (const table of tables) await engine.run(`DROP TABLE IF EXISTS load_${table}`);
  }
}

/** A file's rows, numbered (if asked) as the file numbers them: a CSV file's header is line 1. */
interface SourceRows {
  select: string;
  /** Columns read with the file's own type rather than as text. */
  typed: ReadonlySet<string>;
}

/**
 * A file's rows: every column as text, except (unless `asText`) the dates and whole numbers a
 * Parquet file already types. Refuses a file without a required column before reading any row.
 */
async function sourceRows(
  engine: DuckDbEngine,
  table: TableName,
  file: string,
  { asText = false, numbered = true } = {},
): Promise<SourceRows> {
  const types = new Map(
    (await engine.query(`DESCRIBE SELECT * FROM ${reader(file)}`)).map((r) => [String(r[0]), String(r[1])]),
  );
  const missing = tableColumns[table].filter((c) => !types.has(c));
  if (missing.length > 0) {
    throw new InvalidInput(
      `${file}`,
      `has no column ${missing.join(', ')}`,
      `The ${table} file needs the columns ${tableColumns[table].join(', ')}.`,
    );
  }
  const typed = new Set(asText ? [] : [...types].filter(([c, t]) => readTyped(c, t)).map(([c]) => c));
  const column = (c: string) =>
    !types.has(c)
      ? `CAST('' AS VARCHAR) AS "${c}"`
      : typed.has(c)
        ? `"${c}"`
        : `CAST("${c}" AS VARCHAR) AS "${c}"`;
  const select = [...tableColumns[table], ...optionalColumns[table]].map(column).join(', ');
  const first = file.endsWith('.parquet') ? 1 : 2;
  const line = numbered ? `row_number() OVER () + ${first - 1} AS line, ` : '';
  return { select: `SELECT ${line}${select} FROM ${reader(file)}`, typed };
}

/**
 * Reads a file into typed columns, with the first check of a single row that each row fails,
 * and (if `numbered`) each row's line.
 */
async function loadingSelect(
  engine: DuckDbEngine,
  table: TableName,
  file: string,
  numbered: boolean,
): Promise<string> {
  const source = await sourceRows(engine, table, file, { numbered });
  const rowChecks = checksOf(source.typed)
    [table].map((c, i) => [c, i] as const)
    .filter(([c]) => !c.across);
  const failed = `CASE ${rowChecks.map(([c, i]) => `WHEN ${c.bad} THEN ${i}`).join(' ')} END`;
  const line = numbered ? 'line, ' : '';
  return `SELECT ${line}CAST(${failed} AS UTINYINT) AS failed, ${typed[table]} FROM (${source.select}) s`;
}

/** Whether any row fails a check of its own or across rows: no line numbers needed. */
async function anyRowFails(engine: DuckDbEngine, table: TableName): Promise<boolean> {
  const across = checksOf()[table].flatMap((c) => (c.across ? [c.across] : []));
  const [[fails] = []] = await engine.query(
    `SELECT CAST(EXISTS (SELECT 1 FROM load_${table} WHERE failed IS NOT NULL) ${across.map((a) => `OR ${a}`).join(' ')} AS INTEGER)`,
  );
  return fails === 1;
}

/** The first bad row in file order, and the first check it fails, of this or across rows. */
async function refuseFirstBadRow(engine: DuckDbEngine, table: TableName, file: string): Promise<void> {
  const list = checksOf()[table];
  const across = list.map((c, i) => [c, i] as const).filter(([c]) => c.across);
  const acrossFailed = `CASE ${across.map(([c, i]) => `WHEN ${c.bad} THEN ${i}`).join(' ')} ELSE 255 END`;
  const rows = await engine.query(
    `SELECT line, least(coalesce(failed, 255), ${acrossFailed}) AS failed FROM load_${table} s
     WHERE failed IS NOT NULL ${across.map(([c]) => `OR (${c.bad})`).join(' ')} ORDER BY line LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return;
  const check = list[Number(row[1])] as Check;
  // The loading table holds typed values: the text refused is read again from the file.
  const text = await engine.query(
    `SELECT "${check.column}" FROM (${(await sourceRows(engine, table, file, { asText: true })).select}) WHERE line = ${Number(row[0])}`,
  );
  const value = text[0]?.[0];
  const where = file.endsWith('.parquet') ? `row ${row[0]}` : `line ${row[0]}`;
  throw new InvalidInput(
    `${file} ${where}, ${check.column}`,
    `'${value ?? ''}' ${check.problem}; nothing was loaded`,
    check.hint,
  );
}
