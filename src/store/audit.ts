import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { InvalidInput } from '../errors.ts';
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

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  afterSeq?: number | undefined;
  limit?: number | undefined;
}

export async function listAudit(db: Kysely<Database>, q: AuditQuery = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc');
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
  const rows = await query.limit(q.limit ?? 100).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface AuditVerdict {
  records: number;
  intact: boolean;
  /** The first record that does not match its hash or does not follow the one before it. */
  broken?: { seq: number; problem: string } | undefined;
  lastHash: string;
}

/**
 * Recomputes the chain from the start. An edited record no longer matches its hash; a
 * deleted or reordered one breaks the link to the next. (Removing records from the very end
 * leaves a valid shorter chain: compare `lastHash` with one kept elsewhere to catch that.)
 */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerdict> {
  let prev = genesisHash;
  let records = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(5000)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      const seq = Number(r.seq);
      if (r.prev_hash !== prev) {
        return {
          records,
          intact: false,
          broken: {
            seq,
            problem: 'does not follow the record before it (a record was removed, added or reordered)',
          },
          lastHash: prev,
        };
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
      if (expected !== r.hash) {
        return {
          records,
          intact: false,
          broken: { seq, problem: 'its contents do not match its hash (it was edited)' },
          lastHash: prev,
        };
      }
      prev = r.hash;
      records++;
      afterSeq = seq;
    }
  }
  return { records, intact: true, lastHash: prev };
}
