import { expect, it } from 'vitest';
import { listAudit } from '../../store/audit.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { loadWeightedPopulations } from '../../system/weighted-populations.ts';
import type { paths } from '../../web/openapi.generated.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import {
  clientsFor,
  type MatrixRow,
  matrixMismatches,
  signInAccounts,
  type TestAccount,
} from '../test-accounts.ts';

/** NHS Black Country ICB's practices grouped by the local authority they sit in (2025/26 file). */
function byLocalAuthority(): { name: string; practices: string[] }[] {
  const places = new Map<string, string[]>();
  for (const p of loadWeightedPopulations('2025/26').filter((p) => p.icb === 'QUA')) {
    places.set(p.la_name, [...(places.get(p.la_name) ?? []), p.practice]);
  }
  return [...places].map(([name, practices]) => ({ name, practices }));
}

/** What saving a grouping sends, as the OpenAPI document describes it. */
type PlaceGroupingBody =
  paths['/api/icbs/{icb}/place-groupings']['post']['requestBody']['content']['application/json'];
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
/** Saving a grouping for QUA: its commissioners and administrators get `ok`, everyone else 403; everyone signed in reads. */
const writers = (ok: number) =>
  Object.fromEntries(
    people.map((p) => [p.key, ['commissioner', 'administrator'].includes(p.key) ? ok : 403]),
  );

describeOnBothDatabases('place groupings API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const places = byLocalAuthority();
  let id = '';
  let n = 0;

  it('starts with a user per role and a saved grouping', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
    const created = await as('commissioner').POST('/api/icbs/{icb}/place-groupings', {
      params: { path: { icb: 'QUA' } },
      body: { name: 'By local authority', places, reason: 'first grouping' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ icb: 'QUA', year: '2025/26', version: 1, places, pot: null });
    id = created.data?.id ?? '';
  });

  it('answers every endpoint for every role as the authorisation matrix says', async () => {
    const grouping = { path: { icb: 'QUA', id } };
    const version = async () =>
      (await as('administrator').GET('/api/icbs/{icb}/place-groupings/{id}', { params: grouping })).data
        ?.version ?? 0;
    const icb = { path: { icb: 'QUA' } };
    const matrix: MatrixRow[] = [
      {
        name: 'practices',
        expect: {},
        request: (api) => api.GET('/api/icbs/{icb}/practices', { params: icb }),
      },
      {
        name: 'list',
        expect: {},
        request: (api) => api.GET('/api/icbs/{icb}/place-groupings', { params: icb }),
      },
      {
        name: 'get',
        expect: {},
        request: (api) => api.GET('/api/icbs/{icb}/place-groupings/{id}', { params: grouping }),
      },
      {
        name: 'create',
        expect: writers(201),
        request: (api) =>
          api.POST('/api/icbs/{icb}/place-groupings', {
            params: icb,
            body: { name: `Matrix ${++n}`, places, reason: 'matrix' },
          }),
      },
      {
        name: 'update',
        expect: writers(200),
        request: async (api) =>
          api.PUT('/api/icbs/{icb}/place-groupings/{id}', {
            params: grouping,
            body: { version: await version(), name: 'By local authority', places, reason: 'matrix' },
          }),
      },
    ];
    expect(await matrixMismatches(matrix, everyone, as)).toEqual([]);
  });

  it('lists the ICB practices with their local authority', async () => {
    const practices = (icb: string) =>
      as('viewer').GET('/api/icbs/{icb}/practices', { params: { path: { icb } } });
    const got = await practices('QUA');
    expect(got.data?.icb_name).toBe('NHS Black Country ICB');
    // The one dated source of the allocation page's practice counts and populations.
    expect(got.data?.source.counted).toBe(
      'patients registered with each practice from November 2023 to October 2024, projected to 2025/26',
    );
    expect(got.data?.items).toContainEqual(
      expect.objectContaining({
        code: 'M88015',
        local_authority: 'E08000025',
        local_authority_name: 'Birmingham',
      }),
    );
    expect((await practices('ZZZ')).response.status).toBe(404);
  });

  it('names the field: a practice in two places, an unknown practice, an empty name, a practice in no place', async () => {
    const post = (body: { name?: string; places: typeof places }) =>
      as('commissioner').POST('/api/icbs/{icb}/place-groupings', {
        params: { path: { icb: 'QUA' } },
        body: { name: 'Bad', reason: 'test', ...body },
      });
    const [first, second, ...rest] = places;
    if (!first || !second) throw new Error('QUA has fewer than two local authorities');
    const twice = await post({
      places: [
        first,
        { ...second, practices: [...second.practices, ...first.practices.slice(0, 1)] },
        ...rest,
      ],
    });
    expect(twice.response.status).toBe(400);
    expect(twice.error?.errors).toEqual([
      expect.objectContaining({
        field: `body/places/1/practices/${second.practices.length}`,
        problem: expect.stringContaining(`already in place '${first.name}'`),
      }),
    ]);
    const unknown = await post({
      places: [{ ...first, practices: ['A81001', ...first.practices] }, second, ...rest],
    });
    expect(unknown.error?.errors?.[0]).toMatchObject({
      field: 'body/places/0/practices/0',
      problem: expect.stringContaining('A81001 is not a practice of QUA'),
    });
    const empty = await post({ places: [{ ...first, name: '  ' }, second, ...rest] });
    expect(empty.error?.errors).toEqual([expect.objectContaining({ field: 'body/places/0/name' })]);
    const sameName = await post({ places: [first, { ...second, name: first.name.toUpperCase() }, ...rest] });
    expect(sameName.error?.errors).toEqual([expect.objectContaining({ field: 'body/places/1/name' })]);
    const noPractices = await post({ places: [first, second, ...rest, { name: 'Empty', practices: [] }] });
    expect(noPractices.error?.errors).toEqual([
      expect.objectContaining({ field: `body/places/${places.length}/practices` }),
    ]);
    const unplaced = await post({ places: [first] });
    expect(unplaced.error?.errors?.[0]).toMatchObject({
      field: 'body/places',
      problem: expect.stringContaining('in no place'),
    });
    const taken = await post({ name: 'By local authority', places });
    expect(taken.error?.errors).toEqual([expect.objectContaining({ field: 'body/name' })]);
  });

  it('saves a change, refuses a stale version with 409, and audits each save', async () => {
    const grouping = { path: { icb: 'QUA', id } };
    const before =
      (await as('commissioner').GET('/api/icbs/{icb}/place-groupings/{id}', { params: grouping })).data
        ?.version ?? 0;
    const [first, second, ...rest] = places;
    if (!first || !second) throw new Error('QUA has fewer than two local authorities');
    const moved = [
      { ...first, practices: first.practices.slice(1) },
      { ...second, practices: [...second.practices, ...first.practices.slice(0, 1)] },
      ...rest,
    ];
    const saved = await as('commissioner').PUT('/api/icbs/{icb}/place-groupings/{id}', {
      params: grouping,
      body: { version: before, name: 'Moved one', places: moved, reason: 'a practice over the boundary' },
    });
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({ version: before + 1, name: 'Moved one', places: moved });
    const stale = await as('administrator').PUT('/api/icbs/{icb}/place-groupings/{id}', {
      params: grouping,
      body: { version: before, name: 'Lost update', places, reason: 'late' },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.current_version).toBe(before + 1);
    const after = await as('commissioner').GET('/api/icbs/{icb}/place-groupings/{id}', { params: grouping });
    expect(after.data?.name).toBe('Moved one');
    const audit = await listAudit(store().db, { entity: 'place-grouping', entityId: id, limit: 1000 });
    expect(audit.map((a) => a.action)).toEqual(['create', ...audit.slice(1).map(() => 'update')]);
    expect(audit.at(-1)).toMatchObject({
      reason: 'a practice over the boundary',
      after: { name: 'Moved one' },
    });
    const missing = await as('commissioner').GET('/api/icbs/{icb}/place-groupings/{id}', {
      params: { path: { icb: 'QUA', id: 'nope' } },
    });
    expect(missing.response.status).toBe(404);
  });

  it('saves the pot with the grouping, in pence, and gives it back when the grouping is opened', async () => {
    const [first, second] = places;
    if (!first || !second) throw new Error('QUA has fewer than two local authorities');
    const pot: NonNullable<PlaceGroupingBody['pot']> = {
      components: [
        {
          name: 'Core services',
          amount: '£2,500,000,000.00',
          basis: 'core-overall',
          floors: [{ place: first.name, minimum: '£1.00' }],
        },
        {
          name: 'Mental health',
          amount: '£345,000,000.50',
          basis: 'mental-health',
          ring_fences: [{ place: second.name, amount: '£2,000,000.00' }],
        },
      ],
      pace: { rate: '25%', current: places.map((p) => ({ place: p.name, amount: '£500,000,000.00' })) },
      method: 'nhse-tool',
    };
    const created = await as('commissioner').POST('/api/icbs/{icb}/place-groupings', {
      params: { path: { icb: 'QUA' } },
      body: { name: 'With a pot', places, pot, reason: 'the 2025/26 allocation' },
    });
    expect(created.response.status).toBe(201);
    const saved = created.data?.id ?? '';
    const opened = await as('viewer').GET('/api/icbs/{icb}/place-groupings/{id}', {
      params: { path: { icb: 'QUA', id: saved } },
    });
    expect(opened.data?.pot).toEqual({
      components: [
        {
          name: 'Core services',
          amount: { pence: 250_000_000_000, pounds: '£2,500,000,000.00' },
          basis: 'core-overall',
          ring_fences: [],
          floors: [{ place: first.name, minimum: { pence: 100, pounds: '£1.00' } }],
        },
        {
          name: 'Mental health',
          amount: { pence: 34_500_000_050, pounds: '£345,000,000.50' },
          basis: 'mental-health',
          ring_fences: [{ place: second.name, amount: { pence: 200_000_000, pounds: '£2,000,000.00' } }],
          floors: [],
        },
      ],
      pace: {
        rate: '25%',
        current: places.map((p) => ({
          place: p.name,
          amount: { pence: 50_000_000_000, pounds: '£500,000,000.00' },
        })),
      },
      method: 'nhse-tool',
    });
    const listed = await as('viewer').GET('/api/icbs/{icb}/place-groupings', {
      params: { path: { icb: 'QUA' } },
    });
    expect(listed.data?.items.find((g) => g.id === saved)?.pot).toEqual(opened.data?.pot);

    // A new version without the pot clears it; the audit log keeps what it was.
    const cleared = await as('commissioner').PUT('/api/icbs/{icb}/place-groupings/{id}', {
      params: { path: { icb: 'QUA', id: saved } },
      body: { version: 1, name: 'With a pot', places, reason: 'the pot is to be agreed again' },
    });
    expect(cleared.data).toMatchObject({ version: 2, pot: null });
    const audit = await listAudit(store().db, {
      entity: 'place-grouping',
      entityId: saved,
      limit: 10,
    });
    expect(audit.at(-1)).toMatchObject({
      before: { pot: { components: [{ amount: 250_000_000_000 }, { amount: 34_500_000_050 }] } },
      after: { pot: null },
    });
  });

  it('names the pot field that is wrong, as the pot is written', async () => {
    const [first] = places;
    if (!first) throw new Error('QUA has no places');
    const component = { name: 'Core services', amount: '£100.00', basis: 'core-overall' } as const;
    const problem = async (pot: NonNullable<PlaceGroupingBody['pot']>) => {
      const answer = await as('commissioner').POST('/api/icbs/{icb}/place-groupings', {
        params: { path: { icb: 'QUA' } },
        body: { name: 'Bad pot', places, pot, reason: 'test' },
      });
      expect(answer.response.status).toBe(400);
      return answer.error?.errors?.[0];
    };
    expect(await problem({ components: [{ ...component, amount: 'lots' }] })).toMatchObject({
      field: 'body/pot/components/0/amount',
      problem: "'lots' is not an amount in pounds and pence",
    });
    expect(
      await problem({
        components: [component, { ...component, ring_fences: [{ place: 'Nowhere', amount: '£1.00' }] }],
      }),
    ).toMatchObject({
      field: 'body/pot/components/1',
      problem: "names place 'Nowhere', which is not in places",
    });
    expect(
      await problem({ components: [{ ...component, floors: [{ place: first.name, minimum: '£200.00' }] }] }),
    ).toMatchObject({
      field: 'body/pot/components/0',
      problem: expect.stringContaining('exceed its amount (£100.00)'),
    });
    expect(
      await problem({
        components: [component],
        pace: { rate: '25%', current: [{ place: first.name, amount: '£1.00' }] },
      }),
    ).toMatchObject({
      field: 'body/pot/pace/current',
      problem: 'must give a current allocation for every place',
    });
    expect(
      await problem({
        components: [component],
        pace: { rate: '125%', current: places.map((p) => ({ place: p.name, amount: '£1.00' })) },
      }),
    ).toMatchObject({ field: 'body/pot/pace/rate', problem: expect.stringContaining('between 0% and 100%') });
    expect(await problem({ components: [] })).toMatchObject({ field: 'body/pot/components' });
  });
});
