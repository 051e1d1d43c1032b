import type { FastifyRequest } from 'fastify';
import { describeRoles, holdsOneOf, type Role } from '../core/roles.ts';
import type { Store } from '../store/db.ts';
import { type Credential, type SignedIn, signedInBy, tokenHash } from '../store/sessions.ts';
import type { User } from '../store/users.ts';
import { forbidden, unauthenticated } from './problems.ts';
import type { ShortMemo } from './short-memo.ts';

export const sessionCookie = 'concordat_session';

/**
 * Who signed the request in, from an `Authorization: Bearer` token or the session cookie, if
 * anyone. Remembered by the token's hash, so a revocation can forget it without the secret.
 */
export async function identify(
  store: Store,
  sessions: ShortMemo<SignedIn | undefined>,
  request: FastifyRequest,
): Promise<SignedIn | undefined> {
  const header = request.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const token = bearer ?? request.cookies[sessionCookie];
  if (!token) return undefined;
  const hash = tokenHash(token);
  return sessions.get(hash, () => signedInBy(store.db, hash));
}

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw unauthenticated();
  return request.user;
}

/**
 * The organisations whose parties' lists a user may read: undefined (everything) with an
 * England-wide role, else the organisations the user's roles are held for. A list filtered
 * by it in the database shows what `rolesFor` would allow item by item.
 */
export function reachOf(user: User): string[] | undefined {
  if (user.roles.some((r) => r.organisation === null)) return undefined;
  return [...new Set(user.roles.map((r) => r.organisation as string))];
}

/** Refuses with 403 unless the user holds one of `allowed` (for these parties, when given). */
export function requireRole(
  request: FastifyRequest,
  allowed: readonly Role[],
  parties?: readonly string[],
  what = 'do this',
): User {
  const user = requireUser(request);
  if (!holdsOneOf(user.roles, allowed, parties)) {
    // The parties are not named: someone who is not a party is not told who is.
    const scope = parties ? ' for an organisation that is party to it' : '';
    throw forbidden(
      `To ${what} you need the role ${allowed.join(' or ')}${scope}; you hold ${describeRoles(user.roles)}.`,
    );
  }
  return user;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
    /** The session or token the request is signed in with. */
    credential: Credential | undefined;
  }
}
