import { z } from 'zod';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
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

/** A database id in a path or query: a positive whole number a PostgreSQL integer can hold. */
const Id = z.coerce.number().int().min(1).max(2_147_483_647);

export const issueTokenSchema = {
  operationId: 'issueToken',
  tags: ['identity'],
  summary: 'Issue a bearer token for a system acting as you (shown once; from a browser session only)',
  description:
    'Only a browser session (the cookie from signIn) can issue a token: a request made with a bearer token is refused with 403. The token is a credential of its own: signing out of the session does not end it; revoke it with revokeToken. The Location header gives its address (readToken), where it can be read without its secret.',
  security: signedIn,
  body: z.strictObject({
    label: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('What the token is for, shown when tokens are listed ("finance system").'),
  }),
  response: { 201: z.object({ id: z.number().int(), token: z.string(), expires_at: z.string() }) },
};

const Token = z.object({
  id: z.number().int(),
  user: z.object({ id: z.number().int(), email: z.string(), name: z.string() }),
  label: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
});

export const listTokensSchema = {
  operationId: 'listTokens',
  tags: ['identity'],
  summary: "Your live bearer tokens (administrators: everyone's, or one user's)",
  security: signedIn,
  querystring: z.strictObject({
    user: Id.optional().describe("Administrators: only this user's tokens. Others may name only themselves."),
    ...pageQuery(50, 100),
  }),
  response: { 200: Page(Token) },
};

export const readTokenSchema = {
  operationId: 'readToken',
  tags: ['identity'],
  summary: 'One live bearer token, without its secret (its owner, or an administrator)',
  security: signedIn,
  params: z.object({ id: Id }),
  response: { 200: Token },
};

export const revokeTokenSchema = {
  operationId: 'revokeToken',
  tags: ['identity'],
  summary: 'Revoke a bearer token (its owner, or an administrator)',
  security: signedIn,
  params: z.object({ id: Id }),
  response: { 204: z.null() },
};

const AccountStatus = z.object({
  id: z.number().int(),
  disabled_at: z.string().nullable(),
  sessions_ended: z.number().int().describe('Browser sessions and bearer tokens ended by this change.'),
});

export const disableUserSchema = {
  operationId: 'disableUser',
  tags: ['identity'],
  summary: 'Disable an account: it cannot sign in, and its sessions and tokens end (administrators)',
  security: signedIn,
  params: z.object({ id: Id }),
  body: z.strictObject({ reason: z.string().min(1).max(2000) }),
  response: { 200: AccountStatus },
};

export const enableUserSchema = {
  operationId: 'enableUser',
  tags: ['identity'],
  summary: 'Enable a disabled account again (administrators)',
  security: signedIn,
  params: z.object({ id: Id }),
  body: z.strictObject({ reason: z.string().min(1).max(2000) }),
  response: { 200: AccountStatus },
};

export const readUserSchema = {
  operationId: 'readUser',
  tags: ['identity'],
  summary: 'One account and its roles (administrators, or the account itself)',
  security: signedIn,
  params: z.object({ id: Id }),
  response: { 200: User },
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
  description: 'The new account is at the address in the Location header (readUser).',
};
