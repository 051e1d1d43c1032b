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
import type { OperatingModel } from '../../system/operating-model/model.ts';
import { referenceProblems } from '../../system/operating-model/references.ts';
import { sordRows } from '../../system/operating-model/sord.ts';
import { reachOf, requireRole, requireUser } from '../auth.ts';
import { requireMatch } from '../conditional.ts';
import type { ApiContext, Handler } from '../context.ts';
import { decodeCursor, NameAndId, pageOf, VersionKey } from '../pagination.ts';
import { badRequest } from '../problems.ts';
import type {
  checkOperatingModelSchema,
  createOperatingModelSchema,
  getOperatingModelSchema,
  getSordSchema,
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

  /** The registry tie-in: what the stored models say about one organisation. */
  const forOrganisation: Handler<typeof organisationIcsSchema> = async (request) => {
    const user = requireUser(request);
    const { code } = request.params;
    const naming = await listOperatingModels(store.db, undefined, { reach: reachOf(user), party: code });
    return {
      models: naming.map(({ id, name, icb, document: m }) => {
        const orgId = m.organisations.find((o) => o.code === code)?.id;
        const isIcb = icb === code;
        const nameOf = (id?: string) => m.organisations.find((o) => o.id === id)?.name ?? id;
        return {
          id,
          name,
          icb,
          places: m.places
            .filter(
              (p) =>
                isIcb ||
                p.partnership.members.some((x) => x.organisation === orgId) ||
                p.local_authorities.includes(orgId ?? ''),
            )
            .map((p) => ({
              name: p.name,
              form: p.partnership.form,
              members: p.partnership.members.map((x) => ({
                role: x.role,
                organisation: nameOf(x.organisation) ?? x.note,
              })),
            })),
          collaboratives: m.collaboratives
            .filter((c) => isIcb || c.members.includes(orgId ?? ''))
            .map((c) => ({
              name: c.name,
              members: c.members.map((x) => nameOf(x) ?? x),
              lead: nameOf(c.lead),
            })),
          board: isIcb ? m.board.members.map((b) => ({ role: b.role, title: b.title })) : [],
        };
      }),
    };
  };

  return { list, create, getOne, replace, versions, check, sord, forOrganisation };
}
