import { expect, it } from 'vitest';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callAs, signInAccounts } from './test-accounts.ts';

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
  const call = callAs(() => app, tokens);
  const version = async () => (await call('admin', 'GET', `/api/arrangements/${id}`)).body.version as number;
  const put = async (who: string, arrangement: Arrangement) =>
    call(who, 'PUT', `/api/arrangements/${id}`, { version: await version(), arrangement, reason: 'edit' });

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
    const created = await call('icb', 'POST', '/api/arrangements', { arrangement: dudley, reason: 'set up' });
    expect(created.status).toBe(201);
    expect(created.body.parties).toEqual(['E08000027', 'QUA', 'RNA']);
    id = created.body.id;
  });

  it("refuses a party's editor removing another party by editing, with 422 naming the field", async () => {
    // The ICB stays in the document, but without its ODS code it would no longer be a party.
    const noIcb = {
      ...dudley,
      commissioners: dudley.commissioners.map(({ ods, ...c }) => (ods === 'QUA' ? c : { ...c, ods })),
    };
    const got = await put('council', noIcb);
    expect(got.status).toBe(422);
    expect(got.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(got.body.errors).toEqual([
      {
        field: 'body/arrangement/commissioners',
        problem: expect.stringMatching(/^must name QUA, party to this arrangement as a commissioner since /),
      },
    ]);
    expect(got.body.detail).toContain('E08000027 (commissioner), QUA (commissioner), RNA (provider)');
    expect(got.body.detail).toContain(`POST /api/arrangements/${id}/parties`);
    expect((await call('icb', 'GET', `/api/arrangements/${id}`)).status).toBe(200);
    expect(await version()).toBe(1);
  });

  it('refuses the creator adding an unrelated organisation by editing; it gains no access', async () => {
    const got = await put('icb', withWalsall(dudley));
    expect(got.status).toBe(422);
    expect(got.body.errors).toEqual([
      {
        field: 'body/arrangement/providers/1/ods',
        problem: 'names RBK, which is not a party to this arrangement',
      },
    ]);
    expect((await call('walsall', 'GET', `/api/arrangements/${id}`)).status).toBe(403);
  });

  it('never lets a provider propose, accept or decline a party change', async () => {
    const propose = await call('provider', 'POST', `/api/arrangements/${id}/parties`, {
      change: 'remove',
      organisation: 'E08000027',
      reason: 'x',
    });
    expect(propose.status).toBe(403);
    expect(propose.body.detail).toMatch(/commissioner or local-authority for a commissioning party/);
    expect((await call('walsall', 'POST', `/api/arrangements/${id}/parties`, {})).status).toBe(400);
    expect(
      (
        await call('walsall', 'POST', `/api/arrangements/${id}/parties`, {
          change: 'add',
          organisation: 'RBK',
          side: 'provider',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
  });

  let changeId = 0;
  it('adds a party once a commissioner of every commissioning party accepts, each step audited', async () => {
    const proposed = await call('icb', 'POST', `/api/arrangements/${id}/parties`, {
      change: 'add',
      organisation: 'RBK',
      side: 'provider',
      reason: 'Walsall Healthcare joins the arrangement',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'pending', awaiting: ['E08000027'] });
    changeId = proposed.body.id;
    expect((await call('walsall', 'GET', `/api/arrangements/${id}`)).status).toBe(403);

    const asked = await call('council', 'GET', `/api/arrangements/${id}/party-changes?status=pending`);
    expect(asked.body.items.map((c: { id: number }) => c.id)).toEqual([changeId]);
    expect((await call('provider', 'GET', `/api/arrangements/${id}/party-changes`)).status).toBe(200);
    expect((await call('walsall', 'GET', `/api/arrangements/${id}/party-changes`)).status).toBe(403);
    expect(
      (await call('provider', 'POST', `/api/arrangements/${id}/party-changes/${changeId}/accept`)).status,
    ).toBe(403);
    const again = await call('icb', 'POST', `/api/arrangements/${id}/party-changes/${changeId}/accept`);
    expect(again.status).toBe(409);

    const accepted = await call(
      'council',
      'POST',
      `/api/arrangements/${id}/party-changes/${changeId}/accept`,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'applied', awaiting: [] });
    const parties = await call('walsall', 'GET', `/api/arrangements/${id}/parties`);
    expect(parties.status).toBe(200);
    expect(parties.body.items.map((p: { organisation: string }) => p.organisation)).toEqual([
      'E08000027',
      'QUA',
      'RBK',
      'RNA',
    ]);
    // The document must now name Walsall: without it the save is refused, with it saved.
    expect((await put('icb', dudley)).status).toBe(422);
    expect((await put('icb', withWalsall(dudley))).status).toBe(200);

    const audit = await call('admin', 'GET', `/api/audit?entity=arrangement&entity_id=${id}`);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual([
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
    const clash = await call('icb', 'POST', `/api/arrangements/${id}/parties`, {
      change: 'add',
      organisation: 'QUA',
      side: 'commissioner',
      reason: 'x',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([
      { field: 'body/organisation', problem: expect.stringMatching(/^is already party to this arrangement/) },
    ]);
    const closed = await call(
      'council',
      'POST',
      `/api/arrangements/${id}/party-changes/${changeId}/decline`,
      {
        reason: 'too late',
      },
    );
    expect(closed.status).toBe(409);
    expect(closed.body.errors[0].field).toBe('params/changeId');
    expect((await call('icb', 'POST', `/api/arrangements/${id}/party-changes/999999/accept`)).status).toBe(
      404,
    );
  });

  it('lets an administrator remove a party at once; it loses access; the chain verifies', async () => {
    const removed = await call('admin', 'POST', `/api/arrangements/${id}/parties`, {
      change: 'remove',
      organisation: 'RBK',
      reason: 'Walsall left the arrangement',
    });
    expect(removed.status).toBe(201);
    expect(removed.body).toMatchObject({ status: 'applied', change: 'remove', side: 'provider' });
    expect((await call('walsall', 'GET', `/api/arrangements/${id}`)).status).toBe(403);
    expect((await call('walsall', 'GET', '/api/arrangements')).body.items).toEqual([]);
    const verdict = await call('admin', 'GET', '/api/audit/verify');
    expect(verdict.body).toMatchObject({ intact: true });
  });
});
