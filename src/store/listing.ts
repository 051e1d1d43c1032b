import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * Reading a list a page at a time (keyset pagination): in the order of a unique key, after
 * the last key the reader has seen. Unlike an offset, a row added or removed before the
 * page does not make the next page repeat or skip one.
 */
export interface Keyset<K> {
  /** The key of the last row already read; the list starts after it. */
  after?: K | undefined;
  /** At most this many rows; every row when absent. */
  limit?: number | undefined;
}

/** `parties` (a jsonb array of ODS/ONS codes) holds at least one of `codes`. */
export function hasAnyParty(codes: readonly string[]): Expression<SqlBool> {
  return codes.length ? sql<SqlBool>`parties ?| array[${sql.join(codes)}]::text[]` : sql<SqlBool>`false`;
}

/** `parties` holds `code`. */
export const hasParty = (code: string): Expression<SqlBool> =>
  sql<SqlBool>`parties @> ${JSON.stringify([code])}::jsonb`;

/** After `(name, id)` in the order `name, id`: the key of lists sorted by name (ids are unique). */
export const afterNameAndId = ([name, id]: readonly [string, string]): Expression<SqlBool> =>
  sql<SqlBool>`(name, id) > (${name}, ${id})`;
