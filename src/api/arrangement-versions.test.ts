import { expect, it } from 'vitest';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { listAudit } from '../store/audit.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import {
  callAs,
  clientsFor,
  type MatrixRow,
  matrixMismatches,
  signInAccounts,
  type TestAccount,
} from './test-accounts.ts';

const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
/** The Dudley place arrangement with the council by its ONS code: parties QUA, E08000027 and RNA. */
const dudley: Arrangement = {
  ...example,
  commissioners: example.commissioners.map((c) =>
    c.id === 'dudley-council' ? { ...c, ods: 'E08000027' } : c,
  ),
};
/** The same, with a subcontract the provider approved itself: a finding version 1 does not have. */
const selfApproved: Arrangement = {
  ...dudley,
  subcontracts: [
    {
      id: 'podiatry',
      subcontractor: 'Walsall Healthcare NHS Trust',
      services: ['community-health'],
      value: '£1,200,000.00',
      approved_by: 'dudley-group',
    },
  ],
};

const people: TestAccount[] = [
  { key: 'commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'council', role: 'local-authority', organisation: 'E08000027' },
  { key: 'other-icb', role: 'commissioner', organisation: 'QHL' },
  { key: 'provider', role: 'provider', organisation: 'RNA' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'viewer', role: 'viewer', organisation: 'QUA' },
  { key: 'administrator', role: 'administrator', organisation: null },
];
const everyone = [...people.map((p) => p.key), 'anonymous'];

describeOnBothDatabases('drafts, earlier versions and restoring one', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const call = callAs(() => app, tokens);
  let id = '';
  const current = async () => (await call('administrator', 'GET', `/api/arrangements/${id}`)).body.version;

  it('creates an arrangement and saves a second version', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await call('commissioner', 'POST', '/api/arrangements', {
      arrangement: dudley,
      reason: 'Section 75 agreement signed',
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    const saved = await call('commissioner', 'PUT', `/api/arrangements/${id}`, {
      version: 1,
      arrangement: selfApproved,
      reason: 'Podiatry subcontracted',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
  });

  it('offers the care-model templates, the services and the activities, a page at a time', async () => {
    const first = await call('commissioner', 'GET', '/api/arrangement-templates?limit=2');
    expect(first.status).toBe(200);
    const second = await call(
      'commissioner',
      'GET',
      `/api/arrangement-templates?limit=2&cursor=${first.body.next_cursor}`,
    );
    const templates = [...first.body.items, ...second.body.items];
    expect(templates.map((t: { id: string }) => t.id)).toEqual([
      'health-and-social-care-with-public-health',
      'icp-commissioning-activities-2018',
      'single-ccg-primary-and-community-2017',
    ]);
    expect(second.body.next_cursor).toBeNull();
    // Each template is a whole arrangement the server accepts as a draft.
    for (const t of templates) {
      const checked = await call('commissioner', 'POST', '/api/arrangement-drafts/check?on=2019-04-01', {
        arrangement: t.document,
      });
      expect(checked.status, t.id).toBe(200);
    }

    const services = await call('commissioner', 'GET', '/api/rules/services?on=2026-12-01');
    const byId = new Map(services.body.items.map((s: { service: string }) => [s.service, s]));
    expect(byId.get('community-health')).toMatchObject({
      title: 'Community health services',
      function_of: 'local-nhs',
      stream_source: 'icb-core',
      s75: 'included',
    });
    expect(byId.get('adult-social-care')).toMatchObject({ function_of: 'local-authority' });
    const activities = await call('commissioner', 'GET', '/api/rules/activities?on=2019-04-01');
    const needs = activities.body.items.find(
      (a: { activity: string }) => a.activity === 'population-needs-assessment',
    );
    expect(needs.title).toBeTruthy();
    expect(needs.actions.some((a: { allowed: boolean; label: string }) => a.allowed && a.label)).toBe(true);
    expect((await call('anonymous', 'GET', '/api/rules/services')).status).toBe(401);
  });

  it('checks a draft as the stored check would, keeping nothing', async () => {
    const audited = (await listAudit(store().db)).length;
    const kept = await store().db.selectFrom('findings').select('id').execute();
    const draft = await call('council', 'POST', '/api/arrangement-drafts/check?on=2026-12-01', {
      arrangement: selfApproved,
    });
    expect(draft.status).toBe(200);
    expect(draft.body.counts.error).toBeGreaterThan(0);
    expect((await listAudit(store().db)).length).toBe(audited);
    expect(await store().db.selectFrom('findings').select('id').execute()).toEqual(kept);

    const stored = await call('commissioner', 'POST', `/api/arrangements/${id}/check?on=2026-12-01`);
    expect(stored.body.version).toBe(2);
    expect(draft.body.findings).toEqual(stored.body.findings);

    const broken = await call('commissioner', 'POST', '/api/arrangement-drafts/check', {
      arrangement: { ...dudley, funds: [{ ...dudley.funds[0], host: 'nobody' }] },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body/arrangement/funds/0/host',
    ]);
  });

  it('checks an earlier version as that version, and keeps its findings against it', async () => {
    const earlier = await call('viewer', 'POST', `/api/arrangements/${id}/check?on=2026-12-01&version=1`);
    expect(earlier.status).toBe(200);
    expect(earlier.body.version).toBe(1);
    const later = await call('viewer', 'POST', `/api/arrangements/${id}/check?on=2026-12-01&version=2`);
    const rules = (r: { findings: { rule: string }[] }) => r.findings.map((f) => f.rule);
    expect(rules(later.body).filter((r) => !rules(earlier.body).includes(r)).length).toBeGreaterThan(0);
    const kept = await store()
      .db.selectFrom('findings')
      .select('version')
      .where('arrangement_id', '=', id)
      .distinct()
      .execute();
    expect(kept.map((k) => k.version).sort()).toEqual([1, 2]);
    const missing = await call('viewer', 'POST', `/api/arrangements/${id}/check?version=9`);
    expect(missing.status).toBe(404);
  });

  it('answers the new routes for every role as the authorisation matrix says', async () => {
    const notEditors = { provider: 403, assurer: 403, viewer: 403 };
    const matrix: MatrixRow[] = [
      { name: 'list templates', expect: {}, request: (api) => api.GET('/api/arrangement-templates') },
      { name: 'list services', expect: {}, request: (api) => api.GET('/api/rules/services') },
      { name: 'list activities', expect: {}, request: (api) => api.GET('/api/rules/activities') },
      {
        name: 'check a draft',
        expect: notEditors,
        request: (api) => api.POST('/api/arrangement-drafts/check', { body: { arrangement: dudley } }),
      },
      {
        name: 'check an earlier version',
        expect: { 'other-icb': 403 },
        request: (api) =>
          api.POST('/api/arrangements/{id}/check', { params: { path: { id }, query: { version: 1 } } }),
      },
      {
        name: 'restore an earlier version',
        expect: { ...notEditors, 'other-icb': 403 },
        request: async (api) =>
          api.POST('/api/arrangements/{id}/versions/{version}/restore', {
            params: { path: { id, version: 1 } },
            body: { version: await current(), reason: 'matrix' },
          }),
      },
    ];
    expect(
      await matrixMismatches(
        matrix,
        everyone,
        clientsFor(() => app, tokens),
      ),
    ).toEqual([]);
  });

  it('restores an earlier version as a new one, with its reason audited, over the current version only', async () => {
    const before = await current();
    const stale = await call('commissioner', 'POST', `/api/arrangements/${id}/versions/2/restore`, {
      version: before - 1,
      reason: 'late',
    });
    expect(stale.status).toBe(409);
    const unmatched = await app.inject({
      method: 'POST',
      url: `/api/arrangements/${id}/versions/2/restore`,
      headers: { authorization: `Bearer ${tokens.get('commissioner')}`, 'if-match': '"1"' },
      payload: { version: before, reason: 'late' },
    });
    expect(unmatched.statusCode).toBe(412);
    const itself = await call('commissioner', 'POST', `/api/arrangements/${id}/versions/${before}/restore`, {
      version: before,
      reason: 'no change',
    });
    expect(itself.status).toBe(400);
    expect(itself.body.errors[0].field).toBe('params/version');

    const restored = await call('commissioner', 'POST', `/api/arrangements/${id}/versions/2/restore`, {
      version: before,
      reason: 'The podiatry subcontract goes ahead after all',
    });
    expect(restored.status).toBe(200);
    expect(restored.headers.etag).toBe(`"${before + 1}"`);
    expect(restored.body.version).toBe(before + 1);
    expect(restored.body.document).toEqual(selfApproved);
    const versions = await call('commissioner', 'GET', `/api/arrangements/${id}/versions`);
    expect(versions.body.items.at(-1).reason).toBe(
      'Restored version 2: The podiatry subcontract goes ahead after all',
    );
    const audit = await listAudit(store().db, { entity: 'arrangement', entityId: id, action: 'restore' });
    expect(audit.at(-1)?.reason).toBe('Restored version 2: The podiatry subcontract goes ahead after all');
    expect(audit.at(-1)?.actor).toContain('commissioner');
  });

  it('refuses to restore a version that names other parties than the stored ones, naming the field', async () => {
    // An administrator adds Walsall Healthcare (RBK) as a provider; the next version names it.
    const added = await call('administrator', 'POST', `/api/arrangements/${id}/parties`, {
      change: 'add',
      organisation: 'RBK',
      side: 'provider',
      reason: 'Walsall joins',
    });
    expect(added.body.status).toBe('applied');
    const withWalsall: Arrangement = {
      ...dudley,
      providers: [
        ...dudley.providers,
        { id: 'walsall', name: 'Walsall Healthcare NHS Trust', kind: 'nhs-trust', ods: 'RBK' },
      ],
    };
    const saved = await call('commissioner', 'PUT', `/api/arrangements/${id}`, {
      version: await current(),
      arrangement: withWalsall,
      reason: 'Walsall joins',
    });
    expect(saved.status).toBe(200);
    const refused = await call('commissioner', 'POST', `/api/arrangements/${id}/versions/1/restore`, {
      version: saved.body.version,
      reason: 'back to the start',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { problem: string }) => e.problem).join(' ')).toContain('RBK');
    expect(await current()).toBe(saved.body.version);
  });
});
