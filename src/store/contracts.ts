import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ContractFile } from '../contracts/contract-file.ts';
import type { ContractEvent } from '../contracts/events.ts';
import { applyEvent } from '../contracts/machine.ts';
import { type Particulars, partiesOf } from '../contracts/particulars.ts';
import { replayContract } from '../contracts/replay.ts';
import { InvalidInput } from '../core/errors.ts';
import type { ContractPhase } from '../law/kinds/lifecycle.ts';
import type { Rulebook } from '../law/rulebook.ts';
import type { Actor } from './arrangements.ts';
import { appendAudit } from './audit.ts';
import { NotFound, RefusedEvent, StaleVersion } from './errors.ts';
import { afterNameAndId, type Keyset } from './listing.ts';
import type { Database } from './schema.ts';

/**
 * ICP Contracts in the database: the particulars and the events the rules allowed, in the
 * order recorded. The state is never stored; it is always the events replayed through the
 * same machine (src/contracts), so the database cannot disagree with the rulebook.
 */
export interface StoredContract {
  id: string;
  name: string;
  version: number;
  parties: string[];
  particulars: Particulars;
  created_at: string;
  updated_at: string;
}

export interface RecordedEvent {
  seq: number;
  event: ContractEvent;
  recorded_by: number | null;
  recorded_by_name: string | null;
  recorded_at: string;
}

/** What recording one event did: the contract's new version, and the phase before and after. */
export interface Recorded {
  contract: StoredContract;
  seq: number;
  summary: string;
  phase_before: ContractPhase;
  phase_after: ContractPhase;
}

type Row = Omit<StoredContract, 'particulars' | 'parties'> & { particulars: unknown; parties: unknown };

// Stored values were checked by the schemas on the way in (amounts already in pence), so they are not parsed again.
const toStored = (row: Row): StoredContract => ({
  ...row,
  particulars: row.particulars as Particulars,
  parties: row.parties as string[],
});

/**
 * Stores a contract's particulars, then records each of its events in turn through
 * `recordEventIn`, all in one transaction: one refused event and nothing is stored.
 * The id is the particulars' id, or that id with a suffix when it is taken.
 */
export async function createContract(
  db: Kysely<Database>,
  rulebook: Rulebook,
  file: ContractFile,
  actor: Actor,
  reason: string,
): Promise<StoredContract> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('contracts')
      .select('id')
      .where('id', '=', file.particulars.id)
      .executeTakeFirst();
    const id = taken ? `${file.particulars.id}-${randomBytes(3).toString('hex')}` : file.particulars.id;
    const now = new Date().toISOString();
    await trx
      .insertInto('contracts')
      .values({
        id,
        name: file.particulars.name,
        particulars: JSON.stringify(file.particulars),
        parties: JSON.stringify(partiesOf(file.particulars)),
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await appendAudit(trx, {
      actor: actor.label,
      action: 'create',
      entity: 'contract',
      entity_id: id,
      before: null,
      after: { particulars: file.particulars },
      reason,
    });
    let last: StoredContract | undefined;
    for (const event of file.events) last = (await recordEventIn(trx, rulebook, id, event, actor)).contract;
    return last ?? getContract(trx, id);
  });
}

export async function getContract(db: Kysely<Database>, id: string): Promise<StoredContract> {
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('contract', id);
  return toStored(row);
}

export interface ContractFilter extends Keyset<readonly [string, string]> {
  /** Only contracts whose provider has this ODS code. */
  provider?: string | undefined;
  /** Only contracts with this organisation among the commissioners (any party but the provider). */
  commissioner?: string | undefined;
}

const providerCode = sql<string | null>`particulars->'provider'->>'ods'`;

/** Contracts by name (then id), a page at a time when asked. */
export async function listContracts(
  db: Kysely<Database>,
  filter: ContractFilter = {},
): Promise<StoredContract[]> {
  let query = db.selectFrom('contracts').selectAll().orderBy('name').orderBy('id');
  if (filter.provider) query = query.where(providerCode, '=', filter.provider);
  if (filter.commissioner)
    query = query.where(
      sql<boolean>`particulars->'commissioners' @> ${JSON.stringify([{ ods: filter.commissioner }])}::jsonb`,
    );
  if (filter.after) query = query.where(afterNameAndId(filter.after));
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(toStored);
}

/** A contract's recorded events, oldest first, with who recorded each. */
export async function contractEvents(db: Kysely<Database>, id: string): Promise<RecordedEvent[]> {
  const rows = await db
    .selectFrom('contract_events')
    .leftJoin('users', 'users.id', 'contract_events.recorded_by')
    .select([
      'contract_events.seq',
      'contract_events.event',
      'contract_events.recorded_by',
      'contract_events.recorded_at',
      'users.name as recorded_by_name',
    ])
    .where('contract_events.contract_id', '=', id)
    .orderBy('contract_events.seq', 'asc')
    .execute();
  return rows.map((r) => ({ ...r, event: r.event as unknown as ContractEvent }));
}

/** The contract as a file (particulars and events), for replaying. */
export async function contractFile(db: Kysely<Database>, id: string): Promise<ContractFile> {
  const stored = await getContract(db, id);
  const events = await contractEvents(db, id);
  return { particulars: stored.particulars, events: events.map((e) => e.event) };
}

/**
 * Records one event if the contract rules allow it, in a transaction: the stored events are
 * replayed to the event's date and the event offered to the same machine (`applyEvent`). A
 * refused event is not stored (`RefusedEvent`, with the rule); an allowed one is, with an
 * audit entry of who recorded it, the phase before and after, and why. With
 * `expectedVersion`, a contract someone changed first gives `StaleVersion`.
 */
export async function recordEvent(
  db: Kysely<Database>,
  rulebook: Rulebook,
  id: string,
  event: ContractEvent,
  actor: Actor,
  expectedVersion?: number,
): Promise<Recorded> {
  return db.transaction().execute((trx) => recordEventIn(trx, rulebook, id, event, actor, expectedVersion));
}

async function recordEventIn(
  trx: Transaction<Database>,
  rulebook: Rulebook,
  id: string,
  event: ContractEvent,
  actor: Actor,
  expectedVersion?: number,
): Promise<Recorded> {
  // Locking the contract's row serialises recording on it: two events never both take the same seq.
  const row = await trx
    .selectFrom('contracts')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound('contract', id);
  if (expectedVersion !== undefined && row.version !== expectedVersion)
    throw new StaleVersion('contract', id, expectedVersion, row.version);
  const stored = toStored(row);
  const events = (await contractEvents(trx, id)).map((e) => e.event);
  const last = events.at(-1);
  if (last && event.on < last.on) {
    throw new InvalidInput(
      'event.on',
      `${event.on} comes before the contract's last event (${last.on})`,
      'Record events in date order; a later date is needed.',
    );
  }
  const before = replayContract(rulebook, { particulars: stored.particulars, events }, event.on).state;
  const seq = events.length;
  const step = applyEvent(rulebook, before, event, seq);
  if (step.refusal) throw new RefusedEvent(step.refusal);

  const now = new Date().toISOString();
  await trx
    .insertInto('contract_events')
    .values({
      contract_id: id,
      seq,
      event: JSON.stringify(event),
      recorded_by: actor.userId,
      recorded_at: now,
    })
    .execute();
  const updated = await trx
    .updateTable('contracts')
    .set({ version: row.version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  const summary = step.state.timeline.findLast((t) => t.index === seq)?.summary ?? event.type;
  await appendAudit(trx, {
    actor: actor.label,
    action: `record-event:${event.type}`,
    entity: 'contract',
    entity_id: id,
    before: { version: row.version, phase: before.phase },
    after: { version: updated.version, phase: step.state.phase, seq, event, summary },
    reason: event.note ?? summary,
  });
  return {
    contract: toStored(updated),
    seq,
    summary,
    phase_before: before.phase,
    phase_after: step.state.phase,
  };
}
