import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadRulebook, type Rulebook } from '../law/rulebook.ts';
import type { Store } from '../store/db.ts';
import type { User } from '../store/users.ts';
import { identify } from './auth.ts';
import type { Api, RouteModule } from './context.ts';
import { openApiOptions } from './openapi.ts';
import { sendProblem, toProblem } from './problems.ts';
import { arrangementRoutes } from './routes/arrangements.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { contractRoutes } from './routes/contracts.ts';
import { moneyRoutes } from './routes/money.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { placeGroupingRoutes } from './routes/place-groupings.ts';
import { populationRoutes } from './routes/population.ts';
import { storedContractRoutes } from './routes/stored-contracts.ts';
import { ShortMemo } from './short-memo.ts';

/** Each capability's routes; budgets, contracts and the rest add theirs here. */
export const routeModules: RouteModule[] = [
  authRoutes,
  organisationRoutes,
  arrangementRoutes,
  auditRoutes,
  populationRoutes,
  contractRoutes,
  storedContractRoutes,
  moneyRoutes,
  placeGroupingRoutes,
];

export interface AppOptions {
  store: Store;
  rulebook?: Rulebook;
  logger?: boolean;
}

/** The HTTP API: schemas first, OpenAPI 3.1 from the same schemas, problems for every error. */
export async function buildApp({
  store,
  rulebook = loadRulebook(),
  logger = false,
}: AppOptions): Promise<Api> {
  const app = Fastify({ logger, bodyLimit: 2 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, openApiOptions);

  const sessions = new ShortMemo<User | undefined>();
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) request.user = await identify(store, sessions, request);
  });
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error(error);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'https://concordat.example/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `There is no ${request.method} ${request.url.split('?')[0]}. The API is described at /openapi.json.`,
      instance: request.url,
    }),
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        operationId: 'getHealth',
        summary: 'Is the service up, and on which database',
        security: [],
        response: { 200: z.object({ ok: z.boolean(), database: z.string() }) },
      },
    },
    async () => ({ ok: true, database: store.engine }),
  );
  for (const register of routeModules) register(app, { store, rulebook, sessions });
  return app;
}
