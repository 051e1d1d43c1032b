import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { oglAttribution } from '../core/open-government-licence.ts';
import { signedIn } from './context.ts';
import { Problem } from './problems.ts';
import { requestExamples } from './request-examples.ts';

/**
 * The OpenAPI 3.1 document integrators generate clients from (docs/api.md). Route schemas
 * give paths, parameters and bodies; this module adds what a generator and a linter need
 * and the routes cannot say one by one: servers, security declared once (public
 * operations opt out with `security: []`), and every error response as an RFC 9457
 * problem. `npm test` lints the result (src/api/openapi.test.ts) and `npm run build`
 * generates the typed client from it (scripts/write-openapi.ts).
 */

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: {
    content?: Record<string, { schema?: { properties?: Record<string, unknown> }; example?: unknown }>;
  };
  responses?: Record<string, unknown>;
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
  [key: string]: unknown;
};

const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** What each error status means for any operation; `detail` in the problem says what happened. */
const problemStatuses: Record<number, string> = {
  400: 'The request is not valid: `errors` names each field and what is wrong with it.',
  401: 'Not signed in (no session cookie or bearer token), or the sign-in failed.',
  403: 'Signed in, but no role you hold allows this; a refusal by law names the rule and its sources.',
  404: 'Nothing exists at that address.',
  409: 'Someone saved a newer version first (`current_version` says which; fetch it and reapply), or the change clashes with what is stored (`errors` names the field).',
  412: 'The `If-Match` version is not the current one.',
  422: 'The rules do not allow this now: `rule` and `citations` say why; for an arrangement, `errors` names each field where the document does not name its stored parties.',
  429: 'Too many failed sign-ins to this account or from this address: `Retry-After` and `detail` say when to try again.',
};

/** Operations whose rules can refuse an otherwise valid request (HTTP 422). */
const refusingOperations = new Set(['createContract', 'recordContractEvent', 'offerContractEvent']);
/** Operations slowed against password guessing (HTTP 429, src/api/sign-in-limits.ts). */
const rateLimitedOperations = new Set(['signIn']);

/** The error statuses an operation can answer, read from what it takes and how it is protected. */
export function errorStatuses(operation: Operation): number[] {
  const statuses = new Set<number>([400]);
  const isPublic = operation.security?.length === 0;
  if (!isPublic || operation.operationId === 'signIn') statuses.add(401);
  if (!isPublic) statuses.add(403);
  if (operation.parameters?.some((p) => p.in === 'path')) statuses.add(404);
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body?.properties && 'version' in body.properties) statuses.add(409);
  if (
    operation.parameters?.some(
      (p) => p.in === 'header' && /^if-match$/i.test((p as { name?: string }).name ?? ''),
    )
  )
    statuses.add(412);
  if (refusingOperations.has(operation.operationId ?? '')) statuses.add(422);
  if (rateLimitedOperations.has(operation.operationId ?? '')) statuses.add(429);
  return [...statuses].sort();
}

const problemResponse = (status: number) => `Problem${status}`;

/**
 * Adds servers, error responses and the Problem schema to the generated document, and
 * refuses one without an operationId on every operation: generated clients name their
 * methods after them.
 */
export function completeDocument(document: Document): Document {
  const paths = document.paths ?? {};
  const responses: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const media = operation.requestBody?.content?.['application/json'];
      const example = requestExamples[operation.operationId];
      if (media && example) media.example = example();
      // Error answers a route schema declares itself are problems too, sent as application/problem+json.
      const declared = Object.keys(operation.responses ?? {})
        .map(Number)
        .filter((status) => status >= 400);
      for (const status of new Set([...errorStatuses(operation), ...declared])) {
        responses[problemResponse(status)] = {
          description: problemStatuses[status] ?? 'A problem: `detail` says what went wrong.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
        operation.responses ??= {};
        operation.responses[String(status)] = { $ref: `#/components/responses/${problemResponse(status)}` };
      }
    }
  }
  return {
    ...document,
    components: {
      ...document.components,
      schemas: {
        ...document.components?.schemas,
        Problem: z.toJSONSchema(Problem, { target: 'draft-2020-12', io: 'output' }),
      },
      responses: { ...document.components?.responses, ...responses },
    },
  };
}

/** The @fastify/swagger options for the API. */
export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Concordat API',
      version: '0.1.0',
      description: `Integrated health and care commissioning for England. Errors are RFC 9457 problem responses. NHS reference data: ${oglAttribution}`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The Concordat server this document was fetched from.' }],
    security: signedIn,
    tags: [
      { name: 'service', description: 'Whether the service is up.' },
      { name: 'identity', description: 'Signing in, bearer tokens for systems, and accounts.' },
      { name: 'registry', description: 'The NHS system registry: organisations, their history and trees.' },
      { name: 'arrangements', description: 'Commissioning arrangements, checked against the law on a date.' },
      {
        name: 'rules',
        description: 'The rulebook rule by rule: sources, dated versions and how far each was checked.',
      },
      { name: 'money', description: 'Integrated budgets, payments and place allocation.' },
      { name: 'contracts', description: 'ICP Contracts: their life, events and what falls due.' },
      {
        name: 'operating models',
        description:
          "An ICS's operating model: its bodies, who holds which function, and its scheme of delegation.",
      },
      { name: 'population', description: 'Population health reports (suppressed aggregates).' },
      { name: 'audit', description: 'The append-only, hash-chained audit log.' },
    ],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'concordat_session',
          description: 'Set by POST /api/auth/login; for people using the web app.',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Issued by POST /api/auth/tokens; for systems acting as a user.',
        },
      },
    },
  },
  transform: jsonSchemaTransform,
  transformObject: (input) => completeDocument(jsonSchemaTransformObject(input) as Document) as never,
};
