import { checkPassword, createUser, endSession, startSession } from '../../store/users.ts';
import { requireRole, requireUser, sessionCookie } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { badRequest, HttpProblem } from '../problems.ts';
import type {
  createUserSchema,
  issueTokenSchema,
  signInSchema,
  signOutSchema,
  whoAmISchema,
} from './auth.schemas.ts';

const sessionHours = 12;
const tokenDays = 90;

export function authHandlers({ store, sessions }: ApiContext) {
  const signIn: Handler<typeof signInSchema> = async (request, reply) => {
    const user = await checkPassword(store.db, request.body.email, request.body.password);
    if (!user) {
      throw new HttpProblem({
        type: 'https://concordat.example/problems/sign-in-failed',
        title: 'Sign-in failed',
        status: 401,
        detail: 'That email and password do not match an account.',
      });
    }
    const session = await startSession(store.db, user.id, 'cookie', sessionHours);
    reply.setCookie(sessionCookie, session.token, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: '/',
      maxAge: sessionHours * 3600,
    });
    return { user, expires_at: session.expires_at };
  };

  const signOut: Handler<typeof signOutSchema> = async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) {
      await endSession(store.db, token);
      sessions.forget(token);
    }
    return reply.clearCookie(sessionCookie, { path: '/' }).status(204).send(null);
  };

  const whoAmI: Handler<typeof whoAmISchema> = async (request) => requireUser(request);

  const issueToken: Handler<typeof issueTokenSchema> = async (request, reply) => {
    const user = requireUser(request);
    return reply.status(201).send(await startSession(store.db, user.id, 'bearer', tokenDays * 24));
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
    const user = await createUser(
      store.db,
      input,
      { userId: admin.id, label: `${admin.name} <${admin.email}>` },
      reason,
    );
    return reply.status(201).send(user);
  };

  return { signIn, signOut, whoAmI, issueToken, createAccount };
}
