import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';
import { formatPersons, resolvePlaces } from '../../finance/allocation.ts';
import { loadWeightedPopulations, weightedPopulationYears } from '../../finance/weighted-populations.ts';
import { NotFound } from '../../store/errors.ts';
import { pcnsOfPractices } from '../../store/organisations.ts';
import {
  createGrouping,
  type GroupingContent,
  getGrouping,
  listGroupings,
  updateGrouping,
} from '../../store/place-groupings.ts';
import { roles } from '../../store/schema.ts';
import type { User } from '../../store/users.ts';
import { requireRole } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { badRequest } from '../problems.ts';
import { pointerUnder } from './money.ts';

/** Commissioners of the ICB shape its places; administrators may correct them. Anyone signed in may read them. */
const writers = ['commissioner', 'administrator'] as const;

const years = Object.keys(weightedPopulationYears) as [string, ...string[]];
const latestYear = years[years.length - 1] as string;

const IcbParams = z.object({
  icb: z
    .string()
    .regex(/^[A-Z0-9]{3}$/, 'must be an ICB code such as QUA')
    .describe('ICB code in the weighted populations, e.g. QUA'),
});
const Place = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty: give the place a name').max(100),
  practices: z
    .array(z.string().regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code such as M87001'))
    .describe('ODS codes of the practices in the place.'),
});
const Content = {
  name: z.string().trim().min(1, 'must not be empty: name the grouping').max(200),
  year: z
    .enum(years)
    .default(latestYear)
    .describe('Financial year of the weighted populations whose practices are grouped'),
  places: z.array(Place).min(1, 'must have at least one place'),
  reason: z.string().min(1).max(2000).describe('Why the change is made; kept in the audit log.'),
};
const Grouping = z.object({
  id: z.string(),
  icb: z.string(),
  name: z.string(),
  year: z.string(),
  places: z.array(z.object({ name: z.string(), practices: z.array(z.string()) })),
  version: z.number().int(),
  created_by: z.number().nullable(),
  updated_by: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
const Practice = z.object({
  code: z.string(),
  name: z.string(),
  local_authority: z.string().describe('ONS code of the local authority the practice sits in'),
  local_authority_name: z.string(),
  population: z.string().describe('Registered population in the weighted populations, to 2 decimal places'),
  pcn: z
    .string()
    .nullable()
    .describe("ODS code of the practice's primary care network today, from the registry"),
  pcn_name: z.string().nullable(),
});

function practicesOf(icb: string, year: string) {
  const list = loadWeightedPopulations(year).filter((p) => p.icb === icb);
  if (list.length === 0) throw new NotFound(`ICB in the ${year} weighted populations`, icb);
  return list;
}

/**
 * A grouping must be a partition of the ICB's practices, as allocation needs: every place
 * named once and holding practices, every practice of the ICB in exactly one place.
 */
function checkGrouping(icb: string, content: GroupingContent): void {
  const data = practicesOf(icb, content.year);
  const problems: { field: string; problem: string }[] = [];
  const seen = new Map<string, number>();
  content.places.forEach((p, i) => {
    const key = p.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        field: `body/places/${i}/name`,
        problem: `'${p.name}' is also the name of place ${first + 1}`,
      });
    else seen.set(key, i);
    if (p.practices.length === 0)
      problems.push({ field: `body/places/${i}/practices`, problem: `place '${p.name}' has no practices` });
  });
  if (problems.length) throw badRequest(problems);
  try {
    resolvePlaces(
      icb,
      content.places.map((p) => ({ id: p.name, name: p.name, practices: p.practices })),
      data,
    );
  } catch (e) {
    if (e instanceof InvalidInput)
      throw badRequest([{ field: pointerUnder('body', e.field), problem: e.problem, hint: e.hint }]);
    throw e;
  }
}

/** The store refuses a name already taken in the ICB; the API names the body field. */
async function named<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof InvalidInput)
      throw badRequest([{ field: pointerUnder('body', e.field), problem: e.problem, hint: e.hint }]);
    throw e;
  }
}

const actorOf = (user: User) => ({ userId: user.id, label: `${user.name} <${user.email}>` });

/** An ICB's practices and its saved place groupings (sets of practices) for place allocation. */
export const placeGroupingRoutes: RouteModule = (app, { store }) => {
  app.get(
    '/api/icbs/:icb/practices',
    {
      schema: {
        tags: ['money'],
        summary: "An ICB's GP practices in NHS England's weighted populations, with their local authority",
        security: signedIn,
        params: IcbParams,
        querystring: z.strictObject({ year: z.enum(years).default(latestYear) }),
        response: {
          200: z.object({
            icb: z.string(),
            icb_name: z.string(),
            year: z.string(),
            practices: z.array(Practice),
          }),
        },
      },
    },
    async (request) => {
      requireRole(request, roles);
      const { icb } = request.params;
      const list = practicesOf(icb, request.query.year);
      const pcns = await pcnsOfPractices(
        store.db,
        list.map((p) => p.practice),
        new Date().toISOString().slice(0, 10),
      );
      return {
        icb,
        icb_name: list[0]?.icb_name ?? icb,
        year: request.query.year,
        practices: list.map((p) => ({
          code: p.practice,
          name: p.name,
          local_authority: p.la,
          local_authority_name: p.la_name,
          population: formatPersons(p.values.population),
          pcn: pcns.get(p.practice)?.code ?? null,
          pcn_name: pcns.get(p.practice)?.name ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/icbs/:icb/place-groupings',
    {
      schema: {
        tags: ['money'],
        summary: "An ICB's saved place groupings",
        security: signedIn,
        params: IcbParams,
        response: { 200: z.object({ groupings: z.array(Grouping) }) },
      },
    },
    async (request) => {
      requireRole(request, roles);
      return { groupings: await listGroupings(store.db, request.params.icb) };
    },
  );

  app.get(
    '/api/icbs/:icb/place-groupings/:id',
    {
      schema: {
        tags: ['money'],
        summary: 'One place grouping, current version',
        security: signedIn,
        params: IcbParams.extend({ id: z.string().min(1).max(100) }),
        response: { 200: Grouping },
      },
    },
    async (request, reply) => {
      requireRole(request, roles);
      const found = await getGrouping(store.db, request.params.icb, request.params.id);
      return reply.header('etag', `"${found.version}"`).send(found);
    },
  );

  app.post(
    '/api/icbs/:icb/place-groupings',
    {
      schema: {
        tags: ['money'],
        summary:
          "Save a grouping of the ICB's practices into places (the ICB's commissioners, administrators)",
        security: signedIn,
        params: IcbParams,
        body: z.strictObject(Content),
        response: { 201: Grouping },
      },
    },
    async (request, reply) => {
      const { icb } = request.params;
      const user = requireRole(request, writers, [icb], `save place groupings for ${icb}`);
      const { reason, ...content } = request.body;
      checkGrouping(icb, content);
      const created = await named(() => createGrouping(store.db, icb, content, actorOf(user), reason));
      return reply.status(201).header('etag', `"${created.version}"`).send(created);
    },
  );

  app.put(
    '/api/icbs/:icb/place-groupings/:id',
    {
      schema: {
        tags: ['money'],
        summary: 'Replace a place grouping; 409 if someone saved a newer version first',
        security: signedIn,
        params: IcbParams.extend({ id: z.string().min(1).max(100) }),
        body: z.strictObject({
          version: z.number().int().min(1).describe('The version you edited; must still be the current one.'),
          ...Content,
        }),
        response: { 200: Grouping },
      },
    },
    async (request, reply) => {
      const { icb, id } = request.params;
      const user = requireRole(request, writers, [icb], `change place groupings for ${icb}`);
      const { reason, version, ...content } = request.body;
      checkGrouping(icb, content);
      const updated = await named(() =>
        updateGrouping(store.db, icb, id, version, content, actorOf(user), reason),
      );
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  );
};
