import { expect, it } from 'vitest';
import { listAudit } from '../../store/audit.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { withBudgetsEntered } from '../../system/operating-model/budgets.ts';
import { readOperatingModelFile } from '../../system/operating-model/file.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import {
  clientsFor,
  type MatrixRow,
  matrixMismatches,
  signInAccounts,
  type TestAccount,
} from '../test-accounts.ts';

const loaded = readOperatingModelFile('examples/operating-models/black-country.yaml');
const model = withBudgetsEntered(loaded.model, loaded.budgets);

const people: TestAccount[] = [
  { key: 'governance-lead', role: 'commissioner', organisation: 'QUA' },
  { key: 'other-icb', role: 'commissioner', organisation: 'QHM' },
  { key: 'trust', role: 'provider', organisation: 'RBK' },
  { key: 'council', role: 'local-authority', organisation: 'E08000027' },
  { key: 'stranger', role: 'provider', organisation: 'RX1' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'administrator', role: 'administrator', organisation: null },
];
const everyone = [...people.map((p) => p.key), 'anonymous'];
const editors = (ok: number) =>
  Object.fromEntries(
    people.map((p) => [p.key, ['governance-lead', 'administrator'].includes(p.key) ? ok : 403]),
  );

describeOnBothDatabases('operating models API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  let id = '';
  const path = () => ({ path: { id } });

  it('lets the ICB governance lead create the model, audited', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await as('governance-lead').POST('/api/operating-models', {
      body: { model, reason: 'first' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ icb: 'QUA', version: 1 });
    id = created.data?.id ?? '';
    const audit = await listAudit(store().db, { entity: 'operating-model', entityId: id });
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('answers every route for every role as the authorisation matrix says', async () => {
    const version = async () =>
      (await as('administrator').GET('/api/operating-models/{id}', { params: path() })).data?.version ?? 0;
    const partnersRead = { 'other-icb': 403, stranger: 403 };
    const matrix: MatrixRow[] = [
      {
        name: 'get',
        expect: partnersRead,
        request: (api) => api.GET('/api/operating-models/{id}', { params: path() }),
      },
      {
        name: 'versions',
        expect: partnersRead,
        request: (api) => api.GET('/api/operating-models/{id}/versions', { params: path() }),
      },
      {
        name: 'check',
        expect: partnersRead,
        request: (api) =>
          api.GET('/api/operating-models/{id}/check', { params: { ...path(), query: { on: '2023-09-01' } } }),
      },
      {
        name: 'sord',
        expect: partnersRead,
        request: (api) => api.GET('/api/operating-models/{id}/sord', { params: path() }),
      },
      {
        name: 'list',
        expect: {},
        request: (api) => api.GET('/api/operating-models', { params: { query: { icb: 'QUA' } } }),
      },
      {
        name: 'functions',
        expect: {},
        request: (api) => api.GET('/api/icb-functions', { params: { query: { on: '2023-09-01' } } }),
      },
      {
        name: 'check a draft',
        expect: editors(200),
        request: (api) => api.POST('/api/operating-models/check', { body: { model, on: '2023-09-01' } }),
      },
      {
        name: 'create',
        expect: editors(201),
        request: (api) => api.POST('/api/operating-models', { body: { model, reason: 'matrix' } }),
      },
      {
        name: 'replace',
        expect: editors(200),
        request: async (api) =>
          api.PUT('/api/operating-models/{id}', {
            params: path(),
            body: { version: await version(), model, reason: 'matrix' },
          }),
      },
    ];
    expect(await matrixMismatches(matrix, everyone, as)).toEqual([]);
  });

  it('checks the stored model on a date, with findings and budgets', async () => {
    const check = (on: string) =>
      as('trust').GET('/api/operating-models/{id}/check', { params: { ...path(), query: { on } } });
    const lawful = await check('2023-09-01');
    expect(lawful.data).toMatchObject({ lawful: true, icb: 'NHS Black Country Integrated Care Board' });
    expect(lawful.data?.budgets.allocation?.pounds).toBe('£2,932,000,000.00');
    const early = await check('2022-07-01');
    expect(early.data?.lawful).toBe(false);
    expect(early.data?.findings[0]?.rule).toBe('system.nhse-delegation.pharmacy-optometry-dental');
  });

  it('refuses a stale version with 409 and a bad reference with 400 naming the field', async () => {
    const stale = await as('governance-lead').PUT('/api/operating-models/{id}', {
      params: path(),
      body: { version: 1, model, reason: 'late' },
    });
    expect(stale.response.status).toBe(409);
    const bad = { ...model, sord: model.sord.slice(0, 1).map((s) => ({ ...s, decided_by: 'nobody' })) };
    const refused = await as('governance-lead').POST('/api/operating-models', {
      body: { model: bad, reason: 'bad' },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.errors?.[0]?.field).toBe('body/model/sord/0/decided_by');
  });

  it('checks a draft without storing it, and refuses one whose references do not match', async () => {
    const stored = async () =>
      (await as('administrator').GET('/api/operating-models', { params: { query: { icb: 'QUA' } } })).data
        ?.items.length;
    const before = await stored();
    const sandwell = model.places.findIndex((p) => p.id === 'sandwell');
    const draft = {
      ...model,
      places: model.places.map((p, i) =>
        i === sandwell
          ? {
              ...p,
              partnership: {
                ...p.partnership,
                members: p.partnership.members.filter((m) => m.role !== 'local-authority'),
              },
            }
          : p,
      ),
    };
    const checked = await as('governance-lead').POST('/api/operating-models/check', {
      body: { model: draft, on: '2023-09-01' },
    });
    expect(checked.response.status).toBe(200);
    const lacking = checked.data?.findings.find((f) => f.path === `places[${sandwell}].partnership.members`);
    expect(lacking).toMatchObject({ rule: 'system.om.place-partnership', severity: 'warning' });
    expect(lacking?.message).toMatch(/^Sandwell's partnership lacks the local authority/);
    expect(lacking?.citations[0]?.text).toMatch(/Integrating care/);
    const refused = await as('governance-lead').POST('/api/operating-models/check', {
      body: {
        model: { ...draft, sord: model.sord.slice(0, 1).map((r) => ({ ...r, decided_by: 'nobody' })) },
      },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.errors?.[0]?.field).toBe('body/model/sord/0/decided_by');
    expect(await stored()).toBe(before);
  });

  it('lists the functions a SoRD can name, with who may decide each on the date', async () => {
    const functions = (query: { limit: number; cursor?: string }) =>
      as('trust').GET('/api/icb-functions', { params: { query: { on: '2023-09-01', ...query } } });
    const listed = (await functions({ limit: 200 })).data;
    expect(listed?.next_cursor).toBeNull();
    const budget = listed?.items.find((f) => f.id === 'system.icb-function.annual-budget');
    expect(budget).toMatchObject({ reserved: true, who_may_decide: 'Reserved to the board', in_force: true });
    const first = (await functions({ limit: 5 })).data;
    const second = (await functions({ limit: 5, cursor: first?.next_cursor ?? undefined })).data;
    expect([...(first?.items ?? []), ...(second?.items ?? [])].map((f) => f.id)).toEqual(
      listed?.items.slice(0, 10).map((f) => f.id),
    );
  });

  it("shows a trust's collaboratives and places, and an ICB's board, for the organisation page", async () => {
    const ics = (who: string, code: string) =>
      as(who).GET('/api/organisations/{code}/ics', { params: { path: { code } } });
    const first = (await ics('trust', 'RBK')).data?.models[0];
    expect(first?.collaboratives.map((c) => c.name)).toEqual([
      'Black Country Provider Collaborative (acute)',
    ]);
    expect(first?.places.map((p) => p.name)).toEqual(['Walsall']);
    const icb = (await ics('governance-lead', 'QUA')).data?.models[0];
    expect(icb?.places).toHaveLength(4);
    expect(icb?.places[2]).toMatchObject({
      name: 'Walsall',
      form: 'lead-provider',
      decided_by: 'Walsall Healthcare NHS Trust',
    });
    expect(icb?.board[0]).toEqual({ role: 'chair', nominated_by: ['NHS England'], represents: [] });
  });

  it('on a date, shows only the model of each ICB in force then', async () => {
    const later = { ...model, name: 'Black Country operating model 2025', effective_from: '2025-04-01' };
    await as('governance-lead').POST('/api/operating-models', { body: { model: later, reason: 'new year' } });
    const inForce = (on?: string) =>
      as('trust').GET('/api/organisations/{code}/ics', { params: { path: { code: 'RBK' }, query: { on } } });
    const names = async (on: string) => (await inForce(on)).data?.models.map((m) => m.name);
    expect(await names('2024-06-01')).toEqual([model.name]);
    expect(await names('2025-06-01')).toEqual(['Black Country operating model 2025']);
    expect(await names('2023-01-01')).toEqual([]);
    expect((await inForce()).data?.models.length).toBeGreaterThan(1);
  });
});
