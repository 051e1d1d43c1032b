import fc from 'fast-check';
import { expect, it } from 'vitest';
import { appendAudit, verifyAudit } from './audit.ts';
import { describeOnBothDatabases } from './test-databases.ts';

/** Any text at all, surrogates included, but without NUL (which no PostgreSQL text can hold). */
const anyText = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replaceAll('\u0000', ''));
const anyJson = fc.oneof(
  fc.constant(null),
  fc.dictionary(anyText, fc.oneof(anyText, fc.double(), fc.array(anyText, { maxLength: 3 })), { maxKeys: 4 }),
);

describeOnBothDatabases('audit hash over what is stored', (store) => {
  it('verifies after a round trip of arbitrary text (lone surrogates included) through the database', async () => {
    const { db } = store();
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyJson, anyJson, async (reason, actor, before, after) => {
        const entry = { actor, action: 'test', entity: 'text', entity_id: reason, before, after, reason };
        await db.transaction().execute((trx) => appendAudit(trx, entry));
        expect((await verifyAudit(db)).broken).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });

  it('refuses NUL by field name, and the chain still verifies', async () => {
    const { db } = store();
    const entry = {
      actor: 'a',
      action: 'x',
      entity: 'e',
      entity_id: '1',
      before: null,
      after: { k: 'a\u0000' },
      reason: 'r',
    };
    await expect(db.transaction().execute((trx) => appendAudit(trx, entry))).rejects.toThrow(
      /^after: contains a NUL/,
    );
    expect(await verifyAudit(db)).toMatchObject({ intact: true });
  });

  it('keeps a lone surrogate in a reason from breaking the chain (the reviewed break)', async () => {
    const { db } = store();
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actor: 'a',
        action: 'update',
        entity: 'arrangement',
        entity_id: 'x',
        before: null,
        after: { name: 'ok' },
        reason: 'broken \ud800 text',
      }),
    );
    expect(await verifyAudit(db)).toMatchObject({ intact: true });
  });
});
