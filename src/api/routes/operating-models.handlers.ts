import type { FastifyRequest } from 'fastify';
import { icbEditors as editors, roles } from '../../core/roles.ts';
import { today } from '../../law/date.ts';
import { actorOf } from '../../store/actor.ts';
import {
  createOperatingModel,
  getOperatingModel,
  listOperatingModels,
  listOperatingModelVersions,
  type StoredOperatingModel,
  updateOperatingModel,
} from '../../store/operating-models.ts';
import { resolveBudgets } from '../../system/operating-model/budgets.ts';
import { checkOperatingModel } from '../../system/operating-model/check.ts';
import { icbFunctions } from '../../system/operating-model/functions.ts';
import { modelsInForce } from '../../system/operating-model/in-force.ts';
import type { OperatingModel } from '../../system/operating-model/model.ts';
import { organisationView } from '../../system/operating-model/organisation-view.ts';
import { referenceProblems } from '../../system/operating-model/references.ts';
import { sordRows } from '../../system/operating-model/sord.ts';
import { reachOf, requireRole, requireUser } from '../auth.ts';
import { requireMatch } from '../conditional.ts';
import type { ApiContext, Handler } from '../context.ts';
import { decodeCursor, NameAndId, pageOf, pageOfList, VersionKey } from '../pagination.ts';
import { badRequest } from '../problems.ts';
import type {
  checkOperatingModelDraftSchema,
  checkOperatingModelSchema,
  createOperatingModelSchema,
  getOperatingModelSchema,
  getSordSchema,
  listIcbFunctionsSchema,
  listOperatingModelsSchema,
  listOperatingModelVersionsSchema,
  organisationIcsSchema,
  replaceOperatingModelSchema,
} from './operating-models.schemas.ts';

// The ICB's governance lead edits its operating model: the role `commissioner` held for the
// ICB's own code, or an administrator. Anyone with a role for an organisation it names may read it.

/** Cross-references the schema cannot see, as field errors; a stored model enters its budgets. */
function checkModel(model: OperatingModel): void {
  const problems = referenceProblems(model).map((p) => ({
    field: `body/model/${p.path.join('/')}`,
    problem: p.message,
  }));
  if (model.budgets?.places_file)
    problems.push({
      field: 'body/model/budgets/places_file',
      problem: 'a stored model cannot name a file; enter each place budget and the ICB allocation instead',
    });
  if (problems.length) throw badRequest(problems);
}

async function readable(request: FastifyRequest, load: () => Promise<StoredOperatingModel>) {
  const stored = await load();
  requireRole(request, roles, stored.parties, 'see this operating model');
  return stored;
}

/** Operating models: create, read, replace with optimistic concurrency, versions, check, SoRD. */
export function operatingModelHandlers({ store, rulebook }: ApiContext) {
  const list: Handler<typeof listOperatingModelsSchema> = async (request) => {
    const user = requireUser(request);
    const { icb, party, limit, cursor } = request.query;
    const filters = [icb, party];
    const rows = await listOperatingModels(store.db, icb, {
      reach: reachOf(user),
      party,
      after: decodeCursor(cursor, filters, NameAndId),
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      filters,
      (m) => [m.name, m.id],
      ({ document: _d, ...m }) => m,
    );
  };

  const create: Handler<typeof createOperatingModelSchema> = async (request, reply) => {
    const { model, reason } = request.body;
    checkModel(model);
    const user = requireRole(
      request,
      editors,
      [model.icb.code],
      `create an operating model for ${model.icb.code}`,
    );
    const created = await createOperatingModel(store.db, model, actorOf(user), reason);
    return reply
      .status(201)
      .header('location', `/api/operating-models/${encodeURIComponent(created.id)}`)
      .header('etag', `"${created.version}"`)
      .send(created);
  };

  const getOne: Handler<typeof getOperatingModelSchema> = async (request, reply) => {
    const stored = await readable(request, () => getOperatingModel(store.db, request.params.id));
    return reply.header('etag', `"${stored.version}"`).send(stored);
  };

  const replace: Handler<typeof replaceOperatingModelSchema> = async (request, reply) => {
    const { version, model, reason } = request.body;
    checkModel(model);
    const current = await getOperatingModel(store.db, request.params.id);
    const user = requireRole(request, editors, [current.icb], `change the operating model of ${current.icb}`);
    requireMatch(request, current.version);
    const updated = await updateOperatingModel(store.db, current.id, version, model, actorOf(user), reason);
    return reply.header('etag', `"${updated.version}"`).send(updated);
  };

  const versions: Handler<typeof listOperatingModelVersionsSchema> = async (request) => {
    await readable(request, () => getOperatingModel(store.db, request.params.id));
    const { limit, cursor } = request.query;
    const rows = await listOperatingModelVersions(store.db, request.params.id, {
      after: decodeCursor(cursor, [], VersionKey)?.[0],
      limit: limit + 1,
    });
    return pageOf(rows, limit, [], (v) => [v.version]);
  };

  const check: Handler<typeof checkOperatingModelSchema> = async (request) => {
    const stored = await readable(request, () => getOperatingModel(store.db, request.params.id));
    const model = stored.document;
    const report = checkOperatingModel(rulebook, model, request.query.on ?? today(), resolveBudgets(model));
    return { ...report, version: stored.version };
  };

  const sord: Handler<typeof getSordSchema> = async (request) => {
    const stored = await readable(request, () => getOperatingModel(store.db, request.params.id));
    return { rows: sordRows(rulebook, stored.document) };
  };

  const checkDraft: Handler<typeof checkOperatingModelDraftSchema> = async (request) => {
    const { model, on } = request.body;
    requireRole(request, editors, [model.icb.code], `check an operating model for ${model.icb.code}`);
    checkModel(model);
    return checkOperatingModel(rulebook, model, on ?? today(), resolveBudgets(model));
  };

  const functions: Handler<typeof listIcbFunctionsSchema> = async (request) => {
    requireUser(request);
    const { on, limit, cursor } = request.query;
    const date = on ?? today();
    const all = icbFunctions(rulebook, date).sort((a, b) => a.id.localeCompare(b.id));
    return pageOfList(all, { limit, cursor }, [date], (f) => f.id, 'ascending');
  };

  /** The registry tie-in: what the stored models (those in force on a date, if given) say about one organisation. */
  const forOrganisation: Handler<typeof organisationIcsSchema> = async (request) => {
    const user = requireUser(request);
    const { code } = request.params;
    const { on } = request.query;
    const naming = await listOperatingModels(store.db, undefined, { reach: reachOf(user), party: code });
    const oldestFirst = [...naming].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    const inForce =
      on &&
      new Set(
        modelsInForce(oldestFirst, on, (m) => ({
          icb: m.icb,
          effective_from: m.document.effective_from,
        })),
      );
    return {
      models: naming
        .filter((m) => !inForce || inForce.has(m))
        .map(({ id, version, document }) => ({ id, version, ...organisationView(document, code) })),
    };
  };

  return { list, create, getOne, replace, versions, check, checkDraft, functions, sord, forOrganisation };
}
