import { expect, it } from 'vitest';
import { loadWeightedPopulations } from '../../finance/weighted-populations.ts';
import { listAudit } from '../../store/audit.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { signInAccounts, type TestAccount } from '../test-accounts.ts';

/** NHS Black Country ICB's practices grouped by the local authority they sit in (2025/26 file). */
function byLocalAuthority(): { name: string; practices: string[] }[] {
  const places = new Map<string, string[]>();
  for (const p of loadWeightedPopulations('2025/26').filter((p) => p.icb === 'QUA')) {
    places.set(p.la_name, [...(places.get(p.la_name) ?? []), p.practice]);
  }
  return [...places].map(([name, practices]) => ({ name, practices }));
}

const people: TestAccount[] = [
  { key: 'commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'other-commissioner', role: 'commissioner', organisation: 'QHM' },
  { key: 'provider', role: 'provider', organisation: 'RNA' },
  { key: 'local-authority', role: 'local-authority', organisation: 'E08000027' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'viewer', role: 'viewer', organisation: 'QUA' },
  { key: 'administrator', role: 'administrator', organisation: null },
];
const everyone = [...people.map((p) => p.key), 'anonymous'];
/** Who may save a grouping for QUA: its commissioners and administrators; everyone signed in reads. */
const writes = { commissioner: 0, administrator: 0 } as Record<string, number>;

describeOnBothDatabases('place groupings API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const call = async (who: string, method: string, url: string, payload?: object) => {
    const token = tokens.get(who);
    const r = await app.inject({
      method: method as 'GET',
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: r.statusCode, body: r.json(), type: r.headers['content-type'] };
  };
  const places = byLocalAuthority();
  let id = '';
  let n = 0;

  it('starts with a user per role and a saved grouping', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await call('commissioner', 'POST', '/api/icbs/QUA/place-groupings', {
      name: 'By local authority',
      places,
      reason: 'first grouping',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ icb: 'QUA', year: '2025/26', version: 1, places });
    id = created.body.id;
  });

  it('answers every endpoint for every role as the authorisation matrix says', async () => {
    const version = async () =>
      (await call('administrator', 'GET', `/api/icbs/QUA/place-groupings/${id}`)).body.version as number;
    const matrix: { name: string; write: boolean; request: () => Promise<[string, string, object?]> }[] = [
      { name: 'practices', write: false, request: async () => ['GET', '/api/icbs/QUA/practices'] },
      { name: 'list', write: false, request: async () => ['GET', '/api/icbs/QUA/place-groupings'] },
      { name: 'get', write: false, request: async () => ['GET', `/api/icbs/QUA/place-groupings/${id}`] },
      {
        name: 'create',
        write: true,
        request: async () => [
          'POST',
          '/api/icbs/QUA/place-groupings',
          { name: `Matrix ${++n}`, places, reason: 'matrix' },
        ],
      },
      {
        name: 'update',
        write: true,
        request: async () => [
          'PUT',
          `/api/icbs/QUA/place-groupings/${id}`,
          { version: await version(), name: 'By local authority', places, reason: 'matrix' },
        ],
      },
    ];
    const wrong: string[] = [];
    for (const row of matrix) {
      for (const who of everyone) {
        const ok = row.write ? (row.name === 'create' ? 201 : 200) : 200;
        const expected = who === 'anonymous' ? 401 : !row.write || who in writes ? ok : 403;
        const [method, url, payload] = await row.request();
        const got = await call(who, method, url, payload);
        if (got.status !== expected) wrong.push(`${row.name} as ${who}: ${got.status}, expected ${expected}`);
        if (got.status >= 400) expect(got.type).toMatch(/application\/problem\+json/);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists the ICB practices with their local authority', async () => {
    const got = await call('viewer', 'GET', '/api/icbs/QUA/practices');
    expect(got.body.icb_name).toBe('NHS Black Country ICB');
    expect(got.body.practices).toContainEqual(
      expect.objectContaining({
        code: 'M88015',
        local_authority: 'E08000025',
        local_authority_name: 'Birmingham',
      }),
    );
    expect((await call('viewer', 'GET', '/api/icbs/ZZZ/practices')).status).toBe(404);
  });

  it('names the field: a practice in two places, an unknown practice, an empty name, a practice in no place', async () => {
    const post = (body: object) =>
      call('commissioner', 'POST', '/api/icbs/QUA/place-groupings', { name: 'Bad', reason: 'test', ...body });
    const [first, second, ...rest] = places;
    if (!first || !second) throw new Error('QUA has fewer than two local authorities');
    const twice = await post({
      places: [first, { ...second, practices: [...second.practices, first.practices[0]] }, ...rest],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([
      expect.objectContaining({
        field: `body/places/1/practices/${second.practices.length}`,
        problem: expect.stringContaining(`already in place '${first.name}'`),
      }),
    ]);
    const unknown = await post({
      places: [{ ...first, practices: ['A81001', ...first.practices] }, second, ...rest],
    });
    expect(unknown.body.errors[0]).toMatchObject({
      field: 'body/places/0/practices/0',
      problem: expect.stringContaining('A81001 is not a practice of QUA'),
    });
    const empty = await post({ places: [{ ...first, name: '  ' }, second, ...rest] });
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body/places/0/name' })]);
    const sameName = await post({ places: [first, { ...second, name: first.name.toUpperCase() }, ...rest] });
    expect(sameName.body.errors).toEqual([expect.objectContaining({ field: 'body/places/1/name' })]);
    const noPractices = await post({ places: [first, second, ...rest, { name: 'Empty', practices: [] }] });
    expect(noPractices.body.errors).toEqual([
      expect.objectContaining({ field: `body/places/${places.length}/practices` }),
    ]);
    const unplaced = await post({ places: [first] });
    expect(unplaced.body.errors[0]).toMatchObject({
      field: 'body/places',
      problem: expect.stringContaining('in no place'),
    });
    const taken = await post({ name: 'By local authority', places });
    expect(taken.body.errors).toEqual([expect.objectContaining({ field: 'body/name' })]);
  });

  it('saves a change, refuses a stale version with 409, and audits each save', async () => {
    const before = await call('commissioner', 'GET', `/api/icbs/QUA/place-groupings/${id}`);
    const [first, second, ...rest] = places;
    if (!first || !second) throw new Error('QUA has fewer than two local authorities');
    const moved = [
      { ...first, practices: first.practices.slice(1) },
      { ...second, practices: [...second.practices, ...first.practices.slice(0, 1)] },
      ...rest,
    ];
    const saved = await call('commissioner', 'PUT', `/api/icbs/QUA/place-groupings/${id}`, {
      version: before.body.version,
      name: 'Moved one',
      places: moved,
      reason: 'a practice over the boundary',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: before.body.version + 1, name: 'Moved one', places: moved });
    const stale = await call('administrator', 'PUT', `/api/icbs/QUA/place-groupings/${id}`, {
      version: before.body.version,
      name: 'Lost update',
      places,
      reason: 'late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current_version).toBe(before.body.version + 1);
    expect((await call('commissioner', 'GET', `/api/icbs/QUA/place-groupings/${id}`)).body.name).toBe(
      'Moved one',
    );
    const audit = await listAudit(store().db, { entity: 'place-grouping', entityId: id, limit: 1000 });
    expect(audit.map((a) => a.action)).toEqual(['create', ...audit.slice(1).map(() => 'update')]);
    expect(audit.at(-1)).toMatchObject({
      reason: 'a practice over the boundary',
      after: { name: 'Moved one' },
    });
    expect((await call('commissioner', 'GET', '/api/icbs/QUA/place-groupings/nope')).status).toBe(404);
  });
});
