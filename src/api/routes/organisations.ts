import { z } from 'zod';
import { today } from '../../law/date.ts';
import { getOrganisation, searchOrganisations, treeOn } from '../../store/organisations.ts';
import { attribution, files, listSizesAsAt } from '../../store/reference/nhs-registry.ts';
import { organisationKinds } from '../../store/schema.ts';
import { requireUser } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { OnQuery, Organisation, OrganisationDetail, TreeNode } from '../schemas.ts';
import { ShortMemo } from '../short-memo.ts';

/**
 * The NHS system registry: search, one organisation with its history, and a tree on a date.
 * The registry changes only when reference data is imported, so searches and trees are
 * remembered for a second: a popular lookup costs one query a second however many ask.
 */
export const organisationRoutes: RouteModule = (app, { store }) => {
  const searches = new ShortMemo<Awaited<ReturnType<typeof searchOrganisations>>>();
  const trees = new ShortMemo<Awaited<ReturnType<typeof treeOn>>>();

  app.get(
    '/api/organisations',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search organisations by ODS code or name',
        security: signedIn,
        querystring: z.strictObject({
          q: z
            .string()
            .min(1)
            .max(100)
            .describe('Code prefix or part of the name, for example "M87" or "dudley".'),
          kind: z.enum(organisationKinds).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ organisations: z.array(Organisation), attribution: z.string() }) },
      },
    },
    async (request) => {
      requireUser(request);
      const { q, kind, limit } = request.query;
      const organisations = await searches.get(JSON.stringify([q, kind, limit]), () =>
        searchOrganisations(store.db, q, { kind, limit }),
      );
      return { organisations, attribution };
    },
  );

  app.get(
    '/api/organisations/:code',
    {
      schema: {
        tags: ['registry'],
        summary: 'One organisation: dates, parents over time, predecessors and successors',
        security: signedIn,
        params: z.object({ code: z.string().min(1).max(20) }),
        querystring: z.strictObject({ kind: z.enum(organisationKinds).optional() }),
        response: { 200: OrganisationDetail.extend({ attribution: z.string() }) },
      },
    },
    async (request) => {
      requireUser(request);
      return { ...(await getOrganisation(store.db, request.params.code, request.query.kind)), attribution };
    },
  );

  app.get(
    '/api/organisations/:code/tree',
    {
      schema: {
        tags: ['registry'],
        summary:
          "An ICB's (or any organisation's) tree on a date: sub-ICB locations, places, PCNs and practices",
        security: signedIn,
        params: z.object({ code: z.string().min(1).max(20) }),
        querystring: OnQuery.extend({ kind: z.enum(organisationKinds).default('icb') }),
        response: {
          200: z.object({
            on: z.string(),
            tree: TreeNode,
            list_sizes: z
              .object({ as_at: z.string(), source: z.string() })
              .describe('Where the list sizes come from and the date they count patients on.'),
            attribution: z.string(),
          }),
        },
      },
    },
    async (request) => {
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
    },
  );
};
