import { describe, expect, it } from 'vitest';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import {
  acceptPartyChange,
  declinePartyChange,
  listPartyChanges,
  type PartyActor,
  partiesOf,
  partyMismatches,
  proposePartyChange,
  storedParties,
} from './arrangement-parties.ts';
import { createArrangement, getArrangement, updateArrangement } from './arrangements.ts';
import { listAudit, verifyAudit } from './audit.ts';
import { PartiesMismatch, PartyChangeRefused } from './errors.ts';
import { describeOnBothDatabases } from './test-databases.ts';
import { createUser } from './users.ts';

const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
/** Commissioned by the ICB (QUA) and Dudley Council (E08000027), provided by the Dudley Group (RNA). */
const dudley: Arrangement = {
  ...example,
  commissioners: example.commissioners.map((c) =>
    c.id === 'dudley-council' ? { ...c, ods: 'E08000027' } : c,
  ),
};
const withProvider = (a: Arrangement, ods: string): Arrangement => ({
  ...a,
  providers: [...a.providers, { id: 'walsall', name: 'Walsall Healthcare', kind: 'nhs-trust', ods }],
});

describe('the parties a document names', () => {
  it('are each code once, a commissioner also providing counted as a commissioner', () => {
    const both = withProvider(dudley, 'E08000027');
    expect(partiesOf(both)).toEqual([
      { organisation: 'E08000027', side: 'commissioner' },
      { organisation: 'QUA', side: 'commissioner' },
      { organisation: 'RNA', side: 'provider' },
    ]);
  });

  it('must match the stored parties, field by field', () => {
    const stored = partiesOf(dudley).map((p) => ({ ...p, since: '2026-04-01T09:00:00Z', added_by: 1 }));
    expect(partyMismatches(dudley, stored)).toEqual([]);
    const noCouncil = { ...dudley, commissioners: dudley.commissioners.filter((c) => c.ods !== 'E08000027') };
    expect(partyMismatches(withProvider(noCouncil, 'RBK'), stored)).toEqual([
      { path: ['providers', 1, 'ods'], problem: 'names RBK, which is not a party to this arrangement' },
      {
        path: ['commissioners'],
        problem: 'must name E08000027, party to this arrangement as a commissioner since 1 April 2026',
      },
    ]);
    const swapped = {
      ...dudley,
      commissioners: dudley.commissioners.filter((c) => c.ods !== 'QUA'),
      ...{
        providers: [...dudley.providers, { id: 'icb', name: 'ICB', kind: 'company' as const, ods: 'QUA' }],
      },
    };
    expect(partyMismatches(swapped, stored)).toEqual([
      {
        path: ['providers', 1, 'ods'],
        problem: 'names QUA as a provider, but it is party to this arrangement as a commissioner',
      },
    ]);
  });
});

describeOnBothDatabases('arrangement parties', (store) => {
  const actors = new Map<string, PartyActor>();
  const as = (key: string) => actors.get(key) as PartyActor;

  it('starts with a commissioner of each commissioning party and an administrator', async () => {
    for (const [key, acceptsFor, administrator] of [
      ['icb', ['QUA'], false],
      ['council', ['E08000027'], false],
      ['admin', [], true],
    ] as const) {
      const user = await createUser(
        store().db,
        { email: `${key}@example.nhs.uk`, name: key, password: 'a long test password', roles: [] },
        { userId: null, label: 'test' },
        'test',
      );
      actors.set(key, { userId: user.id, label: key, acceptsFor, administrator });
    }
  });

  it('keeps the parties named at creation, with when and by whom, audited', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, as('icb'), 'set up');
    expect(created.parties).toEqual(['E08000027', 'QUA', 'RNA']);
    const parties = await storedParties(db, created.id);
    expect(parties.map((p) => [p.organisation, p.side, p.added_by])).toEqual([
      ['E08000027', 'commissioner', as('icb').userId],
      ['QUA', 'commissioner', as('icb').userId],
      ['RNA', 'provider', as('icb').userId],
    ]);
    const trail = await listAudit(db, { entity: 'arrangement', entityId: created.id });
    expect(trail.map((r) => r.action)).toEqual(['create', 'set-parties']);
  });

  it('refuses a new version that removes, adds or moves a party, and saves nothing', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, as('icb'), 'set up');
    const noIcb = { ...dudley, commissioners: dudley.commissioners.filter((c) => c.ods !== 'QUA') };
    for (const document of [noIcb, withProvider(dudley, 'RBK')]) {
      const refused = updateArrangement(db, created.id, 1, document, as('council'), 'edit');
      await expect(refused).rejects.toBeInstanceOf(PartiesMismatch);
    }
    const error = await updateArrangement(db, created.id, 1, noIcb, as('council'), 'edit').catch((e) => e);
    expect(error.stored).toEqual(['E08000027 (commissioner)', 'QUA (commissioner)', 'RNA (provider)']);
    expect(error.mismatches[0].path).toEqual(['commissioners']);
    const now = await getArrangement(db, created.id);
    expect([now.version, now.parties]).toEqual([1, ['E08000027', 'QUA', 'RNA']]);
  });

  it('adds a party once every commissioning party accepts, each acceptance audited', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, as('icb'), 'set up');
    const proposed = await proposePartyChange(
      db,
      created.id,
      { change: 'add', organisation: 'RBK', side: 'provider', reason: 'Walsall joins' },
      as('icb'),
    );
    expect(proposed).toMatchObject({ status: 'pending', awaiting: ['E08000027'] });
    expect(proposed.acceptances.map((a) => a.organisation)).toEqual(['QUA']);
    expect((await getArrangement(db, created.id)).parties).not.toContain('RBK');
    // Accepting again for the same party adds nothing.
    await expect(acceptPartyChange(db, created.id, proposed.id, as('icb'))).rejects.toBeInstanceOf(
      PartyChangeRefused,
    );
    const accepted = await acceptPartyChange(db, created.id, proposed.id, as('council'));
    expect(accepted).toMatchObject({ status: 'applied', awaiting: [], settled_by: as('council').userId });
    expect((await getArrangement(db, created.id)).parties).toEqual(['E08000027', 'QUA', 'RBK', 'RNA']);
    // The document must now name it, as a provider.
    await expect(updateArrangement(db, created.id, 1, dudley, as('icb'), 'edit')).rejects.toBeInstanceOf(
      PartiesMismatch,
    );
    const saved = await updateArrangement(
      db,
      created.id,
      1,
      withProvider(dudley, 'RBK'),
      as('icb'),
      'Walsall',
    );
    expect(saved.version).toBe(2);
    const trail = await listAudit(db, { entity: 'arrangement', entityId: created.id });
    expect(trail.map((r) => r.action)).toEqual([
      'create',
      'set-parties',
      'propose-party-change',
      'accept-party-change',
      'accept-party-change',
      'party-add',
      'update',
    ]);
    expect(trail[5]?.after).toMatchObject({
      parties: ['E08000027 (commissioner)', 'QUA (commissioner)', 'RBK (provider)', 'RNA (provider)'],
    });
    expect((await verifyAudit(db)).intact).toBe(true);
  });

  it('lets an administrator change the parties at once, but never remove the last commissioner', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, as('icb'), 'set up');
    const removed = await proposePartyChange(
      db,
      created.id,
      { change: 'remove', organisation: 'E08000027', reason: 'The council withdrew' },
      as('admin'),
    );
    expect(removed).toMatchObject({ status: 'applied', side: 'commissioner', acceptances: [] });
    expect((await getArrangement(db, created.id)).parties).toEqual(['QUA', 'RNA']);
    const last = proposePartyChange(
      db,
      created.id,
      { change: 'remove', organisation: 'QUA', reason: 'x' },
      as('admin'),
    );
    await expect(last).rejects.toThrow(/only commissioning party/);
    // The one commissioning party left decides alone.
    const added = await proposePartyChange(
      db,
      created.id,
      { change: 'add', organisation: 'RBK', side: 'provider', reason: 'Walsall joins' },
      as('icb'),
    );
    expect(added.status).toBe('applied');
  });

  it('keeps one open proposal per organisation, and closes a declined one without effect', async () => {
    const { db } = store();
    const created = await createArrangement(db, dudley, as('icb'), 'set up');
    const add = { change: 'add', organisation: 'RBK', side: 'provider', reason: 'Walsall joins' } as const;
    for (const [input, problem] of [
      [{ ...add, organisation: 'RNA' }, /already party to this arrangement as a provider/],
      [{ change: 'remove', organisation: 'RBK', reason: 'x' }, /is not a party/],
    ] as const) {
      await expect(proposePartyChange(db, created.id, input, as('icb'))).rejects.toThrow(problem);
    }
    const first = await proposePartyChange(db, created.id, add, as('icb'));
    await expect(proposePartyChange(db, created.id, add, as('council'))).rejects.toThrow(
      `already has a proposed change awaiting acceptance (party change ${first.id})`,
    );
    const declined = await declinePartyChange(db, created.id, first.id, as('council'), 'Not agreed');
    expect(declined).toMatchObject({ status: 'declined', awaiting: [] });
    await expect(acceptPartyChange(db, created.id, first.id, as('council'))).rejects.toThrow(
      /no longer open/,
    );
    expect((await getArrangement(db, created.id)).parties).not.toContain('RBK');
    expect((await listPartyChanges(db, created.id, 'pending')).length).toBe(0);
    expect((await listPartyChanges(db, created.id)).map((c) => c.status)).toEqual(['declined']);
    expect((await verifyAudit(db)).intact).toBe(true);
  });
});

describeOnBothDatabases(
  'arrangement parties back-filled by their migration',
  (store, migrateToLatest) => {
    it('gives an arrangement stored before them the parties its document named', async () => {
      const { db } = store();
      const document = withProvider(dudley, 'E08000027');
      const at = '2026-04-01T09:00:00.000Z';
      const user = await db
        .insertInto('users')
        .values({ email: 'old@example.nhs.uk', name: 'Old', password_hash: '-', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('arrangements')
        .values({
          id: 'old',
          name: 'Old',
          version: 1,
          document: JSON.stringify(document),
          parties: JSON.stringify(['E08000027', 'QUA', 'RNA']),
          created_at: at,
          updated_at: at,
        } as never)
        .execute();
      await db
        .insertInto('arrangement_versions')
        .values({
          arrangement_id: 'old',
          version: 1,
          document: JSON.stringify(document),
          changed_by: user.id,
          changed_at: at,
          reason: 'first',
        })
        .execute();
      await migrateToLatest();
      const parties = await storedParties(db, 'old');
      expect(parties).toEqual([
        { organisation: 'E08000027', side: 'commissioner', since: at, added_by: user.id },
        { organisation: 'QUA', side: 'commissioner', since: at, added_by: user.id },
        { organisation: 'RNA', side: 'provider', since: at, added_by: user.id },
      ]);
      expect((await getArrangement(db, 'old')).parties).toEqual(['E08000027', 'QUA', 'RNA']);
    });
  },
  { migrateTo: '0008-decision-dates' },
);
