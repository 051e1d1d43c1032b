import { z } from 'zod';
import { oglAttribution as attribution } from '../../core/open-government-licence.ts';
import { organisationKinds } from '../../core/organisations.ts';
import { today } from '../../law/date.ts';
import { historyTables, searchTables, treeTables } from '../../outputs/registry-tables.ts';
import {
  getOrganisation,
  type Organisation,
  searchOrganisations,
  treeOn,
} from '../../store/organisations.ts';
import { listSizesSource } from '../../system/nhs-registry.ts';
import { requireUser } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { ShortMemo } from '../short-memo.ts';
import { answer } from '../tabular.ts';
import type {
  getOrganisationSchema,
  getOrganisationTreeSchema,
  searchOrganisationsSchema,
} from './organisations.schemas.ts';

/**
 * The registry changes only when reference data is imported, so searches and trees are
 * remembered for a second: a popular lookup costs one query a second however many ask.
 */
const SearchKey = z.tuple([
  z.number().int(),
  z.number().int(),
  z.number().int(),
  z.string(),
  z.enum(organisationKinds),
  z.string(),
]);
const withoutKey = ({ key: _k, ...o }: Organisation & { key: unknown }): Organisation => o;

export function organisationHandlers({ store }: ApiContext) {
  const searches = new ShortMemo<Awaited<ReturnType<typeof searchOrganisations>>>();
  const trees = new ShortMemo<Awaited<ReturnType<typeof treeOn>>>();

  const search: Handler<typeof searchOrganisationsSchema> = async (request, reply) => {
    requireUser(request);
    const { q, kind, limit, cursor } = request.query;
    const filters = [q, kind];
    const after = decodeCursor(cursor, filters, SearchKey);
    const found = await searches.get(`${limit} ${cursor ?? ''} ${kind ?? ''} ${q}`, () =>
      searchOrganisations(store.db, q, { kind, limit: limit + 1, after }),
    );
    const page = pageOf(found, limit, filters, (o) => o.key, withoutKey);
    return answer(request, reply, { ...page, attribution }, (r) =>
      searchTables(r.items, { q, kind }, today()),
    );
  };

  const getOne: Handler<typeof getOrganisationSchema> = async (request, reply) => {
    requireUser(request);
    const found = await getOrganisation(store.db, request.params.code, request.query.kind);
    return answer(request, reply, { ...found, attribution }, (o) => historyTables(o, today()));
  };

  const getTree: Handler<typeof getOrganisationTreeSchema> = async (request, reply) => {
    requireUser(request);
    const { code } = request.params;
    const { kind } = request.query;
    const on = request.query.on ?? today();
    const tree = await trees.get(JSON.stringify([code, kind, on]), () => treeOn(store.db, code, kind, on));
    const json = {
      on,
      tree,
      list_sizes: listSizesSource,
      attribution,
    };
    return answer(request, reply, json, (t) => treeTables(t.tree, t.on, t.list_sizes));
  };

  return { search, getOne, getTree };
}
