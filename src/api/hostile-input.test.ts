import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { verifyAudit } from '../store/audit.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { createUser } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callOutsideDocument } from './test-accounts.ts';
import { generatedClient } from './test-client.ts';

/** The reviewed requests that gave a 500 or a non-problem error: each is now a 400 problem naming the field. */
describeOnBothDatabases('hostile input', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  // NUL, lone surrogates, year 0000 and broken percent-encoding are what the document forbids:
  // these requests go outside the generated client, which signs in the ordinary way.
  const call = callOutsideDocument(() => app, tokens);
  const browser = generatedClient(() => app);
  const logLines: string[] = [];

  it('starts with an administrator and a log that captures each line', async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await buildApp({ store: store(), log: { level: 'info', stream: sink } });
    await createUser(
      store().db,
      {
        email: 'admin@example.nhs.uk',
        name: 'Admin',
        password: 'a long test password',
        roles: [{ role: 'administrator', organisation: null }],
      },
      { userId: null, label: 'test' },
      'test',
    );
    const login = await browser.POST('/api/auth/login', {
      body: { email: 'admin@example.nhs.uk', password: 'a long test password' },
    });
    expect(login.response.status).toBe(200);
    const issued = await browser.POST('/api/auth/tokens', {
      body: {},
      headers: {
        cookie: login.response.headers.get('set-cookie')?.split(';')[0] ?? '',
        origin: 'http://concordat.test',
      },
    });
    expect(issued.response.status).toBe(201);
    tokens.set('admin', issued.data?.token ?? '');
  });

  const cases: [string, string, string, unknown, string][] = [
    ['NUL in a path id', 'GET', '/api/arrangements/a%00b', undefined, 'params/id'],
    ['NUL in a search', 'GET', '/api/organisations?q=%00', undefined, 'querystring/q'],
    ['NUL in an audit filter', 'GET', '/api/audit?entity=x%00', undefined, 'querystring/entity'],
    [
      'a lone surrogate in a name',
      'POST',
      '/api/users',
      {
        email: 'x@example.nhs.uk',
        name: 'A\ud800',
        password: 'a long test password',
        roles: [{ role: 'viewer', organisation: null }],
        reason: 'r',
      },
      'body/name',
    ],
    [
      'NUL in a reason',
      'POST',
      '/api/users',
      {
        email: 'y@example.nhs.uk',
        name: 'Y',
        password: 'a long test password',
        roles: [{ role: 'viewer', organisation: null }],
        reason: 'r\u0000',
      },
      'body/reason',
    ],
    ['year 0000', 'GET', '/api/organisations/QUA/tree?on=0000-01-01', undefined, 'querystring/on'],
  ];
  for (const [name, method, url, payload, field] of cases) {
    it(`refuses ${name} with a 400 problem naming ${field}`, async () => {
      const got = await call('admin', method, url, payload);
      expect(got.status).toBe(400);
      expect(got.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(got.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(got.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  }

  it('refuses NUL in the sign-in e-mail before any authentication', async () => {
    const got = await call('anonymous', 'POST', '/api/auth/login', { email: 'a\u0000@x.uk', password: 'p' });
    expect(got.status).toBe(400);
    expect(got.body.errors[0].field).toBe('body/email');
  });

  it('answers a badly percent-encoded URL with a problem response', async () => {
    const got = await call('admin', 'GET', '/api/arrangements/%E0%A4%A');
    expect(got.status).toBe(400);
    expect(got.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(got.body.detail).toMatch(/percent-encoded/);
  });

  it('logs one line per request with the request id the problem names, and no password or token', async () => {
    const got = await call('admin', 'GET', '/api/arrangements/a%00b');
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.reqId === got.body.request_id);
    expect(line).toMatchObject({ method: 'GET', status: 400, msg: 'request' });
    expect(got.headers['x-request-id']).toBe(got.body.request_id);
    const all = logLines.join('\n');
    expect(all).not.toContain('a long test password');
    expect(all).not.toContain(tokens.get('admin'));
  });

  it('leaves the audit chain intact', async () => {
    expect(await verifyAudit(store().db)).toMatchObject({ intact: true });
  });
});
