import { isAdministrator } from '../../core/roles.ts';
import { actorOf } from '../../store/actor.ts';
import { NotFound } from '../../store/errors.ts';
import {
  signOut as endCredential,
  issueToken as issueBearerToken,
  listTokens as listBearerTokens,
  recordFailedSignIn,
  revokeToken as revokeBearerToken,
  signIn as startBrowserSession,
} from '../../store/sessions.ts';
import { checkPassword, createUser, findUser, setUserDisabled } from '../../store/users.ts';
import { requireRole, requireUser, sessionCookie } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { decodeCursor, pageOf, VersionKey } from '../pagination.ts';
import { badRequest, forbidden, signInFailed, tooManySignIns } from '../problems.ts';
import type { LimitRefusal } from '../sign-in-limits.ts';
import type {
  createUserSchema,
  disableUserSchema,
  enableUserSchema,
  issueTokenSchema,
  listTokensSchema,
  readTokenSchema,
  readUserSchema,
  revokeTokenSchema,
  signInSchema,
  signOutSchema,
  whoAmISchema,
} from './auth.schemas.ts';

const sessionHours = 12;
const tokenDays = 90;

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Too many failed sign-ins to this account: try again in 12 minutes, after 14:32 (UK time)." */
function limitDetail({ scope, retryAt, retryAfterSeconds }: LimitRefusal): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const whom = scope === 'account' ? 'to this account' : 'from your address';
  return `Too many failed sign-ins ${whom}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}, after ${ukTime.format(retryAt)} (UK time).`;
}

export function authHandlers({ store, sessions, signInLimiter }: ApiContext) {
  const signIn: Handler<typeof signInSchema> = async (request, reply) => {
    const { email, password } = request.body;
    const started = signInLimiter.begin(email, request.ip);
    if ('refused' in started) {
      reply.header('retry-after', String(started.refused.retryAfterSeconds));
      throw tooManySignIns(limitDetail(started.refused));
    }
    const checked = await checkPassword(store.db, email, password);
    if ('refused' in checked) {
      await recordFailedSignIn(store.db, email, request.ip, checked.refused);
      // Only someone who knows the password learns that the account is disabled.
      throw signInFailed(
        checked.refused === 'the account is disabled'
          ? 'This account has been disabled: ask an administrator.'
          : 'That email and password do not match an account.',
      );
    }
    started.attempt.succeeded();
    const session = await startBrowserSession(store.db, checked.user, sessionHours, request.ip);
    reply.setCookie(sessionCookie, session.token, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: '/',
      maxAge: sessionHours * 3600,
    });
    return { user: checked.user, expires_at: session.expires_at };
  };

  /** Ends the credential the request came with: the browser session, or the bearer token. */
  const signOut: Handler<typeof signOutSchema> = async (request, reply) => {
    const { user, credential } = request;
    if (user && credential) {
      await endCredential(store.db, user, credential);
      sessions.forget(credential.tokenHash);
    }
    if (credential?.kind !== 'bearer') reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send(null);
  };

  const whoAmI: Handler<typeof whoAmISchema> = async (request) => requireUser(request);

  const issueToken: Handler<typeof issueTokenSchema> = async (request, reply) => {
    const user = requireUser(request);
    const from = request.credential;
    // A leaked token must not be able to renew itself for ever.
    if (from?.kind !== 'cookie')
      throw forbidden(
        'A bearer token cannot issue tokens: sign in with your password (POST /api/auth/login) and issue it from that session.',
      );
    const label = request.body.label ?? null;
    const issued = await issueBearerToken(store.db, user, tokenDays * 24, label, from);
    return reply.status(201).header('location', `/api/auth/tokens/${issued.id}`).send(issued);
  };

  const readToken: Handler<typeof readTokenSchema> = async (request) => {
    const user = requireUser(request);
    const owner = isAdministrator(user.roles) ? undefined : user.id;
    const [token] = await listBearerTokens(store.db, { id: request.params.id, userId: owner });
    if (!token)
      throw new NotFound(owner === undefined ? 'token' : 'token of yours', String(request.params.id));
    return token;
  };

  const listTokens: Handler<typeof listTokensSchema> = async (request) => {
    const user = requireUser(request);
    const { user: wanted, limit, cursor } = request.query;
    if (!isAdministrator(user.roles) && wanted !== undefined && wanted !== user.id)
      throw forbidden("Only an administrator can list another user's tokens.");
    const whose = isAdministrator(user.roles) ? wanted : user.id;
    const filters = [whose ?? null];
    const before = decodeCursor(cursor, filters, VersionKey)?.[0];
    const rows = await listBearerTokens(store.db, { userId: whose, before, limit: limit + 1 });
    return pageOf(rows, limit, filters, (t) => [t.id]);
  };

  const revokeToken: Handler<typeof revokeTokenSchema> = async (request, reply) => {
    const user = requireUser(request);
    const admin = isAdministrator(user.roles);
    const hash = await revokeBearerToken(
      store.db,
      request.params.id,
      actorOf(user),
      admin ? 'revoked by an administrator' : 'revoked by its owner',
      admin ? undefined : user.id,
    );
    sessions.forget(hash);
    return reply.status(204).send(null);
  };

  const setDisabled =
    (disabled: boolean): Handler<typeof disableUserSchema | typeof enableUserSchema> =>
    async (request) => {
      const admin = requireRole(
        request,
        ['administrator'],
        undefined,
        `${disabled ? 'disable' : 'enable'} accounts`,
      );
      const { id } = request.params;
      if (disabled && id === admin.id)
        throw badRequest([
          {
            field: 'params/id',
            problem: 'is your own account',
            hint: 'Another administrator must disable it, so no one locks every administrator out.',
          },
        ]);
      const changed = await setUserDisabled(store.db, id, disabled, actorOf(admin), request.body.reason);
      for (const hash of changed.ended) sessions.forget(hash);
      return { id, disabled_at: changed.disabled_at, sessions_ended: changed.ended.length };
    };

  const createAccount: Handler<typeof createUserSchema> = async (request, reply) => {
    const admin = requireRole(request, ['administrator'], undefined, 'create accounts');
    const { reason, ...input } = request.body;
    const taken = await store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', input.email.toLowerCase())
      .executeTakeFirst();
    if (taken)
      throw badRequest([
        {
          field: 'body/email',
          problem: 'already has an account',
          hint: 'Use another address, or give the existing account the role.',
        },
      ]);
    const user = await createUser(store.db, input, actorOf(admin), reason);
    return reply.status(201).header('location', `/api/users/${user.id}`).send(user);
  };

  const readAccount: Handler<typeof readUserSchema> = async (request) => {
    const user = requireUser(request);
    const { id } = request.params;
    if (id !== user.id && !isAdministrator(user.roles))
      throw forbidden("Only an administrator can read another person's account.");
    const found = await findUser(store.db, id);
    if (!found) throw new NotFound('user', String(id));
    return found;
  };

  return {
    signIn,
    signOut,
    whoAmI,
    issueToken,
    listTokens,
    readToken,
    revokeToken,
    disableUser: setDisabled(true),
    enableUser: setDisabled(false),
    createAccount,
    readAccount,
  };
}
