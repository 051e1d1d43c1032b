import { expect, it } from 'vitest';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callOutsideDocument, clientsFor, signInAccounts } from './test-accounts.ts';

const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
/** Commissioned by the ICB (QUA) and Dudley Council (E08000027), provided by the Dudley Group (RNA). */
const dudley: Arrangement = {
  ...example,
  commissioners: example.commissioners.map((c) =>
    c.id === 'dudley-council' ? { ...c, ods: 'E08000027' } : c,
  ),
};
const withWalsall = (a: Arrangement): Arrangement => ({
  ...a,
  providers: [...a.providers, { id: 'walsall', name: 'Walsall Healthcare', kind: 'nhs-trust', ods: 'RBK' }],
});

/** Break 6 of the security review: who is a party came from the editable document. */
describeOnBothDatabases('arrangement parties over the API', (store) => {
  let app: Api;
  let id = '';
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const path = () => ({ path: { id } });
  const read = (who: string) => as(who).GET('/api/arrangements/{id}', { params: path() });
  const version = async () => (await read('admin')).data?.version ?? 0;
  const put = async (who: string, arrangement: Arrangement) =>
    as(who).PUT('/api/arrangements/{id}', {
      params: path(),
      body: { version: await version(), arrangement, reason: 'edit' },
    });
  const change = (changeId: number) => ({ path: { id, changeId } });

  it('starts with an arrangement created by the ICB', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(
      store(),
      [
        { key: 'icb', role: 'commissioner', organisation: 'QUA' },
        { key: 'council', role: 'local-authority', organisation: 'E08000027' },
        { key: 'provider', role: 'provider', organisation: 'RNA' },
        { key: 'walsall', role: 'commissioner', organisation: 'RBK' },
        { key: 'admin', role: 'administrator', organisation: null },
      ],
      tokens,
    );
    const created = await as('icb').POST('/api/arrangements', {
      body: { arrangement: dudley, reason: 'set up' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.parties).toEqual(['E08000027', 'QUA', 'RNA']);
    id = created.data?.id ?? '';
  });

  it("refuses a party's editor removing another party by editing, with 422 naming the field", async () => {
    // The ICB stays in the document, but without its ODS code it would no longer be a party.
    const noIcb = {
      ...dudley,
      commissioners: dudley.commissioners.map(({ ods, ...c }) => (ods === 'QUA' ? c : { ...c, ods })),
    };
    const got = await put('council', noIcb);
    expect(got.response.status).toBe(422);
    expect(got.response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(got.error?.errors).toEqual([
      {
        field: 'body/arrangement/commissioners',
        problem: expect.stringMatching(/^must name QUA, party to this arrangement as a commissioner since /),
      },
    ]);
    expect(got.error?.detail).toContain('E08000027 (commissioner), QUA (commissioner), RNA (provider)');
    expect(got.error?.detail).toContain(`POST /api/arrangements/${id}/parties`);
    expect((await read('icb')).response.status).toBe(200);
    expect(await version()).toBe(1);
  });

  it('refuses the creator adding an unrelated organisation by editing; it gains no access', async () => {
    const got = await put('icb', withWalsall(dudley));
    expect(got.response.status).toBe(422);
    expect(got.error?.errors).toEqual([
      {
        field: 'body/arrangement/providers/1/ods',
        problem: 'names RBK, which is not a party to this arrangement',
      },
    ]);
    expect((await read('walsall')).response.status).toBe(403);
  });

  it('never lets a provider propose, accept or decline a party change', async () => {
    const propose = await as('provider').POST('/api/arrangements/{id}/parties', {
      params: path(),
      body: { change: 'remove', organisation: 'E08000027', reason: 'x' },
    });
    expect(propose.response.status).toBe(403);
    expect(propose.error?.detail).toMatch(/commissioner or local-authority for a commissioning party/);
    // An empty body is what the document forbids: it goes outside the generated client.
    const empty = await callOutsideDocument(() => app, tokens)(
      'walsall',
      'POST',
      `/api/arrangements/${id}/parties`,
      {},
    );
    expect(empty.status).toBe(400);
    const joining = await as('walsall').POST('/api/arrangements/{id}/parties', {
      params: path(),
      body: { change: 'add', organisation: 'RBK', side: 'provider', reason: 'x' },
    });
    expect(joining.response.status).toBe(403);
  });

  let changeId = 0;
  it('adds a party once a commissioner of every commissioning party accepts, each step audited', async () => {
    const proposed = await as('icb').POST('/api/arrangements/{id}/parties', {
      params: path(),
      body: {
        change: 'add',
        organisation: 'RBK',
        side: 'provider',
        reason: 'Walsall Healthcare joins the arrangement',
      },
    });
    expect(proposed.response.status).toBe(201);
    expect(proposed.data).toMatchObject({ status: 'pending', awaiting: ['E08000027'] });
    changeId = proposed.data?.id ?? 0;
    expect((await read('walsall')).response.status).toBe(403);

    const changes = (who: string, query: { status?: 'pending' } = {}) =>
      as(who).GET('/api/arrangements/{id}/party-changes', { params: { ...path(), query } });
    const asked = await changes('council', { status: 'pending' });
    expect(asked.data?.items.map((c) => c.id)).toEqual([changeId]);
    expect((await changes('provider')).response.status).toBe(200);
    expect((await changes('walsall')).response.status).toBe(403);
    const accept = (who: string) =>
      as(who).POST('/api/arrangements/{id}/party-changes/{changeId}/accept', { params: change(changeId) });
    expect((await accept('provider')).response.status).toBe(403);
    expect((await accept('icb')).response.status).toBe(409);

    const accepted = await accept('council');
    expect(accepted.response.status).toBe(200);
    expect(accepted.data).toMatchObject({ status: 'applied', awaiting: [] });
    const parties = await as('walsall').GET('/api/arrangements/{id}/parties', { params: path() });
    expect(parties.response.status).toBe(200);
    expect(parties.data?.items.map((p) => p.organisation)).toEqual(['E08000027', 'QUA', 'RBK', 'RNA']);
    // The document must now name Walsall: without it the save is refused, with it saved.
    expect((await put('icb', dudley)).response.status).toBe(422);
    expect((await put('icb', withWalsall(dudley))).response.status).toBe(200);

    const audit = await as('admin').GET('/api/audit', {
      params: { query: { entity: 'arrangement', entity_id: id } },
    });
    expect(audit.data?.items.map((r) => r.action)).toEqual([
      'create',
      'set-parties',
      'propose-party-change',
      'accept-party-change',
      'accept-party-change',
      'party-add',
      'update',
    ]);
  });

  it('answers 409 naming the field for a change that clashes with the stored parties', async () => {
    const clash = await as('icb').POST('/api/arrangements/{id}/parties', {
      params: path(),
      body: { change: 'add', organisation: 'QUA', side: 'commissioner', reason: 'x' },
    });
    expect(clash.response.status).toBe(409);
    expect(clash.error?.errors).toEqual([
      { field: 'body/organisation', problem: expect.stringMatching(/^is already party to this arrangement/) },
    ]);
    const closed = await as('council').POST('/api/arrangements/{id}/party-changes/{changeId}/decline', {
      params: change(changeId),
      body: { reason: 'too late' },
    });
    expect(closed.response.status).toBe(409);
    expect(closed.error?.errors?.[0]?.field).toBe('params/changeId');
    const none = await as('icb').POST('/api/arrangements/{id}/party-changes/{changeId}/accept', {
      params: change(999999),
    });
    expect(none.response.status).toBe(404);
  });

  it('lets an administrator remove a party at once; it loses access; the chain verifies', async () => {
    const removed = await as('admin').POST('/api/arrangements/{id}/parties', {
      params: path(),
      body: { change: 'remove', organisation: 'RBK', reason: 'Walsall left the arrangement' },
    });
    expect(removed.response.status).toBe(201);
    expect(removed.data).toMatchObject({ status: 'applied', change: 'remove', side: 'provider' });
    expect((await read('walsall')).response.status).toBe(403);
    expect((await as('walsall').GET('/api/arrangements')).data?.items).toEqual([]);
    const verdict = await as('admin').GET('/api/audit/verify');
    expect(verdict.data).toMatchObject({ intact: true });
  });
});
