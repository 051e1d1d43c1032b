import type { KeyObject } from 'node:crypto';
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Rulebook } from '../law/rulebook.ts';
import type { Store } from '../store/db.ts';
import type { SignedIn } from '../store/sessions.ts';
import type { ShortMemo } from './short-memo.ts';
import type { SignInLimiter } from './sign-in-limits.ts';

/** What every route module receives. */
export interface ApiContext {
  store: Store;
  rulebook: Rulebook;
  /** Who each session or token signs in, remembered by the token's hash for a second. */
  sessions: ShortMemo<SignedIn | undefined>;
  signInLimiter: SignInLimiter;
  /** The Ed25519 key that signs audit checkpoints (kept outside the database), if configured. */
  auditKey?: KeyObject | undefined;
}

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A capability's routes (src/api/routes/*.ts); register new ones in app.ts. */
export type RouteModule = (app: Api, ctx: ApiContext) => void;

/**
 * A route handler typed by its route schema (params, query, body and responses come from
 * the zod schemas), so handlers can live apart from the schemas they answer to.
 */
export type Handler<S extends FastifySchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  S,
  ZodTypeProvider
>;

/** The OpenAPI security requirement for routes that need a signed-in user. */
export const signedIn: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
