import { z } from 'zod';
import { signedIn } from '../context.ts';
import { RoleGrant, User } from '../schemas.ts';

export const signInSchema = {
  operationId: 'signIn',
  tags: ['identity'],
  summary: 'Sign in; sets a secure, HTTP-only session cookie',
  security: [],
  body: z.strictObject({ email: z.string().min(3).max(200), password: z.string().min(1).max(200) }),
  response: { 200: z.object({ user: User, expires_at: z.string() }) },
};

export const signOutSchema = {
  operationId: 'signOut',
  tags: ['identity'],
  summary: 'Sign out',
  security: signedIn,
  response: { 204: z.null() },
};

export const whoAmISchema = {
  operationId: 'whoAmI',
  tags: ['identity'],
  summary: 'Who you are signed in as, and your roles',
  security: signedIn,
  response: { 200: User },
};

export const issueTokenSchema = {
  operationId: 'issueToken',
  tags: ['identity'],
  summary: 'Issue a bearer token for a system acting as you (shown once)',
  security: signedIn,
  response: { 201: z.object({ token: z.string(), expires_at: z.string() }) },
};

export const createUserSchema = {
  operationId: 'createUser',
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
};
