import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { InvalidInput } from '../core/errors.ts';
import type { OperatingModel } from '../system/operating-model/model.ts';
import type { Actor } from './arrangements.ts';
import { auditDocumentChange } from './audit.ts';
import { NotFound, StaleVersion } from './errors.ts';
import { afterNameAndId, hasAnyParty, hasParty, type Keyset } from './listing.ts';
import type { Database } from './schema.ts';

export interface StoredOperatingModel {
  id: string;
  icb: string;
  name: string;
  version: number;
  document: OperatingModel;
  parties: string[];
  created_at: string;
  updated_at: string;
}

export interface OperatingModelVersion {
  version: number;
  document: OperatingModel;
  changed_by: number | null;
  changed_at: string;
  reason: string;
}

/** The ICB's code and the codes of every organisation the model names: whose roles reach it. */
export function modelParties(m: OperatingModel): string[] {
  const codes = [m.icb.code, ...m.organisations.map((o) => o.code)].filter((c): c is string => !!c);
  return [...new Set(codes)].sort();
}

type Row = Omit<StoredOperatingModel, 'document' | 'parties'> & { document: unknown; parties: unknown };
const toStored = (row: Row): StoredOperatingModel => ({
  ...row,
  document: row.document as OperatingModel,
  parties: row.parties as string[],
});

const newId = (icb: string) => `${icb.toLowerCase()}-model-${randomBytes(3).toString('hex')}`;

export async function createOperatingModel(
  db: Kysely<Database>,
  document: OperatingModel,
  actor: Actor,
  reason: string,
): Promise<StoredOperatingModel> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('operating_models')
      .values({
        id: newId(document.icb.code),
        icb: document.icb.code,
        name: document.name,
        version: 1,
        document: JSON.stringify(document),
        parties: JSON.stringify(modelParties(document)),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await keepVersion(trx, row, document, null, actor, reason);
    return toStored(row);
  });
}

/** Keeps the row's version in its history and appends the change to the audit log, in one transaction. */
async function keepVersion(
  trx: Transaction<Database>,
  row: { id: string; version: number; updated_at: string },
  document: OperatingModel,
  before: unknown,
  actor: Actor,
  reason: string,
): Promise<void> {
  await trx
    .insertInto('operating_model_versions')
    .values({
      model_id: row.id,
      version: row.version,
      document: JSON.stringify(document),
      changed_by: actor.userId,
      changed_at: row.updated_at,
      reason,
    })
    .execute();
  await auditDocumentChange(trx, {
    actor: actor.label,
    entity: 'operating-model',
    entity_id: row.id,
    before,
    after: document,
    reason,
  });
}

export async function getOperatingModel(db: Kysely<Database>, id: string): Promise<StoredOperatingModel> {
  const row = await db.selectFrom('operating_models').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('operating model', id);
  return toStored(row);
}

export interface OperatingModelFilter extends Keyset<readonly [string, string]> {
  /** Only models naming one of these organisations (whose roles reach them). */
  reach?: readonly string[] | undefined;
  /** Only models naming this organisation. */
  party?: string | undefined;
}

/** Every stored model, or those of one ICB, by name (then id), a page at a time when asked. */
export async function listOperatingModels(
  db: Kysely<Database>,
  icb?: string,
  filter: OperatingModelFilter = {},
): Promise<StoredOperatingModel[]> {
  let q = db.selectFrom('operating_models').selectAll().orderBy('name').orderBy('id');
  if (icb) q = q.where('icb', '=', icb);
  if (filter.reach) q = q.where(hasAnyParty(filter.reach));
  if (filter.party) q = q.where(hasParty(filter.party));
  if (filter.after) q = q.where(afterNameAndId(filter.after));
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  return (await q.execute()).map(toStored);
}

/** Replaces a model if nobody has saved it since `expectedVersion`; the ICB it belongs to cannot change. */
export async function updateOperatingModel(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  document: OperatingModel,
  actor: Actor,
  reason: string,
): Promise<StoredOperatingModel> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('operating_models')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFound('operating model', id);
    if (before.version !== expectedVersion)
      throw new StaleVersion('operating model', id, expectedVersion, before.version);
    if (document.icb.code !== before.icb)
      throw new InvalidInput(
        'icb.code',
        `is ${document.icb.code} but this model belongs to ${before.icb}`,
        'Create a new model for another ICB.',
      );
    const row = await trx
      .updateTable('operating_models')
      .set({
        name: document.name,
        version: before.version + 1,
        document: JSON.stringify(document),
        parties: JSON.stringify(modelParties(document)),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirstOrThrow();
    await keepVersion(trx, row, document, before.document, actor, reason);
    return toStored(row);
  });
}

export async function listOperatingModelVersions(
  db: Kysely<Database>,
  id: string,
  page: Keyset<number> = {},
): Promise<OperatingModelVersion[]> {
  await getOperatingModel(db, id);
  let query = db
    .selectFrom('operating_model_versions')
    .select(['version', 'document', 'changed_by', 'changed_at', 'reason'])
    .where('model_id', '=', id)
    .orderBy('version', 'asc');
  if (page.after !== undefined) query = query.where('version', '>', page.after);
  if (page.limit !== undefined) query = query.limit(page.limit);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, document: r.document as OperatingModel }));
}
