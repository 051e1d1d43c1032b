import { generateKeyPairSync } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit, auditHash, verifyAudit } from './audit.ts';
import { listCheckpoints, makeCheckpoint } from './audit-checkpoints.ts';
import type { Database } from './schema.ts';
import { describeOnBothDatabases } from './test-databases.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

async function append(db: Kysely<Database>, reason: string): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      actor: 'a',
      action: 'test',
      entity: 'e',
      entity_id: reason,
      before: null,
      after: { reason },
      reason,
    }),
  );
}

/** What a malicious database administrator does: switch the protection off, edit, switch it back on. */
async function asMaliciousDba(db: Kysely<Database>, edit: () => Promise<void>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
  await edit();
  await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
}

/** Recomputes every hash from `fromSeq` on, so the chain is consistent with itself again. */
async function rehashFrom(db: Kysely<Database>, fromSeq: number): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = '0'.repeat(64);
  for (const r of rows) {
    if (Number(r.seq) >= fromSeq) {
      const { actor, action, entity, entity_id, before, after, reason } = r;
      const hash = auditHash(prev, r.at, { actor, action, entity, entity_id, before, after, reason });
      await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
      prev = hash;
    } else prev = r.hash;
  }
}

describeOnBothDatabases('audit log protection and signed checkpoints', (store) => {
  let seqs: number[] = [];

  it('has a database that refuses to update, delete or truncate audit records', async () => {
    const { db } = store();
    for (const r of ['one', 'two', 'three']) await append(db, r);
    await expect(sql`update audit_log set reason = 'x'`.execute(db)).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await verifyAudit(db)).toMatchObject({ intact: true, records: 3 });
  });

  it('signs checkpoints that cover each record once, and refuses changes to them too', async () => {
    const { db } = store();
    const first = await makeCheckpoint(db, privateKey);
    expect(await makeCheckpoint(db, privateKey)).toBeUndefined();
    for (const r of ['four', 'five', 'six']) await append(db, r);
    const second = await makeCheckpoint(db, privateKey);
    expect(first?.records).toHaveLength(3);
    expect(second?.records).toHaveLength(3);
    seqs = [...(first?.records ?? []), ...(second?.records ?? [])].map(([seq]) => seq);
    await expect(sql`delete from audit_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
    expect(await verifyAudit(db, { publicKey })).toMatchObject({
      intact: true,
      records: 6,
      checkpoints: 2,
      signatures: 'verified',
    });
  });

  it('names a record removed from the end, and a forged or foreign-key checkpoint', async () => {
    const { db } = store();
    const checkpoints = await listCheckpoints(db);
    const last = seqs.at(-1) ?? 0;
    await asMaliciousDba(db, async () => {
      await db.deleteFrom('audit_log').where('seq', '=', last).execute();
    });
    const verdict = await verifyAudit(db, { checkpoints: checkpoints.slice(1), publicKey });
    expect(verdict.broken).toEqual({ seq: last, problem: expect.stringMatching(/is missing/) });

    const forged = checkpoints.map((c) => ({
      ...c,
      records: c.records.map(([s]) => [s, 'f'.repeat(64)] as [number, string]),
    }));
    expect((await verifyAudit(db, { checkpoints: forged, publicKey })).broken?.problem).toMatch(
      /forged or altered/,
    );
    const other = generateKeyPairSync('ed25519').publicKey;
    expect((await verifyAudit(db, { checkpoints, publicKey: other })).broken?.problem).toMatch(
      /does not verify/,
    );
  });
  it('catches a whole-chain rewrite against the signed checkpoints, naming the first rewritten record', async () => {
    const { db } = store();
    const target = seqs[1] ?? 0;
    const checkpoints = await listCheckpoints(db);
    await asMaliciousDba(db, async () => {
      await db.updateTable('audit_log').set({ reason: 'rewritten' }).where('seq', '=', target).execute();
      await rehashFrom(db, target);
    });
    // The bare chain is consistent again: only the checkpoints show the rewrite.
    expect(await verifyAudit(db, { checkpoints: [] })).toMatchObject({ intact: true, records: 5 });
    const verdict = await verifyAudit(db, { checkpoints, publicKey });
    expect(verdict).toMatchObject({ intact: false, records: 1 });
    expect(verdict.broken).toEqual({
      seq: target,
      problem: expect.stringMatching(/rewritten from this record on/),
    });
  });
});
