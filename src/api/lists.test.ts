import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { loadWeightedPopulations } from '../system/weighted-populations.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { describeApi } from './describe.ts';
import { requestExamples } from './request-examples.ts';
import { signInAccounts } from './test-accounts.ts';
import { generatedClient } from './test-client.ts';

/** A request body from the OpenAPI document's examples (which openapi.test.ts shows the server accepts). */
const example = (operationId: string) => requestExamples[operationId]?.() as never;

type Operation = { operationId: string; parameters?: { name: string; in: string }[]; responses: object };

it('pages every list operation the same way: limit and cursor in, items and next_cursor out', async () => {
  const document = (await describeApi()) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };
  const lists = Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .filter((op) => /^(list|search)[A-Z]/.test(op.operationId));
  expect(lists.length).toBeGreaterThanOrEqual(10);
  for (const op of lists) {
    const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect({ op: op.operationId, query }).toMatchObject({
      query: expect.arrayContaining(['limit', 'cursor']),
    });
    const ok = JSON.stringify((op.responses as Record<string, unknown>)['200']);
    expect({ op: op.operationId, items: ok.includes('"items"'), next: ok.includes('"next_cursor"') }).toEqual(
      {
        op: op.operationId,
        items: true,
        next: true,
      },
    );
  }
});

/** Lists, versions and creations as HTTP clients expect them, through the generated client. */
describeOnBothDatabases('lists and versions', (store) => {
  let app: Api;
  let who: string | undefined;
  const tokens = new Map<string, string>();
  const client = generatedClient(
    () => app,
    () => (who ? tokens.get(who) : undefined),
  );
  const as = (key: string) => {
    who = key;
    return client;
  };

  beforeAll(async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(
      store(),
      [
        { key: 'admin', role: 'administrator', organisation: null },
        { key: 'commissioner', role: 'commissioner', organisation: 'QUA' },
        { key: 'elsewhere', role: 'commissioner', organisation: 'QHL' },
        { key: 'dudley-ccg', role: 'commissioner', organisation: '05C' },
        { key: 'assurer', role: 'assurer', organisation: null },
      ],
      tokens,
    );
    // Seven practices with one name, so the order falls back to kind and code.
    await store()
      .db.insertInto('organisations')
      .values(
        ['Y90007', 'Y90003', 'Y90001', 'Y90005', 'Y90002', 'Y90006', 'Y90004'].map((code) => ({
          code,
          kind: 'practice' as const,
          name: 'Pagetown Surgery',
          opened: '2000-01-01',
          closed: null,
          source: 'test',
        })),
      )
      .execute();
  });

  it('walks a list a page at a time, in a stable order, to a null next_cursor', async () => {
    for (let i = 0; i < 5; i++) {
      const created = await as('commissioner').POST('/api/arrangements', {
        body: example('createArrangement'),
      });
      expect(created.response.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await as('commissioner').GET('/api/arrangements', {
        params: { query: { limit: 2, cursor } },
      });
      expect(page.data?.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page.data?.items ?? []).map((a) => `${a.name}\u0000${a.id}`));
      cursor = page.data?.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(5);

    const party = await as('commissioner').GET('/api/arrangements', { params: { query: { party: 'RNA' } } });
    expect(party.data?.items).toHaveLength(5);
    expect(party.data?.next_cursor).toBeNull();
    const none = await as('commissioner').GET('/api/arrangements', { params: { query: { party: 'ZZZ99' } } });
    expect(none.data).toEqual({ items: [], next_cursor: null });
    // Roles decide what is listed, in the database: a commissioner of another ICB sees none of them.
    expect((await as('elsewhere').GET('/api/arrangements')).data?.items).toEqual([]);
  });

  it('pages a registry search on a unique order (code after name and kind)', async () => {
    const codes: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as('commissioner').GET('/api/organisations', {
        params: { query: { q: 'pagetown', limit: 3, cursor } },
      });
      expect(page.data?.attribution).toMatch(/Open Government Licence/);
      codes.push(...(page.data?.items ?? []).map((o) => o.code));
      cursor = page.data?.next_cursor ?? undefined;
    } while (cursor);
    expect(codes).toEqual(['Y90001', 'Y90002', 'Y90003', 'Y90004', 'Y90005', 'Y90006', 'Y90007']);
  });

  it('refuses a cursor it did not give, or one given with other filters, and a limit out of bounds, naming the field', async () => {
    const first = await as('commissioner').GET('/api/organisations', {
      params: { query: { q: 'pagetown', limit: 2 } },
    });
    const cursor = first.data?.next_cursor ?? '';
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const otherFilter = await as('commissioner').GET('/api/organisations', {
      params: { query: { q: 'surgery', limit: 2, cursor } },
    });
    expect(otherFilter.response.status).toBe(400);
    expect(otherFilter.error?.errors?.[0]).toMatchObject({
      field: 'querystring/cursor',
      problem: expect.stringMatching(/other filters/),
    });
    for (const bad of ['bm90IGEgY3Vyc29y', 'W10', '!!', cursor.slice(0, -4)]) {
      const answer = await as('commissioner').GET('/api/arrangements', {
        params: { query: { cursor: bad } },
      });
      expect(answer.response.status).toBe(400);
      expect(answer.error?.errors?.[0]?.field).toBe('querystring/cursor');
    }
    for (const limit of [0, 201, 1.5]) {
      const answer = await as('commissioner').GET('/api/arrangements', { params: { query: { limit } } });
      expect(answer.response.status).toBe(400);
      expect(answer.error?.errors?.[0]?.field).toBe('querystring/limit');
    }
  });

  it('filters and pages the audit log by action, actor and time', async () => {
    const created = await as('assurer').GET('/api/audit', {
      params: { query: { entity: 'arrangement', action: 'create', actor: 'COMMISSIONER@', limit: 3 } },
    });
    expect(created.data?.items).toHaveLength(3);
    expect(created.data?.items.every((r) => r.action === 'create' && r.actor.includes('commissioner@'))).toBe(
      true,
    );
    const rest = await as('assurer').GET('/api/audit', {
      params: {
        query: {
          entity: 'arrangement',
          action: 'create',
          actor: 'COMMISSIONER@',
          limit: 3,
          cursor: created.data?.next_cursor ?? '',
        },
      },
    });
    expect(rest.data?.items).toHaveLength(2);
    expect(rest.data?.next_cursor).toBeNull();
    expect(rest.data?.items[0]?.seq).toBeGreaterThan(created.data?.items[2]?.seq ?? Infinity);
    const future = await as('assurer').GET('/api/audit', { params: { query: { from: '2999-01-01' } } });
    expect(future.data?.items).toEqual([]);
    const past = await as('assurer').GET('/api/audit', {
      params: { query: { to: '2000-01-01T00:00:00+01:00' } },
    });
    expect(past.data?.items).toEqual([]);
  });

  it('gives ETags, honours If-Match and points at what it created, for every versioned resource', async () => {
    // Place groupings: one place holding every practice of the ICB, read a page at a time.
    const practices: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as('commissioner').GET('/api/icbs/{icb}/practices', {
        params: { path: { icb: 'QUA' }, query: { limit: 50, cursor } },
      });
      practices.push(...(page.data?.items ?? []).map((p) => p.code));
      cursor = page.data?.next_cursor ?? undefined;
    } while (cursor);
    const qua = loadWeightedPopulations('2025/26').filter((p) => p.icb === 'QUA');
    expect(practices).toEqual(qua.map((p) => p.practice).sort());
    const grouping = await as('commissioner').POST('/api/icbs/{icb}/place-groupings', {
      params: { path: { icb: 'QUA' } },
      body: { name: 'One place', places: [{ name: 'Black Country', practices }], reason: 'test' },
    });
    expect(grouping.response.status).toBe(201);
    const groupingAt = grouping.response.headers.get('location') ?? '';
    const gid = grouping.data?.id ?? '';
    expect(groupingAt).toBe(`/api/icbs/QUA/place-groupings/${gid}`);
    const readGrouping = await as('commissioner').GET('/api/icbs/{icb}/place-groupings/{id}', {
      params: { path: { icb: 'QUA', id: gid } },
    });
    expect(readGrouping.response.headers.get('etag')).toBe('"1"');
    const staleGrouping = await as('commissioner').PUT('/api/icbs/{icb}/place-groupings/{id}', {
      params: { path: { icb: 'QUA', id: gid }, header: { 'if-match': '"7"' } },
      body: { version: 1, name: 'One place', places: [{ name: 'Black Country', practices }], reason: 'test' },
    });
    expect(staleGrouping.response.status).toBe(412);
    expect(staleGrouping.error?.current_version).toBe(1);
    const listed = await as('commissioner').GET('/api/icbs/{icb}/place-groupings', {
      params: { path: { icb: 'QUA' }, query: { year: '2025/26' } },
    });
    expect(listed.data?.items.map((g) => g.id)).toEqual([gid]);

    // Operating models.
    const model = await as('commissioner').POST('/api/operating-models', {
      body: example('createOperatingModel'),
    });
    expect(model.response.status).toBe(201);
    const mid = model.data?.id ?? '';
    expect(model.response.headers.get('location')).toBe(`/api/operating-models/${mid}`);
    const readModel = await as('commissioner').GET('/api/operating-models/{id}', {
      params: { path: { id: mid } },
    });
    expect(readModel.response.headers.get('etag')).toBe('"1"');
    const staleModel = await as('commissioner').PUT('/api/operating-models/{id}', {
      params: { path: { id: mid }, header: { 'if-match': '"2"' } },
      body: example('replaceOperatingModel'),
    });
    expect(staleModel.response.status).toBe(412);
    const matchedModel = await as('commissioner').PUT('/api/operating-models/{id}', {
      params: { path: { id: mid }, header: { 'if-match': '"1"' } },
      body: example('replaceOperatingModel'),
    });
    expect(matchedModel.response.headers.get('etag')).toBe('"2"');
    const versions = await as('commissioner').GET('/api/operating-models/{id}/versions', {
      params: { path: { id: mid }, query: { limit: 1 } },
    });
    expect(versions.data?.items.map((v) => v.version)).toEqual([1]);
    const second = await as('commissioner').GET('/api/operating-models/{id}/versions', {
      params: { path: { id: mid }, query: { limit: 1, cursor: versions.data?.next_cursor ?? '' } },
    });
    expect(second.data).toMatchObject({ items: [{ version: 2 }], next_cursor: null });

    // Stored contracts and their events.
    const whole = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
    const contract = await as('dudley-ccg').POST('/api/contracts', {
      body: {
        contract: { ...whole, events: whole.events.filter((e: { on: string }) => e.on <= '2021-06-30') },
        reason: 'test',
      } as never,
    });
    expect(contract.response.status).toBe(201);
    const cid = contract.data?.id ?? '';
    const readContract = await as('dudley-ccg').GET('/api/contracts/{id}', {
      params: { path: { id: cid } },
    });
    const etag = readContract.response.headers.get('etag') ?? '';
    expect(etag).toBe(`"${readContract.data?.version}"`);
    const staleEvent = await as('dudley-ccg').POST('/api/contracts/{id}/events', {
      params: { path: { id: cid }, header: { 'if-match': '"999"' } },
      body: example('recordContractEvent'),
    });
    expect(staleEvent.response.status).toBe(412);
    const recorded = await as('dudley-ccg').POST('/api/contracts/{id}/events', {
      params: { path: { id: cid }, header: { 'if-match': etag } },
      // No `version` in the body: the If-Match alone says which version the event is recorded on.
      body: {
        event: {
          on: '2021-07-01',
          type: 'indicator-result',
          by: 'commissioner',
          indicator: 'care-plans',
          year: '2020/21',
          value: '77',
        },
      },
    });
    expect([recorded.response.status, recorded.error?.detail]).toEqual([201, undefined]);
    expect(recorded.response.headers.get('etag')).toBe(`"${recorded.data?.version}"`);
    const eventAt = recorded.response.headers.get('location') ?? '';
    expect(eventAt).toBe(`/api/contracts/${cid}/events/${recorded.data?.seq}`);
    const event = await as('dudley-ccg').GET('/api/contracts/{id}/events/{seq}', {
      params: { path: { id: cid, seq: recorded.data?.seq ?? -1 } },
    });
    expect(event.data?.event.type).toBe('indicator-result');
    const byProvider = await as('dudley-ccg').GET('/api/contracts', {
      params: { query: { provider: 'RYK' } },
    });
    expect(byProvider.data?.items.map((c) => c.id)).toEqual([cid]);
    const byCommissioner = await as('dudley-ccg').GET('/api/contracts', {
      params: { query: { commissioner: 'RYK' } },
    });
    expect(byCommissioner.data?.items).toEqual([]);
    const dudley = await as('dudley-ccg').GET('/api/contracts', {
      params: { query: { commissioner: '05C' } },
    });
    expect(dudley.data?.items.map((c) => c.id)).toEqual([cid]);

    // Decisions point at where they can be read.
    const [arrangement] = (
      await as('commissioner').GET('/api/arrangements', { params: { query: { limit: 1 } } })
    ).data?.items ?? [{ id: '' }];
    const decided = await as('commissioner').POST('/api/arrangements/{id}/decisions', {
      params: { path: { id: arrangement?.id ?? '' } },
      body: { ...(example('recordDecision') as object), on: undefined } as never,
    });
    expect([decided.response.status, decided.error?.detail]).toEqual([201, undefined]);
    const decisionAt = decided.response.headers.get('location') ?? '';
    expect(decisionAt).toBe(`/api/arrangements/${arrangement?.id}/decisions/${decided.data?.id}`);
    const read = await as('commissioner').GET('/api/arrangements/{id}/decisions/{decision}', {
      params: { path: { id: arrangement?.id ?? '', decision: decided.data?.id ?? 0 } },
    });
    expect(read.data).toMatchObject({ id: decided.data?.id, rule: decided.data?.rule });
  });
});
