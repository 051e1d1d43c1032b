/**
 * One set of analyses, two engines. Every analysis writes its SQL once (src/population/sql.ts)
 * in the subset both DuckDB 1.5 and ClickHouse 18.16 accept: no window functions, joins by
 * `USING`, integer results only (rates and ratios are worked out in TypeScript so both engines
 * give identical answers). The few spellings that differ go through `Dialect`.
 */
export type Cell = number | string | null;
export type Row = Cell[];

export interface Dialect {
  /** Integer division rounding towards minus infinity for non-negative operands. */
  idiv(a: string, b: string): string;
  year(date: string): string;
  month(date: string): string;
  day(date: string): string;
  /** The sum of a whole-number expression as a 64-bit integer (DuckDB would widen it to 128 bits). */
  sum64(expression: string): string;
}

/** Where the tables live: person-level SQL runs where the rows are; aggregates read them all. */
export interface Tables {
  persons: string;
  conditions: string;
  events: string;
  features: string;
  /** A copy of `features` kept by `keepFeatures`, which areas' tables are narrowed from. */
  keptFeatures: string;
}

export interface Engine {
  readonly name: 'duckdb' | 'clickhouse';
  readonly dialect: Dialect;
  /** Table names for an aggregate query over everyone (a Distributed table on ClickHouse). */
  readonly all: Tables;
  /** Table names for person-level SQL that runs beside the data (each shard's local tables). */
  readonly local: Tables;
  query(sql: string): Promise<Row[]>;
  /**
   * Replaces the per-person `features` table with the rows of a SELECT over the local tables.
   * On a cluster each shard builds its own part; persons, conditions and events are sharded by
   * person, so nothing crosses between shards.
   */
  buildFeatures(select: string): Promise<void>;
  /**
   * Keeps a copy of the per-person table, so the tables of its parts (areas of an ICB) can be
   * built from it (`narrowFeaturesSql`) without reading the events again.
   */
  keepFeatures(): Promise<void>;
  close(): Promise<void>;
}

export function dateLiteral(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return `CAST('${iso}' AS DATE)`;
}

export function stringList(values: readonly string[]): string {
  for (const v of values) if (!/^[A-Za-z0-9_ -]*$/.test(v)) throw new Error(`unsafe SQL value: ${v}`);
  return values.map((v) => `'${v}'`).join(', ');
}
