import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCsv } from '../../csv.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { readPlacesFile } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { loadWeightedPopulations } from '../../finance/weighted-populations.ts';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { xlsxType } from '../tabular.ts';
import { callAs, signInAccounts, type TestAccount } from '../test-accounts.ts';
import { pointerUnder } from './money.handlers.ts';

const file = 'examples/black-country-dudley-place-2026.yaml';
const dudley = readArrangementFile(file);
const placesFile = 'examples/places/black-country-2025-26.yaml';
const { icb: _icb, description: _d, ...places } = parse(readFileSync(placesFile, 'utf8'));

const people: TestAccount[] = [
  { key: 'qua-commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'other-commissioner', role: 'commissioner', organisation: 'QHM' },
  { key: 'assurer', role: 'assurer', organisation: null },
];

it('turns domain field paths into the API problem pointers', () => {
  expect(pointerUnder('body', 'pot[0].ring_fences[1].amount')).toBe('body/pot/0/ring_fences/1/amount');
  expect(pointerUnder('arrangement', 'term')).toBe('arrangement/term');
});

describeOnBothDatabases('money API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const call = callAs(() => app, tokens);
  let id = '';

  it('starts with users and the Dudley arrangement', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await call('qua-commissioner', 'POST', '/api/arrangements', {
      arrangement: dudley,
      reason: 'test',
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });

  it('gives the same budget report as concordat budget --format json, with traces on request', async () => {
    const rulebook = loadRulebook();
    const expected = budgetReport(dudley, classifyByRulebook(rulebook), rulebook, { years: 2 });
    const got = await call('qua-commissioner', 'GET', `/api/arrangements/${id}/budget?years=2`);
    expect(got.status).toBe(200);
    const { practice_lists: _lists, ...report } = got.body;
    expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(got.body.years).toHaveLength(2);
    expect(got.body.years[0].instalments).toHaveLength(12);
    expect(got.body.budget.icp_total.trace).toBeUndefined();
    const explained = await call('assurer', 'GET', `/api/arrangements/${id}/budget?years=1&explain=true`);
    expect(explained.body.years[0].wpap.trace.rule).toMatch(/\S/);
  });

  it('refuses a commissioner who is not a party, and names a bad query field', async () => {
    expect((await call('other-commissioner', 'GET', `/api/arrangements/${id}/budget`)).status).toBe(403);
    const bad = await call('qua-commissioner', 'GET', `/api/arrangements/${id}/budget?years=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring/years');
  });

  it('allocates the Black Country pot as concordat allocate does, for its commissioners and assurers', async () => {
    const expected = allocationReport(
      allocatePlaces(readPlacesFile(placesFile, 'QUA', '2025/26'), loadWeightedPopulations('2025/26')),
    );
    const got = await call('qua-commissioner', 'POST', '/api/allocations', { icb: 'QUA', ...places });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(
      (await call('other-commissioner', 'POST', '/api/allocations', { icb: 'QUA', ...places })).status,
    ).toBe(403);
    expect((await call('assurer', 'POST', '/api/allocations', { icb: 'QUA', ...places })).status).toBe(200);
  });

  it("allocates by NHS England's tool method when asked, names the method used, and refuses an unknown one", async () => {
    const input = readPlacesFile(placesFile, 'QUA', '2025/26');
    const weights = loadWeightedPopulations('2025/26');
    const tool = allocationReport(allocatePlaces({ ...input, method: 'nhse-tool' }, weights));
    const got = await call('qua-commissioner', 'POST', '/api/allocations', {
      icb: 'QUA',
      ...places,
      method: 'nhse-tool',
    });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(JSON.parse(JSON.stringify(tool)));
    expect(got.body.method).toBe('nhse-tool');
    expect(got.body.places[0].need_index.decimal).toMatch(/^\d\.\d{3}$/);
    const exact = await call('qua-commissioner', 'POST', '/api/allocations', { icb: 'QUA', ...places });
    expect(exact.body.method).toBe('exact');
    const bad = await call('assurer', 'POST', '/api/allocations', { icb: 'QUA', ...places, method: 'rough' });
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
    const got = await call('qua-commissioner', 'GET', `/api/arrangements/${id}/budget?years=1`);
    expect(got.body.practice_lists).toEqual({
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
    const get = (who: string, url: string, accept?: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${tokens.get(who)}`, ...(accept ? { accept } : {}) },
      });
    const json = (await call('qua-commissioner', 'GET', `/api/arrangements/${id}/budget?years=1`)).body;
    const csv = await get(
      'qua-commissioner',
      `/api/arrangements/${id}/budget?years=1&format=csv&table=instalments`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".*instalments.*\.csv"/);
    const rows = parseCsv(csv.body);
    expect(rows).toHaveLength(13);
    expect(rows.slice(1).map((r) => Math.round(Number(r[4]) * 100))).toEqual(
      json.years[0].instalments.map((i: { pence: number }) => i.pence),
    );
    const xlsx = await get('assurer', `/api/arrangements/${id}/budget?years=1`, xlsxType);
    expect(xlsx.headers['content-type']).toBe(xlsxType);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    expect(book.getWorksheet('WPAP by year')?.getRow(2).getCell(7).value).toBe(
      json.years[0].wpap.pence / 100,
    );
    expect((await get('other-commissioner', `/api/arrangements/${id}/budget?format=csv`)).statusCode).toBe(
      403,
    );
    const bad = await get('qua-commissioner', `/api/arrangements/${id}/budget?format=csv&table=nope`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors[0]).toMatchObject({
      field: 'query/table',
      hint: expect.stringMatching(/instalments/),
    });
  });

  it('names the field that is wrong in an allocation request', async () => {
    const badAmount = await call('assurer', 'POST', '/api/allocations', {
      icb: 'QUA',
      ...places,
      pot: [{ ...places.pot[0], amount: 'lots' }],
    });
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.errors[0].field).toBe('body/pot/0/amount');
    const badPractice = await call('assurer', 'POST', '/api/allocations', {
      icb: 'QUA',
      ...places,
      places: [{ id: 'x', name: 'X', practices: ['nope'] }],
    });
    expect(badPractice.body.errors[0].field).toBe('body/places/0/practices/0');
  });
});
