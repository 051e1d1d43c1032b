import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableName } from '../model.ts';
import type { DuckDbEngine } from './duckdb.ts';

const tableNames: TableName[] = ['persons', 'conditions', 'events'];

/** Where `shardedLoad` sends the rows (a `ClickHouseEngine`'s shards). */
export interface ShardedTarget {
  /** Inserts a tab-separated file of persons into the Distributed table through shard `shard`. */
  insertDistributed(shard: number, file: string): Promise<unknown>;
  /** Inserts a tab-separated file into shard `shard`'s local table. */
  insertLocal(shard: number, table: 'conditions' | 'events', file: string): Promise<unknown>;
  /** Writes the ids of the persons shard `shard` holds to `file`, one a line. */
  personsOf(shard: number, file: string): Promise<void>;
}

const tsv = `FORMAT csv, DELIMITER '\t', HEADER false, QUOTE ''`;

/**
 * Writes each shard's rows (`rowsOf(shard)`) to a tab-separated file and inserts it, DuckDB
 * writing the next shard's file while the last is inserted. Resolves when every insert is done.
 */
async function exportEach(
  duck: DuckDbEngine,
  shards: number,
  dir: string,
  rowsOf: (shard: number) => string,
  insert: (shard: number, file: string) => Promise<unknown>,
): Promise<void> {
  const inserts: Promise<unknown>[] = [];
  try {
    for (let shard = 0; shard < shards; shard++) {
      const file = join(dir, `${shard}.tsv`);
      await duck.run(`COPY (${rowsOf(shard)}) TO '${file}' (${tsv})`);
      const inserted = insert(shard, file);
      // Awaited below; marked handled so a failure while DuckDB writes the next file is not
      // reported as unhandled before then.
      inserted.catch(() => {});
      inserts.push(inserted);
    }
  } finally {
    await Promise.allSettled(inserts);
  }
  await Promise.all(inserts);
}

/**
 * Loading the checked tables from DuckDB into a cluster of shards, all shards at once.
 *
 * Persons go through the Distributed table, a part sent to each shard at the same time; each
 * server keeps the rows that hash to it and sends on the rest, so every person lands on the
 * shard the Distributed table chooses (`cityHash64(person_id) % shards`, a hash DuckDB lacks).
 * Each shard's person ids are then read back, and conditions and events — nearly all the rows —
 * are written by DuckDB into a file a shard and inserted straight into that shard's local
 * tables, so no shard passes them on; DuckDB writes the next shard's file while the last is
 * inserted.
 */
export async function shardedLoad(duck: DuckDbEngine, shards: number, target: ShardedTarget): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-ch-load-'));
  try {
    mkdirSync(join(dir, 'persons'));
    await exportEach(
      duck,
      shards,
      join(dir, 'persons'),
      (part) => `SELECT * FROM persons WHERE hash(person_id) % ${shards} = ${part}`,
      (shard, file) => target.insertDistributed(shard, file),
    );
    const idFiles = Array.from({ length: shards }, (_, shard) => join(dir, `shard${shard}.tsv`));
    await Promise.all(idFiles.map((file, shard) => target.personsOf(shard, file)));
    await duck.run(
      `CREATE OR REPLACE TEMP TABLE person_shard AS ${idFiles
        .map(
          (file, shard) =>
            `SELECT person_id, ${shard} AS part FROM read_csv('${file}', header = false, delim = '\t', quote = '', escape = '', columns = {'person_id': 'VARCHAR'})`,
        )
        .join(' UNION ALL ')}`,
    );
    try {
      for (const table of ['conditions', 'events'] as const) {
        mkdirSync(join(dir, table));
        await exportEach(
          duck,
          shards,
          join(dir, table),
          (shard) =>
            `SELECT t.* FROM ${table} t JOIN person_shard s USING (person_id) WHERE s.part = ${shard}`,
          (shard, file) => target.insertLocal(shard, table, file),
        );
      }
    } finally {
      await duck.run('DROP TABLE IF EXISTS person_shard');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes each checked table from DuckDB (where `ingest` validated it) to a tab-separated file
 * in a temporary folder and hands it to `load`, one table at a time, removing each file after.
 */
export async function exportTables(
  duck: DuckDbEngine,
  load: (table: TableName, file: string) => Promise<unknown>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-ch-load-'));
  try {
    for (const table of tableNames) {
      const file = join(dir, `${table}.tsv`);
      await duck.run(`COPY ${table} TO '${file}' (${tsv})`);
      await load(table, file);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
