import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { TableName } from '../model.ts';
import { shardedLoad } from './clickhouse-load.ts';
import type { DuckDbEngine } from './duckdb.ts';
import type { Cell, Dialect, Engine, Row, Tables } from './engine.ts';

/**
 * ClickHouse (Debian's 18.16) as a cluster of shards. Each shard holds `*_local` MergeTree
 * tables; a Distributed table of the same name without the suffix fans queries out to every
 * shard and merges the partial aggregates. Rows are sharded by a hash of the person id, so a
 * person's conditions and events sit on the same shard as the person and every person-level
 * join stays local. Spoken to over HTTP (the JSONCompact format, which 18.16 supports).
 */
/** Spellings shared by every ClickHouse, from 18.16 to 26.x (also used by chdb.ts). */
export const clickHouseDialect: Dialect = {
  idiv: (a, b) => `intDiv(${a}, ${b})`,
  year: (d) => `toYear(${d})`,
  month: (d) => `toMonth(${d})`,
  day: (d) => `toDayOfMonth(${d})`,
  sum64: (x) => `sum(${x})`,
};

const all: Tables = {
  persons: 'persons',
  conditions: 'conditions',
  events: 'events',
  features: 'features',
  keptFeatures: 'features_kept',
};
const local: Tables = {
  persons: 'persons_local',
  conditions: 'conditions_local',
  events: 'events_local',
  features: 'features_local',
  keptFeatures: 'features_kept_local',
};

/** Column types of the three input tables in ClickHouse. */
export const clickHouseColumns: Record<TableName, string> = {
  persons: `person_id String, birth_year Int32, birth_month Int32, sex String, practice_code String,
    registered_from Date, registered_to Date, lsoa String, imd_decile Int32, death_date Date, ethnicity String`,
  conditions: 'person_id String, condition String, onset_date Date',
  events: 'person_id String, event_date Date, setting String, cost_pence Int64',
};

const settings = {
  join_default_strictness: 'ALL',
  output_format_json_quote_64bit_integers: '0',
  insert_distributed_sync: '1',
};

export class ClickHouseEngine implements Engine {
  readonly name = 'clickhouse' as const;
  readonly dialect = clickHouseDialect;
  readonly all = all;
  readonly local = local;

  constructor(
    /** HTTP URL of each shard; queries go to the first. */
    readonly shards: readonly string[],
    readonly cluster: string,
  ) {}

  private async request(url: string, sql: string | Readable, query = ''): Promise<Response> {
    const params = new URLSearchParams(settings);
    if (query) params.set('query', query);
    const body = typeof sql === 'string' ? sql : (Readable.toWeb(sql) as ReadableStream);
    const response = await fetch(`${url}/?${params}`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    if (!response.ok)
      throw new Error(
        `ClickHouse: ${(await response.text()).trim()}\n${typeof sql === 'string' ? sql : query}`,
      );
    return response;
  }

  private async post(url: string, sql: string | Readable, query = ''): Promise<string> {
    return (await this.request(url, sql, query)).text();
  }

  async run(sql: string, url = this.shards[0] as string): Promise<void> {
    await this.post(url, sql);
  }

  /** Runs a statement on every shard (DDL for local tables). */
  async onEveryShard(sql: string): Promise<void> {
    await Promise.all(this.shards.map((url) => this.run(sql, url)));
  }

  async query(sql: string): Promise<Row[]> {
    const text = await this.post(this.shards[0] as string, `${sql}\nFORMAT JSONCompact`);
    return (JSON.parse(text) as { data: Cell[][] }).data;
  }

  /** Creates the local and Distributed tables on every shard, replacing any there. */
  async createTables(): Promise<void> {
    for (const table of Object.keys(clickHouseColumns) as TableName[]) {
      await this.onEveryShard(`DROP TABLE IF EXISTS ${all[table]}`);
      await this.onEveryShard(`DROP TABLE IF EXISTS ${local[table]}`);
      await this.onEveryShard(
        `CREATE TABLE ${local[table]} (${clickHouseColumns[table]}) ENGINE = MergeTree ORDER BY person_id`,
      );
      await this.onEveryShard(this.distributed(table));
    }
  }

  private distributed(table: keyof Tables): string {
    return `CREATE TABLE ${all[table]} AS ${local[table]} ENGINE = Distributed(${this.cluster}, currentDatabase(), ${local[table]}, cityHash64(person_id))`;
  }

  /**
   * Copies the checked tables from DuckDB (where `ingest` validated them) into the cluster, every
   * shard at once (`shardedLoad`).
   */
  async loadFrom(duck: DuckDbEngine): Promise<void> {
    await this.createTables();
    await shardedLoad(duck, this.shards.length, {
      insertDistributed: (shard, file) =>
        this.post(
          this.shards[shard] as string,
          createReadStream(file),
          `INSERT INTO ${all.persons} FORMAT TabSeparated`,
        ),
      insertLocal: (shard, table, file) =>
        this.post(
          this.shards[shard] as string,
          createReadStream(file),
          `INSERT INTO ${local[table]} FORMAT TabSeparated`,
        ),
      personsOf: async (shard, file) => {
        const response = await this.request(
          this.shards[shard] as string,
          `SELECT person_id FROM ${local.persons} FORMAT TabSeparated`,
        );
        await pipeline(Readable.fromWeb(response.body as NodeReadableStream), createWriteStream(file));
      },
    });
  }

  async buildFeatures(select: string): Promise<void> {
    await this.onEveryShard(`DROP TABLE IF EXISTS ${all.features}`);
    await this.onEveryShard(`DROP TABLE IF EXISTS ${local.features}`);
    await this.onEveryShard(
      `CREATE TABLE ${local.features} ENGINE = MergeTree ORDER BY person_id AS ${select}`,
    );
    await this.onEveryShard(this.distributed('features'));
  }

  /** Each shard keeps its own part: an area's table is narrowed from it beside the data. */
  async keepFeatures(): Promise<void> {
    await this.onEveryShard(`DROP TABLE IF EXISTS ${local.keptFeatures}`);
    await this.onEveryShard(
      `CREATE TABLE ${local.keptFeatures} ENGINE = MergeTree ORDER BY person_id AS SELECT * FROM ${local.features}`,
    );
  }

  async close(): Promise<void> {}
}
