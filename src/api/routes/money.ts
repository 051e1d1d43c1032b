import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { PlacesFile, placesInput } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import type { Trace as TraceType } from '../../finance/trace.ts';
import { loadWeightedPopulations, weightedPopulationYears } from '../../finance/weighted-populations.ts';
import { today } from '../../law/date.ts';
import { allocationTables, budgetTables } from '../../outputs/money-tables.ts';
import { getArrangement } from '../../store/arrangements.ts';
import { requireRole } from '../auth.ts';
import { type RouteModule, signedIn } from '../context.ts';
import { badRequest } from '../problems.ts';
import { answer, tableQuery } from '../tabular.ts';
import { readable } from './arrangements.ts';

/** Sharing an ICS pot between places is for those who commission or assure it, and administrators. */
const allocators = ['commissioner', 'assurer', 'administrator'] as const;

const Money = z.object({ pence: z.number().int(), pounds: z.string() });
/** How a figure was reached (with explain=true): rule, inputs, dated parameters with sources, parts. */
const Trace: z.ZodType<TraceType> = z.object({
  what: z.string(),
  rule: z.string(),
  inputs: z.record(z.string(), z.string()),
  parameters: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      value: z.string(),
      unit: z.string(),
      from: z.string(),
      to: z.string().optional(),
      citations: z.array(z.string()),
    }),
  ),
  get parts() {
    return z.array(Trace);
  },
});
const Figure = Money.extend({ trace: Trace.optional() });
const Rate = z.object({ fraction: z.string(), decimal: z.string() });

const BudgetReport = z.looseObject({
  arrangement: z.string(),
  term: z.object({ start: z.string(), end: z.string() }),
  budget: z.looseObject({
    on: z.string(),
    lines: z.array(
      z.looseObject({
        id: z.string(),
        commissioner: z.string(),
        class: z.enum(['pooled', 'aligned', 'outside']),
        value: Money,
      }),
    ),
    pooled: Figure,
    aligned: Figure,
    outside: Figure,
    icp_total: Figure,
    cquin_eligible: Figure,
  }),
  years: z.array(
    z.looseObject({
      year: z.string().describe('Financial year, e.g. 2026/27'),
      from: z.string(),
      to: z.string(),
      wpap: Figure,
      money_at_risk: z.looseObject({ national: Money, local: Money, total: Money }),
      risk_share: z.looseObject({ provider: Figure, commissioners: Figure }).nullable(),
      instalments: z.array(
        z.object({
          month: z.string().describe('The month, e.g. April 2026'),
          from: z.string(),
          to: z.string(),
          pence: z.number(),
          pounds: z.string(),
        }),
      ),
    }),
  ),
  qof: z.unknown(),
  notes: z.array(z.string()),
});

const AllocationReport = z.looseObject({
  icb: z.string(),
  icb_name: z.string(),
  year: z.string(),
  total: Money,
  places: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      practice_count: z.number().int(),
      need_index: Rate,
      components: z.array(z.looseObject({ component: z.string(), need_index: Rate, pence: z.number() })),
      target: Money,
      current: Money.nullable(),
      allocation: Figure,
    }),
  ),
});

const years = Object.keys(weightedPopulationYears) as [string, ...string[]];

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

/** Money: an arrangement's integrated budget and payments, and place allocation of an ICS pot. */
export const moneyRoutes: RouteModule = (app, { store, rulebook }) => {
  app.get(
    '/api/arrangements/:id/budget',
    {
      schema: {
        tags: ['money'],
        summary:
          'The integrated budget, WPAP, monthly instalments, incentives, money at risk and risk share (as concordat budget --format json)',
        security: signedIn,
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: z.strictObject({
          years: z.coerce
            .number()
            .int()
            .min(1)
            .max(10)
            .optional()
            .describe('How many years of the term to schedule; default the whole term, at most 10.'),
          explain: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: include how each figure was reached (rules, inputs, parameters, sources).'),
          ...tableQuery,
        }),
        response: { 200: BudgetReport },
      },
    },
    async (request, reply) => {
      const stored = await readable(request, () => getArrangement(store.db, request.params.id));
      const { years: n, explain } = request.query;
      const report = await naming('arrangement', () =>
        budgetReport(stored.document, classifyByRulebook(rulebook), rulebook, {
          years: n,
          explain: explain === 'true',
        }),
      );
      return answer(request, reply, report, budgetTables);
    },
  );

  app.post(
    '/api/allocations',
    {
      schema: {
        tags: ['money'],
        summary:
          "Share an ICS single pot between places by need from NHS England's weighted populations (as concordat allocate --format json)",
        security: signedIn,
        querystring: z.strictObject(tableQuery),
        body: PlacesFile.omit({ icb: true, description: true }).extend({
          icb: z
            .string()
            .regex(/^[A-Z0-9]{3}$/, 'must be an ICB code such as QUA')
            .describe('ICB code in the weighted populations, e.g. QUA'),
          year: z.enum(years).default('2025/26').describe('Financial year of the weighted populations'),
          explain: z.boolean().default(false),
        }),
        response: { 200: AllocationReport },
      },
    },
    async (request, reply) => {
      const { icb, year, explain, ...places } = request.body;
      requireRole(request, allocators, [icb], `allocate ${icb}'s budget between places`);
      const report = await naming('body', () =>
        allocationReport(
          allocatePlaces(placesInput(places, icb, year), loadWeightedPopulations(year)),
          explain,
        ),
      );
      return answer(request, reply, report, (r) => allocationTables(r, today()));
    },
  );
};
