import { InvalidInput } from '../../core/errors.ts';
import { icbEditors, roles } from '../../core/roles.ts';
import { formatPersons, resolvePlaces } from '../../finance/allocation.ts';
import { checkPot, type PotText, type SavedPot } from '../../finance/grouping-pot.ts';
import { money } from '../../finance/report.ts';
import { actorOf } from '../../store/actor.ts';
import { NotFound } from '../../store/errors.ts';
import { pcnsOfPractices } from '../../store/organisations.ts';
import {
  createGrouping,
  getGrouping,
  listGroupings,
  type PlaceGrouping,
  updateGrouping,
} from '../../store/place-groupings.ts';
import { loadWeightedPopulations, weightedPopulationSources } from '../../system/weighted-populations.ts';
import { requireRole } from '../auth.ts';
import { requireMatch } from '../conditional.ts';
import type { ApiContext, Handler } from '../context.ts';
import { CodeKey, decodeCursor, NameAndId, pageOf } from '../pagination.ts';
import { badRequest } from '../problems.ts';
import { pointerUnder } from './money.handlers.ts';
import type {
  createPlaceGroupingSchema,
  getPlaceGroupingSchema,
  listIcbPracticesSchema,
  listPlaceGroupingsSchema,
  replacePlaceGroupingSchema,
} from './place-groupings.schemas.ts';

// Commissioners of the ICB shape its places (icbEditors); anyone signed in may read them.

function practicesOf(icb: string, year: string) {
  const list = loadWeightedPopulations(year).filter((p) => p.icb === icb);
  if (list.length === 0) throw new NotFound(`ICB in the ${year} weighted populations`, icb);
  return list;
}

interface ContentIn {
  name: string;
  year: string;
  places: { name: string; practices: string[] }[];
  pot: PotText | null;
}

/** A domain problem as a 400 naming the body field. */
function asBadRequest(e: unknown): unknown {
  return e instanceof InvalidInput
    ? badRequest([{ field: pointerUnder('body', e.field), problem: e.problem, hint: e.hint }])
    : e;
}

/**
 * A grouping must be a partition of the ICB's practices, as allocation needs: every place
 * named once and holding practices, every practice of the ICB in exactly one place; and its
 * pot, when given, must share out between those places. Returns the pot in pence.
 */
function checkGrouping(icb: string, content: ContentIn): SavedPot | null {
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
    return content.pot && checkPot(icb, content.year, content.places, content.pot, data);
  } catch (e) {
    throw asBadRequest(e);
  }
}

/** A saved grouping as the API sends it: the pot's amounts in pence and in pounds. */
function groupingOut(g: PlaceGrouping) {
  const pot = g.pot;
  return {
    ...g,
    pot: pot && {
      components: pot.components.map((c) => ({
        ...c,
        amount: money(c.amount),
        ring_fences: c.ring_fences.map((r) => ({ place: r.place, amount: money(r.amount) })),
        floors: c.floors.map((f) => ({ place: f.place, minimum: money(f.minimum) })),
      })),
      pace: pot.pace && {
        rate: pot.pace.rate,
        current: pot.pace.current.map((c) => ({ place: c.place, amount: money(c.amount) })),
      },
      method: pot.method,
    },
  };
}

/** The store refuses a name already taken in the ICB; the API names the body field. */
async function named<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw asBadRequest(e);
  }
}

/** An ICB's practices and its saved place groupings (sets of practices) for place allocation. */
export function placeGroupingHandlers({ store }: ApiContext) {
  const listPractices: Handler<typeof listIcbPracticesSchema> = async (request) => {
    requireRole(request, roles);
    const { icb } = request.params;
    const { year, local_authority, limit, cursor } = request.query;
    const all = practicesOf(icb, year);
    const filters = [year, local_authority];
    const after = decodeCursor(cursor, filters, CodeKey)?.[0];
    const rows = all
      .filter(
        (p) => (!local_authority || p.la === local_authority) && (after === undefined || p.practice > after),
      )
      .sort((a, b) => (a.practice < b.practice ? -1 : 1))
      .slice(0, limit + 1);
    // The registry is asked only about the practices on this page.
    const pcns = await pcnsOfPractices(
      store.db,
      rows.slice(0, limit).map((p) => p.practice),
      new Date().toISOString().slice(0, 10),
    );
    return {
      icb,
      icb_name: all[0]?.icb_name ?? icb,
      year,
      source: weightedPopulationSources[year as keyof typeof weightedPopulationSources],
      ...pageOf(
        rows,
        limit,
        filters,
        (p) => [p.practice],
        (p) => ({
          code: p.practice,
          name: p.name,
          local_authority: p.la,
          local_authority_name: p.la_name,
          population: formatPersons(BigInt(p.values.population)),
          pcn: pcns.get(p.practice)?.code ?? null,
          pcn_name: pcns.get(p.practice)?.name ?? null,
        }),
      ),
    };
  };

  const list: Handler<typeof listPlaceGroupingsSchema> = async (request) => {
    requireRole(request, roles);
    const { year, limit, cursor } = request.query;
    const filters = [year];
    const rows = await listGroupings(store.db, request.params.icb, {
      year,
      after: decodeCursor(cursor, filters, NameAndId),
      limit: limit + 1,
    });
    return pageOf(rows, limit, filters, (g) => [g.name, g.id], groupingOut);
  };

  const getOne: Handler<typeof getPlaceGroupingSchema> = async (request, reply) => {
    requireRole(request, roles);
    const found = await getGrouping(store.db, request.params.icb, request.params.id);
    return reply.header('etag', `"${found.version}"`).send(groupingOut(found));
  };

  const create: Handler<typeof createPlaceGroupingSchema> = async (request, reply) => {
    const { icb } = request.params;
    const user = requireRole(request, icbEditors, [icb], `save place groupings for ${icb}`);
    const { reason, ...content } = request.body;
    const pot = checkGrouping(icb, content);
    const created = await named(() =>
      createGrouping(store.db, icb, { ...content, pot }, actorOf(user), reason),
    );
    return reply
      .status(201)
      .header('location', `/api/icbs/${icb}/place-groupings/${encodeURIComponent(created.id)}`)
      .header('etag', `"${created.version}"`)
      .send(groupingOut(created));
  };

  const replace: Handler<typeof replacePlaceGroupingSchema> = async (request, reply) => {
    const { icb, id } = request.params;
    const user = requireRole(request, icbEditors, [icb], `change place groupings for ${icb}`);
    const { reason, version, ...content } = request.body;
    const pot = checkGrouping(icb, content);
    if (request.headers['if-match'] !== undefined)
      requireMatch(request, (await getGrouping(store.db, icb, id)).version);
    const updated = await named(() =>
      updateGrouping(store.db, icb, id, version, { ...content, pot }, actorOf(user), reason),
    );
    return reply.header('etag', `"${updated.version}"`).send(groupingOut(updated));
  };

  return { listPractices, list, getOne, create, replace };
}
