import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../core/roles.ts';
import { actorOf } from './actor.ts';
import type { Actor } from './arrangements.ts';
import { appendAudit } from './audit.ts';
import { NotFound } from './errors.ts';
import type { Database } from './schema.ts';
import type { User } from './users.ts';

/** A browser session (the `concordat_session` cookie) or a bearer token a system holds. */
export type SessionKind = 'cookie' | 'bearer';

/** What a request is signed in with: the session's id and kind, and the hash it is found by. */
export interface Credential {
  id: number;
  kind: SessionKind;
  tokenHash: string;
}

export interface SignedIn {
  user: User;
  credential: Credential;
}

/** A bearer token as its owner and administrators see it: never the secret, nor its hash. */
export interface TokenListing {
  id: number;
  user: { id: number; email: string; name: string };
  label: string | null;
  created_at: string;
  expires_at: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Stores a new session or token and returns its secret, once. Only its SHA-256 is kept, so a
 * copy of the database signs no one in. Callers that act for a user audit it (below).
 */
export async function startSession(
  db: Kysely<Database>,
  userId: number,
  kind: SessionKind,
  hours: number,
  label: string | null = null,
): Promise<{ id: number; token: string; expires_at: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expires = new Date(now.getTime() + hours * 3_600_000).toISOString();
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      kind,
      label,
      created_at: now.toISOString(),
      expires_at: expires,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expires_at: expires };
}

/** A browser session after a correct password, with its audit record (never the password). */
export function signIn(
  db: Kysely<Database>,
  user: User,
  hours: number,
  address: string,
): Promise<{ id: number; token: string; expires_at: string }> {
  return db.transaction().execute(async (trx) => {
    const session = await startSession(trx, user.id, 'cookie', hours);
    await appendAudit(trx, {
      actor: actorOf(user).label,
      action: 'sign-in',
      entity: 'session',
      entity_id: String(session.id),
      before: null,
      after: { user_id: user.id, kind: 'cookie', expires_at: session.expires_at, address },
      reason: 'signed in with a password',
    });
    return session;
  });
}

/** Why a sign-in was refused, as the audit log records it. */
export type SignInRefusal = 'no account has this e-mail' | 'wrong password' | 'the account is disabled';

/** A refused sign-in: the e-mail tried and the address it came from, never the password. */
export function recordFailedSignIn(
  db: Kysely<Database>,
  email: string,
  address: string,
  refusal: SignInRefusal,
): Promise<void> {
  return db.transaction().execute((trx) =>
    appendAudit(trx, {
      actor: 'anonymous',
      action: 'sign-in-failed',
      entity: 'sign-in',
      entity_id: email.toLowerCase(),
      before: null,
      after: { email: email.toLowerCase(), address, refused: refusal },
      reason: refusal,
    }),
  );
}

/** A bearer token for `user`, issued from their browser session `from`, with its audit record. */
export function issueToken(
  db: Kysely<Database>,
  user: User,
  hours: number,
  label: string | null,
  from: Credential,
): Promise<{ id: number; token: string; expires_at: string }> {
  return db.transaction().execute(async (trx) => {
    const issued = await startSession(trx, user.id, 'bearer', hours, label);
    await appendAudit(trx, {
      actor: actorOf(user).label,
      action: 'issue',
      entity: 'token',
      entity_id: String(issued.id),
      before: null,
      after: { user_id: user.id, label, expires_at: issued.expires_at, issued_from_session: from.id },
      reason: 'bearer token issued',
    });
    return issued;
  });
}

/** The live bearer tokens (one, by `id`), of one user or (for administrators) everyone's, newest first. */
export async function listTokens(
  db: Kysely<Database>,
  page: { id?: number; userId?: number | undefined; before?: number | undefined; limit?: number } = {},
): Promise<TokenListing[]> {
  const { id, userId, before, limit } = page;
  let query = db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.label', 's.created_at', 's.expires_at', 'u.id as user_id', 'u.email', 'u.name'])
    .where('s.kind', '=', 'bearer')
    .where('s.expires_at', '>', new Date().toISOString())
    .orderBy('s.id', 'desc');
  if (id !== undefined) query = query.where('s.id', '=', id);
  if (userId !== undefined) query = query.where('s.user_id', '=', userId);
  if (before !== undefined) query = query.where('s.id', '<', before);
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    user: { id: r.user_id, email: r.email, name: r.name },
    label: r.label,
    created_at: r.created_at,
    expires_at: r.expires_at,
  }));
}

/**
 * Revokes bearer token `id` (only among `ownerId`'s when given, so another user's token is
 * "not found", not "not yours") and audits it; returns its hash, for caches to forget.
 */
export function revokeToken(
  db: Kysely<Database>,
  id: number,
  actor: Actor,
  reason: string,
  ownerId?: number,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('kind', '=', 'bearer')
      .returning(['token_hash', 'user_id', 'label', 'expires_at']);
    if (ownerId !== undefined) query = query.where('user_id', '=', ownerId);
    const row = await query.executeTakeFirst();
    if (!row) throw new NotFound(ownerId === undefined ? 'token' : 'token of yours', String(id));
    await auditRevocation(trx, id, row, actor, reason);
    return row.token_hash;
  });
}

function auditRevocation(
  trx: Transaction<Database>,
  id: number,
  row: { user_id: number; label: string | null; expires_at: string },
  actor: Actor,
  reason: string,
): Promise<void> {
  return appendAudit(trx, {
    actor: actor.label,
    action: 'revoke',
    entity: 'token',
    entity_id: String(id),
    before: { user_id: row.user_id, label: row.label, expires_at: row.expires_at },
    after: null,
    reason,
  });
}

/**
 * Signs out: ends the browser session, or revokes the bearer token, the request came with.
 * A token made from a browser session is a credential of its own: it outlives the session.
 */
export function signOut(db: Kysely<Database>, user: User, credential: Credential): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('sessions')
      .where('id', '=', credential.id)
      .returning(['user_id', 'label', 'expires_at'])
      .executeTakeFirst();
    if (!row) return; // already ended (signed out twice at once)
    if (credential.kind === 'bearer') {
      await auditRevocation(trx, credential.id, row, actorOf(user), 'signed out with the token');
      return;
    }
    await appendAudit(trx, {
      actor: actorOf(user).label,
      action: 'sign-out',
      entity: 'session',
      entity_id: String(credential.id),
      before: { user_id: row.user_id, kind: 'cookie', expires_at: row.expires_at },
      after: null,
      reason: 'signed out',
    });
  });
}

/**
 * Ends every session and token of a user (when the account is disabled), auditing each token
 * revoked; returns their hashes, for caches to forget.
 */
export async function endAllSessions(
  trx: Transaction<Database>,
  userId: number,
  actor: Actor,
  reason: string,
): Promise<string[]> {
  const rows = await trx
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .returning(['id', 'kind', 'token_hash', 'user_id', 'label', 'expires_at'])
    .execute();
  for (const row of rows.filter((r) => r.kind === 'bearer').sort((a, b) => a.id - b.id))
    await auditRevocation(trx, row.id, row, actor, reason);
  return rows.map((r) => r.token_hash);
}

/**
 * Who a live session or token signs in, with roles, in one round trip (it runs on every
 * request); nobody for an expired one or a disabled account.
 */
export async function signedInBy(db: Kysely<Database>, hash: string): Promise<SignedIn | undefined> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['s.id as session_id', 's.kind', 'u.id', 'u.email', 'u.name', 'r.role', 'r.organisation'])
    .where('s.token_hash', '=', hash)
    .where('s.expires_at', '>', new Date().toISOString())
    .where('u.disabled_at', 'is', null)
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const roles = rows
    .filter((r) => r.role !== null)
    .map((r) => ({ role: r.role as Role, organisation: r.organisation }));
  return {
    user: { id: first.id, email: first.email, name: first.name, roles },
    credential: { id: first.session_id, kind: first.kind, tokenHash: hash },
  };
}
