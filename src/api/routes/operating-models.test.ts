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
    expect(icb?.board.length).toBeGreaterThan(5);
  });
});
