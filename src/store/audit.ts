import { createHash, type KeyObject } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { InvalidInput } from '../core/errors.ts';
import { type Checkpoint, checkpointSignatureHolds, listCheckpoints } from './audit-checkpoints.ts';
import { canonicalJson } from './canonical-json.ts';
import type { Database } from './schema.ts';

/** One change: who made it, to what, what it was before and after, and why. */
export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  prev_hash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/** The hash of a record: SHA-256 over the previous hash and the record's canonical JSON. */
export function auditHash(prevHash: string, at: string, entry: AuditEntry): string {
  const body = canonicalJson({ ...entry, at, before: entry.before ?? null, after: entry.after ?? null });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends to the audit log inside the caller's transaction, so the change and its record
 * commit together or not at all. The table lock serialises appends: each record's
 * `prev_hash` is the hash of the one before it, whichever connection wrote it.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  // NUL is the one character PostgreSQL cannot store in text or jsonb: refuse it by name.
  requireNoNul(entry);
  await sql`lock table audit_log in exclusive mode`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? genesisHash;
  const at = new Date().toISOString();
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entity_id,
      // Stored as their canonical text, so jsonb holds exactly the value that was hashed.
      before: entry.before === undefined || entry.before === null ? null : canonicalJson(entry.before),
      after: entry.after === undefined || entry.after === null ? null : canonicalJson(entry.after),
      reason: entry.reason,
      prev_hash: prevHash,
      hash: auditHash(prevHash, at, entry),
    })
    .execute();
}

function requireNoNul(entry: AuditEntry): void {
  const hasNul = (v: unknown): boolean =>
    typeof v === 'string'
      ? v.includes('\u0000')
      : typeof v === 'object' &&
        v !== null &&
        Object.entries(v).some(([k, c]) => k.includes('\u0000') || hasNul(c));
  for (const [field, value] of Object.entries(entry)) {
    if (hasNul(value))
      throw new InvalidInput(field, 'contains a NUL character (U+0000), which cannot be stored');
  }
}

/** Appends a versioned document's change: a create when there was nothing `before`, else an update. */
export function auditDocumentChange(
  trx: Transaction<Database>,
  change: Omit<AuditEntry, 'action'>,
): Promise<void> {
  return appendAudit(trx, { ...change, action: change.before === null ? 'create' : 'update' });
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Records whose actor contains this text (a name or an e-mail address), ignoring case. */
  actor?: string | undefined;
  /** Records of this action (`create`, `update`, `decide:approve-subcontract`, …). */
  action?: string | undefined;
  /** Records made at or after this instant (ISO 8601; a date means its start, UTC). */
  from?: string | undefined;
  /** Records made before this instant (ISO 8601; a date means its start, UTC). */
  to?: string | undefined;
  afterSeq?: number | undefined;
  limit?: number | undefined;
}

/** Audit records in the order they were made (by sequence number). */
export async function listAudit(db: Kysely<Database>, q: AuditQuery = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc');
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actor)
    query = query.where(sql`lower(actor)`, 'like', `%${q.actor.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
  if (q.action) query = query.where('action', '=', q.action);
  // `at` is an ISO 8601 UTC text, so instants compare as text.
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
  const rows = await query.limit(q.limit ?? 100).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface AuditVerdict {
  records: number;
  intact: boolean;
  /** The first record that fails: edited, removed, out of order, or not what a checkpoint signed. */
  broken?: { seq: number; problem: string } | undefined;
  lastHash: string;
  /** How many signed checkpoints the chain was checked against. */
  checkpoints: number;
  signatures: 'verified' | 'not checked: no public key';
}

export interface VerifyOptions {
  /** Checkpoints kept outside the system; by default those stored in the database. */
  checkpoints?: Checkpoint[] | undefined;
  /** The public key the checkpoints were signed with; without it signatures are not checked. */
  publicKey?: KeyObject | undefined;
}

interface Signed {
  hash: string;
  checkpoint: Checkpoint;
}

/**
 * Recomputes the chain from the start and compares it with every signed checkpoint. An
 * edited record no longer matches its hash; a removed or reordered one breaks the link to the
 * next; a record rewritten with every later hash recomputed no longer matches the hash its
 * checkpoint signed; records removed from the end are missing from a checkpoint. Reports the
 * first failure by sequence number, and never stops without saying why.
 */
export async function verifyAudit(db: Kysely<Database>, options: VerifyOptions = {}): Promise<AuditVerdict> {
  const checkpoints = options.checkpoints ?? (await listCheckpoints(db));
  const failures: { seq: number; problem: string }[] = [];
  const signed = new Map<number, Signed>();
  for (const c of checkpoints) {
    if (options.publicKey && !checkpointSignatureHolds(c, options.publicKey)) {
      failures.push({
        seq: c.seq,
        problem: `has a checkpoint (signed ${c.signed_at}) whose signature does not verify with the public key: the checkpoint was forged or altered`,
      });
      continue;
    }
    for (const [seq, hash] of c.records) signed.set(seq, { hash, checkpoint: c });
  }
  const walk = await walkChain(db, signed);
  if (walk.broken) failures.push(walk.broken);
  for (const [seq, s] of signed) {
    if (walk.broken && seq >= walk.broken.seq) continue;
    failures.push({
      seq,
      problem: `is missing: the checkpoint signed ${s.checkpoint.signed_at} (up to record ${s.checkpoint.seq}) includes it`,
    });
  }
  const broken = failures.sort((a, b) => a.seq - b.seq)[0];
  return {
    records: broken ? Math.min(walk.records, walk.recordsBefore(broken.seq)) : walk.records,
    intact: !broken,
    broken,
    lastHash: walk.lastHash,
    checkpoints: checkpoints.length,
    signatures: options.publicKey ? 'verified' : 'not checked: no public key',
  };
}

/** Walks the chain in order up to its first break; removes from `signed` each record it finds. */
async function walkChain(db: Kysely<Database>, signed: Map<number, Signed>) {
  let prev = genesisHash;
  const seen: number[] = [];
  const result = (broken?: { seq: number; problem: string }) => ({
    records: seen.length,
    broken,
    lastHash: prev,
    recordsBefore: (seq: number) => seen.filter((s) => s < seq).length,
  });
  let afterSeq = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(5000)
      .execute();
    if (page.length === 0) return result();
    for (const r of page) {
      const seq = Number(r.seq);
      const mark = signed.get(seq);
      signed.delete(seq);
      if (r.prev_hash !== prev) {
        return result({
          seq,
          problem: 'does not follow the record before it (a record was removed, added or reordered)',
        });
      }
      const expected = auditHash(r.prev_hash, r.at, {
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        before: r.before,
        after: r.after,
        reason: r.reason,
      });
      if (expected !== r.hash)
        return result({ seq, problem: 'its contents do not match its hash (it was edited)' });
      if (mark && mark.hash !== r.hash) {
        return result({
          seq,
          problem: `does not match the hash signed in the checkpoint of ${mark.checkpoint.signed_at} (up to record ${mark.checkpoint.seq}): the log was rewritten from this record on`,
        });
      }
      prev = r.hash;
      seen.push(seq);
      afterSeq = seq;
    }
  }
}
