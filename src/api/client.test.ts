import { expect, it } from 'vitest';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { createUser } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { generatedClient } from './test-client.ts';

const arrangement = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
const password = 'a passphrase for tests';

/** The API as an integrator meets it: every call below is typed by the generated client. */
describeOnBothDatabases('the generated client', (store) => {
  let app: Api;
  let token: string | undefined;
  const client = generatedClient(
    () => app,
    () => token,
  );

  it('signs in with a password and reaches the API with a bearer token', async () => {
    app = await buildApp({ store: store() });
    await createUser(
      store().db,
      {
        email: 'admin@example.nhs.uk',
        name: 'Admin',
        password,
        roles: [{ role: 'administrator', organisation: null }],
      },
      { userId: null, label: 'test' },
      'test',
    );
    const health = await client.GET('/api/health');
    expect(health.data?.ok).toBe(true);
    const refused = await client.POST('/api/auth/login', {
      body: { email: 'admin@example.nhs.uk', password: 'wrong' },
    });
    expect(refused.response.status).toBe(401);
    expect(refused.error?.type).toBe('https://concordat.example/problems/sign-in-failed');
    const signedIn = await client.POST('/api/auth/login', {
      body: { email: 'admin@example.nhs.uk', password },
    });
    expect(signedIn.data?.user.roles).toEqual([{ role: 'administrator', organisation: null }]);
    const cookie = signedIn.response.headers.get('set-cookie') ?? '';
    // A change made with a session cookie must say it comes from this site (docs/security.md).
    const issued = await client.POST('/api/auth/tokens', {
      body: { label: 'client test' },
      headers: { cookie: cookie.split(';')[0], origin: 'http://concordat.test' },
    });
    token = issued.data?.token;
    expect(token).toBeTruthy();
    expect((await client.GET('/api/auth/me')).data?.email).toBe('admin@example.nhs.uk');
  });

  it('creates, reads and replaces an arrangement, and is told when its version is stale', async () => {
    const created = await client.POST('/api/arrangements', { body: { arrangement, reason: 'test' } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? '';
    expect(created.response.headers.get('location')).toBe(`/api/arrangements/${id}`);
    const read = await client.GET('/api/arrangements/{id}', { params: { path: { id } } });
    expect(read.data?.document.name).toBe(arrangement.name);
    expect(read.response.headers.get('etag')).toBe('"1"');
    const body = { version: 1, arrangement, reason: 'renamed' };
    const replaced = await client.PUT('/api/arrangements/{id}', { params: { path: { id } }, body });
    expect(replaced.data?.version).toBe(2);
    const stale = await client.PUT('/api/arrangements/{id}', { params: { path: { id } }, body });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.current_version).toBe(2);
    const conditional = await client.PUT('/api/arrangements/{id}', {
      params: { path: { id }, header: { 'if-match': '"1"' } },
      body: { ...body, version: 2 },
    });
    expect(conditional.response.status).toBe(412);
    expect(conditional.error?.current_version).toBe(2);
    const matched = await client.PUT('/api/arrangements/{id}', {
      params: { path: { id }, header: { 'if-match': '"2"' } },
      body: { ...body, version: 2 },
    });
    expect(matched.response.headers.get('etag')).toBe('"3"');
    const listed = await client.GET('/api/arrangements');
    expect(listed.data?.items.map((a) => a.id)).toContain(id);
  });

  it('names the field when a request is invalid', async () => {
    const invalid = await client.GET('/api/organisations', { params: { query: { q: '' } } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errors?.[0]?.field).toBe('querystring/q');
    const none = await client.GET('/api/organisations/{code}', { params: { path: { code: 'ZZZ99' } } });
    expect(none.response.status).toBe(404);
  });
});
