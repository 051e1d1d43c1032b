import { randomBytes } from 'node:crypto';
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Arrangement } from '../law/arrangement.ts';
import type { CheckReport } from '../law/check.ts';
import type { IsoDate } from '../law/date.ts';
import { recordFirstParties, requireStoredParties } from './arrangement-parties.ts';
import { appendAudit, auditDocumentChange } from './audit.ts';
import { NotFound, StaleVersion } from './errors.ts';
import { afterNameAndId, type Keyset } from './listing.ts';
import type { Database } from './schema.ts';

/** Who is making a change: the user's id (null for the system itself) and how to name them in the audit log. */
export interface Actor {
  userId: number | null;
  label: string;
}

export interface StoredArrangement {
  id: string;
  name: string;
  version: number;
  document: Arrangement;
  /** The ODS/ONS codes of its stored parties (arrangement-parties.ts), which decide whose roles reach it. */
  parties: string[];
  created_at: string;
  updated_at: string;
}

export interface ArrangementVersion {
  version: number;
  document: Arrangement;
  changed_by: number | null;
  changed_at: string;
  reason: string;
}

function slug(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return `${base || 'arrangement'}-${randomBytes(3).toString('hex')}`;
}

type Row = {
  id: string;
  name: string;
  version: number;
  document: unknown;
  created_at: string;
  updated_at: string;
};

function toStored(row: Row, parties: readonly string[]): StoredArrangement {
  return { ...row, document: row.document as Arrangement, parties: [...parties].sort() };
}

/** The codes of an arrangement's stored parties, as a column. */
const partyCodes = sql<string[]>`coalesce(
  (select jsonb_agg(p.organisation) from arrangement_parties p where p.arrangement_id = arrangements.id),
  '[]'::jsonb)`;

/** The arrangement has one of `codes` among its stored parties. */
function storedPartyAmong(codes: readonly string[]): Expression<SqlBool> {
  if (codes.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from arrangement_parties p
    where p.arrangement_id = arrangements.id and p.organisation in (${sql.join(codes)}))`;
}

/** Each arrangement with the codes of its stored parties. */
function withParties(db: Kysely<Database>) {
  return db.selectFrom('arrangements').selectAll().select(partyCodes.as('parties'));
}

export async function createArrangement(
  db: Kysely<Database>,
  document: Arrangement,
  actor: Actor,
  reason: string,
): Promise<StoredArrangement> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('arrangements')
      .values({
        id: slug(document.name),
        name: document.name,
        version: 1,
        document: JSON.stringify(document),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await keepVersion(trx, row, document, null, actor, reason);
    await recordFirstParties(trx, row.id, document, actor, reason);
    return getArrangement(trx, row.id);
  });
}

/**
 * Keeps the version an arrangement row now holds in its history and appends the change to the
 * audit log, in the caller's transaction: a create (`before` null) or an update.
 */
async function keepVersion(
  trx: Transaction<Database>,
  row: { id: string; version: number; updated_at: string },
  document: Arrangement,
  before: unknown,
  actor: Actor,
  reason: string,
  action?: 'restore',
): Promise<void> {
  await trx
    .insertInto('arrangement_versions')
    .values({
      arrangement_id: row.id,
      version: row.version,
      document: JSON.stringify(document),
      changed_by: actor.userId,
      changed_at: row.updated_at,
      reason,
    })
    .execute();
  const change = {
    actor: actor.label,
    entity: 'arrangement',
    entity_id: row.id,
    before,
    after: document,
    reason,
  };
  await (action ? appendAudit(trx, { ...change, action }) : auditDocumentChange(trx, change));
}

export async function getArrangement(db: Kysely<Database>, id: string): Promise<StoredArrangement> {
  const row = await withParties(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('arrangement', id);
  return toStored(row, row.parties);
}

export interface ArrangementFilter extends Keyset<readonly [string, string]> {
  /** Only arrangements with one of these organisations as a party (whose roles reach them). */
  reach?: readonly string[] | undefined;
  /** Only arrangements with this organisation as a party. */
  party?: string | undefined;
}

/** Arrangements by name (then id), a page at a time when asked. */
export async function listArrangements(
  db: Kysely<Database>,
  filter: ArrangementFilter = {},
): Promise<StoredArrangement[]> {
  let query = withParties(db).orderBy('name').orderBy('id');
  if (filter.reach) query = query.where(storedPartyAmong(filter.reach));
  if (filter.party) query = query.where(storedPartyAmong([filter.party]));
  if (filter.after) query = query.where(afterNameAndId(filter.after));
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map((r) => toStored(r, r.parties));
}

/**
 * Replaces an arrangement's document if nobody has changed it since `expectedVersion`
 * (optimistic concurrency): of two people editing version 3, the first saves version 4
 * and the second gets `StaleVersion` instead of silently overwriting it. The document must name
 * exactly the stored parties (`PartiesMismatch` otherwise): editing never changes who is a party.
 */
export async function updateArrangement(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  document: Arrangement,
  actor: Actor,
  reason: string,
): Promise<StoredArrangement> {
  return db.transaction().execute((trx) => saveNewVersion(trx, id, expectedVersion, document, actor, reason));
}

/**
 * Saves an earlier version's document again as the newest version (nothing in the history is
 * changed or lost), on the same terms as any update: only over `expectedVersion`, and only if
 * it names exactly the stored parties, so a restore cannot bring back a party since removed.
 * The version's reason and the audit record (action `restore`) say which version it restores.
 */
export async function restoreArrangementVersion(
  db: Kysely<Database>,
  id: string,
  restoring: number,
  expectedVersion: number,
  actor: Actor,
  reason: string,
): Promise<StoredArrangement> {
  return db.transaction().execute(async (trx) => {
    const earlier = await getArrangementVersion(trx, id, restoring);
    return saveNewVersion(
      trx,
      id,
      expectedVersion,
      earlier.document,
      actor,
      `Restored version ${restoring}: ${reason}`,
      'restore',
    );
  });
}

/** The new version over `expectedVersion`, kept in the history and audited, in the caller's transaction. */
async function saveNewVersion(
  trx: Transaction<Database>,
  id: string,
  expectedVersion: number,
  document: Arrangement,
  actor: Actor,
  reason: string,
  action?: 'restore',
): Promise<StoredArrangement> {
  const before = await trx
    .selectFrom('arrangements')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw new NotFound('arrangement', id);
  if (before.version !== expectedVersion)
    throw new StaleVersion('arrangement', id, expectedVersion, before.version);
  await requireStoredParties(trx, id, document);
  const row = await trx
    .updateTable('arrangements')
    .set({
      name: document.name,
      version: before.version + 1,
      document: JSON.stringify(document),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirstOrThrow();
  await keepVersion(trx, row, document, before.document, actor, reason, action);
  return getArrangement(trx, row.id);
}

/** One stored version of an arrangement, with who saved it and why. */
export async function getArrangementVersion(
  db: Kysely<Database>,
  id: string,
  version: number,
): Promise<ArrangementVersion> {
  const row = await db
    .selectFrom('arrangement_versions')
    .select(['version', 'document', 'changed_by', 'changed_at', 'reason'])
    .where('arrangement_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) {
    await getArrangement(db, id);
    throw new NotFound(`version ${version} of arrangement`, id);
  }
  return { ...row, document: row.document as Arrangement };
}

export async function listVersions(
  db: Kysely<Database>,
  id: string,
  page: Keyset<number> = {},
): Promise<ArrangementVersion[]> {
  await getArrangement(db, id);
  let query = db
    .selectFrom('arrangement_versions')
    .select(['version', 'document', 'changed_by', 'changed_at', 'reason'])
    .where('arrangement_id', '=', id)
    .orderBy('version', 'asc');
  if (page.after !== undefined) query = query.where('version', '>', page.after);
  if (page.limit !== undefined) query = query.limit(page.limit);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, document: r.document as Arrangement }));
}

/**
 * Keeps a check's findings with the version and date they are about, so assurers can see what
 * was found when, with an audit record of who checked. The same version checked on the same
 * date always finds the same, so only the first check of each is kept: checking again writes
 * nothing.
 */
export async function recordCheck(
  db: Kysely<Database>,
  stored: StoredArrangement,
  on: IsoDate,
  report: CheckReport,
  actor: Actor,
): Promise<void> {
  if (report.findings.length === 0) return;
  await db.transaction().execute((trx) => keepFindings(trx, stored, on, report, actor));
}

async function keepFindings(
  trx: Transaction<Database>,
  stored: StoredArrangement,
  on: IsoDate,
  report: CheckReport,
  actor: Actor,
): Promise<void> {
  const checkedAt = new Date().toISOString();
  const kept = await trx
    .selectFrom('findings')
    .select('id')
    .where('arrangement_id', '=', stored.id)
    .where('version', '=', stored.version)
    .where('checked_on', '=', on)
    .limit(1)
    .executeTakeFirst();
  if (kept) return;
  await trx
    .insertInto('findings')
    .values(
      report.findings.map((f) => ({
        arrangement_id: stored.id,
        version: stored.version,
        checked_on: on,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        path: f.path,
        checked_at: checkedAt,
      })),
    )
    .execute();
  const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
  await appendAudit(trx, {
    actor: actor.label,
    action: 'record-findings',
    entity: 'arrangement',
    entity_id: stored.id,
    before: null,
    after: {
      version: stored.version,
      checked_on: on,
      errors: count('error'),
      warnings: count('warning'),
      notes: count('information'),
      rules: [...new Set(report.findings.map((f) => f.rule))].sort(),
    },
    reason: `Checked version ${stored.version} against the rules in force on ${on}`,
  });
}

export interface DecisionInput {
  decision: string;
  subject: string;
  outcome: string;
  reason: string;
  rule: string;
  /** The date it takes effect (YYYY-MM-DD). */
  on: string;
}

/** Records a commissioner's decision on an arrangement, with its audit entry, in one transaction. */
export async function recordDecision(
  db: Kysely<Database>,
  arrangementId: string,
  input: DecisionInput,
  actor: Actor & { userId: number },
): Promise<{ id: number; decided_at: string }> {
  await getArrangement(db, arrangementId);
  return db.transaction().execute(async (trx) => {
    const decidedAt = new Date().toISOString();
    const row = await trx
      .insertInto('decisions')
      .values({
        arrangement_id: arrangementId,
        decision: input.decision,
        subject: input.subject,
        outcome: input.outcome,
        reason: input.reason,
        rule: input.rule,
        effective_on: input.on,
        decided_by: actor.userId,
        decided_at: decidedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actor.label,
      action: `decide:${input.decision}`,
      entity: 'arrangement',
      entity_id: arrangementId,
      before: null,
      after: { decision_id: row.id, ...input },
      reason: input.reason,
    });
    return { id: row.id, decided_at: decidedAt };
  });
}

export interface StoredDecision extends DecisionInput {
  id: number;
  arrangement_id: string;
  decided_by: number;
  decided_at: string;
}

/** One recorded decision on an arrangement. */
export async function getDecision(
  db: Kysely<Database>,
  arrangementId: string,
  id: number,
): Promise<StoredDecision> {
  const row = await db
    .selectFrom('decisions')
    .selectAll()
    .where('arrangement_id', '=', arrangementId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`decision ${id} on arrangement`, arrangementId);
  const { effective_on, ...rest } = row;
  return { ...rest, on: effective_on ?? rest.decided_at.slice(0, 10) };
}
