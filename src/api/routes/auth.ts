import type { RouteModule } from '../context.ts';
import { authHandlers } from './auth.handlers.ts';
import {
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

/** Sign-in (cookie sessions for people, bearer tokens for systems) and user administration. */
export const authRoutes: RouteModule = (app, ctx) => {
  const h = authHandlers(ctx);
  // Failed sign-ins are limited per account and per address (src/api/sign-in-limits.ts).
  app.post('/api/auth/login', { schema: signInSchema }, h.signIn);
  app.post('/api/auth/logout', { schema: signOutSchema }, h.signOut);
  app.get('/api/auth/me', { schema: whoAmISchema }, h.whoAmI);
  app.post('/api/auth/tokens', { schema: issueTokenSchema }, h.issueToken);
  app.get('/api/auth/tokens', { schema: listTokensSchema }, h.listTokens);
  app.get('/api/auth/tokens/:id', { schema: readTokenSchema }, h.readToken);
  app.delete('/api/auth/tokens/:id', { schema: revokeTokenSchema }, h.revokeToken);
  app.post('/api/users', { schema: createUserSchema }, h.createAccount);
  app.get('/api/users/:id', { schema: readUserSchema }, h.readAccount);
  app.post('/api/users/:id/disable', { schema: disableUserSchema }, h.disableUser);
  app.post('/api/users/:id/enable', { schema: enableUserSchema }, h.enableUser);
};
