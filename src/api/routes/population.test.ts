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
const publish = (path: string, report: object) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report));
};
const gap = { mostDeprived: 120, leastDeprived: 80, absolute: -40, relative: 1.5, note: null };
const trends = {
  activityCovers: { from: '2024-08-01', to: '2026-07-31' },
  activity: [],
  deathsCover: null,
  prematureMortality: [{ year: '2025/26', deaths: 75, per100000: 381.2, lower95: 300.3, upper95: 477 }],
};
const ethnicity = {
  groups: [
    {
      group: 'black',
      name: 'Black, Black British, Black Welsh, Caribbean or African',
      persons: 120,
      emergencyAdmissions: 15,
      emergencyPer1000Standardised: 140.2,
      emergencyLower95: 78.1,
      emergencyUpper95: 230.5,
      aeAttendances: 40,
      aePer1000: 333.33,
      core20: 60,
      core20Percent: 50,
    },
  ],
  registers: [
    { condition: 'DM', name: 'Diabetes', groups: [{ group: 'black', persons: 10, percent: 8.33 }] },
  ],
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
publish(publishedReportPath('QUA'), {
  title: 'Population health: ICB QUA',
  served: { total: 1000 },
  trends,
  ethnicity,
  inequalities,
});
publish(publishedReportPath('QUA', process.env, { kind: 'place', code: 'E08000027' }), {
  title: 'Population health for Dudley place, NHS Black Country ICB',
  served: { total: 300 },
});
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

type Kind = 'icb' | 'place' | 'la' | 'pcn' | 'practice';

describeOnBothDatabases('population API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const report = (who: string, icb: string, query: { kind?: Kind; area?: string } = {}) =>
    as(who).GET('/api/population/{icb}/report', { params: { path: { icb }, query } });
  const areas = (who: string, icb: string) =>
    as(who).GET('/api/population/{icb}/areas', { params: { path: { icb } } });

  it('serves an ICB report only to its commissioners and assurers', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const answer = (await report('qua-commissioner', 'QUA')).data;
    expect(answer).toMatchObject({ served: { total: 1000 } });
    // The typed sections and everything beside them come back whole.
    expect(answer?.trends).toEqual(trends);
    expect(answer?.inequalities).toEqual(inequalities);
    expect(answer?.ethnicity).toEqual(ethnicity);
    expect((await report('assurer', 'QUA')).response.status).toBe(200);
    expect((await report('other-commissioner', 'QUA')).response.status).toBe(403);
    expect((await report('viewer', 'QUA')).response.status).toBe(403);
    expect((await report('anonymous', 'QUA')).response.status).toBe(401);
    expect((await report('assurer', 'QHM')).response.status).toBe(404);
  });

  it('serves the report of an area of the ICB, under the same role checks', async () => {
    const dudley = { kind: 'place', area: 'E08000027' } as const;
    expect((await report('qua-commissioner', 'QUA', dudley)).data).toMatchObject({ served: { total: 300 } });
    expect((await report('assurer', 'QUA', { kind: 'place', area: 'e08000027' })).response.status).toBe(200);
    expect((await report('other-commissioner', 'QUA', dudley)).response.status).toBe(403);
    expect((await report('viewer', 'QUA', dudley)).response.status).toBe(403);
    expect((await report('anonymous', 'QUA', dudley)).response.status).toBe(401);
    // An area with no report says which, by name, and how to publish it.
    const brierley = await report('assurer', 'QUA', { kind: 'pcn', area: 'U66146' });
    expect(brierley.response.status).toBe(404);
    expect(brierley.error?.detail).toBe(
      'No population health report has been published for Brierley Hill PCN: run concordat analyse --icb QUA --area pcn:U66146 --publish (or --area all for every area).',
    );
    expect((await report('assurer', 'QUA', { kind: 'place', area: 'stafford' })).error?.detail).toBe(
      "QUA has no place 'stafford': GET /api/population/QUA/areas lists them.",
    );
    // The area is checked: a kind of area there is not, an area without its kind's code.
    const noArea = await report('assurer', 'QUA', { kind: 'la' });
    expect(noArea.response.status).toBe(400);
    expect(noArea.error?.errors).toEqual([
      {
        field: 'querystring/area',
        problem: 'must name the local authority',
        hint: 'Give its code, as GET /api/population/QUA/areas lists it.',
      },
    ]);
    const ward = await report('assurer', 'QUA', { kind: 'ward' as Kind, area: 'x' });
    expect(ward.response.status).toBe(400);
    expect(ward.error?.errors?.[0]?.field).toBe('querystring/kind');
    expect((await report('assurer', 'QUA', { area: '../../etc' })).response.status).toBe(400);
  });

  it('lists the areas of the ICB by kind and name, saying which have a report', async () => {
    const listed = await areas('qua-commissioner', 'QUA');
    expect(listed.response.status).toBe(200);
    const body = listed.data;
    expect(body).toMatchObject({
      icb: 'QUA',
      icb_name: 'NHS Black Country ICB',
      grouping: 'Places by local authority',
    });
    const of = (kind: Kind) => body?.areas.filter((a) => a.kind === kind) ?? [];
    expect(of('icb')).toEqual([
      expect.objectContaining({
        code: 'QUA',
        title: 'Population health for NHS Black Country ICB',
        published: true,
      }),
    ]);
    expect(of('place').map((a) => [a.name, a.code, a.published])).toEqual([
      ['Dudley', 'E08000027', true],
      ['Sandwell', 'E08000028', false],
      ['Walsall', 'E08000030', false],
      ['Wolverhampton', 'E08000031', false],
    ]);
    expect(of('place')[0]?.title).toBe('Population health for Dudley place, NHS Black Country ICB');
    expect(of('la').map((a) => a.label)).toContain('Dudley local authority');
    expect(of('pcn').length).toBe(28);
    expect(of('practice').length).toBe(169);
    expect(of('practice').find((a) => a.code === 'M87003')?.name).toBe('Moss Grove Surgery');
    expect((await areas('assurer', 'QUA')).response.status).toBe(200);
    expect((await areas('other-commissioner', 'QUA')).response.status).toBe(403);
    expect((await areas('viewer', 'QUA')).response.status).toBe(403);
    expect((await areas('anonymous', 'QUA')).response.status).toBe(401);
    expect((await areas('assurer', 'ZZZ')).response.status).toBe(404);
  });
});
