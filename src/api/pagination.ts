import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from './problems.ts';

/**
 * One way to page every list (docs/api.md, "Lists"): `limit` (bounded, with a default) and
 * `cursor` in; `{ items, next_cursor }` out, `next_cursor` null on the last page. Lists are
 * read in a stable order by a unique key (keyset pagination), so a page never repeats or
 * skips an item because something was added before it. The cursor is opaque to clients:
 * base64url JSON of the last item's key and a fingerprint of the filters it was made under,
 * so a cursor reused with other filters is refused rather than silently wrong.
 */

/** A list's `limit` and `cursor` query parameters. */
export function pageQuery(defaultLimit: number, maxLimit: number) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxLimit)
      .default(defaultLimit)
      .describe(`How many items a page holds, 1 to ${maxLimit}; default ${defaultLimit}.`),
    cursor: z
      .string()
      .min(1)
      .max(2000)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be the next_cursor of the page before, unchanged')
      .optional()
      .describe('The `next_cursor` of the page before; omit it for the first page.'),
  };
}

/** A page of a list: the envelope every list operation answers with. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .describe('Send as `cursor` for the next page, with the same filters; null on the last page.'),
  });
}

/** Filters and key values that can go in a cursor. */
type Scalar = string | number | boolean | null;

const fingerprint = (filters: readonly unknown[]) =>
  createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 8);

export function encodeCursor(filters: readonly unknown[], key: readonly Scalar[]): string {
  return Buffer.from(JSON.stringify([fingerprint(filters), ...key])).toString('base64url');
}

const invalidCursor = (problem: string) =>
  badRequest([
    {
      field: 'querystring/cursor',
      problem,
      hint: 'Send the next_cursor of the page before with the same filters, or no cursor for the first page.',
    },
  ]);

/** The key of lists in name order: the name, then the (unique) id. */
export const NameAndId = z.tuple([z.string(), z.string()]);
/** The key of lists in code order (codes are unique in the list). */
export const CodeKey = z.tuple([z.string()]);
/** The key of lists in sequence order: a version or sequence number. */
export const VersionKey = z.tuple([z.number().int()]);

/**
 * The key a cursor carries, checked against the filters of this request and the shape the
 * list's key has (`key` parses it); a 400 naming `querystring/cursor` otherwise.
 */
export function decodeCursor<K extends readonly Scalar[]>(
  cursor: string | undefined,
  filters: readonly unknown[],
  key: z.ZodType<K>,
): K | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('is not a cursor this list gave');
  }
  if (!Array.isArray(decoded) || decoded[0] !== fingerprint(filters)) {
    throw invalidCursor(
      Array.isArray(decoded) && typeof decoded[0] === 'string'
        ? 'was given with other filters: a cursor continues the list it came from'
        : 'is not a cursor this list gave',
    );
  }
  const parsed = key.safeParse(decoded.slice(1));
  if (!parsed.success) throw invalidCursor('is not a cursor this list gave');
  return parsed.data;
}

/**
 * The page of `rows` (read with `limit + 1`, in key order, after the cursor): at most `limit`
 * items, and the cursor after the last of them when there is more.
 */
export function pageOf<R, T = R>(
  rows: readonly R[],
  limit: number,
  filters: readonly unknown[],
  keyOf: (row: R) => readonly Scalar[],
  toItem: (row: R) => T = (row) => row as unknown as T,
): { items: T[]; next_cursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(toItem),
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(filters, keyOf(last)) : null,
  };
}

/**
 * A page of a short list read whole (an arrangement's parties, its party changes), already in
 * `order` of its unique key: the items after the cursor's key, so an item added or removed
 * meanwhile never makes a page repeat or skip another.
 */
export function pageOfList<T>(
  all: readonly T[],
  page: { limit: number; cursor?: string | undefined },
  filters: readonly unknown[],
  keyOf: (item: T) => string | number,
  order: 'ascending' | 'descending',
): { items: T[]; next_cursor: string | null } {
  const after = decodeCursor(page.cursor, filters, z.tuple([z.union([z.string(), z.number()])]))?.[0];
  const beyond = (item: T) =>
    after === undefined || (order === 'ascending' ? keyOf(item) > after : keyOf(item) < after);
  const rest = all.filter(beyond).slice(0, page.limit + 1);
  return pageOf(rest, page.limit, filters, (item) => [keyOf(item)]);
}
