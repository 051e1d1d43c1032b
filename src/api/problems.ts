import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidInput } from '../core/errors.ts';
import type { Provenance as ProvenanceType } from '../core/provenance.ts';
import type { ResolvedCitation } from '../law/rulebook.ts';
import { NotFound, PartiesMismatch, PartyChangeRefused, StaleVersion } from '../store/errors.ts';
import { ProvenanceInline } from './schemas.ts';

/**
 * RFC 9457 problem details. Every error the API returns has this shape, with
 * `application/problem+json`; `errors` names each field that is wrong (a JSON pointer
 * such as `/arrangement/funds/0/host`) and what is wrong with it.
 */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), problem: z.string(), hint: z.string().optional() }))
      .optional(),
    rule: z.string().optional().describe('The rulebook rule behind a refusal.'),
    citations: z.array(z.object({ text: z.string() })).optional(),
    provenance: ProvenanceInline.optional().describe(
      'How far the rule behind a refusal was checked against its sources.',
    ),
    current_version: z.number().int().optional(),
    request_id: z
      .string()
      .optional()
      .describe('The id of this request in the server log, to quote when reporting a problem.'),
  })
  .describe('An RFC 9457 problem response.');
export type Problem = z.infer<typeof Problem>;

const base = 'https://concordat.example/problems/';

/** An error the API turns into a problem response as it stands. */
export class HttpProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'HttpProblem';
  }
}

export const unauthenticated = () =>
  new HttpProblem({
    type: `${base}unauthenticated`,
    title: 'Sign in first',
    status: 401,
    detail: 'This needs a signed-in user: sign in at POST /api/auth/login, or send a bearer token.',
  });

export const signInFailed = (detail: string) =>
  new HttpProblem({ type: `${base}sign-in-failed`, title: 'Sign-in failed', status: 401, detail });

/** Too many failed sign-ins (src/api/sign-in-limits.ts); `detail` says when to try again. */
export const tooManySignIns = (detail: string) =>
  new HttpProblem({
    type: `${base}too-many-sign-ins`,
    title: 'Too many failed sign-ins',
    status: 429,
    detail,
  });

export const forbidden = (detail: string) =>
  new HttpProblem({ type: `${base}forbidden`, title: 'Not allowed for your role', status: 403, detail });

/** The rule a refusal rests on: its id, its sources and how far it was checked against them. */
export interface RuleBasis {
  rule: string;
  citations: ResolvedCitation[];
  provenance: ProvenanceType;
}

const basisOf = ({ rule, citations, provenance }: RuleBasis) => ({
  rule,
  citations: citations.map((c) => ({ text: c.text })),
  provenance,
});

/** A refusal the rulebook gives: names the rule, its sources and how far it was checked. */
export const refusedByRule = (detail: string, basis: RuleBasis) =>
  new HttpProblem({
    type: `${base}reserved-decision`,
    title: 'The law reserves this decision to commissioners',
    status: 403,
    detail,
    ...basisOf(basis),
  });

export const badRequest = (errors: { field: string; problem: string; hint?: string | undefined }[]) =>
  new HttpProblem({
    type: `${base}invalid-request`,
    title: 'Your request is not valid',
    status: 400,
    detail: errors.map((e) => `${e.field}: ${e.problem}`).join('; '),
    errors: errors.map((e) => (e.hint ? e : { field: e.field, problem: e.problem })),
  });

function pointer(context: string | undefined, instancePath: string, extra?: string): string {
  const path = `${instancePath === '/' ? '' : instancePath}${extra ? `/${extra}` : ''}`;
  return `${context ?? 'body'}${path || ''}`;
}

/** Maps every error to a problem response, in one place (ARCHITECTURE practice 10). */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const instance = request.url;
  if (error instanceof HttpProblem) return { ...error.problem, instance };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const errors = error.validation.flatMap((v) => {
      const params = v.params as { keys?: string[]; expected?: string; input?: unknown };
      if (v.keyword === 'unrecognized_keys' && params.keys) {
        return params.keys.map((k) => ({
          field: pointer(context, v.instancePath, k),
          problem: 'is not a field this request accepts: remove or correct it',
        }));
      }
      // Missing, not merely of the wrong type ("x" where a number goes is not "required").
      if (
        v.keyword === 'invalid_type' &&
        params.input === undefined &&
        /received undefined/.test(v.message ?? '')
      ) {
        return [
          {
            field: pointer(context, v.instancePath),
            problem: `is required (${params.expected ?? 'a value'})`,
          },
        ];
      }
      return [{ field: pointer(context, v.instancePath), problem: v.message ?? 'is not valid' }];
    });
    return { ...badRequest(errors).problem, instance };
  }
  if (error instanceof InvalidInput)
    return {
      ...badRequest([{ field: error.field, problem: error.problem, hint: error.hint }]).problem,
      instance,
    };
  if (error instanceof NotFound) {
    return { type: `${base}not-found`, title: 'Not found', status: 404, detail: error.message, instance };
  }
  if (error instanceof StaleVersion) {
    return {
      type: `${base}stale-version`,
      title: 'Someone else changed this first',
      status: 409,
      detail: `${error.message}. Fetch version ${error.current}, reapply your change and send it with "version": ${error.current}.`,
      current_version: error.current,
      errors: [
        {
          field: 'body/version',
          problem: `is ${error.expected}, but the current version is ${error.current}`,
        },
      ],
      instance,
    };
  }
  if (error instanceof PartiesMismatch) return { ...partiesMismatch(error), instance };
  if (error instanceof PartyChangeRefused) {
    return {
      type: `${base}party-change-refused`,
      title: 'This party change clashes with the stored parties',
      status: 409,
      detail: `${error.field}: ${error.problem}.`,
      errors: [{ field: error.field, problem: error.problem }],
      instance,
    };
  }
  if (isDatabaseRefusal(error)) return databaseRefusal(error, instance);
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_BAD_URL') {
    return {
      ...badRequest([{ field: 'url', problem: 'is not correctly percent-encoded' }]).problem,
      detail:
        'The address is not correctly percent-encoded (a % must be followed by two hex digits making UTF-8).',
      instance,
    };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own refusals: malformed JSON, wrong content type, body too large.
    return {
      ...badRequest([{ field: 'body', problem: fe.message }]).problem,
      status: fe.statusCode,
      instance,
    };
  }
  return {
    type: `${base}internal`,
    title: 'Something went wrong in Concordat',
    status: 500,
    detail: 'The error has been logged.',
    instance,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ ...problem, request_id: reply.request.id });
}

/** A PostgreSQL error caused by the data sent (SQLSTATE class 22, data exception, or 23, integrity). */
export function isDatabaseRefusal(error: unknown): error is { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * The safety net behind validation: a value the database will not hold is the caller's
 * problem (400), and one that clashes with what is stored is a conflict (409), never a 500.
 */
function databaseRefusal(error: { code: string; message: string }, instance: string): Problem {
  if (error.code.startsWith('23')) {
    return {
      type: `${base}conflict`,
      title: 'This clashes with what is already stored',
      status: 409,
      detail: `The database refused the change: ${error.message}.`,
      instance,
    };
  }
  return {
    ...badRequest([
      { field: 'request', problem: `holds a value the database cannot store (${error.message})` },
    ]).problem,
    instance,
  };
}

/** An event the contract rulebook (rulebook/lifecycle/) does not allow: names the rule, its sources and how far it was checked. */
export const refusedEvent = (detail: string, basis: RuleBasis) =>
  new HttpProblem({
    type: `${base}refused-event`,
    title: 'The contract rules do not allow this event now',
    status: 422,
    detail,
    ...basisOf(basis),
  });

/**
 * A new version that names other parties than those stored (src/store/arrangement-parties.ts):
 * names each field, the stored parties, and the one way to change them.
 */
function partiesMismatch(error: PartiesMismatch): Problem {
  const route = `POST /api/arrangements/${encodeURIComponent(error.arrangementId)}/parties`;
  return {
    type: `${base}parties-mismatch`,
    title: 'Editing the arrangement cannot change its parties',
    status: 422,
    detail:
      `The parties to this arrangement are stored apart from its document: ${error.stored.join(', ') || 'none'}. ` +
      `The document must name exactly these in its commissioners' and providers' ODS codes. To add or ` +
      `remove a party, propose it (${route}); it takes effect when a commissioner of every commissioning ` +
      'party accepts it, or at once when an administrator makes it.',
    errors: error.mismatches.map((m) => ({
      field: `body/arrangement/${m.path.join('/')}`,
      problem: m.problem,
    })),
  };
}
