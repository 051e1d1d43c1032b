import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { RoleGrant } from '../core/roles.ts';
import type { Actor } from './arrangements.ts';
import { appendAudit } from './audit.ts';
import { NotFound } from './errors.ts';
import type { Database } from './schema.ts';
import { endAllSessions, type SignInRefusal } from './sessions.ts';

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

/** The outcome of checking a password: the user, or why not (for the audit log, not the caller). */
export type PasswordCheck = { user: User } | { refused: SignInRefusal };

/**
 * Checks a password; the same work is done for an unknown e-mail, so timing does not reveal
 * which addresses have accounts. A disabled account is refused even with its password.
 */
export async function checkPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<PasswordCheck> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  const ok = await verify(row?.password_hash ?? dummyHash(), password).catch(() => false);
  if (!row) return { refused: 'no account has this e-mail' };
  if (!ok) return { refused: 'wrong password' };
  if (row.disabled_at !== null) return { refused: 'the account is disabled' };
  const user = await findUser(db, row.id);
  return user ? { user } : { refused: 'no account has this e-mail' };
}

/** An argon2id hash of a random, forgotten password: verifying against it costs what a real check costs. */
function dummyHash(): string {
  return '$argon2id$v=19$m=19456,t=2,p=1$ucFK76Un/xA/z9yLHDegxQ$H1tAmoQaNt+6X3OrZInhv1/4YahMjhXRp0y2wdv2pd0';
}

/**
 * Disables an account (or enables it again): a disabled account cannot sign in, and every
 * session and token it held ends in the same transaction. Returns the ended sessions' hashes,
 * for caches to forget, and when the account was disabled (null once enabled).
 */
export async function setUserDisabled(
  db: Kysely<Database>,
  id: number,
  disabled: boolean,
  actor: Actor,
  reason: string,
): Promise<{ disabled_at: string | null; ended: string[] }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select('disabled_at')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFound('user', String(id));
    const disabledAt = disabled ? (row.disabled_at ?? new Date().toISOString()) : null;
    await trx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
    const ended = disabled ? await endAllSessions(trx, id, actor, `the account was disabled: ${reason}`) : [];
    await appendAudit(trx, {
      actor: actor.label,
      action: disabled ? 'disable' : 'enable',
      entity: 'user',
      entity_id: String(id),
      before: { disabled_at: row.disabled_at },
      after: { disabled_at: disabledAt, sessions_ended: ended.length },
      reason,
    });
    return { disabled_at: disabledAt, ended };
  });
}
