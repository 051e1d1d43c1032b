import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Actor } from './arrangements.ts';
import { appendAudit } from './audit.ts';
import type { Database, Role } from './schema.ts';

export interface RoleGrant {
  role: Role;
  /** ODS/ONS code of the organisation the role is held for; null = England-wide. */
  organisation: string | null;
}

export interface User {
  id: number;
  email: string;
  name: string;
  roles: RoleGrant[];
}

/** argon2id with the library's defaults (OWASP-recommended memory and time costs). */
const argon2id = 2;

export async function createUser(
  db: Kysely<Database>,
  input: { email: string; name: string; password: string; roles: RoleGrant[] },
  actor: Actor,
  reason: string,
): Promise<User> {
  const passwordHash = await hash(input.password, { algorithm: argon2id });
  const email = input.email.toLowerCase();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({ email, name: input.name, password_hash: passwordHash, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.roles.length) {
      await trx
        .insertInto('user_roles')
        .values(input.roles.map((r) => ({ user_id: row.id, role: r.role, organisation: r.organisation })))
        .execute();
    }
    const user = { id: row.id, email, name: input.name, roles: input.roles };
    await appendAudit(trx, {
      actor: actor.label,
      action: 'create',
      entity: 'user',
      entity_id: String(row.id),
      before: null,
      after: user,
      reason,
    });
    return user;
  });
}

export async function findUser(db: Kysely<Database>, id: number): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await db
    .selectFrom('user_roles')
    .select(['role', 'organisation'])
    .where('user_id', '=', id)
    .execute();
  return { ...row, roles };
}

/** The user with this email address (any case), if there is one. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? findUser(db, row.id) : undefined;
}

/** The user whose password this is, or undefined; the same work is done for an unknown email so timing does not reveal accounts. */
export async function checkPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  const ok = await verify(row?.password_hash ?? dummyHash(), password).catch(() => false);
  return row && ok ? findUser(db, row.id) : undefined;
}

/** An argon2id hash of a random, forgotten password: verifying against it costs what a real check costs. */
function dummyHash(): string {
  return '$argon2id$v=19$m=19456,t=2,p=1$ucFK76Un/xA/z9yLHDegxQ$H1tAmoQaNt+6X3OrZInhv1/4YahMjhXRp0y2wdv2pd0';
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session (browser cookie) or issues a bearer token (systems); returns the secret once. */
export async function startSession(
  db: Kysely<Database>,
  userId: number,
  kind: 'cookie' | 'bearer',
  hours: number,
): Promise<{ token: string; expires_at: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expires = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      kind,
      created_at: now.toISOString(),
      expires_at: expires,
    })
    .execute();
  return { token, expires_at: expires };
}

/** The user a live session or token belongs to, with roles, in one round trip (it runs on every request). */
export async function userForToken(db: Kysely<Database>, token: string): Promise<User | undefined> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.name', 'r.role', 'r.organisation'])
    .where('s.token_hash', '=', tokenHash(token))
    .where('s.expires_at', '>', new Date().toISOString())
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const roles = rows
    .filter((r) => r.role !== null)
    .map((r) => ({ role: r.role as Role, organisation: r.organisation }));
  return { id: first.id, email: first.email, name: first.name, roles };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}
