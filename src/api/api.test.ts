import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Role } from '../core/roles.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { startSession } from '../store/sessions.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { createUser } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callAs, type MatrixRow, matrixMismatches } from './test-accounts.ts';

const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
// Dudley Council is identified by its ONS code so a local-authority role can reach the arrangement.
const dudley = {
  ...example,
  commissioners: example.commissioners.map((c) =>
    c.id === 'dudley-council' ? { ...c, ods: 'E08000027' } : c,
  ),
};

/** The Black Country places example, as an allocation request (src/api/routes/money.test.ts tests the figures). */
const {
  icb: _icb,
  description: _d,
  ...blackCountry
} = parse(readFileSync('examples/places/black-country-2025-26.yaml', 'utf8'));
const allocationRequest = { icb: 'QUA', ...blackCountry };

/** One user per role, scoped as the demo scopes them. */
const people: { role: Role; organisation: string | null }[] = [
  { role: 'commissioner', organisation: 'QUA' },
  { role: 'provider', organisation: 'RNA' },
  { role: 'local-authority', organisation: 'E08000027' },
  { role: 'assurer', organisation: null },
  { role: 'viewer', organisation: 'QUA' },
  { role: 'administrator', organisation: null },
];
type Who = Role | 'anonymous';
const everyone: Who[] = [...people.map((p) => p.role), 'anonymous'];

describeOnBothDatabases('API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  let arrangementId = '';

  const call = callAs(() => app, tokens);
  const version = async () =>
    (await call('administrator', 'GET', `/api/arrangements/${arrangementId}`)).body.version as number;

  it('starts, with a registry slice and a user per role', async () => {
    const { db } = store();
    app = await buildApp({ store: store() });
    const [icb] = await db
      .insertInto('organisations')
      .values([
        {
          code: 'QUA',
          kind: 'icb',
          name: 'NHS Black Country Integrated Care Board',
          opened: '2022-07-01',
          closed: null,
          source: 'test',
        },
        {
          code: 'D2P2L',
          kind: 'sub-icb-location',
          name: 'NHS Black Country ICB - D2P2L',
          opened: '2022-07-01',
          closed: null,
          source: 'test',
        },
      ])
      .returning('id')
      .execute();
    const sub = await db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', 'D2P2L')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('memberships')
      .values({
        child_id: sub.id,
        parent_id: icb?.id ?? 0,
        valid_from: '2022-07-01',
        valid_to: null,
        source: 'test',
      })
      .execute();
    for (const p of people) {
      const user = await createUser(
        db,
        { email: `${p.role}@example.nhs.uk`, name: p.role, password: 'a long test password', roles: [p] },
        { userId: null, label: 'test' },
        'test',
      );
      tokens.set(p.role, (await startSession(db, user.id, 'bearer', 1)).token);
    }
    const created = await call('commissioner', 'POST', '/api/arrangements', {
      arrangement: dudley,
      reason: 'set up',
    });
    expect(created.status).toBe(201);
    arrangementId = created.body.id;
  });

  let n = 0;
  const matrix: MatrixRow[] = [
    { name: 'search organisations', expect: {}, request: async () => ['GET', '/api/organisations?q=black'] },
    {
      name: 'read an organisation',
      expect: {},
      request: async () => ['GET', '/api/organisations/QUA?kind=icb'],
    },
    {
      name: "an ICB's tree",
      expect: {},
      request: async () => ['GET', '/api/organisations/QUA/tree?on=2026-08-01'],
    },
    { name: 'list arrangements', expect: {}, request: async () => ['GET', '/api/arrangements'] },
    {
      name: 'create an arrangement',
      expect: {
        commissioner: 201,
        'local-authority': 201,
        administrator: 201,
        provider: 403,
        assurer: 403,
        viewer: 403,
      },
      request: async () => ['POST', '/api/arrangements', { arrangement: dudley, reason: 'matrix' }],
    },
    {
      name: 'read an arrangement',
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}`],
    },
    {
      name: 'update an arrangement',
      expect: {
        commissioner: 200,
        'local-authority': 200,
        administrator: 200,
        provider: 403,
        assurer: 403,
        viewer: 403,
      },
      request: async () => [
        'PUT',
        `/api/arrangements/${arrangementId}`,
        { version: await version(), arrangement: dudley, reason: 'matrix' },
      ],
    },
    {
      name: "an arrangement's parties",
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}/parties`],
    },
    {
      name: "an arrangement's party changes",
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}/party-changes?status=pending`],
    },
    {
      name: 'version history',
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}/versions`],
    },
    {
      name: 'check on a date',
      expect: {},
      request: async () => ['POST', `/api/arrangements/${arrangementId}/check?on=2026-08-01`],
    },
    {
      name: 'responsibility matrix on a date',
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}/matrix?on=2026-08-01`],
    },
    {
      name: 'pooling plan on a date',
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}/pooling?on=2026-08-01`],
    },
    {
      name: 'approve a subcontract',
      expect: {
        commissioner: 201,
        'local-authority': 201,
        provider: 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
      },
      request: async () => [
        'POST',
        `/api/arrangements/${arrangementId}/decisions`,
        { decision: 'approve-subcontract', subject: 'sub-1', outcome: 'approved', reason: 'matrix' },
      ],
    },
    {
      name: 'decide an IFR',
      expect: {
        commissioner: 201,
        'local-authority': 403,
        provider: 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
      },
      request: async () => [
        'POST',
        `/api/arrangements/${arrangementId}/decisions`,
        { decision: 'decide-ifr', subject: 'IFR-1', outcome: 'declined', reason: 'matrix' },
      ],
    },
    {
      name: 'terminate the contract',
      expect: {
        commissioner: 201,
        'local-authority': 201,
        provider: 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
      },
      request: async () => [
        'POST',
        `/api/arrangements/${arrangementId}/decisions`,
        {
          decision: 'terminate-contract',
          subject: 'community-health',
          outcome: 'notice given',
          reason: 'matrix',
        },
      ],
    },
    {
      name: 'set outcome measures',
      expect: {
        commissioner: 201,
        'local-authority': 201,
        provider: 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
      },
      request: async () => [
        'POST',
        `/api/arrangements/${arrangementId}/decisions`,
        { decision: 'set-outcome-measures', subject: 'frailty', outcome: 'measures set', reason: 'matrix' },
      ],
    },
    {
      name: 'read the audit log',
      expect: {
        assurer: 200,
        administrator: 200,
        commissioner: 403,
        provider: 403,
        'local-authority': 403,
        viewer: 403,
      },
      request: async () => ['GET', '/api/audit'],
    },
    {
      name: 'verify the audit log',
      expect: {
        assurer: 200,
        administrator: 200,
        commissioner: 403,
        provider: 403,
        'local-authority': 403,
        viewer: 403,
      },
      request: async () => ['GET', '/api/audit/verify'],
    },
    {
      name: 'create an account',
      expect: {
        administrator: 201,
        commissioner: 403,
        provider: 403,
        'local-authority': 403,
        assurer: 403,
        viewer: 403,
      },
      request: async () => [
        'POST',
        '/api/users',
        {
          email: `new${++n}@example.nhs.uk`,
          name: 'New',
          password: 'another long password',
          roles: [{ role: 'viewer', organisation: 'QUA' }],
          reason: 'matrix',
        },
      ],
    },
    {
      name: "an arrangement's budget",
      expect: {},
      request: async () => ['GET', `/api/arrangements/${arrangementId}/budget?years=1`],
    },
    {
      name: 'allocate an ICB pot between places',
      expect: { provider: 403, 'local-authority': 403, viewer: 403 },
      request: async () => ['POST', '/api/allocations', allocationRequest],
    },
    { name: 'who am I', expect: {}, request: async () => ['GET', '/api/auth/me'] },
    {
      // Only a browser session issues tokens (src/api/sessions.test.ts): a token never mints more.
      name: 'issue a bearer token with a bearer token',
      expect: {
        commissioner: 403,
        provider: 403,
        'local-authority': 403,
        assurer: 403,
        viewer: 403,
        administrator: 403,
      },
      request: async () => ['POST', '/api/auth/tokens', {}],
    },
    { name: 'list your bearer tokens', expect: {}, request: async () => ['GET', '/api/auth/tokens'] },
    ...(['disable', 'enable'] as const).map(
      (action): MatrixRow => ({
        name: `${action} an account`,
        expect: { commissioner: 403, provider: 403, 'local-authority': 403, assurer: 403, viewer: 403 },
        request: async () => {
          const user = await createUser(
            store().db,
            {
              email: `${action}${++n}@example.nhs.uk`,
              name: 'Leaver',
              password: 'a long test password',
              roles: [],
            },
            { userId: null, label: 'test' },
            'test',
          );
          return ['POST', `/api/users/${user.id}/${action}`, { reason: 'matrix' }];
        },
      }),
    ),
  ];

  it('answers every endpoint for every role as the authorisation matrix says', async () => {
    expect(await matrixMismatches(matrix, everyone, call)).toEqual([]);
  });

  it('refuses a provider a statutory decision with 403 naming the rule and its source', async () => {
    const got = await call('provider', 'POST', `/api/arrangements/${arrangementId}/decisions`, {
      decision: 'approve-subcontract',
      subject: 'own subcontract',
      outcome: 'approved',
      reason: 'we would like to',
    });
    expect(got.status).toBe(403);
    expect(got.body.rule).toBe('system.decision.approve-subcontract');
    expect(got.body.citations[0].text).toMatch(/Draft ICP Contract: a consultation.*paras 49-50/);
    expect(got.body.detail).toMatch(/provider \(RNA\)/);
  });

  it('names the field in problem responses: malformed body, unknown field, wrong type, missing, bad reference', async () => {
    const raw = await app.inject({
      method: 'POST',
      url: '/api/arrangements',
      payload: '{"arrangement": ',
      headers: { authorization: `Bearer ${tokens.get('commissioner')}`, 'content-type': 'application/json' },
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json()).toMatchObject({ status: 400, errors: [{ field: 'body' }] });

    const unknown = await call('commissioner', 'POST', '/api/arrangements', {
      arrangement: { ...dudley, colour: 'blue' },
      reason: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'body/arrangement/colour' }));

    const wrongType = await call('commissioner', 'PUT', `/api/arrangements/${arrangementId}`, {
      version: 'two',
      arrangement: dudley,
      reason: 'x',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'body/version' })]);

    const missing = await call('commissioner', 'POST', '/api/arrangements', { arrangement: dudley });
    expect(missing.body.errors).toEqual([{ field: 'body/reason', problem: 'is required (string)' }]);

    const badRef = await call('commissioner', 'POST', '/api/arrangements', {
      arrangement: { ...dudley, funds: [{ ...dudley.funds[0], host: 'nobody' }] },
      reason: 'x',
    });
    expect(badRef.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body/arrangement/funds/0/host' }),
    );

    const taken = await call('administrator', 'POST', '/api/users', {
      email: 'VIEWER@example.nhs.uk',
      name: 'Again',
      password: 'another long password',
      roles: [{ role: 'viewer', organisation: null }],
      reason: 'x',
    });
    expect(taken.body.errors).toEqual([
      expect.objectContaining({ field: 'body/email', problem: 'already has an account' }),
    ]);

    const badDate = await call('viewer', 'POST', `/api/arrangements/${arrangementId}/check?on=2026-02-30`);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'querystring/on' })]);
  });

  it('lets one of two simultaneous updates win and gives the other 409 with the current version', async () => {
    const v = await version();
    const [a, b] = await Promise.all([
      call('commissioner', 'PUT', `/api/arrangements/${arrangementId}`, {
        version: v,
        arrangement: { ...dudley, name: 'A' },
        reason: 'a',
      }),
      call('local-authority', 'PUT', `/api/arrangements/${arrangementId}`, {
        version: v,
        arrangement: { ...dudley, name: 'B' },
        reason: 'b',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ status: 409, current_version: v + 1 });
  });

  it('checks through the rulebook and keeps version history and the audit chain', async () => {
    const check = await call('viewer', 'POST', `/api/arrangements/${arrangementId}/check?on=2026-08-01`);
    expect(check.body).toMatchObject({ on: '2026-08-01', version: await version() });
    expect(typeof check.body.lawful).toBe('boolean');
    const history = await call('viewer', 'GET', `/api/arrangements/${arrangementId}/versions`);
    expect(history.body.items[0]).toMatchObject({ version: 1, reason: 'set up' });
    const verify = await call('assurer', 'GET', '/api/audit/verify');
    expect(verify.body).toMatchObject({ intact: true });
    const audit = await call('assurer', 'GET', `/api/audit?entity=arrangement&entity_id=${arrangementId}`);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toContain('decide:approve-subcontract');
  });

  it("gives the arrangement's responsibility matrix and pooling plan for the date asked", async () => {
    const matrix = await call('provider', 'GET', `/api/arrangements/${arrangementId}/matrix?on=2026-08-01`);
    expect(matrix.status).toBe(200);
    expect(matrix.body).toMatchObject({ on: '2026-08-01', version: await version() });
    expect(matrix.body.parties.map((p: { id: string }) => p.id)).toEqual([
      'black-country-icb',
      'dudley-group',
    ]);
    const needs = matrix.body.rows.find((r: { title: string }) => r.title === 'Population needs assessment');
    expect(needs).toMatchObject({ in_force: true, provider_may_support: 'yes' });
    expect(needs.cells['black-country-icb'].role).toBe('responsible');
    expect(needs.citations.length).toBeGreaterThan(0);

    const plan = await call('viewer', 'GET', `/api/arrangements/${arrangementId}/pooling?on=2026-08-01`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      on: '2026-08-01',
      commissioners: ['icb', 'local-authority'],
      feasible: true,
      mechanism: 's75-pooled-fund',
    });
    expect(plan.body.funds[0]).toMatchObject({ kind: 'pooled', parties: ['icb', 'local-authority'] });
    expect(plan.body.funds[0].services).toContain('adult-social-care');
    expect(plan.body.ring_fenced.map((r: { service: string }) => r.service)).toContain('primary-medical');
    expect(plan.body.ring_fenced[0].citations[0].text).toBeTruthy();

    // Before ICBs existed the same arrangement has no lawful plan, and says why.
    const before = await call('viewer', 'GET', `/api/arrangements/${arrangementId}/pooling?on=2017-09-01`);
    expect(before.body.feasible).toBe(false);
    expect(before.body.problems.length).toBeGreaterThan(0);

    const badDate = await call('viewer', 'GET', `/api/arrangements/${arrangementId}/matrix?on=1-8-2026`);
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'querystring/on' })]);
    const badPoolingDate = await call(
      'viewer',
      'GET',
      `/api/arrangements/${arrangementId}/pooling?on=2026-13-01`,
    );
    expect(badPoolingDate.body.errors).toEqual([expect.objectContaining({ field: 'querystring/on' })]);
  });

  it('publishes OpenAPI 3.1 and sends security headers', async () => {
    const spec = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(spec.json().openapi).toBe('3.1.0');
    expect(Object.keys(spec.json().paths)).toContain('/api/arrangements/{id}/check');
    expect(Object.keys(spec.json().paths)).toContain('/api/arrangements/{id}/pooling');
    expect(spec.headers['x-content-type-options']).toBe('nosniff');
    expect(spec.headers['content-security-policy']).toBeDefined();
  });

  it('signs in with a secure HTTP-only cookie and slows down password guessing', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'viewer@example.nhs.uk', password: 'a long test password' },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(me.json().email).toBe('viewer@example.nhs.uk');
    // Ten failed guesses at one account are heard (src/api/sign-in-limits.ts); the eleventh is not.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: 'viewer@example.nhs.uk', password: 'guess' },
          })
        ).statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    await app.close();
  });
});
