import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import pg from 'pg';
import { migrate } from './migrations.ts';
import { preparingReads } from './named-statements.ts';
import { oneConnectionAtATime } from './one-connection.ts';
import type { Database } from './schema.ts';

export type Store = {
  db: Kysely<Database>;
  /** Which engine: 'pglite' (embedded, in a folder or memory) or 'postgres' (a server). */
  engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages (a folder or the server URL without password). */
  location: string;
  close(): Promise<void>;
};

export interface StoreOptions {
  /** A PostgreSQL server; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (tests give each file its own); created if absent. */
  schema?: string | undefined;
  /** Stop the schema at this migration instead of the latest (tests of a migration's data). */
  migrateTo?: string | undefined;
}

const DATE_OID = 1082;

/** Settings from the environment: `DATABASE_URL`, or PGlite in `CONCORDAT_DATA_DIR` (default ./.concordat). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.CONCORDAT_DATA_DIR || '.concordat', 'pgdata'),
  };
}

/** Opens the database and brings its schema up to date. */
export async function openStore(options: StoreOptions = optionsFromEnv()): Promise<Store> {
  const store = options.databaseUrl
    ? await openServer(options.databaseUrl, options.schema)
    : await openEmbedded(options.dataDir ?? 'memory://');
  await migrate(
    store.db as Kysely<unknown>,
    options.databaseUrl ? options.schema : undefined,
    options.migrateTo,
  );
  return store;
}

async function openEmbedded(dataDir: string): Promise<Store> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // Calendar dates stay strings: a JavaScript Date would shift them by the time zone.
  const client = await PGlite.create(dataDir, {
    parsers: { [types.DATE]: (v: string) => v },
    extensions: { pg_trgm },
  });
  const db = new Kysely<Database>({ dialect: oneConnectionAtATime(new KyselyPGlite(client).dialect) });
  return { db, engine: 'pglite', location: dataDir, close: () => db.destroy() };
}

async function openServer(url: string, schema: string | undefined): Promise<Store> {
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema if not exists "${schema}"`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: (oid, format) =>
        oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format),
    },
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingReads(pool) }) });
  const location = url.replace(/\/\/[^@/]*@/, '//');
  return { db, engine: 'postgres', location, close: () => db.destroy() };
}
