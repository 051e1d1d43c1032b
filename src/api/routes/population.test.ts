import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { publishedReportPath } from '../../population/published.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { signInAccounts, type TestAccount } from '../test-accounts.ts';

const dataDir = mkdtempSync(`${tmpdir()}/concordat-population-api-`);
const previous = process.env.CONCORDAT_DATA_DIR;
process.env.CONCORDAT_DATA_DIR = dataDir;
const path = publishedReportPath('QUA');
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, JSON.stringify({ title: 'Population health: ICB QUA', served: { total: 1000 } }));
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
  const get = async (who: string | null, url: string) => {
    const token = who ? tokens.get(who) : undefined;
    const r = await app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: r.statusCode, body: r.json() };
  };

  it('serves an ICB report only to its commissioners and assurers', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    expect((await get('qua-commissioner', '/api/population/QUA/report')).body.served.total).toBe(1000);
    expect((await get('assurer', '/api/population/QUA/report')).status).toBe(200);
    expect((await get('other-commissioner', '/api/population/QUA/report')).status).toBe(403);
    expect((await get('viewer', '/api/population/QUA/report')).status).toBe(403);
    expect((await get(null, '/api/population/QUA/report')).status).toBe(401);
    expect((await get('assurer', '/api/population/QHM/report')).status).toBe(404);
  });
});
