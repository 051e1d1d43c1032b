import { expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { createUser } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callAs, signInAccounts } from './test-accounts.ts';

const dudley = readArrangementFile('examples/black-country-dudley-place-2026.yaml');

/** Breaks 7 and 8 of the security review: decision dates, cross-site requests, caching, what a 403 says. */
describeOnBothDatabases('trust at the edges', (store) => {
  let app: Api;
  let id = '';
  let cookie = '';
  const tokens = new Map<string, string>();
  const call = callAs(() => app, tokens);

  it('starts with a party commissioner, a non-party commissioner and a browser session', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(
      store(),
      [
        { key: 'party', role: 'commissioner', organisation: 'QUA' },
        { key: 'stranger', role: 'commissioner', organisation: 'QHL' },
      ],
      tokens,
    );
    const created = await call('party', 'POST', '/api/arrangements', {
      arrangement: dudley,
      reason: 'set up',
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    await createUser(
      store().db,
      {
        email: 'web@example.nhs.uk',
        name: 'Web',
        password: 'a long test password',
        roles: [{ role: 'commissioner', organisation: 'QUA' }],
      },
      { userId: null, label: 'test' },
      'test',
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: 'concordat.test', origin: 'http://concordat.test' },
      payload: { email: 'web@example.nhs.uk', password: 'a long test password' },
    });
    expect(login.statusCode).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  });

  const decision = (on: unknown) => ({
    decision: 'approve-subcontract',
    subject: 'a subcontract',
    outcome: 'approved',
    reason: 'value for money',
    on,
  });

  it('refuses a decision date that is not a real date, or outside the arrangement term, naming body/on', async () => {
    for (const on of ['garbage', '2021-13-01', '2026-02-30', '2040-01-01']) {
      const got = await call('party', 'POST', `/api/arrangements/${id}/decisions`, decision(on));
      expect(got.status, on).toBe(400);
      expect(got.body.errors[0].field).toBe('body/on');
    }
  });

  it('keeps the date a decision takes effect', async () => {
    const got = await call('party', 'POST', `/api/arrangements/${id}/decisions`, decision('2026-08-01'));
    expect(got.status).toBe(201);
    expect(got.body.on).toBe('2026-08-01');
    const row = await store()
      .db.selectFrom('decisions')
      .select('effective_on')
      .where('id', '=', got.body.id)
      .executeTakeFirstOrThrow();
    expect(row.effective_on).toBe('2026-08-01');
  });

  it('tells a non-party only that they are not a party, not who the parties are', async () => {
    const got = await call('stranger', 'PUT', `/api/arrangements/${id}`, {
      version: 1,
      arrangement: dudley,
      reason: 'x',
    });
    expect(got.status).toBe(403);
    expect(got.body.detail).toMatch(/party/);
    for (const party of ['QUA', 'E08000027', 'RNA']) expect(got.body.detail).not.toContain(party);
  });

  it('refuses a signed-in browser change from another site, even a body-less text/plain one', async () => {
    for (const url of [`/api/arrangements/${id}/check`, '/api/auth/tokens', '/api/auth/logout']) {
      const got = await app.inject({
        method: 'POST',
        url,
        headers: {
          host: 'concordat.test',
          cookie,
          origin: 'https://evil.example',
          'content-type': 'text/plain',
        },
        payload: '',
      });
      expect(got.statusCode, url).toBe(403);
      expect(got.json().detail).toMatch(/only from this site/);
    }
    const noOrigin = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { host: 'concordat.test', cookie },
    });
    expect(noOrigin.statusCode).toBe(403);
    const sameSite = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { host: 'concordat.test', cookie, referer: 'http://concordat.test/arrangements' },
      payload: {},
    });
    expect(sameSite.statusCode).toBe(201);
  });

  it('tells browsers and proxies not to keep API answers', async () => {
    const got = await call('party', 'GET', '/api/auth/me');
    expect(got.headers['cache-control']).toBe('no-store');
  });
});
