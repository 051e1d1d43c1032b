import { DuckDBInstance } from '@duckdb/node-api';
import type { Cell, Dialect, Engine, Row, Tables } from './engine.ts';

const dialect: Dialect = {
  idiv: (a, b) => `((${a}) // (${b}))`,
  year: (d) => `year(${d})`,
  month: (d) => `month(${d})`,
  day: (d) => `day(${d})`,
  sum64: (x) => `CAST(sum(${x}) AS BIGINT)`,
};

const tables: Tables = {
  persons: 'persons',
  conditions: 'conditions',
  events: 'events',
  features: 'features',
  keptFeatures: 'features_kept',
};

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`integer ${value} is beyond the safe range`);
    return n;
  }
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** DuckDB in process: one ICS on one machine. */
export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = dialect;
  readonly all = tables;
  readonly local = tables;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: Awaited<ReturnType<DuckDBInstance['connect']>>,
  ) {}

  static async open(path = ':memory:', threads?: number): Promise<DuckDbEngine> {
    const options: Record<string, string> = {};
    if (threads) options.threads = String(threads);
    const instance = await DuckDBInstance.create(path, options);
    return new DuckDbEngine(instance, await instance.connect());
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRows().map((row) => row.map(cell));
  }

  /** Replaces table `name` with text columns holding `rows`, appended directly (no SQL text per row). */
  async loadTable(
    name: string,
    columns: readonly string[],
    rows: Iterable<readonly string[]>,
  ): Promise<void> {
    await this.run(`CREATE OR REPLACE TABLE ${name} (${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
    const appender = await this.connection.createAppender(name);
    for (const row of rows) {
      for (const value of row) appender.appendVarchar(value);
      appender.endRow();
    }
    appender.closeSync();
  }

  async buildFeatures(select: string): Promise<void> {
    await this.run(`CREATE OR REPLACE TABLE features AS ${select}`);
  }

  async keepFeatures(): Promise<void> {
    await this.run(`CREATE OR REPLACE TABLE ${tables.keptFeatures} AS SELECT * FROM features`);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
