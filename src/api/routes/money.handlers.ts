import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { InvalidInput } from '../../core/errors.ts';
import { allocators } from '../../core/roles.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { placesInput } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import type { Arrangement } from '../../law/arrangement.ts';
import { today } from '../../law/date.ts';
import { allocationTables, budgetTables } from '../../outputs/money-tables.ts';
import { allocationPaper, budgetPaper } from '../../outputs/papers.ts';
import { getArrangement } from '../../store/arrangements.ts';
import { listSizesOfPractices } from '../../store/organisations.ts';
import { listSizesSource } from '../../system/nhs-registry.ts';
import { loadWeightedPopulations } from '../../system/weighted-populations.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { badRequest } from '../problems.ts';
import { answer } from '../tabular.ts';
import { readable } from './arrangements.handlers.ts';
import type { allocatePlacesSchema, getBudgetSchema } from './money.schemas.ts';

type AllocationBody = z.infer<typeof allocatePlacesSchema.body>;

/** `pot[0].amount` → `body/pot/0/amount`: domain field paths as the problem pointers the API uses. */
export function pointerUnder(prefix: string, field: string): string {
  return `${prefix}/${field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .join('/')}`;
}

async function naming<T>(prefix: string, work: () => T): Promise<T> {
  try {
    return work();
  } catch (e) {
    if (e instanceof InvalidInput)
      throw badRequest([{ field: pointerUnder(prefix, e.field), problem: e.problem, hint: e.hint }]);
    throw e;
  }
}

/** A readable arrangement's budget report (the budget resource and its board paper). */
export async function budgetOf(
  { store, rulebook }: ApiContext,
  request: FastifyRequest,
  id: string,
  query: { years?: number | undefined; explain?: 'true' | 'false' | undefined },
) {
  const stored = await readable(request, () => getArrangement(store.db, id));
  const report = await naming('arrangement', () =>
    budgetReport(stored.document, classifyByRulebook(rulebook), rulebook, {
      years: query.years,
      explain: query.explain === 'true',
    }),
  );
  return { stored, report };
}

/** An ICB's pot shared between places, for a caller who may allocate it (the allocation and its board paper). */
export async function allocationOf(request: FastifyRequest, body: AllocationBody) {
  const { icb, year, method, explain, ...places } = body;
  requireRole(request, allocators, [icb], `allocate ${icb}'s budget between places`);
  return naming('body', () =>
    allocationReport(
      allocatePlaces({ ...placesInput(places, icb, year), method }, loadWeightedPopulations(year)),
      explain,
    ),
  );
}

/**
 * The list sizes the arrangement shares flow-through by, each beside the registry's published
 * list for that practice on the first day of the term, so a page can say which source its
 * list sizes match and as of when.
 */
async function practiceLists({ store }: ApiContext, a: Arrangement, on: string) {
  const practices = a.gp_practices.filter((p) => p.list_size !== undefined);
  const published = await listSizesOfPractices(
    store.db,
    practices.map((p) => p.ods),
    on,
  );
  return {
    published_source: { title: listSizesSource.title, as_at: listSizesSource.as_at },
    practices: practices.map((p) => ({
      ods: p.ods,
      name: p.name ?? null,
      list_size: p.list_size as number,
      published: published.get(p.ods) ?? null,
    })),
  };
}

export function moneyHandlers(ctx: ApiContext) {
  const budget: Handler<typeof getBudgetSchema> = async (request, reply) => {
    const { stored, report } = await budgetOf(ctx, request, request.params.id, request.query);
    const lists = await practiceLists(ctx, stored.document, report.budget.on);
    return answer(request, reply, { ...report, practice_lists: lists }, budgetTables, (r) =>
      budgetPaper(r, String(stored.version)),
    );
  };

  const allocate: Handler<typeof allocatePlacesSchema> = async (request, reply) => {
    const report = await allocationOf(request, request.body);
    return answer(
      request,
      reply,
      report,
      (r) => allocationTables(r, today()),
      (r) => allocationPaper(r, today(), '1.0'),
    );
  };

  return { budget, allocate };
}
