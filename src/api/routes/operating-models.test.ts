import { expect, it } from 'vitest';
import { listAudit } from '../../store/audit.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { withBudgetsEntered } from '../../system/operating-model/budgets.ts';
import { readOperatingModelFile } from '../../system/operating-model/file.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import {
  callAs,
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
  const call = callAs(() => app, tokens);
  let id = '';

  it('lets the ICB governance lead create the model, audited', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await call('governance-lead', 'POST', '/api/operating-models', {
      model,
      reason: 'first',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ icb: 'QUA', version: 1 });
    id = created.body.id;
    const audit = await listAudit(store().db, { entity: 'operating-model', entityId: id });
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('answers every route for every role as the authorisation matrix says', async () => {
    const version = async () =>
      (await call('administrator', 'GET', `/api/operating-models/${id}`)).body.version;
    const partnersRead = { 'other-icb': 403, stranger: 403 };
    const matrix: MatrixRow[] = [
      { name: 'get', expect: partnersRead, request: () => ['GET', `/api/operating-models/${id}`] },
      {
        name: 'versions',
        expect: partnersRead,
        request: () => ['GET', `/api/operating-models/${id}/versions`],
      },
      {
        name: 'check',
        expect: partnersRead,
        request: () => ['GET', `/api/operating-models/${id}/check?on=2023-09-01`],
      },
      { name: 'sord', expect: partnersRead, request: () => ['GET', `/api/operating-models/${id}/sord`] },
      { name: 'list', expect: {}, request: () => ['GET', '/api/operating-models?icb=QUA'] },
      { name: 'functions', expect: {}, request: () => ['GET', '/api/icb-functions?on=2023-09-01'] },
      {
        name: 'check a draft',
        expect: editors(200),
        request: () => ['POST', '/api/operating-models/check', { model, on: '2023-09-01' }],
      },
      {
        name: 'create',
        expect: editors(201),
        request: () => ['POST', '/api/operating-models', { model, reason: 'matrix' }],
      },
      {
        name: 'replace',
        expect: editors(200),
        request: async () => [
          'PUT',
          `/api/operating-models/${id}`,
          { version: await version(), model, reason: 'matrix' },
        ],
      },
    ];
    expect(await matrixMismatches(matrix, everyone, call)).toEqual([]);
  });

  it('checks the stored model on a date, with findings and budgets', async () => {
    const lawful = await call('trust', 'GET', `/api/operating-models/${id}/check?on=2023-09-01`);
    expect(lawful.body).toMatchObject({ lawful: true, icb: 'NHS Black Country Integrated Care Board' });
    expect(lawful.body.budgets.allocation.pounds).toBe('£2,932,000,000.00');
    const early = await call('trust', 'GET', `/api/operating-models/${id}/check?on=2022-07-01`);
    expect(early.body.lawful).toBe(false);
    expect(early.body.findings[0].rule).toBe('system.nhse-delegation.pharmacy-optometry-dental');
  });

  it('refuses a stale version with 409 and a bad reference with 400 naming the field', async () => {
    const stale = await call('governance-lead', 'PUT', `/api/operating-models/${id}`, {
      version: 1,
      model,
      reason: 'late',
    });
    expect(stale.status).toBe(409);
    const bad = { ...model, sord: [{ ...model.sord[0], decided_by: 'nobody' }] };
    const refused = await call('governance-lead', 'POST', '/api/operating-models', {
      model: bad,
      reason: 'bad',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('body/model/sord/0/decided_by');
  });

  it('checks a draft without storing it, and refuses one whose references do not match', async () => {
    const before = (await call('administrator', 'GET', '/api/operating-models?icb=QUA')).body.items.length;
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
    const checked = await call('governance-lead', 'POST', '/api/operating-models/check', {
      model: draft,
      on: '2023-09-01',
    });
    expect(checked.status).toBe(200);
    const lacking = checked.body.findings.find(
      (f: { path: string }) => f.path === `places[${sandwell}].partnership.members`,
    );
    expect(lacking).toMatchObject({ rule: 'system.om.place-partnership', severity: 'warning' });
    expect(lacking.message).toMatch(/^Sandwell's partnership lacks the local authority/);
    expect(lacking.citations[0].text).toMatch(/Integrating care/);
    const refused = await call('governance-lead', 'POST', '/api/operating-models/check', {
      model: { ...draft, sord: [{ ...model.sord[0], decided_by: 'nobody' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('body/model/sord/0/decided_by');
    expect((await call('administrator', 'GET', '/api/operating-models?icb=QUA')).body.items).toHaveLength(
      before,
    );
  });

  it('lists the functions a SoRD can name, with who may decide each on the date', async () => {
    const listed = await call('trust', 'GET', '/api/icb-functions?on=2023-09-01&limit=200');
    expect(listed.body.next_cursor).toBeNull();
    const budget = listed.body.items.find(
      (f: { id: string }) => f.id === 'system.icb-function.annual-budget',
    );
    expect(budget).toMatchObject({ reserved: true, who_may_decide: 'Reserved to the board', in_force: true });
    const first = await call('trust', 'GET', '/api/icb-functions?on=2023-09-01&limit=5');
    const second = await call(
      'trust',
      'GET',
      `/api/icb-functions?on=2023-09-01&limit=5&cursor=${first.body.next_cursor}`,
    );
    expect([...first.body.items, ...second.body.items].map((f: { id: string }) => f.id)).toEqual(
      listed.body.items.slice(0, 10).map((f: { id: string }) => f.id),
    );
  });

  it("shows a trust's collaboratives and places, and an ICB's board, for the organisation page", async () => {
    const trust = await call('trust', 'GET', '/api/organisations/RBK/ics');
    const first = trust.body.models[0];
    expect(first.collaboratives.map((c: { name: string }) => c.name)).toEqual([
      'Black Country Provider Collaborative (acute)',
    ]);
    expect(first.places.map((p: { name: string }) => p.name)).toEqual(['Walsall']);
    const icb = await call('governance-lead', 'GET', '/api/organisations/QUA/ics');
    expect(icb.body.models[0].places).toHaveLength(4);
    expect(icb.body.models[0].places[2]).toMatchObject({
      name: 'Walsall',
      form: 'lead-provider',
      decided_by: 'Walsall Healthcare NHS Trust',
    });
    expect(icb.body.models[0].board[0]).toEqual({
      role: 'chair',
      nominated_by: ['NHS England'],
      represents: [],
    });
  });

  it('on a date, shows only the model of each ICB in force then', async () => {
    const later = { ...model, name: 'Black Country operating model 2025', effective_from: '2025-04-01' };
    await call('governance-lead', 'POST', '/api/operating-models', { model: later, reason: 'new year' });
    const names = async (on: string) =>
      (await call('trust', 'GET', `/api/organisations/RBK/ics?on=${on}`)).body.models.map(
        (m: { name: string }) => m.name,
      );
    expect(await names('2024-06-01')).toEqual([model.name]);
    expect(await names('2025-06-01')).toEqual(['Black Country operating model 2025']);
    expect(await names('2023-01-01')).toEqual([]);
    const undated = (await call('trust', 'GET', '/api/organisations/RBK/ics')).body.models;
    expect(undated.length).toBeGreaterThan(1);
  });
});
