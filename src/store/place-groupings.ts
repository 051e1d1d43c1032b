import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { InvalidInput } from '../core/errors.ts';
import type { GroupedPlace, SavedPot } from '../finance/grouping-pot.ts';
import type { Actor } from './arrangements.ts';
import { appendAudit } from './audit.ts';
import { NotFound, StaleVersion } from './errors.ts';
import { afterNameAndId, type Keyset } from './listing.ts';
import type { Database } from './schema.ts';

/** An ICB's practices grouped into named places, saved for place allocation with the pot shared between them. */
export interface PlaceGrouping {
  id: string;
  icb: string;
  name: string;
  year: string;
  places: GroupedPlace[];
  pot: SavedPot | null;
  version: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface GroupingContent {
  name: string;
  year: string;
  places: GroupedPlace[];
  /** The pot, checked against the places by the caller; null when none has been entered. */
  pot: SavedPot | null;
}

const newId = () => `grouping-${randomBytes(4).toString('hex')}`;

/** Names are unique within an ICB, so a list of groupings reads unambiguously. */
async function refuseTakenName(trx: Transaction<Database>, icb: string, name: string, except?: string) {
  let q = trx.selectFrom('place_groupings').select('id').where('icb', '=', icb).where('name', '=', name);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst())
    throw new InvalidInput(
      'name',
      `${icb} already has a place grouping called '${name}'`,
      'Choose another name.',
    );
}

export async function createGrouping(
  db: Kysely<Database>,
  icb: string,
  content: GroupingContent,
  actor: Actor,
  reason: string,
): Promise<PlaceGrouping> {
  return db.transaction().execute(async (trx) => {
    await refuseTakenName(trx, icb, content.name);
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('place_groupings')
      .values({
        id: newId(),
        icb,
        name: content.name,
        year: content.year,
        places: JSON.stringify(content.places),
        pot: content.pot && JSON.stringify(content.pot),
        version: 1,
        created_by: actor.userId,
        updated_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actor.label,
      action: 'create',
      entity: 'place-grouping',
      entity_id: row.id,
      before: null,
      after: { icb, ...content },
      reason,
    });
    return row;
  });
}

export interface GroupingFilter extends Keyset<readonly [string, string]> {
  /** Only groupings of this financial year's practices, e.g. 2025/26. */
  year?: string | undefined;
}

/** An ICB's groupings by name (then id), a page at a time when asked. */
export async function listGroupings(
  db: Kysely<Database>,
  icb: string,
  filter: GroupingFilter = {},
): Promise<PlaceGrouping[]> {
  let query = db
    .selectFrom('place_groupings')
    .selectAll()
    .where('icb', '=', icb)
    .orderBy('name')
    .orderBy('id');
  if (filter.year) query = query.where('year', '=', filter.year);
  if (filter.after) query = query.where(afterNameAndId(filter.after));
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

export async function getGrouping(db: Kysely<Database>, icb: string, id: string): Promise<PlaceGrouping> {
  const row = await db
    .selectFrom('place_groupings')
    .selectAll()
    .where('icb', '=', icb)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound('place grouping', id);
  return row;
}

/**
 * Replaces a grouping if nobody has saved it since `expectedVersion` (optimistic
 * concurrency, as for arrangements): the second of two editors gets `StaleVersion`.
 */
export async function updateGrouping(
  db: Kysely<Database>,
  icb: string,
  id: string,
  expectedVersion: number,
  content: GroupingContent,
  actor: Actor,
  reason: string,
): Promise<PlaceGrouping> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('place_groupings')
      .selectAll()
      .where('icb', '=', icb)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFound('place grouping', id);
    if (before.version !== expectedVersion)
      throw new StaleVersion('place grouping', id, expectedVersion, before.version);
    await refuseTakenName(trx, icb, content.name, id);
    const row = await trx
      .updateTable('place_groupings')
      .set({
        name: content.name,
        year: content.year,
        places: JSON.stringify(content.places),
        pot: content.pot && JSON.stringify(content.pot),
        version: before.version + 1,
        updated_by: actor.userId,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actor.label,
      action: 'update',
      entity: 'place-grouping',
      entity_id: id,
      before: { icb, name: before.name, year: before.year, places: before.places, pot: before.pot },
      after: { icb, ...content },
      reason,
    });
    return row;
  });
}
