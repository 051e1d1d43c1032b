import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { checkArrangement } from '../law/check.ts';
import { loadRulebook } from '../law/rulebook.ts';
import {
  createArrangement,
  getArrangement,
  listVersions,
  recordCheck,
  updateArrangement,
} from './arrangements.ts';
import { listAudit, verifyAudit } from './audit.ts';
import { StaleVersion } from './errors.ts';
import { signedInBy, startSession, tokenHash } from './sessions.ts';
import { describeOnBothDatabases } from './test-databases.ts';
import { checkPassword, createUser } from './users.ts';

const dudley = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
const system = { userId: null, label: 'test' };

describeOnBothDatabases('store', (store) => {
  it('keeps every version of an arrangement and refuses a stale update', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, system, 'first draft');
    expect(created.version).toBe(1);
    expect(created.parties).toEqual(['QUA', 'RNA']);
    const renamed = { ...dudley, name: 'Dudley place (v2)' };
    const updated = await updateArrangement(db, created.id, 1, renamed, system, 'rename');
    expect(updated.version).toBe(2);
    await expect(updateArrangement(db, created.id, 1, dudley, system, 'late')).rejects.toBeInstanceOf(
      StaleVersion,
    );
    const versions = await listVersions(db, created.id);
    expect(versions.map((v) => [v.version, v.document.name, v.reason])).toEqual([
      [1, dudley.name, 'first draft'],
      [2, 'Dudley place (v2)', 'rename'],
    ]);
    expect((await getArrangement(db, created.id)).document.name).toBe('Dudley place (v2)');
  });

  it('keeps the findings of a version checked on a date once, however often it is checked', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, system, 'draft');
    const report = checkArrangement(loadRulebook(), dudley, '2026-08-01');
    expect(report.findings.length).toBeGreaterThan(0);
    await recordCheck(db, created, '2026-08-01', report, system);
    await recordCheck(db, created, '2026-08-01', report, system);
    await recordCheck(
      db,
      created,
      '2017-09-01',
      checkArrangement(loadRulebook(), dudley, '2017-09-01'),
      system,
    );
    const kept = await db
      .selectFrom('findings')
      .select(['checked_on', (eb) => eb.fn.countAll<string>().as('n')])
      .where('arrangement_id', '=', created.id)
      .groupBy('checked_on')
      .orderBy('checked_on')
      .execute();
    expect(kept.map((k) => k.checked_on)).toEqual(['2017-09-01', '2026-08-01']);
    expect(Number(kept[1]?.n)).toBe(report.findings.length);
    // Each kept check is audited once, naming who checked and what was found.
    const audited = await db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('action', '=', 'record-findings')
      .where('entity_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => (a.after as { checked_on: string }).checked_on)).toEqual([
      '2026-08-01',
      '2017-09-01',
    ]);
    expect(audited[0]?.actor).toBe(system.label);
  });

  it('lets exactly one of two simultaneous updates to the same version win', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, system, 'draft');
    const results = await Promise.allSettled([
      updateArrangement(db, created.id, 1, { ...dudley, name: 'A' }, system, 'a'),
      updateArrangement(db, created.id, 1, { ...dudley, name: 'B' }, system, 'b'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(StaleVersion);
    expect((await getArrangement(db, created.id)).version).toBe(2);
  });

  it('records who changed what, before and after, and why, in a chain that detects tampering', async () => {
    const { db } = store();
    const created = await createArrangement(
      db,
      dudley,
      { userId: null, label: 'alice' },
      'draft for the board',
    );
    const trail = await listAudit(db, { entity: 'arrangement', entityId: created.id });
    expect(trail[0]).toMatchObject({
      actor: 'alice',
      action: 'create',
      reason: 'draft for the board',
      before: null,
    });
    expect((trail[0]?.after as { name: string }).name).toBe(dudley.name);
    expect((await verifyAudit(db)).intact).toBe(true);

    const seq = trail[0]?.seq ?? 0;
    // The database refuses edits to the log; an owner who switches that off is still caught.
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    await sql`update audit_log set reason = 'nothing to see' where seq = ${seq}`.execute(db);
    const verdict = await verifyAudit(db);
    expect(verdict.intact).toBe(false);
    expect(verdict.broken?.seq).toBe(seq);
    expect(verdict.broken?.problem).toMatch(/edited/);
    await sql`update audit_log set reason = 'draft for the board' where seq = ${seq}`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
    expect((await verifyAudit(db)).intact).toBe(true);

    await createArrangement(db, dudley, system, 'another');
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    await sql`delete from audit_log where seq = ${seq}`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
    const afterDelete = await verifyAudit(db);
    expect(afterDelete.intact).toBe(false);
    expect(afterDelete.broken?.problem).toMatch(/removed/);
  });

  it('stores argon2id password hashes and resolves sessions by token', async () => {
    const { db } = store();
    const user = await createUser(
      db,
      {
        email: 'Comm@Example.NHS.uk',
        name: 'Commissioner',
        password: 'correct horse battery',
        roles: [{ role: 'commissioner', organisation: 'QUA' }],
      },
      system,
      'test',
    );
    const row = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await checkPassword(db, 'comm@example.nhs.uk', 'wrong')).toEqual({ refused: 'wrong password' });
    expect(await checkPassword(db, 'nobody@example.nhs.uk', 'wrong')).toEqual({
      refused: 'no account has this e-mail',
    });
    expect(await checkPassword(db, 'comm@example.nhs.uk', 'correct horse battery')).toMatchObject({
      user: { roles: [{ role: 'commissioner', organisation: 'QUA' }] },
    });
    const { token } = await startSession(db, user.id, 'bearer', 1);
    expect((await signedInBy(db, tokenHash(token)))?.user.email).toBe('comm@example.nhs.uk');
    expect(await signedInBy(db, tokenHash(`${token}x`))).toBeUndefined();
  });
});
