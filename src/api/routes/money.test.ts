import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCsv } from '../../csv.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { readPlacesFile } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { loadWeightedPopulations } from '../../system/weighted-populations.ts';
import type { operations } from '../../web/openapi.generated.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { xlsxType } from '../tabular.ts';
import { callOutsideDocument, clientsFor, signInAccounts, type TestAccount } from '../test-accounts.ts';
import { pointerUnder } from './money.handlers.ts';

const file = 'examples/black-country-dudley-place-2026.yaml';
const dudley = readArrangementFile(file);
const placesFile = 'examples/places/black-country-2025-26.yaml';
type AllocationRequest = operations['allocatePlaces']['requestBody']['content']['application/json'];
const { icb: _icb, description: _d, ...placesYaml } = parse(readFileSync(placesFile, 'utf8'));
const places: Omit<AllocationRequest, 'icb'> = placesYaml;

const people: TestAccount[] = [
  { key: 'qua-commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'other-commissioner', role: 'commissioner', organisation: 'QHM' },
  { key: 'assurer', role: 'assurer', organisation: null },
];

it('turns domain field paths into the API problem pointers', () => {
  expect(pointerUnder('body', 'pot[0].ring_fences[1].amount')).toBe('body/pot/0/ring_fences/1/amount');
  expect(pointerUnder('arrangement', 'term')).toBe('arrangement/term');
});

/** Every parameter named anywhere in an answer's traces. */
function parametersIn(answer: unknown): { id: string; provenance?: unknown }[] {
  if (Array.isArray(answer)) return answer.flatMap(parametersIn);
  if (answer === null || typeof answer !== 'object') return [];
  const own = 'parameters' in answer && Array.isArray(answer.parameters) ? answer.parameters : [];
  return [...own, ...Object.values(answer).flatMap(parametersIn)];
}

describeOnBothDatabases('money API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  let id = '';
  const budget = (who: string, query: { years?: number; explain?: 'true' } = {}) =>
    as(who).GET('/api/arrangements/{id}/budget', { params: { path: { id }, query } });
  const allocate = (who: string, request: Partial<AllocationRequest> = {}) =>
    as(who).POST('/api/allocations', { body: { icb: 'QUA', ...places, ...request } });

  it('starts with users and the Dudley arrangement', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await as('qua-commissioner').POST('/api/arrangements', {
      body: { arrangement: dudley, reason: 'test' },
    });
    expect(created.response.status).toBe(201);
    id = created.data?.id ?? '';
  });

  it('gives the same budget report as concordat budget --format json, with traces on request', async () => {
    const rulebook = loadRulebook();
    const expected = budgetReport(dudley, classifyByRulebook(rulebook), rulebook, { years: 2 });
    const got = await budget('qua-commissioner', { years: 2 });
    expect(got.response.status).toBe(200);
    const { practice_lists: _lists, ...report } = got.data ?? {};
    expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(got.data?.years).toHaveLength(2);
    expect(got.data?.years[0]?.instalments).toHaveLength(12);
    expect(got.data?.budget.icp_total.trace).toBeUndefined();
    const explained = await budget('assurer', { years: 1, explain: 'true' });
    expect(explained.data?.years[0]?.wpap.trace?.rule).toMatch(/\S/);
  });

  it('says in a trace how far each rulebook parameter was checked, and nothing of a local figure', async () => {
    const rulebook = loadRulebook();
    // Without agreed corridors the rulebook's default risk-share corridors apply.
    const { corridors: _agreed, ...riskShare } = dudley.payment?.risk_share ?? {};
    const created = await as('qua-commissioner').POST('/api/arrangements', {
      body: {
        arrangement: { ...dudley, payment: { ...dudley.payment, risk_share: riskShare } },
        reason: 'test',
      },
    });
    const explained = await as('assurer').GET('/api/arrangements/{id}/budget', {
      params: { path: { id: created.data?.id ?? '' }, query: { years: 1, explain: 'true' } },
    });
    const used = parametersIn(explained.data);
    const fromRulebook = used.filter((p) => rulebook.entries.has(p.id));
    expect(fromRulebook.map((p) => p.id)).toContain('money.risk-share.default-corridors');
    for (const p of fromRulebook) expect(p.provenance, p.id).toEqual(rulebook.entry(p.id).provenance);
    const local = used.filter((p) => !rulebook.entries.has(p.id));
    expect(local.length).toBeGreaterThan(0);
    for (const p of local) expect(p.provenance, p.id).toBeUndefined();
  });

  it('refuses a commissioner who is not a party, and names a bad query field', async () => {
    expect((await budget('other-commissioner')).response.status).toBe(403);
    const bad = await budget('qua-commissioner', { years: 0 });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.errors?.[0]?.field).toBe('querystring/years');
  });

  it('allocates the Black Country pot as concordat allocate does, for its commissioners and assurers', async () => {
    const expected = allocationReport(
      allocatePlaces(readPlacesFile(placesFile, 'QUA', '2025/26'), loadWeightedPopulations('2025/26')),
    );
    const got = await allocate('qua-commissioner');
    expect(got.response.status).toBe(200);
    expect(got.data).toEqual(JSON.parse(JSON.stringify(expected)));
    expect((await allocate('other-commissioner')).response.status).toBe(403);
    expect((await allocate('assurer')).response.status).toBe(200);
  });

  it("allocates by NHS England's tool method when asked, names the method used, and refuses an unknown one", async () => {
    const input = readPlacesFile(placesFile, 'QUA', '2025/26');
    const weights = loadWeightedPopulations('2025/26');
    const tool = allocationReport(allocatePlaces({ ...input, method: 'nhse-tool' }, weights));
    const got = await allocate('qua-commissioner', { method: 'nhse-tool' });
    expect(got.response.status).toBe(200);
    expect(got.data).toEqual(JSON.parse(JSON.stringify(tool)));
    expect(got.data?.method).toBe('nhse-tool');
    expect(got.data?.places[0]?.need_index.decimal).toMatch(/^\d\.\d{3}$/);
    const exact = await allocate('qua-commissioner');
    expect(exact.data?.method).toBe('exact');
    // A method the document does not list cannot be sent through the generated client.
    const bad = await callOutsideDocument(() => app, tokens)('assurer', 'POST', '/api/allocations', {
      icb: 'QUA',
      ...places,
      method: 'rough',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body/method');
  });

  it('gives the list sizes flow-through is shared by beside the registry’s published lists', async () => {
    // One practice with its QOF 2020/21 list in the registry, the other not in it.
    const [practice] = await store()
      .db.insertInto('organisations')
      .values({
        code: 'M87009',
        kind: 'practice',
        name: 'AW SURGERIES',
        opened: null,
        closed: null,
        source: 'test',
      })
      .returning('id')
      .execute();
    await store()
      .db.insertInto('list_sizes')
      .values({ organisation_id: practice?.id ?? 0, as_at: '2021-01-01', list_size: 17202, source: 'test' })
      .execute();
    const got = await budget('qua-commissioner', { years: 1 });
    expect(got.data?.practice_lists).toEqual({
      published_source: {
        title: "NHS Digital's Quality and Outcomes Framework 2020/21 practice list sizes",
        as_at: '2021-01-01',
      },
      practices: [
        {
          ods: 'M87009',
          name: 'AW Surgeries',
          list_size: 17202,
          published: { list_size: 17202, as_at: '2021-01-01' },
        },
        { ods: 'M87010', name: 'The Waterfront Surgery', list_size: 8189, published: null },
      ],
    });
  });

  it('gives the budget tables as CSV and Excel, to the penny, and only to those who may read it', async () => {
    const json = (await budget('qua-commissioner', { years: 1 })).data;
    const csv = await as('qua-commissioner').GET('/api/arrangements/{id}/budget', {
      params: { path: { id }, query: { years: 1, format: 'csv', table: 'instalments' } },
      parseAs: 'text',
    });
    expect(csv.response.status).toBe(200);
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.response.headers.get('content-disposition')).toMatch(
      /attachment; filename=".*instalments.*\.csv"/,
    );
    const rows = parseCsv(csv.data ?? '');
    expect(rows).toHaveLength(13);
    expect(rows.slice(1).map((r) => Math.round(Number(r[4]) * 100))).toEqual(
      json?.years[0]?.instalments.map((i) => i.pence),
    );
    const xlsx = await as('assurer').GET('/api/arrangements/{id}/budget', {
      params: { path: { id }, query: { years: 1 } },
      headers: { accept: xlsxType },
      parseAs: 'arrayBuffer',
    });
    expect(xlsx.response.headers.get('content-type')).toBe(xlsxType);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.data as ArrayBuffer);
    expect(book.getWorksheet('WPAP by year')?.getRow(2).getCell(7).value).toBe(
      (json?.years[0]?.wpap.pence ?? 0) / 100,
    );
    const refused = await as('other-commissioner').GET('/api/arrangements/{id}/budget', {
      params: { path: { id }, query: { format: 'csv' } },
      parseAs: 'text',
    });
    expect(refused.response.status).toBe(403);
    const bad = await as('qua-commissioner').GET('/api/arrangements/{id}/budget', {
      params: { path: { id }, query: { format: 'csv', table: 'nope' } },
      parseAs: 'text',
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.errors?.[0]).toMatchObject({
      field: 'query/table',
      hint: expect.stringMatching(/instalments/),
    });
  });

  it('names the field that is wrong in an allocation request', async () => {
    const badAmount = await allocate('assurer', {
      pot: places.pot.slice(0, 1).map((p) => ({ ...p, amount: 'lots' })),
    });
    expect(badAmount.response.status).toBe(400);
    expect(badAmount.error?.errors?.[0]?.field).toBe('body/pot/0/amount');
    const badPractice = await allocate('assurer', { places: [{ id: 'x', name: 'X', practices: ['nope'] }] });
    expect(badPractice.error?.errors?.[0]?.field).toBe('body/places/0/practices/0');
  });
});
