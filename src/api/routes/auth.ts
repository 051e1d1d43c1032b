import { z } from 'zod';
import { checkPassword, createUser, endSession, startSession } from '../../store/users.ts';
import { requireRole, requireUser, sessionCookie } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { badRequest, HttpProblem } from '../problems.ts';
import { RoleGrant, User } from '../schemas.ts';

const sessionHours = 12;
const tokenDays = 90;

/** Sign-in (cookie sessions for people, bearer tokens for systems) and user administration. */
export const authRoutes: RouteModule = (app, { store, sessions }) => {
  app.post(
    '/api/auth/login',
    {
      // Guessing passwords is slowed to ten attempts a minute per address.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary: 'Sign in; sets a secure, HTTP-only session cookie',
        body: z.strictObject({ email: z.string().min(3).max(200), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: User, expires_at: z.string() }) },
      },
    },
    async (request, reply) => {
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
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['identity'], summary: 'Sign out', security: signedIn, response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) {
        await endSession(store.db, token);
        sessions.forget(token);
      }
      return reply.clearCookie(sessionCookie, { path: '/' }).status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Who you are signed in as, and your roles',
        security: signedIn,
        response: { 200: User },
      },
    },
    async (request) => requireUser(request),
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'Issue a bearer token for a system acting as you (shown once)',
        security: signedIn,
        response: { 201: z.object({ token: z.string(), expires_at: z.string() }) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.status(201).send(await startSession(store.db, user.id, 'bearer', tokenDays * 24));
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create a local account with roles (administrators)',
        security: signedIn,
        body: z.strictObject({
          email: z.email(),
          name: z.string().min(1).max(200),
          password: z.string().min(12, 'must be at least 12 characters').max(200),
          roles: z.array(RoleGrant).min(1),
          reason: z.string().min(1).max(2000),
        }),
        response: { 201: User },
      },
    },
    async (request, reply) => {
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
    },
  );
};
