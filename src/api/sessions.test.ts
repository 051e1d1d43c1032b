import { expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../store/audit.ts';
import { tokenHash } from '../store/sessions.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { createUser, type User } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { SignInLimiter } from './sign-in-limits.ts';
import { generatedClient } from './test-client.ts';

const password = 'a long test password';
// A browser on the site: the client already sends the site's host.
const site = { origin: 'http://concordat.test' };
const minute = 60_000;

/** Break 4 and 5 of the security review: tokens, sign-out, sign-in limits and the audit of each. */
describeOnBothDatabases('sessions, tokens and sign-in', (store) => {
  let app: Api;
  const clock = { now: Date.UTC(2026, 3, 1, 9, 0) };
  const people: Record<string, User> = {};
  // Small limits keep the test quick; src/api/sign-in-limits.test.ts checks the real ones.
  const limiter = new SignInLimiter(() => clock.now, {
    account: { max: 3, windowMs: 15 * minute },
    address: { max: 6, windowMs: 15 * minute },
  });

  // Every request goes through the generated client; who calls is said by the headers each one sends.
  const api = generatedClient(() => app);
  const signIn = (email: string, pass: string, address = '192.0.2.1') =>
    generatedClient(() => app, undefined, { remoteAddress: address }).POST('/api/auth/login', {
      body: { email, password: pass },
      headers: site,
    });
  const cookieOf = async (email: string) => {
    const answer = await signIn(email, password);
    expect(answer.response.status).toBe(200);
    return (answer.response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const withCookie = (cookie: string) => ({ ...site, cookie });
  const withToken = (token: string) => ({ authorization: `Bearer ${token}` });
  const issue = async (cookie: string, label: string) => {
    const answer = await api.POST('/api/auth/tokens', { body: { label }, headers: withCookie(cookie) });
    expect(answer.response.status).toBe(201);
    return answer.data as { id: number; token: string };
  };
  const me = async (headers: Record<string, string>) =>
    (await api.GET('/api/auth/me', { headers })).response.status;
  const lastAudit = async () => (await listAudit(store().db, { limit: 1000 })).at(-1);

  it('starts with an administrator and two people', async () => {
    app = await buildApp({ store: store(), signInLimiter: limiter });
    for (const [key, role] of [
      ['admin', 'administrator'],
      ['alice', 'commissioner'],
      ['bob', 'viewer'],
    ] as const) {
      people[key] = await createUser(
        store().db,
        {
          email: `${key}@example.nhs.uk`,
          name: key,
          password,
          roles: [{ role, organisation: role === 'commissioner' ? 'QUA' : null }],
        },
        { userId: null, label: 'test' },
        'test',
      );
    }
  });

  it('audits a sign-in and a failed sign-in with the e-mail tried and the address, never the password', async () => {
    await cookieOf('alice@example.nhs.uk');
    expect(await lastAudit()).toMatchObject({
      actor: 'alice <alice@example.nhs.uk>',
      action: 'sign-in',
      entity: 'session',
      after: { user_id: people.alice?.id, kind: 'cookie', address: '192.0.2.1' },
    });
    const wrong = await signIn('Alice@example.nhs.uk', 'not my password');
    expect(wrong.response.status).toBe(401);
    expect(wrong.error?.type).toBe('https://concordat.example/problems/sign-in-failed');
    expect(await lastAudit()).toMatchObject({
      actor: 'anonymous',
      action: 'sign-in-failed',
      entity_id: 'alice@example.nhs.uk',
      after: { email: 'alice@example.nhs.uk', address: '192.0.2.1', refused: 'wrong password' },
    });
    await signIn('nobody@example.nhs.uk', 'guess');
    expect((await lastAudit())?.after).toMatchObject({ refused: 'no account has this e-mail' });
    const log = JSON.stringify(await listAudit(store().db, { limit: 1000 }));
    expect(log).not.toContain('not my password');
    expect(log).not.toContain(password);
  });

  it('issues a token only from a browser session, audited without its secret', async () => {
    const cookie = await cookieOf('alice@example.nhs.uk');
    const { id, token } = await issue(cookie, 'finance system');
    expect(await lastAudit()).toMatchObject({
      action: 'issue',
      entity: 'token',
      entity_id: String(id),
      after: { user_id: people.alice?.id, label: 'finance system' },
    });
    const log = JSON.stringify(await listAudit(store().db, { limit: 1000 }));
    expect(log).not.toContain(token);
    expect(log).not.toContain(tokenHash(token));
    const minted = await api.POST('/api/auth/tokens', { body: {}, headers: withToken(token) });
    expect(minted.response.status).toBe(403);
    expect(minted.response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(minted.error?.detail).toMatch(/bearer token cannot issue tokens/);
  });

  it('keeps a token made from a session after the session signs out, and audits the sign-out', async () => {
    const cookie = await cookieOf('bob@example.nhs.uk');
    const { token } = await issue(cookie, 'reporting');
    const out = await api.POST('/api/auth/logout', { headers: withCookie(cookie) });
    expect(out.response.status).toBe(204);
    expect(await lastAudit()).toMatchObject({ action: 'sign-out', entity: 'session', after: null });
    expect(await me(withCookie(cookie))).toBe(401);
    expect(await me(withToken(token))).toBe(200);
  });

  it('revokes a bearer token that signs out with itself, at once', async () => {
    const { id, token } = await issue(await cookieOf('bob@example.nhs.uk'), 'script');
    expect(await me(withToken(token))).toBe(200);
    const out = await api.POST('/api/auth/logout', { headers: withToken(token) });
    expect(out.response.status).toBe(204);
    expect(await me(withToken(token))).toBe(401);
    expect(await lastAudit()).toMatchObject({
      action: 'revoke',
      entity: 'token',
      entity_id: String(id),
      reason: 'signed out with the token',
    });
  });

  it("lists each caller's own tokens, and anyone's (or one user's) for an administrator", async () => {
    const adminToken = (await issue(await cookieOf('admin@example.nhs.uk'), 'ops')).token;
    const bobToken = (await issue(await cookieOf('bob@example.nhs.uk'), 'bob script')).token;
    const list = async (token: string, user?: number) => {
      const answer = await api.GET('/api/auth/tokens', {
        params: { query: user === undefined ? {} : { user } },
        headers: withToken(token),
      });
      return { status: answer.response.status, body: answer.data ?? { items: [] } };
    };
    const labels = (body: { items: { label: string | null }[] }) => body.items.map((t) => t.label).sort();
    expect(labels((await list(bobToken)).body)).toEqual(['bob script', 'reporting']);
    expect((await list(bobToken)).body.items[0]).toEqual({
      id: expect.any(Number),
      user: { id: people.bob?.id, email: 'bob@example.nhs.uk', name: 'bob' },
      label: 'bob script',
      created_at: expect.any(String),
      expires_at: expect.any(String),
    });
    expect((await list(bobToken, people.alice?.id)).status).toBe(403);
    expect(labels((await list(bobToken, people.bob?.id)).body)).toEqual(['bob script', 'reporting']);
    expect(labels((await list(adminToken)).body)).toEqual([
      'bob script',
      'finance system',
      'ops',
      'reporting',
    ]);
    expect(labels((await list(adminToken, people.alice?.id)).body)).toEqual(['finance system']);
    expect((await list(adminToken, 0)).status).toBe(400);
  });

  it('revokes a token by its owner or an administrator, never by someone else, and audits it', async () => {
    const alice = await issue(await cookieOf('alice@example.nhs.uk'), 'to revoke');
    const bob = await issue(await cookieOf('bob@example.nhs.uk'), 'bob to revoke');
    const admin = await issue(await cookieOf('admin@example.nhs.uk'), 'admin');
    const revoke = async (id: number, token: string) =>
      (await api.DELETE('/api/auth/tokens/{id}', { params: { path: { id } }, headers: withToken(token) }))
        .response.status;
    expect(await revoke(bob.id, alice.token)).toBe(404);
    expect(await me(withToken(bob.token))).toBe(200);
    expect(await revoke(alice.id, alice.token)).toBe(204);
    expect(await me(withToken(alice.token))).toBe(401);
    expect(await lastAudit()).toMatchObject({
      actor: 'alice <alice@example.nhs.uk>',
      action: 'revoke',
      entity_id: String(alice.id),
      before: { user_id: people.alice?.id, label: 'to revoke' },
      reason: 'revoked by its owner',
    });
    expect(await revoke(bob.id, admin.token)).toBe(204);
    expect(await me(withToken(bob.token))).toBe(401);
    expect((await lastAudit())?.reason).toBe('revoked by an administrator');
    expect(await revoke(bob.id, admin.token)).toBe(404);
  });

  it('gives the address of each token and account it creates, readable there by its owner or an administrator', async () => {
    const cookie = await cookieOf('alice@example.nhs.uk');
    const issued = await api.POST('/api/auth/tokens', {
      body: { label: 'ledger' },
      headers: withCookie(cookie),
    });
    expect(issued.response.status).toBe(201);
    const { id, token } = issued.data as { id: number; token: string };
    expect(issued.response.headers.get('location')).toBe(`/api/auth/tokens/${id}`);
    const adminToken = (await issue(await cookieOf('admin@example.nhs.uk'), 'admin reads')).token;
    const bobToken = (await issue(await cookieOf('bob@example.nhs.uk'), 'bob reads')).token;
    const as = (t: string) =>
      generatedClient(
        () => app,
        () => t,
      );

    const own = await as(token).GET('/api/auth/tokens/{id}', { params: { path: { id } } });
    expect(own.response.status).toBe(200);
    expect(own.data).toMatchObject({ id, label: 'ledger', user: { id: people.alice?.id } });
    expect(JSON.stringify(own.data)).not.toContain(token);
    const byAdmin = await as(adminToken).GET('/api/auth/tokens/{id}', { params: { path: { id } } });
    expect(byAdmin.data?.label).toBe('ledger');
    const byBob = await as(bobToken).GET('/api/auth/tokens/{id}', { params: { path: { id } } });
    expect(byBob.response.status).toBe(404);

    const created = await as(adminToken).POST('/api/users', {
      body: {
        email: 'carol@example.nhs.uk',
        name: 'Carol',
        password: 'a long test password',
        roles: [{ role: 'viewer', organisation: 'QUA' }],
        reason: 'new starter',
      },
    });
    expect(created.response.status).toBe(201);
    const carol = created.data?.id as number;
    expect(created.response.headers.get('location')).toBe(`/api/users/${carol}`);
    const read = await as(adminToken).GET('/api/users/{id}', { params: { path: { id: carol } } });
    expect(read.data).toMatchObject({
      id: carol,
      email: 'carol@example.nhs.uk',
      roles: [{ role: 'viewer' }],
    });
    const self = await as(bobToken).GET('/api/users/{id}', {
      params: { path: { id: people.bob?.id as number } },
    });
    expect(self.data?.email).toBe('bob@example.nhs.uk');
    const other = await as(bobToken).GET('/api/users/{id}', { params: { path: { id: carol } } });
    expect(other.response.status).toBe(403);
    const missing = await as(adminToken).GET('/api/users/{id}', { params: { path: { id: 999_999 } } });
    expect(missing.response.status).toBe(404);
  });

  it('ends every session and token of a disabled account, and lets it sign in again once enabled', async () => {
    const cookie = await cookieOf('alice@example.nhs.uk');
    const { id: tokenId, token } = await issue(cookie, 'before leaving');
    const admin = await issue(await cookieOf('admin@example.nhs.uk'), 'admin');
    const change = (action: 'disable' | 'enable', id: number | undefined, as: string) =>
      api.POST(`/api/users/{id}/${action}`, {
        params: { path: { id: id as number } },
        body: { reason: 'left the ICB' },
        headers: withToken(as),
      });
    expect((await change('disable', people.alice?.id, token)).response.status).toBe(403);
    const self = await change('disable', people.admin?.id, admin.token);
    expect(self.response.status).toBe(400);
    expect(self.error?.errors?.[0]?.field).toBe('params/id');
    expect((await change('disable', 999_999, admin.token)).response.status).toBe(404);

    const disabled = await change('disable', people.alice?.id, admin.token);
    expect(disabled.response.status).toBe(200);
    expect(disabled.data).toMatchObject({ id: people.alice?.id, disabled_at: expect.any(String) });
    expect(disabled.data?.sessions_ended).toBeGreaterThanOrEqual(2);
    expect(await me(withToken(token))).toBe(401);
    expect(await me(withCookie(cookie))).toBe(401);
    const records = await listAudit(store().db, { limit: 1000 });
    expect(records.at(-1)).toMatchObject({ action: 'disable', entity: 'user', reason: 'left the ICB' });
    expect(records.find((r) => r.action === 'revoke' && r.entity_id === String(tokenId))?.reason).toBe(
      'the account was disabled: left the ICB',
    );
    const refused = await signIn('alice@example.nhs.uk', password, '192.0.2.50');
    expect(refused.response.status).toBe(401);
    expect(refused.error?.detail).toMatch(/disabled/);
    // Without the password nobody learns that the account is disabled.
    const guessed = await signIn('alice@example.nhs.uk', 'a guess', '192.0.2.50');
    expect(guessed.error?.detail).not.toMatch(/disabled/);

    expect((await change('enable', people.alice?.id, admin.token)).data?.disabled_at).toBeNull();
    clock.now += 15 * minute; // the two refusals above counted against the account
    expect((await signIn('alice@example.nhs.uk', password, '192.0.2.50')).response.status).toBe(200);
  });

  it('slows guessing at one account from many addresses, saying when to try again', async () => {
    clock.now += 15 * minute;
    for (let i = 0; i < 3; i++)
      expect((await signIn('bob@example.nhs.uk', `guess ${i}`, `198.51.100.${i}`)).response.status).toBe(401);
    const before = (await listAudit(store().db, { limit: 1000 })).length;
    clock.now += 5 * minute;
    const limited = await signIn('bob@example.nhs.uk', password, '198.51.100.99');
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(limited.response.headers.get('retry-after')).toBe(String(10 * 60));
    expect(limited.error?.detail).toMatch(
      /^Too many failed sign-ins to this account: try again in 10 minutes, after \d\d:\d\d \(UK time\)\.$/,
    );
    // A refusal by the limit is not a guess heard: it is not audited (a flood cannot fill the log).
    expect((await listAudit(store().db, { limit: 1000 })).length).toBe(before);
    clock.now += 10 * minute;
    expect((await signIn('bob@example.nhs.uk', password, '198.51.100.99')).response.status).toBe(200);
  });

  it('slows one address trying many accounts, but not the correct password of someone behind it', async () => {
    clock.now += 15 * minute;
    const nat = '203.0.113.7';
    for (let i = 0; i < 5; i++)
      expect((await signIn(`staff${i}@example.nhs.uk`, 'typo', nat)).response.status).toBe(401);
    // Five failures from the address: the sixth try is a correct password, and it is let in.
    expect((await signIn('bob@example.nhs.uk', password, nat)).response.status).toBe(200);
    expect((await signIn('bob@example.nhs.uk', password, nat)).response.status).toBe(200);
    expect((await signIn('staff9@example.nhs.uk', 'typo', nat)).response.status).toBe(401);
    const limited = await signIn('alice@example.nhs.uk', password, nat);
    expect(limited.response.status).toBe(429);
    expect(limited.error?.detail).toMatch(/from your address/);
    expect((await signIn('alice@example.nhs.uk', password, '203.0.113.8')).response.status).toBe(200);
  });

  it('leaves an intact audit chain', async () => {
    expect(await verifyAudit(store().db)).toMatchObject({ intact: true });
  });
});
