import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type OmopTable, omopColumns } from './omop.ts';
import { csvRows } from './text-input.ts';

/**
 * For tests: an OMOP CDM v5.4 folder (as omop-write.ts writes it) copied into a schema of its
 * own on the test PostgreSQL server — the server and variable the store's tests use
 * (src/store/test-databases.ts), with no opt-out: a test that cannot reach it fails.
 */
export const testServerUrl =
  process.env.CONCORDAT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface OmopTestSchema {
  schema: string;
  /** The URL `--omop` takes for it. */
  url: string;
  /** Runs SQL in the schema (to spoil it for a refusal test). */
  run(sql: string): Promise<void>;
  drop(): Promise<void>;
}

/** Column types as the CDM v5.4 PostgreSQL DDL gives them. */
function columnType(column: string): string {
  if (column === 'cost_domain_id' || column === 'vocabulary_id') return 'varchar(20)';
  if (column.endsWith('_datetime')) return 'timestamp';
  if (column.endsWith('_date')) return 'date';
  if (/_id$|_of_birth$/.test(column)) return 'integer';
  if (/^(total_|paid_|amount_)|^(latitude|longitude)$/.test(column)) return 'numeric';
  return 'varchar(255)';
}

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function copyTable(client: pg.Client, dir: string, schema: string, table: OmopTable): Promise<void> {
  const columns = omopColumns[table];
  await client.query(
    `CREATE TABLE "${schema}".${table} (${columns.map((c) => `${c} ${columnType(c)}`).join(', ')})`,
  );
  const file = join(dir, `${table}.csv`);
  if (!existsSync(file)) return;
  let batch: (string | null)[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch.map(
      (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    );
    await client.query(`INSERT INTO "${schema}".${table} VALUES ${rows.join(', ')}`, batch.flat());
    batch = [];
  };
  for await (const row of csvRows(file, columns)) {
    batch.push(columns.map((c) => row.get(c) || null));
    if (batch.length === 500) await flush();
  }
  await flush();
}

/** Creates a schema with a unique name and copies every OMOP table of `dir` into it. */
export async function omopTestSchema(dir: string): Promise<OmopTestSchema> {
  const schema = `omop_${randomBytes(6).toString('hex')}`;
  await withClient(async (client) => {
    await client.query(`CREATE SCHEMA "${schema}"`);
    for (const table of Object.keys(omopColumns) as OmopTable[]) {
      await copyTable(client, dir, schema, table);
    }
  });
  const url = new URL(testServerUrl);
  url.searchParams.set('schema', schema);
  return {
    schema,
    url: url.toString(),
    run: (sql) =>
      withClient(async (client) => {
        await client.query(`SET search_path = "${schema}"`);
        await client.query(sql);
      }),
    drop: () => withClient(async (client) => void (await client.query(`DROP SCHEMA "${schema}" CASCADE`))),
  };
}
