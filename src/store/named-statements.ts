import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Reads with at most this many parameters are prepared; longer lists vary too much to keep. */
const maxParameters = 16;

/** A statement's name: the same text always gets the same name, so each is prepared once. */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `c_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/** A read Kysely compiles to the same text every time, so preparing it once per connection pays. */
export function isPreparable(text: string, parameters: readonly unknown[]): boolean {
  return parameters.length <= maxParameters && /^\s*(select|with)\s/i.test(text);
}

/**
 * A PostgreSQL pool whose reads run as named prepared statements: the server parses and
 * analyses each once per connection instead of once per request, and may keep a generic
 * plan. Kysely sends only text and values; pg prepares a query given a name. Writes,
 * transactions and long parameter lists (batched imports) go through unnamed as before.
 */
export function preparingReads(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((text: unknown, parameters?: readonly unknown[]) => {
          if (typeof text !== 'string') return client.query(text as never);
          const values = [...(parameters ?? [])];
          return isPreparable(text, values)
            ? client.query({ name: nameOf(text), text, values })
            : client.query(text, values);
        }) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}
