import pg from 'pg';
import { InvalidInput } from '../../core/errors.ts';
import { type OmopReadTable, omopKeys } from './omop.ts';
import type { OmopSource } from './omop-source.ts';
import { type OmopDatabaseUrl, parseOmopUrl, urlHint } from './omop-url.ts';
import { SourceRow } from './source-row.ts';

/**
 * An OMOP CDM v5.4 schema in PostgreSQL, read as omop-read.ts reads a folder. Everything is
 * read in one READ ONLY transaction at REPEATABLE READ, so the whole read sees one snapshot of
 * the schema however it changes meanwhile, and nothing can be written to it. Each table is
 * read through a server-side cursor, `fetchRows` rows at a time, in primary key order.
 */

/** Rows fetched at a time: the most of any table held in memory at once. */
export const fetchRows = 5000;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One fetched row; values arrive as text (cast in the query), null as ''. */
class DatabaseRow<C extends string> extends SourceRow<C> {
  values: Record<string, string | null> = {};
  constructor(
    private readonly table: string,
    private readonly keyColumn: string,
  ) {
    super();
  }
  get key(): string {
    return (this.values[this.keyColumn] ?? '').trim();
  }
  get(column: C): string {
    return (this.values[column] ?? '').trim();
  }
  where(): string {
    return rowPlace(this.table, this.keyColumn, this.key);
  }
}

function rowPlace(table: string, keyColumn: string, key: string): string {
  return key === '' ? `${table} (a row with no ${keyColumn})` : `${table} ${keyColumn} ${key}`;
}

interface Table {
  /** The table's name as the database spells it. */
  name: string;
  /** Lower-case column name → the database's spelling. */
  columns: Map<string, string>;
}

export class OmopDatabase implements OmopSource {
  private cursors = 0;
  private constructor(
    private readonly client: pg.Client,
    readonly url: OmopDatabaseUrl,
    private readonly tables: ReadonlyMap<string, Table>,
  ) {}

  /** Connects, begins the read-only transaction and lists the schema's tables and columns. */
  static async open(url: string): Promise<OmopDatabase> {
    const parsed = parseOmopUrl(url);
    const client = new pg.Client({
      connectionString: parsed.connection,
      application_name: 'concordat analyse',
    });
    // A connection lost between queries fails the next query, which reports it.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      throw new InvalidInput('--omop', `could not connect to ${parsed.shown}: ${(error as Error).message}`);
    }
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // Dates and timestamps as text read YYYY-MM-DD whatever the server's default style.
      await client.query(`SET LOCAL datestyle = 'ISO, YMD'`);
      const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [parsed.schema]);
      if (schema.rowCount === 0) {
        throw new InvalidInput(parsed.shown, `has no schema ${parsed.schema}`, urlHint);
      }
      const columns = await client.query<{ table_name: string; column_name: string }>(
        'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1',
        [parsed.schema],
      );
      const tables = new Map<string, Table>();
      for (const { table_name, column_name } of columns.rows) {
        const key = table_name.toLowerCase();
        const table = tables.get(key) ?? { name: table_name, columns: new Map() };
        table.columns.set(column_name.toLowerCase(), column_name);
        tables.set(key, table);
      }
      return new OmopDatabase(client, parsed, tables);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  name(table: OmopReadTable): string {
    return `${this.url.schema}.${this.tables.get(table)?.name ?? table}`;
  }

  at(table: OmopReadTable, key: string): string {
    return rowPlace(this.name(table), omopKeys[table], key);
  }

  has(table: OmopReadTable): boolean {
    return this.tables.has(table);
  }

  async *rows<C extends string>(
    table: OmopReadTable,
    required: readonly C[],
    optional: readonly C[] = [],
  ): AsyncGenerator<SourceRow<C>> {
    const found = this.tables.get(table);
    if (!found) {
      throw new InvalidInput(
        this.url.shown,
        `has no table ${table}`,
        `An OMOP schema needs the table ${table}.`,
      );
    }
    const key = omopKeys[table];
    const needed = [...new Set([key, ...required])];
    const missing = needed.filter((c) => !found.columns.has(c));
    if (missing.length > 0) {
      throw new InvalidInput(
        this.name(table),
        `has no column ${missing.join(', ')}`,
        `The table needs the columns ${needed.join(', ')}.`,
      );
    }
    const column = (c: string) => quoted(found.columns.get(c) as string);
    const select = [...new Set([key, ...required, ...optional])]
      .filter((c) => found.columns.has(c))
      .map((c) => `${column(c)}::text AS ${quoted(c)}`);
    const cursor = `concordat_${++this.cursors}`;
    await this.query(
      table,
      `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${select.join(', ')}
         FROM ${quoted(this.url.schema)}.${quoted(found.name)} ORDER BY ${column(key)}`,
    );
    const row = new DatabaseRow<C>(this.name(table), key);
    for (;;) {
      const batch = await this.query(table, `FETCH ${fetchRows} FROM ${cursor}`);
      for (const values of batch.rows) {
        row.line++;
        row.values = values;
        yield row;
      }
      if (batch.rows.length < fetchRows) break;
    }
    // A read stopped early by a refusal leaves its cursor to the rollback that ends the read.
    await this.query(table, `CLOSE ${cursor}`);
  }

  /** Ends the transaction (there is nothing to commit) and the connection. */
  async close(): Promise<void> {
    // A lost connection has ended the transaction already; the read's own error says why.
    await this.client.query('ROLLBACK').catch(() => {});
    await this.client.end();
  }

  private async query(table: OmopReadTable, sql: string) {
    try {
      return await this.client.query<Record<string, string | null>>(sql);
    } catch (error) {
      throw new InvalidInput(this.name(table), `could not be read: ${(error as Error).message}`);
    }
  }
}
