import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';
import { Arrangement } from '../../law/arrangement.ts';
import { referenceProblems } from '../../law/arrangement-file.ts';
import { checkArrangement } from '../../law/check.ts';
import { type IsoDate, today } from '../../law/date.ts';
import { decisionRule } from '../../law/decisions.ts';
import { decisions } from '../../law/kinds/decision.ts';
import { planPooling } from '../../law/pooling.ts';
import { responsibilityMatrix } from '../../law/responsibility.ts';
import type { Rulebook } from '../../law/rulebook.ts';
import { findingsTables, matrixTables, poolingTables } from '../../outputs/law-tables.ts';
import {
  createArrangement,
  getArrangement,
  listArrangements,
  listVersions,
  partiesOf,
  recordCheck,
  recordDecision,
  type StoredArrangement,
  updateArrangement,
} from '../../store/arrangements.ts';
import type { User } from '../../store/users.ts';
import { describeRoles, requireRole, requireUser, rolesFor } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { PoolingPlan, ResponsibilityMatrix } from '../plan-schemas.ts';
import { badRequest, forbidden, refusedByRule } from '../problems.ts';
import { OnQuery } from '../schemas.ts';
import { answer, tableQuery } from '../tabular.ts';

const anyRole = [
  'commissioner',
  'provider',
  'local-authority',
  'assurer',
  'viewer',
  'administrator',
] as const;
/** Commissioners (NHS and local authority) shape arrangements; administrators may correct them. */
const editors = ['commissioner', 'local-authority', 'administrator'] as const;

const Stored = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  parties: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  document: Arrangement,
});
const Finding = z.object({
  rule: z.string(),
  rule_title: z.string(),
  severity: z.enum(['error', 'warning', 'information']),
  message: z.string(),
  path: z.string(),
  citations: z.array(
    z.object({
      source: z.string(),
      at: z.string(),
      text: z.string(),
      outside_seeds: z.boolean(),
      url: z.string().optional(),
    }),
  ),
  trace: z.array(z.object({ rule: z.string(), version_from: z.string(), outcome: z.string() })),
});
const Summary = Stored.omit({ document: true });
const Reason = z.string().min(1).max(2000).describe('Why the change is made; kept in the audit log.');
const Params = z.object({ id: z.string().min(1).max(100) });

/** Cross-references the schema cannot see (a fund hosted by an undeclared party), as field errors. */
function checkReferences(arrangement: Arrangement): void {
  const problems = referenceProblems(arrangement);
  if (problems.length) {
    throw badRequest(
      problems.map((p) => ({ field: `body/arrangement/${p.path.join('/')}`, problem: p.message })),
    );
  }
}

export async function readable(
  request: FastifyRequest,
  load: () => Promise<StoredArrangement>,
): Promise<StoredArrangement> {
  const stored = await load();
  requireRole(request, anyRole, stored.parties, 'see this arrangement');
  return stored;
}

/**
 * The pooling plan for what the arrangement commissions: each service once, and each
 * commissioner's kind (repeated, as several CCGs are several parties). A service id the
 * rulebook does not know on the date is named where the arrangement holds it.
 */
function poolingOf(rulebook: Rulebook, a: Arrangement, on: IsoDate) {
  const services = [...new Set(a.services.map((s) => s.service))];
  try {
    return planPooling(rulebook, { services, commissioners: a.commissioners.map((c) => c.kind) }, on);
  } catch (e) {
    const at = e instanceof InvalidInput ? /^services\[(\d+)\]/.exec(e.field) : null;
    if (!(e instanceof InvalidInput) || !at) throw e;
    const index = a.services.findIndex((s) => s.service === services[Number(at[1])]);
    throw new InvalidInput(`document/services/${index}/service`, e.problem, e.hint);
  }
}

const actorOf = (user: User) => ({ userId: user.id, label: `${user.name} <${user.email}>` });

/** Arrangements: create, read, update with optimistic concurrency, versions, checks and decisions. */
export const arrangementRoutes: RouteModule = (app, { store, rulebook }) => {
  app.get(
    '/api/arrangements',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Arrangements your roles reach',
        security: signedIn,
        response: { 200: z.object({ arrangements: z.array(Summary) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const all = await listArrangements(store.db);
      return {
        arrangements: all
          .filter((a) => rolesFor(user, a.parties).size > 0)
          .map(({ document: _d, ...a }) => a),
      };
    },
  );

  app.post(
    '/api/arrangements',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Create an arrangement (commissioners of a party, administrators)',
        security: signedIn,
        body: z.strictObject({ arrangement: Arrangement, reason: Reason }),
        response: { 201: Stored },
      },
    },
    async (request, reply) => {
      const { arrangement, reason } = request.body;
      checkReferences(arrangement);
      const user = requireRole(request, editors, partiesOf(arrangement), 'create this arrangement');
      const created = await createArrangement(store.db, arrangement, actorOf(user), reason);
      return reply.status(201).header('etag', `"${created.version}"`).send(created);
    },
  );

  app.get(
    '/api/arrangements/:id',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'One arrangement, current version',
        security: signedIn,
        params: Params,
        response: { 200: Stored },
      },
    },
    async (request, reply) => {
      const stored = await readable(request, () => getArrangement(store.db, request.params.id));
      return reply.header('etag', `"${stored.version}"`).send(stored);
    },
  );

  app.put(
    '/api/arrangements/:id',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Replace an arrangement; 409 if someone saved a newer version first',
        security: signedIn,
        params: Params,
        body: z.strictObject({
          version: z.number().int().min(1).describe('The version you edited; must still be the current one.'),
          arrangement: Arrangement,
          reason: Reason,
        }),
        response: { 200: Stored },
      },
    },
    async (request, reply) => {
      const { version, arrangement, reason } = request.body;
      checkReferences(arrangement);
      const current = await getArrangement(store.db, request.params.id);
      requireRole(request, editors, current.parties, 'change this arrangement');
      const user = requireRole(request, editors, partiesOf(arrangement), 'change this arrangement');
      const updated = await updateArrangement(
        store.db,
        current.id,
        version,
        arrangement,
        actorOf(user),
        reason,
      );
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  );

  app.get(
    '/api/arrangements/:id/versions',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Every version of an arrangement, oldest first, with who changed it and why',
        security: signedIn,
        params: Params,
        response: {
          200: z.object({
            versions: z.array(
              z.object({
                version: z.number(),
                document: Arrangement,
                changed_by: z.number().nullable(),
                changed_at: z.string(),
                reason: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      await readable(request, () => getArrangement(store.db, request.params.id));
      return { versions: await listVersions(store.db, request.params.id) };
    },
  );

  app.post(
    '/api/arrangements/:id/check',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Check the arrangement against the rules in force on a date; findings are kept',
        description: 'The findings also come as CSV or Excel (`format=csv|xlsx`).',
        security: signedIn,
        params: Params,
        querystring: OnQuery.extend(tableQuery),
        response: {
          200: z.object({
            arrangement: z.string(),
            version: z.number(),
            on: z.string(),
            lawful: z.boolean(),
            counts: z.object({ error: z.number(), warning: z.number(), information: z.number() }),
            findings: z.array(Finding),
          }),
        },
      },
    },
    async (request, reply) => {
      const stored = await readable(request, () => getArrangement(store.db, request.params.id));
      const on = request.query.on ?? today();
      const report = checkArrangement(rulebook, stored.document, on);
      await recordCheck(store.db, stored, on, report);
      return answer(request, reply, { ...report, version: stored.version }, findingsTables);
    },
  );

  app.get(
    '/api/arrangements/:id/matrix',
    {
      schema: {
        tags: ['arrangements'],
        summary:
          'Who does each commissioning activity (commissioners and providers) under the rules on a date',
        description: 'Also as CSV or Excel (`format=csv|xlsx`).',
        security: signedIn,
        params: Params,
        querystring: OnQuery.extend(tableQuery),
        response: { 200: ResponsibilityMatrix },
      },
    },
    async (request, reply) => {
      const stored = await readable(request, () => getArrangement(store.db, request.params.id));
      const matrix = responsibilityMatrix(rulebook, stored.document, request.query.on ?? today());
      return answer(request, reply, { ...matrix, version: stored.version }, matrixTables);
    },
  );

  app.get(
    '/api/arrangements/:id/pooling',
    {
      schema: {
        tags: ['arrangements'],
        summary:
          "How the arrangement's commissioners can commission and pool the money for its services on a date",
        description: 'The funds and services also come as CSV or Excel (`format=csv|xlsx`).',
        security: signedIn,
        params: Params,
        querystring: OnQuery.extend(tableQuery),
        response: { 200: PoolingPlan },
      },
    },
    async (request, reply) => {
      const stored = await readable(request, () => getArrangement(store.db, request.params.id));
      const plan = poolingOf(rulebook, stored.document, request.query.on ?? today());
      return answer(
        request,
        reply,
        { ...plan, arrangement: stored.name, version: stored.version },
        poolingTables,
      );
    },
  );

  app.post(
    '/api/arrangements/:id/decisions',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Record a statutory commissioner decision (refused to providers, naming the rule)',
        security: signedIn,
        params: Params,
        body: z.strictObject({
          decision: z.enum(decisions),
          subject: z
            .string()
            .min(1)
            .max(500)
            .describe('What is decided on: a subcontract id, an IFR reference, a service.'),
          outcome: z
            .string()
            .min(1)
            .max(2000)
            .describe('The decision itself, for example "approved with a direct agreement".'),
          reason: Reason,
          on: z
            .string()
            .optional()
            .describe('The date the decision takes effect (YYYY-MM-DD); default today.'),
        }),
        response: {
          201: z.object({ id: z.number(), decision: z.string(), rule: z.string(), decided_at: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const stored = await getArrangement(store.db, request.params.id);
      const held = rolesFor(user, stored.parties);
      if (held.size === 0)
        throw forbidden(`You hold no role for a party to this arrangement; you hold ${describeRoles(user)}.`);
      const { decision, subject, outcome, reason } = request.body;
      const rule = decisionRule(rulebook, decision, request.body.on ?? today());
      if (!rule)
        throw badRequest([{ field: 'body/on', problem: `no rule reserves '${decision}' on that date` }]);
      if (!rule.reserved_to.some((r) => held.has(r as never))) {
        throw refusedByRule(
          `${rule.title} (${rule.rule}). ${rule.summary.trim()} You hold ${describeRoles(user)}.`,
          rule.rule,
          rule.citations,
        );
      }
      const saved = await recordDecision(
        store.db,
        stored.id,
        { decision, subject, outcome, reason, rule: rule.rule },
        actorOf(user),
      );
      return reply
        .status(201)
        .send({ id: saved.id, decision, rule: rule.rule, decided_at: saved.decided_at });
    },
  );
};
