import { InvalidInput } from '../../core/errors.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { placesInput } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { loadWeightedPopulations } from '../../finance/weighted-populations.ts';
import { today } from '../../law/date.ts';
import { allocationTables, budgetTables } from '../../outputs/money-tables.ts';
import { allocationPaper, budgetPaper } from '../../outputs/papers.ts';
import { getArrangement } from '../../store/arrangements.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext, Handler } from '../context.ts';
import { badRequest } from '../problems.ts';
import { answer } from '../tabular.ts';
import { readable } from './arrangements.handlers.ts';
import type { allocatePlacesSchema, getBudgetSchema } from './money.schemas.ts';

/** Sharing an ICS pot between places is for those who commission or assure it, and administrators. */
const allocators = ['commissioner', 'assurer', 'administrator'] as const;

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

export function moneyHandlers({ store, rulebook }: ApiContext) {
  const budget: Handler<typeof getBudgetSchema> = async (request, reply) => {
    const stored = await readable(request, () => getArrangement(store.db, request.params.id));
    const { years: n, explain } = request.query;
    const report = await naming('arrangement', () =>
      budgetReport(stored.document, classifyByRulebook(rulebook), rulebook, {
        years: n,
        explain: explain === 'true',
      }),
    );
    return answer(request, reply, report, budgetTables, (r) => budgetPaper(r, String(stored.version)));
  };

  const allocate: Handler<typeof allocatePlacesSchema> = async (request, reply) => {
    const { icb, year, method, explain, ...places } = request.body;
    requireRole(request, allocators, [icb], `allocate ${icb}'s budget between places`);
    const report = await naming('body', () =>
      allocationReport(
        allocatePlaces({ ...placesInput(places, icb, year), method }, loadWeightedPopulations(year)),
        explain,
      ),
    );
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
