import type { FastifyRequest } from 'fastify';
import { InvalidInput } from '../../core/errors.ts';
import { describeRoles, editors, roles, rolesFor } from '../../core/roles.ts';
import type { Arrangement } from '../../law/arrangement.ts';
import { referenceProblems } from '../../law/arrangement-file.ts';
import { checkArrangement } from '../../law/check.ts';
import { formatDate, type IsoDate, today } from '../../law/date.ts';
import { decisionRule } from '../../law/decisions.ts';
import { planPooling, poolingRequestOf } from '../../law/pooling.ts';
import { responsibilityMatrix } from '../../law/responsibility.ts';
import type { Rulebook } from '../../law/rulebook.ts';
import { findingsTables, matrixTables, poolingTables } from '../../outputs/law-tables.ts';
import { lawfulnessPaper } from '../../outputs/papers.ts';
import { actorOf } from '../../store/actor.ts';
import { partiesOf } from '../../store/arrangement-parties.ts';
import {
  createArrangement,
  getArrangement,
  getArrangementVersion,
  getDecision,
  listArrangements,
  listVersions,
  recordCheck,
  recordDecision,
  restoreArrangementVersion,
  type StoredArrangement,
  updateArrangement,
} from '../../store/arrangements.ts';
import { reachOf, requireRole, requireUser } from '../auth.ts';
import { requireMatch } from '../conditional.ts';
import type { ApiContext, Handler } from '../context.ts';
import { decodeCursor, NameAndId, pageOf, VersionKey } from '../pagination.ts';
import { badRequest, forbidden, refusedByRule } from '../problems.ts';
import { answer } from '../tabular.ts';
import type {
  checkArrangementDraftSchema,
  checkArrangementSchema,
  createArrangementSchema,
  getArrangementSchema,
  getDecisionSchema,
  getPoolingPlanSchema,
  getResponsibilityMatrixSchema,
  listArrangementsSchema,
  listArrangementVersionsSchema,
  recordDecisionSchema,
  replaceArrangementSchema,
  restoreArrangementVersionSchema,
} from './arrangements.schemas.ts';

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
  requireRole(request, roles, stored.parties, 'see this arrangement');
  return stored;
}

/**
 * The pooling plan for what the arrangement commissions: each service once, and each
 * commissioner's kind (repeated, as several CCGs are several parties). A service id the
 * rulebook does not know on the date is named where the arrangement holds it.
 */
export function poolingOf(rulebook: Rulebook, a: Arrangement, on: IsoDate) {
  const request = poolingRequestOf(a);
  try {
    return planPooling(rulebook, request, on);
  } catch (e) {
    const at = e instanceof InvalidInput ? /^services\[(\d+)\]/.exec(e.field) : null;
    if (!(e instanceof InvalidInput) || !at) throw e;
    const index = a.services.findIndex((s) => s.service === request.services[Number(at[1])]);
    throw new InvalidInput(`document/services/${index}/service`, e.problem, e.hint);
  }
}

/** Arrangements: create, read, update with optimistic concurrency, versions, checks and decisions. */
export function arrangementHandlers({ store, rulebook }: ApiContext) {
  const list: Handler<typeof listArrangementsSchema> = async (request) => {
    const user = requireUser(request);
    const { party, limit, cursor } = request.query;
    const filters = [party];
    const rows = await listArrangements(store.db, {
      reach: reachOf(user),
      party,
      after: decodeCursor(cursor, filters, NameAndId),
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      filters,
      (a) => [a.name, a.id],
      ({ document: _d, ...a }) => a,
    );
  };

  const create: Handler<typeof createArrangementSchema> = async (request, reply) => {
    const { arrangement, reason } = request.body;
    checkReferences(arrangement);
    const parties = partiesOf(arrangement).map((p) => p.organisation);
    const user = requireRole(request, editors, parties, 'create this arrangement');
    const created = await createArrangement(store.db, arrangement, actorOf(user), reason);
    return reply
      .status(201)
      .header('location', `/api/arrangements/${encodeURIComponent(created.id)}`)
      .header('etag', `"${created.version}"`)
      .send(created);
  };

  const getOne: Handler<typeof getArrangementSchema> = async (request, reply) => {
    const stored = await readable(request, () => getArrangement(store.db, request.params.id));
    return reply.header('etag', `"${stored.version}"`).send(stored);
  };

  const replace: Handler<typeof replaceArrangementSchema> = async (request, reply) => {
    const { version, arrangement, reason } = request.body;
    checkReferences(arrangement);
    const current = await getArrangement(store.db, request.params.id);
    // Who may change it follows the stored parties; the store refuses a document naming others.
    const user = requireRole(request, editors, current.parties, 'change this arrangement');
    requireMatch(request, current.version);
    const updated = await updateArrangement(
      store.db,
      current.id,
      version,
      arrangement,
      actorOf(user),
      reason,
    );
    return reply.header('etag', `"${updated.version}"`).send(updated);
  };

  const versions: Handler<typeof listArrangementVersionsSchema> = async (request) => {
    await readable(request, () => getArrangement(store.db, request.params.id));
    const { limit, cursor } = request.query;
    const rows = await listVersions(store.db, request.params.id, {
      after: decodeCursor(cursor, [], VersionKey)?.[0],
      limit: limit + 1,
    });
    return pageOf(rows, limit, [], (v) => [v.version]);
  };

  const check: Handler<typeof checkArrangementSchema> = async (request, reply) => {
    const current = await readable(request, () => getArrangement(store.db, request.params.id));
    const asked = request.query.version;
    // An earlier version is checked, and its findings kept, as that version.
    const stored =
      asked === undefined || asked === current.version
        ? current
        : { ...current, ...(await getArrangementVersion(store.db, current.id, asked)) };
    const on = request.query.on ?? today();
    const report = checkArrangement(rulebook, stored.document, on);
    await recordCheck(store.db, stored, on, report, actorOf(requireUser(request)));
    return answer(request, reply, { ...report, version: stored.version }, findingsTables, (checked) =>
      lawfulnessPaper(
        checked,
        responsibilityMatrix(rulebook, stored.document, on),
        poolingOf(rulebook, stored.document, on),
        String(stored.version),
      ),
    );
  };

  const checkDraft: Handler<typeof checkArrangementDraftSchema> = async (request) => {
    requireRole(request, editors, undefined, 'check a draft arrangement');
    const { arrangement } = request.body;
    checkReferences(arrangement);
    return checkArrangement(rulebook, arrangement, request.query.on ?? today());
  };

  const restore: Handler<typeof restoreArrangementVersionSchema> = async (request, reply) => {
    const current = await getArrangement(store.db, request.params.id);
    const user = requireRole(request, editors, current.parties, 'restore a version of this arrangement');
    requireMatch(request, current.version);
    if (request.params.version === current.version)
      throw badRequest([
        { field: 'params/version', problem: 'is the current version: choose an earlier one to restore' },
      ]);
    const restored = await restoreArrangementVersion(
      store.db,
      current.id,
      request.params.version,
      request.body.version,
      actorOf(user),
      request.body.reason,
    );
    return reply.header('etag', `"${restored.version}"`).send(restored);
  };

  const matrix: Handler<typeof getResponsibilityMatrixSchema> = async (request, reply) => {
    const stored = await readable(request, () => getArrangement(store.db, request.params.id));
    const found = responsibilityMatrix(rulebook, stored.document, request.query.on ?? today());
    return answer(request, reply, { ...found, version: stored.version }, matrixTables);
  };

  const pooling: Handler<typeof getPoolingPlanSchema> = async (request, reply) => {
    const stored = await readable(request, () => getArrangement(store.db, request.params.id));
    const plan = poolingOf(rulebook, stored.document, request.query.on ?? today());
    return answer(
      request,
      reply,
      { ...plan, arrangement: stored.name, version: stored.version },
      poolingTables,
    );
  };

  const decide: Handler<typeof recordDecisionSchema> = async (request, reply) => {
    const user = requireUser(request);
    const stored = await getArrangement(store.db, request.params.id);
    const held = rolesFor(user.roles, stored.parties);
    if (held.size === 0)
      throw forbidden(
        `You hold no role for a party to this arrangement; you hold ${describeRoles(user.roles)}.`,
      );
    const { decision, subject, outcome, reason } = request.body;
    const on = request.body.on ?? today();
    const term = stored.document.term;
    if (term && (on < term.start || on > term.end)) {
      throw badRequest([
        {
          field: 'body/on',
          problem: `is outside the arrangement's term (${formatDate(term.start)} to ${formatDate(term.end)})`,
        },
      ]);
    }
    const rule = decisionRule(rulebook, decision, on);
    if (!rule)
      throw badRequest([{ field: 'body/on', problem: `no rule reserves '${decision}' on that date` }]);
    if (!rule.reserved_to.some((r) => held.has(r as never))) {
      throw refusedByRule(
        `${rule.title} (${rule.rule}). ${rule.summary.trim()} You hold ${describeRoles(user.roles)}.`,
        rule,
      );
    }
    const saved = await recordDecision(
      store.db,
      stored.id,
      { decision, subject, outcome, reason, rule: rule.rule, on },
      actorOf(user),
    );
    return reply
      .status(201)
      .header('location', `/api/arrangements/${encodeURIComponent(stored.id)}/decisions/${saved.id}`)
      .send({ id: saved.id, decision, rule: rule.rule, on, decided_at: saved.decided_at });
  };

  const decision: Handler<typeof getDecisionSchema> = async (request) => {
    const stored = await readable(request, () => getArrangement(store.db, request.params.id));
    const { arrangement_id: _a, ...found } = await getDecision(store.db, stored.id, request.params.decision);
    return found;
  };

  return {
    list,
    create,
    getOne,
    replace,
    versions,
    check,
    checkDraft,
    restore,
    matrix,
    pooling,
    decide,
    decision,
  };
}
