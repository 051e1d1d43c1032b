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
import { clientsFor, signInAccounts, type TestAccount } from '../test-accounts.ts';
import type { ApiClient } from '../test-client.ts';

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

/** A download through the generated client: the file's bytes, or the problem. */
type Download = { response: Response; data?: ArrayBuffer; error?: unknown };

const work = mkdtempSync(join(tmpdir(), 'concordat-paper-routes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The words of a PDF, as poppler's pdftotext reads them. */
function pdfText(pdf: ArrayBuffer | undefined): string {
  const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, new Uint8Array(pdf ?? new ArrayBuffer(0)));
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
  const as = clientsFor(() => app, tokens);
  const contractPath = () => ({ path: { id: contractId } });

  it('starts with a registry slice, users, the Dudley arrangement and contract', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const { db } = store();
    await seedBlackCountryIcb(db);
    const created = await as('qua-commissioner').POST('/api/arrangements', {
      body: { arrangement: dudley, reason: 'test' },
    });
    arrangement = created.data?.id ?? '';
    const stored = await as('administrator').POST('/api/contracts', { body: { contract, reason: 'test' } });
    expect(stored.response.status).toBe(201);
    contractId = stored.data?.id ?? '';
  });

  it('draws each paper as a PDF for whoever may read its resource, and refuses the others', async () => {
    const pdf = 'arrayBuffer' as const;
    const papers: Record<string, [(api: ApiClient) => Promise<Download>, RegExp]> = {
      lawfulness: [
        (api) =>
          api.GET('/api/arrangements/{id}/papers/lawfulness', {
            params: { path: { id: arrangement }, query: { on: '2026-08-01' } },
            parseAs: pdf,
          }),
        /is the arrangement\s+lawful on 1 August 2026\?/,
      ],
      budget: [
        (api) =>
          api.GET('/api/arrangements/{id}/papers/budget', {
            params: { path: { id: arrangement }, query: { years: 1 } },
            parseAs: pdf,
          }),
        /budget and payments/,
      ],
      allocation: [
        (api) => api.POST('/api/allocations/paper', { body: { icb: 'QUA', ...places }, parseAs: pdf }),
        /allocation of the 2025\/26 budget between places/,
      ],
      contract: [
        (api) =>
          api.GET('/api/contracts/{id}/paper', {
            params: { ...contractPath(), query: { on: '2021-07-01' } },
            parseAs: pdf,
          }),
        /position on 1 July 2021/,
      ],
    };
    for (const [kind, [request, title]] of Object.entries(papers)) {
      const got = await request(as('qua-commissioner'));
      expect(got.response.status, kind).toBe(200);
      expect(got.response.headers.get('content-type')).toBe('application/pdf');
      expect(got.response.headers.get('content-disposition')).toMatch(
        /^attachment; filename=".*board-paper.*\.pdf"$/,
      );
      expect(pdfText(got.data).replace(/\s+/g, ' ')).toMatch(title);
    }
    const refused = async (kind: string, who: string) => (await papers[kind]?.[0](as(who)))?.response.status;
    expect(await refused('lawfulness', 'other-commissioner')).toBe(403);
    expect(await refused('budget', 'other-commissioner')).toBe(403);
    expect(await refused('allocation', 'viewer')).toBe(403);
    const population = (who: string) =>
      as(who).GET('/api/population/{icb}/paper', { params: { path: { icb: 'QUA' } }, parseAs: pdf });
    expect((await population('other-commissioner')).response.status).toBe(403);
    const none = await population('qua-commissioner');
    expect(none.response.status).toBe(404);
    expect(none.error?.detail).toMatch(/concordat analyse --publish/);
    const badDate = await as('qua-commissioner').GET('/api/contracts/{id}/paper', {
      params: { ...contractPath(), query: { on: '2021-02-30' } },
      parseAs: pdf,
    });
    expect(badDate.error?.errors?.[0]?.field).toBe('querystring/on');
  });

  it('downloads a registry search, a tree and a history as CSV and Excel', async () => {
    const viewer = as('viewer');
    const search = await viewer.GET('/api/organisations', {
      params: { query: { q: 'black', format: 'csv' } },
      parseAs: 'text',
    });
    expect(search.response.status).toBe(200);
    expect(parseCsv(search.data ?? '')).toEqual([
      ['ODS code', 'Kind', 'Name', 'Opened', 'Closed'],
      ['QUA', 'Integrated care board', 'NHS BLACK COUNTRY INTEGRATED CARE BOARD', '2022-07-01', ''],
      ['D2P2L', 'Sub-ICB location', 'NHS BLACK COUNTRY ICB - D2P2L', '2022-07-01', ''],
    ]);
    const tree = await viewer.GET('/api/organisations/{code}/tree', {
      params: { path: { code: 'QUA' }, query: { on: '2026-08-01', format: 'xlsx' } },
      parseAs: 'arrayBuffer',
    });
    expect(tree.response.headers.get('content-type')).toBe(xlsxType);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tree.data as ArrayBuffer);
    const sheet = book.getWorksheet('Structure');
    const cells = (row: number) => [1, 2, 3, 5, 6, 7].map((c) => sheet?.getRow(row).getCell(c).value ?? null);
    expect(cells(2)).toEqual([0, 'QUA', 'Integrated care board', null, 0, null]);
    expect(cells(3)).toEqual([1, 'D2P2L', 'Sub-ICB location', 'QUA', 0, null]);
    expect(book.getWorksheet('Sources and dates')?.getRow(2).getCell(2).value).toEqual(
      new Date('2026-08-01T00:00:00Z'),
    );
    const history = await viewer.GET('/api/organisations/{code}', {
      params: { path: { code: 'D2P2L' }, query: { kind: 'sub-icb-location', format: 'csv' } },
      parseAs: 'text',
    });
    expect(parseCsv(history.data ?? '')[1]).toEqual([
      'Part of',
      '2022-07-01',
      '',
      'QUA',
      'Integrated care board',
      'NHS BLACK COUNTRY INTEGRATED CARE BOARD',
    ]);
  });

  it("downloads a contract's timeline, and a replayed contract's tables from the POST that replays it", async () => {
    const viewer = as('viewer');
    const on = { on: '2021-07-01' };
    const timeline =
      (await viewer.GET('/api/contracts/{id}/timeline', { params: { ...contractPath(), query: on } })).data
        ?.timeline ?? [];
    const csv = await viewer.GET('/api/contracts/{id}/timeline', {
      params: { ...contractPath(), query: { ...on, format: 'csv' } },
      parseAs: 'text',
    });
    const rows = parseCsv(csv.data ?? '');
    expect(rows[0]).toEqual(['Date', 'What happened', 'Outcome', 'Rule']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(
      timeline.map((t) => [t.on, t.summary, t.rule]),
    );
    const due = await viewer.GET('/api/contracts/{id}/timeline', {
      params: { ...contractPath(), query: { format: 'csv', table: 'next-due' } },
      parseAs: 'text',
    });
    expect(parseCsv(due.data ?? '')[0]?.slice(0, 2)).toEqual(['Due', 'Obligation']);

    const replayed = await viewer.POST('/api/contracts/replay', {
      params: { query: { format: 'xlsx' } },
      body: { contract, ...on },
      parseAs: 'arrayBuffer',
    });
    expect(replayed.response.headers.get('content-type')).toBe(xlsxType);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(replayed.data as ArrayBuffer);
    const sheet = book.getWorksheet('Timeline');
    expect(sheet?.rowCount).toBe(timeline.length + 1);
    expect(sheet?.getRow(2).getCell(1).value).toEqual(new Date(`${timeline[0]?.on}T00:00:00Z`));
  });
});
