import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

/** Writes a query's rows as tab-separated files, a folder for each value of its `part` column. */
async function exportParts(duck: DuckDbEngine, select: string, dir: string): Promise<Map<number, string[]>> {
  await duck.run(`COPY (${select}) TO '${dir}' (${tsv}, PARTITION_BY (part))`);
  const parts = new Map<number, string[]>();
  for (const folder of readdirSync(dir)) {
    const part = Number(/^part=(\d+)$/.exec(folder)?.[1]);
    const files = readdirSync(join(dir, folder)).map((f) => join(dir, folder, f));
    parts.set(part, files);
  }
  return parts;
}

/** Inserts every part on its own shard, all shards at once, a part's files one after another. */
async function insertParts(
  parts: Map<number, string[]>,
  insert: (shard: number, file: string) => Promise<unknown>,
): Promise<void> {
  await Promise.all(
    [...parts].map(async ([shard, files]) => {
      for (const file of files) await insert(shard, file);
    }),
  );
}

/**
 * Loading the checked tables from DuckDB into a cluster of shards, all shards at once.
 *
 * Persons go through the Distributed table, a part sent to each shard at the same time; each
 * server keeps the rows that hash to it and sends on the rest, so every person lands on the
 * shard the Distributed table chooses (`cityHash64(person_id) % shards`, a hash DuckDB lacks).
 * Each shard's person ids are then read back, and conditions and events — nearly all the rows —
 * are written by DuckDB into a file a shard and inserted straight into that shard's local
 * tables, every shard at once, so no shard passes them on. DuckDB writes the next table while
 * the shards insert the last.
 */
export async function shardedLoad(duck: DuckDbEngine, shards: number, target: ShardedTarget): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-ch-load-'));
  try {
    const persons = await exportParts(
      duck,
      `SELECT *, hash(person_id) % ${shards} AS part FROM persons`,
      join(dir, 'persons'),
    );
    await insertParts(persons, (shard, file) => target.insertDistributed(shard, file));
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
      const loads: Promise<void>[] = [];
      for (const table of ['conditions', 'events'] as const) {
        const parts = await exportParts(
          duck,
          `SELECT t.*, s.part FROM ${table} t JOIN person_shard s USING (person_id)`,
          join(dir, table),
        );
        const load = insertParts(parts, (shard, file) => target.insertLocal(shard, table, file));
        // Awaited below with the others; marked handled so a failure while DuckDB writes the next
        // table is not reported as unhandled before then.
        load.catch(() => {});
        loads.push(load);
      }
      await Promise.all(loads);
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
