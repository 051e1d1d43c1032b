import { type KeyObject, randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadRulebook, type Rulebook } from '../law/rulebook.ts';
import { checkpointIfDue } from '../store/audit-checkpoints.ts';
import type { Store } from '../store/db.ts';
import type { SignedIn } from '../store/sessions.ts';
import { identify } from './auth.ts';
import type { Api, RouteModule } from './context.ts';
import { openApiOptions } from './openapi.ts';
import { isDatabaseRefusal, sendProblem, toProblem } from './problems.ts';
import { logRequest, noStore, refuseCrossSite, refuseIllFormedText } from './request-hygiene.ts';
import { arrangementCatalogueRoutes } from './routes/arrangement-catalogue.ts';
import { arrangementPartyRoutes } from './routes/arrangement-parties.ts';
import { arrangementRoutes } from './routes/arrangements.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { contractRoutes } from './routes/contracts.ts';
import { moneyRoutes } from './routes/money.ts';
import { operatingModelRoutes } from './routes/operating-models.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { paperRoutes } from './routes/papers.ts';
import { placeGroupingRoutes } from './routes/place-groupings.ts';
import { populationRoutes } from './routes/population.ts';
import { ruleRoutes } from './routes/rules.ts';
import { storedContractRoutes } from './routes/stored-contracts.ts';
import { securityHeaders } from './security-headers.ts';
import { ShortMemo } from './short-memo.ts';
import { SignInLimiter } from './sign-in-limits.ts';

/** Each capability's routes; budgets, contracts and the rest add theirs here. */
export const routeModules: RouteModule[] = [
  authRoutes,
  organisationRoutes,
  arrangementRoutes,
  arrangementPartyRoutes,
  arrangementCatalogueRoutes,
  ruleRoutes,
  auditRoutes,
  populationRoutes,
  contractRoutes,
  storedContractRoutes,
  moneyRoutes,
  placeGroupingRoutes,
  operatingModelRoutes,
  paperRoutes,
];

export interface AppOptions {
  store: Store;
  rulebook?: Rulebook;
  /** Request logging (pino, one JSON line per request); silent unless a level is given. */
  log?: { level?: string; stream?: { write(line: string): unknown } };
  /** Signs an audit checkpoint every `checkpointEvery` records (src/store/audit-checkpoints.ts). */
  auditKey?: KeyObject | undefined;
  /** How many audit records may be added before the chain head is signed again. */
  checkpointEvery?: number;
  /** Counts failed sign-ins (src/api/sign-in-limits.ts); tests give one with their own clock. */
  signInLimiter?: SignInLimiter;
}

/** The HTTP API: schemas first, OpenAPI 3.1 from the same schemas, problems for every error. */
export async function buildApp({
  store,
  rulebook = loadRulebook(),
  log = {},
  auditKey,
  checkpointEvery = 100,
  signInLimiter = new SignInLimiter(),
}: AppOptions): Promise<Api> {
  const app = Fastify({
    logger: {
      level: log.level ?? 'silent',
      ...(log.stream ? { stream: log.stream } : {}),
      // Never log credentials, even if a request logger is added that prints headers.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // One line per request, written by logRequest (request-hygiene.ts), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Brotli or gzip for API answers and the web app's files alike (a first load is mostly text).
  await app.register(compress);
  await app.register(cookie);
  await app.register(swagger, openApiOptions);

  const sessions = new ShortMemo<SignedIn | undefined>();
  app.decorateRequest('user', undefined);
  app.decorateRequest('credential', undefined);
  // One hook for what every request needs before routing (each hook is a promise per request).
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    noStore(request, reply);
    refuseCrossSite(request);
    if (!request.url.startsWith('/api/')) return;
    const signedIn = await identify(store, sessions, request);
    request.user = signedIn?.user;
    request.credential = signedIn?.credential;
  });
  app.addHook('preValidation', async (request) => refuseIllFormedText(request));
  // Signed before the answer leaves, so a client that sees its change succeed can already
  // export the checkpoint that covers it.
  if (auditKey) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && reply.statusCode < 400) {
        await checkpointIfDue(store.db, auditKey, checkpointEvery).catch((err) =>
          request.log.error({ err }, 'could not sign an audit checkpoint'),
        );
      }
      return payload;
    });
  }
  app.addHook('onResponse', async (request, reply) => logRequest(request, reply));
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'unexpected error');
    else if (isDatabaseRefusal(error)) request.log.warn({ err: error }, 'the database refused a value');
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
  for (const register of routeModules) register(app, { store, rulebook, sessions, signInLimiter, auditKey });
  return app;
}
