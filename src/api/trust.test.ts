import { expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { createUser } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { clientsFor, signInAccounts } from './test-accounts.ts';

const dudley = readArrangementFile('examples/black-country-dudley-place-2026.yaml');

/** Breaks 7 and 8 of the security review: decision dates, cross-site requests, caching, what a 403 says. */
describeOnBothDatabases('trust at the edges', (store) => {
  let app: Api;
  let id = '';
  let cookie = '';
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const path = () => ({ path: { id } });

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
    const created = await as('party').POST('/api/arrangements', {
      body: { arrangement: dudley, reason: 'set up' },
    });
    expect(created.response.status).toBe(201);
    id = created.data?.id ?? '';
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
    const login = await as('browser').POST('/api/auth/login', {
      body: { email: 'web@example.nhs.uk', password: 'a long test password' },
      headers: { origin: 'http://concordat.test' },
    });
    expect(login.response.status).toBe(200);
    cookie = login.response.headers.get('set-cookie')?.split(';')[0] ?? '';
  });

  const decide = (on: string) =>
    as('party').POST('/api/arrangements/{id}/decisions', {
      params: path(),
      body: {
        decision: 'approve-subcontract',
        subject: 'a subcontract',
        outcome: 'approved',
        reason: 'value for money',
        on,
      },
    });

  it('refuses a decision date that is not a real date, or outside the arrangement term, naming body/on', async () => {
    for (const on of ['garbage', '2021-13-01', '2026-02-30', '2040-01-01']) {
      const got = await decide(on);
      expect(got.response.status, on).toBe(400);
      expect(got.error?.errors?.[0]?.field).toBe('body/on');
    }
  });

  it('keeps the date a decision takes effect', async () => {
    const got = await decide('2026-08-01');
    expect(got.response.status).toBe(201);
    expect(got.data?.on).toBe('2026-08-01');
    const row = await store()
      .db.selectFrom('decisions')
      .select('effective_on')
      .where('id', '=', got.data?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(row.effective_on).toBe('2026-08-01');
  });

  it('tells a non-party only that they are not a party, not who the parties are', async () => {
    const got = await as('stranger').PUT('/api/arrangements/{id}', {
      params: path(),
      body: { version: 1, arrangement: dudley, reason: 'x' },
    });
    expect(got.response.status).toBe(403);
    expect(got.error?.detail).toMatch(/party/);
    for (const party of ['QUA', 'E08000027', 'RNA']) expect(got.error?.detail).not.toContain(party);
  });

  it('refuses a signed-in browser change from another site, even a body-less text/plain one', async () => {
    // Forged origins and a text/plain body are what the document forbids: sent outside the generated client.
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
    const sameSite = await as('browser').POST('/api/auth/tokens', {
      body: {},
      headers: { cookie, referer: 'http://concordat.test/arrangements' },
    });
    expect(sameSite.response.status).toBe(201);
  });

  it('tells browsers and proxies not to keep API answers', async () => {
    const got = await as('party').GET('/api/auth/me');
    expect(got.response.headers.get('cache-control')).toBe('no-store');
  });
});
