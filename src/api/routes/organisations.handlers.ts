import { today } from '../../law/date.ts';
import { getOrganisation, searchOrganisations, treeOn } from '../../store/organisations.ts';
import { attribution, files, listSizesAsAt } from '../../store/reference/nhs-registry.ts';
import { requireUser } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { ShortMemo } from '../short-memo.ts';
import type {
  getOrganisationSchema,
  getOrganisationTreeSchema,
  searchOrganisationsSchema,
} from './organisations.schemas.ts';

/**
 * The registry changes only when reference data is imported, so searches and trees are
 * remembered for a second: a popular lookup costs one query a second however many ask.
 */
export function organisationHandlers({ store }: ApiContext) {
  const searches = new ShortMemo<Awaited<ReturnType<typeof searchOrganisations>>>();
  const trees = new ShortMemo<Awaited<ReturnType<typeof treeOn>>>();

  const search: Handler<typeof searchOrganisationsSchema> = async (request) => {
    requireUser(request);
    const { q, kind, limit } = request.query;
    const organisations = await searches.get(JSON.stringify([q, kind, limit]), () =>
      searchOrganisations(store.db, q, { kind, limit }),
    );
    return { organisations, attribution };
  };

  const getOne: Handler<typeof getOrganisationSchema> = async (request) => {
    requireUser(request);
    return { ...(await getOrganisation(store.db, request.params.code, request.query.kind)), attribution };
  };

  const getTree: Handler<typeof getOrganisationTreeSchema> = async (request) => {
    requireUser(request);
    const { code } = request.params;
    const { kind } = request.query;
    const on = request.query.on ?? today();
    const tree = await trees.get(JSON.stringify([code, kind, on]), () => treeOn(store.db, code, kind, on));
    return {
      on,
      tree,
      list_sizes: {
        as_at: listSizesAsAt,
        source: `QOF 2020/21 practice list sizes (data/nhs/${files.listSizes})`,
      },
      attribution,
    };
  };

  return { search, getOne, getTree };
}
