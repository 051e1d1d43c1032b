import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { createUser } from '../../store/users.ts';
import { auditReport } from './store-session.ts';

describeOnBothDatabases('concordat audit verify', (store) => {
  it('reports an intact log with exit 0, and a tampered one with exit 1 naming the record', async () => {
    const { db } = store();
    for (const name of ['a', 'b', 'c']) {
      await createUser(
        db,
        { email: `${name}@example.nhs.uk`, name, password: 'a long password', roles: [] },
        { userId: null, label: 'test' },
        'test',
      );
    }
    expect(await auditReport(store())).toMatchObject({
      code: 0,
      text: expect.stringMatching(/intact: 3 records/),
    });
    const second = await db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    // As a database administrator would: the table refuses edits until its trigger is switched off.
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    await sql`update audit_log set actor = 'someone else' where seq = ${second.seq}`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
    const report = await auditReport(store());
    expect(report.code).toBe(1);
    expect(report.text).toContain(`TAMPERED: record ${second.seq} its contents do not match its hash`);
  });
});
