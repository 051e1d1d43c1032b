import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate } from '../law/date.ts';
import { appendAudit } from './audit.ts';
import { NotFound, PartiesMismatch, PartyChangeRefused, type PartyMismatch } from './errors.ts';
import type { ArrangementPartyChangeTable, Database, PartySide } from './schema.ts';

/**
 * Who is party to an arrangement, kept apart from its document (issue 12, break 6): the parties
 * decide whose roles reach the arrangement, so an editor must not be able to change them by
 * editing. They are set from the document when the arrangement is created; after that only a
 * proposal that a commissioner of every commissioning party accepts (or an administrator makes)
 * adds or removes one, and every document saved must name exactly the stored parties.
 */

export interface Party {
  organisation: string;
  side: PartySide;
}

export interface StoredParty extends Party {
  since: string;
  added_by: number | null;
}

/** Who acts on a party change: their user, and the parties they may accept for. */
export interface PartyActor {
  userId: number;
  label: string;
  /** Organisations for which the user holds a commissioning role (commissioner, local authority). */
  acceptsFor: readonly string[];
  /** An administrator's proposal or acceptance takes effect at once. */
  administrator: boolean;
}

export type PartyChangeInput =
  | { change: 'add'; organisation: string; side: PartySide; reason: string }
  | { change: 'remove'; organisation: string; reason: string };

/** A proposed change as stored, with who has accepted it so far. */
export interface PartyChange extends Omit<Selectable<ArrangementPartyChangeTable>, 'arrangement_id'> {
  acceptances: { organisation: string; accepted_by: number | null; accepted_at: string }[];
  /** The commissioning parties whose acceptance a pending change still needs. */
  awaiting: string[];
}

const byCode = (a: Party, b: Party) =>
  a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0;

/**
 * The parties a document names: each ODS/ONS code once. A code among the commissioners is a
 * commissioning party even if it also provides (a local authority can do both).
 */
export function partiesOf(a: Arrangement): Party[] {
  const sides = new Map<string, PartySide>();
  for (const c of a.commissioners) if (c.ods) sides.set(c.ods, 'commissioner');
  for (const p of a.providers) if (p.ods && !sides.has(p.ods)) sides.set(p.ods, 'provider');
  return [...sides].map(([organisation, side]) => ({ organisation, side })).sort(byCode);
}

export const describeParty = (p: Party) => `${p.organisation} (${p.side})`;

/** Where a document names the parties otherwise than `stored` does; empty when they match. */
export function partyMismatches(document: Arrangement, stored: readonly StoredParty[]): PartyMismatch[] {
  const storedSide = new Map(stored.map((p) => [p.organisation, p]));
  const named = new Map(partiesOf(document).map((p) => [p.organisation, p.side]));
  const entries = [
    ...document.commissioners.map((c, i) => ({
      ods: c.ods,
      side: 'commissioner' as const,
      at: ['commissioners', i],
    })),
    ...document.providers.map((p, i) => ({ ods: p.ods, side: 'provider' as const, at: ['providers', i] })),
  ];
  const out: PartyMismatch[] = [];
  const reported = new Set<string>();
  for (const e of entries) {
    if (!e.ods || reported.has(e.ods) || named.get(e.ods) !== e.side) continue;
    const party = storedSide.get(e.ods);
    if (!party)
      out.push({
        path: [...e.at, 'ods'],
        problem: `names ${e.ods}, which is not a party to this arrangement`,
      });
    else if (party.side !== e.side)
      out.push({
        path: [...e.at, 'ods'],
        problem: `names ${e.ods} as a ${e.side}, but it is party to this arrangement as a ${party.side}`,
      });
    reported.add(e.ods);
  }
  for (const p of stored) {
    if (named.has(p.organisation)) continue;
    out.push({
      path: [p.side === 'commissioner' ? 'commissioners' : 'providers'],
      problem: `must name ${p.organisation}, party to this arrangement as a ${p.side} since ${formatDate(p.since.slice(0, 10))}`,
    });
  }
  return out;
}

/** The stored parties of an arrangement, by code. */
export async function storedParties(db: Kysely<Database>, arrangementId: string): Promise<StoredParty[]> {
  const rows = await db
    .selectFrom('arrangement_parties')
    .select(['organisation', 'side', 'since', 'added_by'])
    .where('arrangement_id', '=', arrangementId)
    .execute();
  return rows.sort(byCode);
}

/** Records a new arrangement's parties, as its document names them, in the caller's transaction. */
export async function recordFirstParties(
  trx: Transaction<Database>,
  arrangementId: string,
  document: Arrangement,
  actor: { userId: number | null; label: string },
  reason: string,
): Promise<void> {
  const parties = partiesOf(document);
  if (parties.length === 0) return;
  const since = new Date().toISOString();
  await trx
    .insertInto('arrangement_parties')
    .values(parties.map((p) => ({ arrangement_id: arrangementId, ...p, since, added_by: actor.userId })))
    .execute();
  await appendAudit(trx, {
    actor: actor.label,
    action: 'set-parties',
    entity: 'arrangement',
    entity_id: arrangementId,
    before: null,
    after: { parties: parties.map(describeParty) },
    reason,
  });
}

/** Refuses a new version whose document does not name exactly the stored parties. */
export async function requireStoredParties(
  trx: Transaction<Database>,
  arrangementId: string,
  document: Arrangement,
): Promise<void> {
  const parties = await storedParties(trx, arrangementId);
  const wrong = partyMismatches(document, parties);
  if (wrong.length) throw new PartiesMismatch(arrangementId, parties.map(describeParty), wrong);
}

/** Locks the arrangement for the transaction: saves and party changes on one arrangement take turns. */
async function lockArrangement(trx: Transaction<Database>, arrangementId: string): Promise<void> {
  const row = await trx
    .selectFrom('arrangements')
    .select('id')
    .where('id', '=', arrangementId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound('arrangement', arrangementId);
}

/**
 * Proposes adding or removing a party. The proposer's own commissioning parties accept it as
 * they propose; it takes effect once every commissioning party has, or at once when an
 * administrator proposes it.
 */
export async function proposePartyChange(
  db: Kysely<Database>,
  arrangementId: string,
  input: PartyChangeInput,
  actor: PartyActor,
): Promise<PartyChange> {
  const id = await db.transaction().execute(async (trx) => {
    await lockArrangement(trx, arrangementId);
    const parties = await storedParties(trx, arrangementId);
    const current = parties.find((p) => p.organisation === input.organisation);
    if (input.change === 'add' && current)
      throw new PartyChangeRefused(
        'body/organisation',
        `is already party to this arrangement as a ${current.side}, since ${formatDate(current.since.slice(0, 10))}`,
      );
    if (input.change === 'remove' && !current)
      throw new PartyChangeRefused('body/organisation', 'is not a party to this arrangement');
    const pending = await trx
      .selectFrom('arrangement_party_changes')
      .select('id')
      .where('arrangement_id', '=', arrangementId)
      .where('organisation', '=', input.organisation)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending)
      throw new PartyChangeRefused(
        'body/organisation',
        `already has a proposed change awaiting acceptance (party change ${pending.id}): accept or decline it first`,
      );
    const side = input.change === 'add' ? input.side : (current?.side ?? 'provider');
    if (input.change === 'remove') requireCommissionerLeft(parties, input.organisation);
    const change = await trx
      .insertInto('arrangement_party_changes')
      .values({
        arrangement_id: arrangementId,
        change: input.change,
        organisation: input.organisation,
        side,
        reason: input.reason,
        status: 'pending',
        proposed_by: actor.userId,
        proposed_at: new Date().toISOString(),
        settled_by: null,
        settled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actor.label,
      action: 'propose-party-change',
      entity: 'arrangement',
      entity_id: arrangementId,
      before: null,
      after: { party_change: change.id, change: change.change, organisation: change.organisation, side },
      reason: input.reason,
    });
    await settle(trx, change, actor, parties);
    return change.id;
  });
  return getPartyChange(db, arrangementId, id);
}

/**
 * Accepts a pending party change for each commissioning party the actor may accept for (each
 * acceptance audited), and applies it once all have, or at once for an administrator.
 */
export async function acceptPartyChange(
  db: Kysely<Database>,
  arrangementId: string,
  changeId: number,
  actor: PartyActor,
): Promise<PartyChange> {
  await db.transaction().execute(async (trx) => {
    await lockArrangement(trx, arrangementId);
    const change = await pendingChange(trx, arrangementId, changeId);
    const parties = await storedParties(trx, arrangementId);
    const { accepted, applied } = await settle(trx, change, actor, parties);
    if (accepted.length === 0 && !applied)
      throw new PartyChangeRefused(
        'params/changeId',
        `is already accepted for ${actor.acceptsFor.join(', ')}; it awaits the other commissioning parties`,
      );
  });
  return getPartyChange(db, arrangementId, changeId);
}

/** Declines a pending party change: it is closed without effect, with the reason audited. */
export async function declinePartyChange(
  db: Kysely<Database>,
  arrangementId: string,
  changeId: number,
  actor: PartyActor,
  reason: string,
): Promise<PartyChange> {
  await db.transaction().execute(async (trx) => {
    await lockArrangement(trx, arrangementId);
    const change = await pendingChange(trx, arrangementId, changeId);
    await close(trx, change.id, 'declined', actor);
    await appendAudit(trx, {
      actor: actor.label,
      action: 'decline-party-change',
      entity: 'arrangement',
      entity_id: arrangementId,
      before: null,
      after: { party_change: change.id, change: change.change, organisation: change.organisation },
      reason,
    });
  });
  return getPartyChange(db, arrangementId, changeId);
}

type ChangeRow = {
  id: number;
  arrangement_id: string;
  change: 'add' | 'remove';
  organisation: string;
  side: PartySide;
  reason: string;
};

async function pendingChange(
  trx: Transaction<Database>,
  arrangementId: string,
  changeId: number,
): Promise<ChangeRow> {
  const change = await trx
    .selectFrom('arrangement_party_changes')
    .selectAll()
    .where('arrangement_id', '=', arrangementId)
    .where('id', '=', changeId)
    .executeTakeFirst();
  if (!change) throw new NotFound('party change', String(changeId));
  if (change.status !== 'pending')
    throw new PartyChangeRefused(
      'params/changeId',
      `was ${change.status} on ${formatDate((change.settled_at ?? '').slice(0, 10))}: it is no longer open`,
    );
  return change;
}

function requireCommissionerLeft(parties: readonly Party[], removing: string): void {
  const left = parties.filter((p) => p.side === 'commissioner' && p.organisation !== removing);
  const removingCommissioner = parties.some((p) => p.organisation === removing && p.side === 'commissioner');
  if (removingCommissioner && left.length === 0)
    throw new PartyChangeRefused(
      'body/organisation',
      'is the only commissioning party: add another commissioning party before removing it',
    );
}

/** Records the actor's acceptances, then applies the change if it now has every one it needs. */
async function settle(
  trx: Transaction<Database>,
  change: ChangeRow,
  actor: PartyActor,
  parties: readonly StoredParty[],
): Promise<{ accepted: string[]; applied: boolean }> {
  const commissioning = parties.filter((p) => p.side === 'commissioner').map((p) => p.organisation);
  const already = new Set(
    (
      await trx
        .selectFrom('arrangement_party_acceptances')
        .select('organisation')
        .where('change_id', '=', change.id)
        .execute()
    ).map((a) => a.organisation),
  );
  const accepted = [...new Set(actor.acceptsFor)].filter((o) => commissioning.includes(o) && !already.has(o));
  const at = new Date().toISOString();
  for (const organisation of accepted) {
    await trx
      .insertInto('arrangement_party_acceptances')
      .values({ change_id: change.id, organisation, accepted_by: actor.userId, accepted_at: at })
      .execute();
    await appendAudit(trx, {
      actor: actor.label,
      action: 'accept-party-change',
      entity: 'arrangement',
      entity_id: change.arrangement_id,
      before: null,
      after: { party_change: change.id, accepted_for: organisation },
      reason: change.reason,
    });
    already.add(organisation);
  }
  const complete = commissioning.every((o) => already.has(o));
  if (!complete && !actor.administrator) return { accepted, applied: false };
  await apply(trx, change, actor, parties);
  return { accepted, applied: true };
}

async function apply(
  trx: Transaction<Database>,
  change: ChangeRow,
  actor: PartyActor,
  parties: readonly StoredParty[],
): Promise<void> {
  if (change.change === 'add') {
    await trx
      .insertInto('arrangement_parties')
      .values({
        arrangement_id: change.arrangement_id,
        organisation: change.organisation,
        side: change.side,
        since: new Date().toISOString(),
        added_by: actor.userId,
      })
      .execute();
  } else {
    requireCommissionerLeft(parties, change.organisation);
    await trx
      .deleteFrom('arrangement_parties')
      .where('arrangement_id', '=', change.arrangement_id)
      .where('organisation', '=', change.organisation)
      .execute();
  }
  await close(trx, change.id, 'applied', actor);
  const after = await storedParties(trx, change.arrangement_id);
  await appendAudit(trx, {
    actor: actor.label,
    action: `party-${change.change}`,
    entity: 'arrangement',
    entity_id: change.arrangement_id,
    before: { parties: parties.map(describeParty) },
    after: { party_change: change.id, parties: after.map(describeParty) },
    reason: change.reason,
  });
}

async function close(
  trx: Transaction<Database>,
  changeId: number,
  status: 'applied' | 'declined',
  actor: PartyActor,
): Promise<void> {
  await trx
    .updateTable('arrangement_party_changes')
    .set({ status, settled_by: actor.userId, settled_at: new Date().toISOString() })
    .where('id', '=', changeId)
    .execute();
}

/** An arrangement's party changes, newest first (only those with `status` when given). */
export async function listPartyChanges(
  db: Kysely<Database>,
  arrangementId: string,
  status?: PartyChange['status'],
): Promise<PartyChange[]> {
  let query = db
    .selectFrom('arrangement_party_changes')
    .selectAll()
    .where('arrangement_id', '=', arrangementId)
    .orderBy('id', 'desc');
  if (status) query = query.where('status', '=', status);
  const changes = await query.execute();
  if (changes.length === 0) return [];
  const acceptances = await db
    .selectFrom('arrangement_party_acceptances')
    .select(['change_id', 'organisation', 'accepted_by', 'accepted_at'])
    .where(
      'change_id',
      'in',
      changes.map((c) => c.id),
    )
    .orderBy('accepted_at')
    .execute();
  const commissioning = (await storedParties(db, arrangementId))
    .filter((p) => p.side === 'commissioner')
    .map((p) => p.organisation);
  return changes.map(({ arrangement_id: _a, ...c }) => {
    const mine = acceptances.filter((a) => a.change_id === c.id).map(({ change_id: _c, ...a }) => a);
    const awaiting =
      c.status === 'pending' ? commissioning.filter((o) => !mine.some((a) => a.organisation === o)) : [];
    return { ...c, acceptances: mine, awaiting };
  });
}

async function getPartyChange(db: Kysely<Database>, arrangementId: string, id: number): Promise<PartyChange> {
  const found = (await listPartyChanges(db, arrangementId)).find((c) => c.id === id);
  if (!found) throw new NotFound('party change', String(id));
  return found;
}
