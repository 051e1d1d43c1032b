import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, type Store } from './db.ts';
import { migrate } from './migrations.ts';

/**
 * Runs a suite on both databases (ARCHITECTURE practice 8): embedded PGlite in memory, and
 * the PostgreSQL server at `CONCORDAT_TEST_DATABASE_URL` (default the local `test` database)
 * in a schema of its own that is dropped afterwards, so test files never see each other's rows.
 * There is no opt-out: a suite that cannot reach the server fails, so both drivers stay tested.
 */
export const testServerUrl =
  process.env.CONCORDAT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function describeOnBothDatabases(
  name: string,
  suite: (store: () => Store, migrateToLatest: () => Promise<void>) => void,
  /** `migrateTo` opens the database at that migration, for a suite testing what later ones do. */
  options: { migrateTo?: string } = {},
): void {
  for (const engine of ['pglite', 'postgres']) {
    describe(`${name} (${engine})`, () => {
      let store: Store | undefined;
      const schema = `test_${randomBytes(6).toString('hex')}`;
      // Creating a PGlite database takes seconds (longer on a busy machine): allow for it.
      beforeAll(async () => {
        store = await openStore(
          engine === 'postgres'
            ? { databaseUrl: testServerUrl, schema, migrateTo: options.migrateTo }
            : { dataDir: 'memory://', migrateTo: options.migrateTo },
        );
      }, 120_000);
      afterAll(async () => {
        await store?.close();
        if (engine === 'postgres') await dropSchema(schema);
      });
      const opened = () => {
        if (!store) throw new Error('the test database is not open yet');
        return store;
      };
      suite(opened, () =>
        migrate(opened().db as Kysely<unknown>, engine === 'postgres' ? schema : undefined),
      );
    });
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
