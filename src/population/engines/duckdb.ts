import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { InvalidInput } from '../../core/errors.ts';
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

/** What DuckDB may hold in memory before it spills to disk (docs/population.md, Ingest). */
export const defaultMemoryLimit = '1GB';

export interface DuckDbOptions {
  threads?: number;
  /** A DuckDB size such as '1GB' or '512MB'; beyond it tables and sorts go to disk. */
  memoryLimit?: string;
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
    /** The temporary folder of `openOnDisk` (database file and spill files), removed on close. */
    readonly folder?: string,
  ) {}

  static async open(path = ':memory:', threads?: number): Promise<DuckDbEngine> {
    const options: Record<string, string> = {};
    if (threads) options.threads = String(threads);
    const instance = await DuckDBInstance.create(path, options);
    return new DuckDbEngine(instance, await instance.connect());
  }

  /**
   * DuckDB on a database file in a fresh temporary folder, holding at most `memoryLimit` in
   * memory: tables live in the file and large joins and sorts spill beside it, so a data set
   * bigger than the machine's memory still loads. The folder goes when the engine is closed.
   */
  static async openOnDisk(options: DuckDbOptions = {}): Promise<DuckDbEngine> {
    const memoryLimit = options.memoryLimit ?? defaultMemoryLimit;
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i.test(memoryLimit)) {
      throw new InvalidInput(
        '--memory-limit',
        `'${memoryLimit}' is not a size`,
        'Write it as, for example, 512MB or 2GB.',
      );
    }
    const folder = mkdtempSync(join(tmpdir(), 'concordat-duckdb-'));
    const config: Record<string, string> = {
      memory_limit: memoryLimit,
      temp_directory: join(folder, 'spill'),
    };
    if (options.threads) config.threads = String(options.threads);
    try {
      const instance = await DuckDBInstance.create(join(folder, 'population.duckdb'), config);
      return new DuckDbEngine(instance, await instance.connect(), folder);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
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
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}
