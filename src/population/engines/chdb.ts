import { Session } from 'chdb';
import type { TableName } from '../model.ts';
import { clickHouseColumns, clickHouseDialect } from './clickhouse.ts';
import { exportTables } from './clickhouse-load.ts';
import type { DuckDbEngine } from './duckdb.ts';
import type { Cell, Engine, Row, Tables } from './engine.ts';

/**
 * Today's ClickHouse (26.x) in process, through the `chdb` npm package, on one node: the same
 * SQL as the Debian 18.16 cluster (sql.ts), so the tests prove it runs on both. There are no
 * shards, so the tables for aggregates and for person-level work are the same MergeTree tables.
 * libchdb holds one data folder per process: open one of these at a time.
 */
const tables: Tables = {
  persons: 'persons',
  conditions: 'conditions',
  events: 'events',
  features: 'features',
  keptFeatures: 'features_kept',
};

export class ChdbEngine implements Engine {
  readonly name = 'clickhouse' as const;
  readonly dialect = clickHouseDialect;
  readonly all = tables;
  readonly local = tables;

  private constructor(private readonly session: Session) {}

  static async open(): Promise<ChdbEngine> {
    const engine = new ChdbEngine(new Session());
    // Whole numbers as JSON numbers, as the cluster is asked for (clickhouse.ts).
    await engine.run('SET output_format_json_quote_64bit_integers = 0');
    return engine;
  }

  /** The ClickHouse version inside chdb. */
  async version(): Promise<string> {
    return String((await this.query('SELECT version()'))[0]?.[0]);
  }

  async run(sql: string): Promise<void> {
    await this.session.queryAsync(sql);
  }

  async query(sql: string): Promise<Row[]> {
    const result = await this.session.queryAsync(sql, { format: 'JSONCompact' });
    return (JSON.parse(result.text()) as { data: Cell[][] }).data;
  }

  /** Copies the checked tables from DuckDB, through tab-separated files read by ClickHouse's `file()`. */
  async loadFrom(duck: DuckDbEngine): Promise<void> {
    for (const table of Object.keys(clickHouseColumns) as TableName[]) {
      await this.run(`DROP TABLE IF EXISTS ${tables[table]}`);
      await this.run(
        `CREATE TABLE ${tables[table]} (${clickHouseColumns[table]}) ENGINE = MergeTree ORDER BY person_id`,
      );
    }
    await exportTables(duck, (table, file) =>
      this.run(
        `INSERT INTO ${tables[table]} SELECT * FROM file('${file}', 'TabSeparated', '${clickHouseColumns[table].replace(/\s+/g, ' ')}')`,
      ),
    );
  }

  async buildFeatures(select: string): Promise<void> {
    await this.run(`DROP TABLE IF EXISTS ${tables.features}`);
    await this.run(`CREATE TABLE ${tables.features} ENGINE = MergeTree ORDER BY person_id AS ${select}`);
  }

  async keepFeatures(): Promise<void> {
    await this.run(`DROP TABLE IF EXISTS ${tables.keptFeatures}`);
    await this.run(
      `CREATE TABLE ${tables.keptFeatures} ENGINE = MergeTree ORDER BY person_id AS SELECT * FROM ${tables.features}`,
    );
  }

  async close(): Promise<void> {
    this.session.close();
  }
}
