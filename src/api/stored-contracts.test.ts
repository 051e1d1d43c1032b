import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Role } from '../core/roles.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { clientsFor, type MatrixRow, matrixMismatches, signInAccounts } from './test-accounts.ts';

// The Dudley example (parties 05C, E08000027 and RYK) as it stood on 30 June 2021, live.
const file = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
const live = {
  particulars: file.particulars,
  events: file.events.filter((e: { on: string }) => e.on <= '2021-06-30'),
};

/** One user per role for a party to the contract, and a commissioner and a provider of other organisations. */
const accounts = [
  { key: 'commissioner', role: 'commissioner', organisation: '05C' },
  { key: 'provider', role: 'provider', organisation: 'RYK' },
  { key: 'local-authority', role: 'local-authority', organisation: 'E08000027' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'viewer', role: 'viewer', organisation: '05C' },
  { key: 'administrator', role: 'administrator', organisation: null },
  { key: 'other-commissioner', role: 'commissioner', organisation: 'QHM' },
  { key: 'other-provider', role: 'provider', organisation: 'RNA' },
] as const satisfies readonly { key: string; role: Role; organisation: string | null }[];
type Who = (typeof accounts)[number]['key'] | 'anonymous';
const everyone: Who[] = [...accounts.map((a) => a.key), 'anonymous'];

// Events that may be recorded again and again on a live contract: a commissioner's and an ICP's.
const indicator = {
  on: '2021-07-01',
  type: 'indicator-result',
  by: 'commissioner',
  indicator: 'care-plans',
  year: '2020/21',
  value: '77',
} as const;
const reports = {
  on: '2021-07-01',
  type: 'third-party-contract-activity',
  by: 'provider',
  third_party: 'The Dudley Group NHS Foundation Trust',
  activity: 'receive-third-party-reports',
} as const;

describeOnBothDatabases('stored contracts API', (store) => {
  let app: Api;
  let id = '';
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const path = () => ({ path: { id } });
  it('starts with a user per role and the Dudley contract entered by its commissioner', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), accounts, tokens);
    const created = await as('commissioner').POST('/api/contracts', {
      body: { contract: live, reason: 'set up' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ id: 'dudley-icp', parties: ['05C', 'E08000027', 'RYK'] });
    expect(created.data?.events).toBe(live.events.length);
    id = created.data?.id ?? '';
  });

  const matrix: MatrixRow[] = [
    { name: 'list stored contracts', expect: {}, request: (api) => api.GET('/api/contracts') },
    {
      name: 'enter a contract (commissioners of a party, administrators)',
      expect: {
        commissioner: 201,
        'local-authority': 201,
        administrator: 201,
        provider: 403,
        assurer: 403,
        viewer: 403,
        'other-commissioner': 403,
        'other-provider': 403,
      },
      request: (api) =>
        api.POST('/api/contracts', {
          body: { contract: { particulars: file.particulars }, reason: 'matrix' },
        }),
    },
    {
      name: 'read a contract on a date',
      expect: {},
      request: (api) =>
        api.GET('/api/contracts/{id}', { params: { ...path(), query: { on: '2021-06-30' } } }),
    },
    {
      name: "a contract's timeline",
      expect: {},
      request: (api) =>
        api.GET('/api/contracts/{id}/timeline', { params: { ...path(), query: { on: '2021-07-01' } } }),
    },
    {
      name: 'record an event as the commissioners',
      expect: {
        commissioner: 201,
        'local-authority': 201,
        provider: 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
        'other-commissioner': 403,
        'other-provider': 403,
      },
      request: (api) =>
        api.POST('/api/contracts/{id}/events', { params: path(), body: { event: indicator } }),
    },
    {
      name: 'record an event as the ICP',
      expect: {
        provider: 201,
        commissioner: 403,
        'local-authority': 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
        'other-commissioner': 403,
        'other-provider': 403,
      },
      request: (api) => api.POST('/api/contracts/{id}/events', { params: path(), body: { event: reports } }),
    },
  ];

  it('answers every stored-contract endpoint for every role as the authorisation matrix says', async () => {
    expect(await matrixMismatches(matrix, everyone, as)).toEqual([]);
  });

  it('says why a role outside the contract is refused', async () => {
    const other = await as('other-commissioner').POST('/api/contracts/{id}/events', {
      params: path(),
      body: { event: indicator },
    });
    expect(other.error?.detail).toMatch(
      /party to this contract \(05C, E08000027, RYK\).*commissioner \(QHM\)/,
    );
  });

  it('refuses, without storing, an event the rules do not allow, naming the rule and its source', async () => {
    const read = async () => (await as('viewer').GET('/api/contracts/{id}', { params: path() })).data;
    const before = await read();
    const refused = await as('commissioner').POST('/api/contracts/{id}/events', {
      params: path(),
      body: { event: { on: '2021-07-02', type: 'exit-completed', by: 'commissioner' } },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error?.rule).toMatch(/^lifecycle\./);
    expect(refused.error?.citations?.length).toBeGreaterThan(0);
    expect(refused.error?.provenance).toEqual(loadRulebook().entry(refused.error?.rule ?? '').provenance);
    const after = await read();
    expect(after?.version).toBe(before?.version);
    expect(after?.recorded.length).toBe(before?.recorded.length);
  });

  it('refuses an event dated before the last one, and a stale version, naming the field', async () => {
    const early = await as('commissioner').POST('/api/contracts/{id}/events', {
      params: path(),
      body: { event: { ...indicator, on: '2021-06-01' } },
    });
    expect(early.response.status).toBe(400);
    expect(early.error?.errors?.[0]?.field).toBe('body/event/on');
    const stale = await as('commissioner').POST('/api/contracts/{id}/events', {
      params: path(),
      body: { event: indicator, version: 1 },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.current_version).toBeGreaterThan(1);
  });

  it('names the field of a malformed event, and answers 404 for a contract that is not there', async () => {
    const bad = await as('commissioner').POST('/api/contracts/{id}/events', {
      params: path(),
      body: { event: { ...indicator, year: '2020' } },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.errors?.[0]?.field).toBe('body/event/year');
    const none = await as('viewer').GET('/api/contracts/{id}', { params: { path: { id: 'nope' } } });
    expect(none.response.status).toBe(404);
  });

  it('refuses to enter a contract one of whose events the rules refuse, naming the event and the rule', async () => {
    const events = [
      ...live.events.slice(0, 3),
      { on: '2018-11-02', type: 'services-commenced', by: 'commissioner' },
    ];
    const refused = await as('commissioner').POST('/api/contracts', {
      body: { contract: { particulars: file.particulars, events }, reason: 'bad' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error?.detail).toMatch(/^Event 4 \(services-commenced on 2018-11-02\)/);
    const list = (await as('viewer').GET('/api/contracts')).data?.items ?? [];
    expect(list.filter((c) => c.id.startsWith('dudley-icp')).length).toBe(4);
  });

  it('describes the stored-contract routes in OpenAPI', async () => {
    // The document itself is not one of the operations it describes.
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    for (const path of [
      '/api/contracts',
      '/api/contracts/{id}',
      '/api/contracts/{id}/timeline',
      '/api/contracts/{id}/events',
    ])
      expect(paths).toContain(path);
  });
});
