import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Rulebook } from '../law/rulebook.ts';
import type { Store } from '../store/db.ts';
import type { User } from '../store/users.ts';
import type { ShortMemo } from './short-memo.ts';

/** What every route module receives. */
export interface ApiContext {
  store: Store;
  rulebook: Rulebook;
  sessions: ShortMemo<User | undefined>;
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

/** The OpenAPI security requirement for routes that need a signed-in user. */
export const signedIn: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
