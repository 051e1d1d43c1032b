import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCsv } from '../../csv.ts';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { seedBlackCountryIcb } from '../../store/test-registry.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { xlsxType } from '../tabular.ts';
import { callAs, signInAccounts, type TestAccount } from '../test-accounts.ts';

const dudley = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
const contract = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
const {
  icb: _icb,
  description: _d,
  ...places
} = parse(readFileSync('examples/places/black-country-2025-26.yaml', 'utf8'));

const people: TestAccount[] = [
  { key: 'qua-commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'other-commissioner', role: 'commissioner', organisation: 'QHM' },
  { key: 'administrator', role: 'administrator', organisation: null },
  { key: 'viewer', role: 'viewer', organisation: 'QUA' },
];

const work = mkdtempSync(join(tmpdir(), 'concordat-paper-routes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The words of a PDF, as poppler's pdftotext reads them. */
function pdfText(pdf: Buffer): string {
  const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/**
 * The board paper routes (one per paper, under the role checks of the resource each is drawn
 * from) and the downloads added for the registry, the contract timeline and a replayed contract.
 */
describeOnBothDatabases('board paper routes and registry downloads', (store) => {
  let app: Api;
  let arrangement = '';
  let contractId = '';
  const tokens = new Map<string, string>();
  const call = callAs(() => app, tokens);
  const raw = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { authorization: `Bearer ${tokens.get(who)}` },
    });

  it('starts with a registry slice, users, the Dudley arrangement and contract', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const { db } = store();
    await seedBlackCountryIcb(db);
    const created = await call('qua-commissioner', 'POST', '/api/arrangements', {
      arrangement: dudley,
      reason: 'test',
    });
    arrangement = created.body.id;
    const stored = await call('administrator', 'POST', '/api/contracts', { contract, reason: 'test' });
    expect(stored.status).toBe(201);
    contractId = stored.body.id;
  });

  it('draws each paper as a PDF for whoever may read its resource, and refuses the others', async () => {
    const papers: [string, 'GET' | 'POST', string, RegExp, object?][] = [
      [
        'lawfulness',
        'GET',
        `/api/arrangements/${arrangement}/papers/lawfulness?on=2026-08-01`,
        /is the arrangement\s+lawful on 1 August 2026\?/,
      ],
      ['budget', 'GET', `/api/arrangements/${arrangement}/papers/budget?years=1`, /budget and payments/],
      [
        'allocation',
        'POST',
        '/api/allocations/paper',
        /allocation of the 2025\/26 budget between places/,
        { icb: 'QUA', ...places },
      ],
      ['contract', 'GET', `/api/contracts/${contractId}/paper?on=2021-07-01`, /position on 1 July 2021/],
    ];
    for (const [kind, method, url, title, body] of papers) {
      const got = await raw('qua-commissioner', method, url, body);
      expect(got.statusCode, kind).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename=".*board-paper.*\.pdf"$/);
      expect(pdfText(got.rawPayload).replace(/\s+/g, ' ')).toMatch(title);
    }
    expect((await raw('other-commissioner', 'GET', papers[0]?.[2] ?? '')).statusCode).toBe(403);
    expect((await raw('other-commissioner', 'GET', papers[1]?.[2] ?? '')).statusCode).toBe(403);
    expect(
      (await raw('viewer', 'POST', '/api/allocations/paper', { icb: 'QUA', ...places })).statusCode,
    ).toBe(403);
    expect((await raw('other-commissioner', 'GET', '/api/population/QUA/paper')).statusCode).toBe(403);
    const none = await raw('qua-commissioner', 'GET', '/api/population/QUA/paper');
    expect(none.statusCode).toBe(404);
    expect(none.json().detail).toMatch(/concordat analyse --publish/);
    const badDate = await raw('qua-commissioner', 'GET', `/api/contracts/${contractId}/paper?on=2021-02-30`);
    expect(badDate.json().errors[0].field).toBe('querystring/on');
  });

  it('downloads a registry search, a tree and a history as CSV and Excel', async () => {
    const search = await raw('viewer', 'GET', '/api/organisations?q=black&format=csv');
    expect(search.statusCode).toBe(200);
    expect(parseCsv(search.body)).toEqual([
      ['ODS code', 'Kind', 'Name', 'Opened', 'Closed'],
      ['QUA', 'Integrated care board', 'NHS BLACK COUNTRY INTEGRATED CARE BOARD', '2022-07-01', ''],
      ['D2P2L', 'Sub-ICB location', 'NHS BLACK COUNTRY ICB - D2P2L', '2022-07-01', ''],
    ]);
    const tree = await raw('viewer', 'GET', '/api/organisations/QUA/tree?on=2026-08-01&format=xlsx');
    expect(tree.headers['content-type']).toBe(xlsxType);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tree.rawPayload as never);
    const sheet = book.getWorksheet('Structure');
    const cells = (row: number) => [1, 2, 3, 5, 6, 7].map((c) => sheet?.getRow(row).getCell(c).value ?? null);
    expect(cells(2)).toEqual([0, 'QUA', 'Integrated care board', null, 0, null]);
    expect(cells(3)).toEqual([1, 'D2P2L', 'Sub-ICB location', 'QUA', 0, null]);
    expect(book.getWorksheet('Sources and dates')?.getRow(2).getCell(2).value).toEqual(
      new Date('2026-08-01T00:00:00Z'),
    );
    const history = await raw('viewer', 'GET', '/api/organisations/D2P2L?kind=sub-icb-location&format=csv');
    expect(parseCsv(history.body)[1]).toEqual([
      'Part of',
      '2022-07-01',
      '',
      'QUA',
      'Integrated care board',
      'NHS BLACK COUNTRY INTEGRATED CARE BOARD',
    ]);
  });

  it("downloads a contract's timeline, and a replayed contract's tables from the POST that replays it", async () => {
    const json = await call('viewer', 'GET', `/api/contracts/${contractId}/timeline?on=2021-07-01`);
    const csv = await raw('viewer', 'GET', `/api/contracts/${contractId}/timeline?on=2021-07-01&format=csv`);
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(['Date', 'What happened', 'Outcome', 'Rule']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(
      json.body.timeline.map((t: { on: string; summary: string; rule: string }) => [t.on, t.summary, t.rule]),
    );
    const due = await raw('viewer', 'GET', `/api/contracts/${contractId}/timeline?format=csv&table=next-due`);
    expect(parseCsv(due.body)[0]?.slice(0, 2)).toEqual(['Due', 'Obligation']);

    const replayed = await raw('viewer', 'POST', '/api/contracts/replay?format=xlsx', {
      contract,
      on: '2021-07-01',
    });
    expect(replayed.headers['content-type']).toBe(xlsxType);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(replayed.rawPayload as never);
    const timeline = book.getWorksheet('Timeline');
    expect(timeline?.rowCount).toBe(json.body.timeline.length + 1);
    expect(timeline?.getRow(2).getCell(1).value).toEqual(new Date(`${json.body.timeline[0].on}T00:00:00Z`));
  });
});
