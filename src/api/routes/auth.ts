import type { RouteModule } from '../context.ts';
import { authHandlers } from './auth.handlers.ts';
import {
  createUserSchema,
  issueTokenSchema,
  signInSchema,
  signOutSchema,
  whoAmISchema,
} from './auth.schemas.ts';

/** Sign-in (cookie sessions for people, bearer tokens for systems) and user administration. */
export const authRoutes: RouteModule = (app, ctx) => {
  const h = authHandlers(ctx);
  app.post(
    '/api/auth/login',
    // Guessing passwords is slowed to ten attempts a minute per address.
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: signInSchema },
    h.signIn,
  );
  app.post('/api/auth/logout', { schema: signOutSchema }, h.signOut);
  app.get('/api/auth/me', { schema: whoAmISchema }, h.whoAmI);
  app.post('/api/auth/tokens', { schema: issueTokenSchema }, h.issueToken);
  app.post('/api/users', { schema: createUserSchema }, h.createAccount);
};
