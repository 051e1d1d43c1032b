import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { publishedReportPath } from '../../population/published.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { clientsFor, signInAccounts, type TestAccount } from '../test-accounts.ts';

const dataDir = mkdtempSync(`${tmpdir()}/concordat-population-api-`);
const previous = process.env.CONCORDAT_DATA_DIR;
process.env.CONCORDAT_DATA_DIR = dataDir;
const path = publishedReportPath('QUA');
mkdirSync(dirname(path), { recursive: true });
const gap = { mostDeprived: 120, leastDeprived: 80, absolute: -40, relative: 1.5, note: null };
const trends = {
  activityCovers: { from: '2024-08-01', to: '2026-07-31' },
  activity: [],
  deathsCover: null,
  prematureMortality: [{ year: '2025/26', deaths: 75, per100000: 381.2, lower95: 300.3, upper95: 477 }],
};
const inequalities = {
  byDecile: [{ decile: 1 }],
  decileGap: {
    emergencyAdmissionsPer1000Standardised: gap,
    aePer1000: gap,
    costPerHeadPence: gap,
    multimorbidPercent: gap,
    lifeExpectancy: { F: gap, M: gap },
  },
};
writeFileSync(
  path,
  JSON.stringify({ title: 'Population health: ICB QUA', served: { total: 1000 }, trends, inequalities }),
);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  if (previous === undefined) delete process.env.CONCORDAT_DATA_DIR;
  else process.env.CONCORDAT_DATA_DIR = previous;
});

const people: TestAccount[] = [
  { key: 'qua-commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'other-commissioner', role: 'commissioner', organisation: 'QHM' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'viewer', role: 'viewer', organisation: 'QUA' },
];

describeOnBothDatabases('population API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const report = (who: string, icb: string) =>
    as(who).GET('/api/population/{icb}/report', { params: { path: { icb } } });

  it('serves an ICB report only to its commissioners and assurers', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const answer = (await report('qua-commissioner', 'QUA')).data;
    expect(answer).toMatchObject({ served: { total: 1000 } });
    // The typed sections and everything beside them come back whole.
    expect(answer?.trends).toEqual(trends);
    expect(answer?.inequalities).toEqual(inequalities);
    expect((await report('assurer', 'QUA')).response.status).toBe(200);
    expect((await report('other-commissioner', 'QUA')).response.status).toBe(403);
    expect((await report('viewer', 'QUA')).response.status).toBe(403);
    expect((await report('anonymous', 'QUA')).response.status).toBe(401);
    expect((await report('assurer', 'QHM')).response.status).toBe(404);
  });
});
