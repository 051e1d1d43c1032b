import { expect, it } from 'vitest';
import type { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { listAudit } from '../store/audit.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import {
  clientsFor,
  type MatrixRow,
  matrixMismatches,
  signInAccounts,
  type TestAccount,
} from './test-accounts.ts';

type Fund = Arrangement['funds'][number];

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
  const as = clientsFor(() => app, tokens);
  let id = '';
  const current = async () =>
    (await as('administrator').GET('/api/arrangements/{id}', { params: { path: { id } } })).data?.version ??
    0;
  const restore = (who: string, version: number, body: { version: number; reason: string }) =>
    as(who).POST('/api/arrangements/{id}/versions/{version}/restore', {
      params: { path: { id, version } },
      body,
    });

  it('creates an arrangement and saves a second version', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await as('commissioner').POST('/api/arrangements', {
      body: { arrangement: dudley, reason: 'Section 75 agreement signed' },
    });
    expect(created.response.status).toBe(201);
    id = created.data?.id ?? '';
    const saved = await as('commissioner').PUT('/api/arrangements/{id}', {
      params: { path: { id } },
      body: { version: 1, arrangement: selfApproved, reason: 'Podiatry subcontracted' },
    });
    expect(saved.response.status).toBe(200);
    expect(saved.data?.version).toBe(2);
  });

  it('offers the care-model templates, the services and the activities, a page at a time', async () => {
    const templatesPage = (cursor?: string) =>
      as('commissioner').GET('/api/arrangement-templates', {
        params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } },
      });
    const first = await templatesPage();
    expect(first.response.status).toBe(200);
    const second = await templatesPage(first.data?.next_cursor ?? undefined);
    const templates = [...(first.data?.items ?? []), ...(second.data?.items ?? [])];
    expect(templates.map((t) => t.id)).toEqual([
      'health-and-social-care-with-public-health',
      'icp-commissioning-activities-2018',
      'single-ccg-primary-and-community-2017',
    ]);
    expect(second.data?.next_cursor).toBeNull();
    // Each template is a whole arrangement the server accepts as a draft.
    for (const t of templates) {
      const checked = await as('commissioner').POST('/api/arrangement-drafts/check', {
        params: { query: { on: '2019-04-01' } },
        body: { arrangement: t.document },
      });
      expect(checked.response.status, t.id).toBe(200);
    }

    const services = await as('commissioner').GET('/api/rules/services', {
      params: { query: { on: '2026-12-01' } },
    });
    const byId = new Map(services.data?.items.map((s) => [s.service, s]));
    expect(byId.get('community-health')).toMatchObject({
      title: 'Community health services',
      function_of: 'local-nhs',
      stream_source: 'icb-core',
      s75: 'included',
    });
    expect(byId.get('adult-social-care')).toMatchObject({ function_of: 'local-authority' });
    const activities = await as('commissioner').GET('/api/rules/activities', {
      params: { query: { on: '2019-04-01' } },
    });
    const needs = activities.data?.items.find((a) => a.activity === 'population-needs-assessment');
    expect(needs?.title).toBeTruthy();
    expect(needs?.actions.some((a) => a.allowed && a.label)).toBe(true);
    expect((await as('anonymous').GET('/api/rules/services')).response.status).toBe(401);
  });

  it('checks a draft as the stored check would, keeping nothing', async () => {
    const audited = (await listAudit(store().db)).length;
    const kept = await store().db.selectFrom('findings').select('id').execute();
    const checkDraft = (arrangement: Arrangement) =>
      as('council').POST('/api/arrangement-drafts/check', {
        params: { query: { on: '2026-12-01' } },
        body: { arrangement },
      });
    const draft = await checkDraft(selfApproved);
    expect(draft.response.status).toBe(200);
    expect(draft.data?.counts.error).toBeGreaterThan(0);
    expect((await listAudit(store().db)).length).toBe(audited);
    expect(await store().db.selectFrom('findings').select('id').execute()).toEqual(kept);

    const stored = await as('commissioner').POST('/api/arrangements/{id}/check', {
      params: { path: { id }, query: { on: '2026-12-01' } },
    });
    expect(stored.data?.version).toBe(2);
    expect(draft.data?.findings).toEqual(stored.data?.findings);

    const broken = await checkDraft({ ...dudley, funds: [{ ...(dudley.funds[0] as Fund), host: 'nobody' }] });
    expect(broken.response.status).toBe(400);
    expect(broken.error?.errors?.map((e) => e.field)).toEqual(['body/arrangement/funds/0/host']);
  });

  it('checks an earlier version as that version, and keeps its findings against it', async () => {
    const check = (version: number, on?: string) =>
      as('viewer').POST('/api/arrangements/{id}/check', {
        params: { path: { id }, query: { version, ...(on ? { on } : {}) } },
      });
    const earlier = await check(1, '2026-12-01');
    expect(earlier.response.status).toBe(200);
    expect(earlier.data?.version).toBe(1);
    const later = await check(2, '2026-12-01');
    const rules = (r: { findings: { rule: string }[] } | undefined) => r?.findings.map((f) => f.rule) ?? [];
    expect(rules(later.data).filter((r) => !rules(earlier.data).includes(r)).length).toBeGreaterThan(0);
    const kept = await store()
      .db.selectFrom('findings')
      .select('version')
      .where('arrangement_id', '=', id)
      .distinct()
      .execute();
    expect(kept.map((k) => k.version).sort()).toEqual([1, 2]);
    expect((await check(9)).response.status).toBe(404);
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
    expect(await matrixMismatches(matrix, everyone, as)).toEqual([]);
  });

  it('restores an earlier version as a new one, with its reason audited, over the current version only', async () => {
    const before = await current();
    expect((await restore('commissioner', 2, { version: before - 1, reason: 'late' })).response.status).toBe(
      409,
    );
    const unmatched = await as('commissioner').POST('/api/arrangements/{id}/versions/{version}/restore', {
      params: { path: { id, version: 2 }, header: { 'if-match': '"1"' } },
      body: { version: before, reason: 'late' },
    });
    expect(unmatched.response.status).toBe(412);
    const itself = await restore('commissioner', before, { version: before, reason: 'no change' });
    expect(itself.response.status).toBe(400);
    expect(itself.error?.errors?.[0]?.field).toBe('params/version');

    const restored = await restore('commissioner', 2, {
      version: before,
      reason: 'The podiatry subcontract goes ahead after all',
    });
    expect(restored.response.status).toBe(200);
    expect(restored.response.headers.get('etag')).toBe(`"${before + 1}"`);
    expect(restored.data?.version).toBe(before + 1);
    expect(restored.data?.document).toEqual(selfApproved);
    const versions = await as('commissioner').GET('/api/arrangements/{id}/versions', {
      params: { path: { id } },
    });
    expect(versions.data?.items.at(-1)?.reason).toBe(
      'Restored version 2: The podiatry subcontract goes ahead after all',
    );
    const audit = await listAudit(store().db, { entity: 'arrangement', entityId: id, action: 'restore' });
    expect(audit.at(-1)?.reason).toBe('Restored version 2: The podiatry subcontract goes ahead after all');
    expect(audit.at(-1)?.actor).toContain('commissioner');
  });

  it('refuses to restore a version that names other parties than the stored ones, naming the field', async () => {
    // An administrator adds Walsall Healthcare (RBK) as a provider; the next version names it.
    const added = await as('administrator').POST('/api/arrangements/{id}/parties', {
      params: { path: { id } },
      body: { change: 'add', organisation: 'RBK', side: 'provider', reason: 'Walsall joins' },
    });
    expect(added.data?.status).toBe('applied');
    const withWalsall: Arrangement = {
      ...dudley,
      providers: [
        ...dudley.providers,
        { id: 'walsall', name: 'Walsall Healthcare NHS Trust', kind: 'nhs-trust', ods: 'RBK' },
      ],
    };
    const saved = await as('commissioner').PUT('/api/arrangements/{id}', {
      params: { path: { id } },
      body: { version: await current(), arrangement: withWalsall, reason: 'Walsall joins' },
    });
    expect(saved.response.status).toBe(200);
    const refused = await restore('commissioner', 1, {
      version: saved.data?.version ?? 0,
      reason: 'back to the start',
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error?.errors?.map((e) => e.problem).join(' ')).toContain('RBK');
    expect(await current()).toBe(saved.data?.version);
  });
});
