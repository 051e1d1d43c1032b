import { z } from 'zod';
import { type AllocationMethod, methodNames } from '../../finance/allocation.ts';
import { PlacesFile } from '../../finance/places-file.ts';
import type { Trace as TraceType } from '../../finance/trace.ts';
import { weightedPopulationYears } from '../../system/weighted-populations.ts';
import { signedIn } from '../context.ts';
import { Provenance } from '../schemas.ts';
import { tableQuery } from '../tabular.ts';

export const Money = z.object({ pence: z.number().int(), pounds: z.string() });
/** How a figure was reached (with explain=true): rule, inputs, dated parameters with sources and provenance, parts. */
const Trace: z.ZodType<TraceType> = z
  .object({
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
        provenance: Provenance.optional().describe(
          'How far a rulebook parameter was checked against its sources; absent for a figure agreed locally.',
        ),
      }),
    ),
    get parts() {
      return z.array(Trace);
    },
    // Recursive, so named: the OpenAPI document holds it once as a component.
  })
  .meta({ id: 'Trace' });
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
  budget_to_wpap: z
    .object({
      year: z.string(),
      budget: Money,
      steps: z.array(z.object({ what: z.string(), amount: Money })),
      wpap: Money,
    })
    .describe(
      "Why the first year's WPAP differs from the budget: the steps between them, which add up exactly.",
    ),
  practice_lists: z
    .object({
      published_source: z.object({ title: z.string(), as_at: z.string() }),
      practices: z.array(
        z.object({
          ods: z.string(),
          name: z.string().nullable(),
          list_size: z
            .number()
            .int()
            .describe('The list size the arrangement gives, which flow-through is shared by'),
          published: z
            .object({ list_size: z.number().int(), as_at: z.string() })
            .nullable()
            .describe("The registry's published list for the practice on the first day of the term, if any"),
        }),
      ),
    })
    .describe('The list sizes the arrangement shares flow-through by, beside the published ones.'),
  qof: z.unknown(),
  notes: z.array(z.string()),
});

const AllocationReport = z.looseObject({
  icb: z.string(),
  icb_name: z.string(),
  year: z.string(),
  method: z.enum(methodNames as [AllocationMethod, ...AllocationMethod[]]).describe('The method used'),
  method_description: z.string(),
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

export const getBudgetSchema = {
  operationId: 'getBudget',
  tags: ['money'],
  summary:
    'The integrated budget, WPAP, monthly instalments, incentives, money at risk and risk share (as concordat budget --format json)',
  description:
    'Also as CSV (one table, `table=`) or Excel (every table and a sheet of sources): `format=csv|xlsx` or the Accept header.',
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
};

export const allocatePlacesSchema = {
  operationId: 'allocatePlaces',
  tags: ['money'],
  summary:
    "Share an ICS single pot between places by need from NHS England's weighted populations (as concordat allocate --format json)",
  description:
    'Also as CSV (one table, `table=`) or Excel (every table and a sheet of sources): `format=csv|xlsx` or the Accept header.',
  security: signedIn,
  querystring: z.strictObject(tableQuery),
  body: PlacesFile.omit({ icb: true, description: true }).extend({
    icb: z
      .string()
      .regex(/^[A-Z0-9]{3}$/, 'must be an ICB code such as QUA')
      .describe('ICB code in the weighted populations, e.g. QUA'),
    year: z.enum(years).default('2025/26').describe('Financial year of the weighted populations'),
    method: z
      .enum(methodNames as [AllocationMethod, ...AllocationMethod[]])
      .default('exact')
      .describe(
        "exact (the default), or nhse-tool to round as NHS England's place-based allocation tool does (as concordat allocate --method)",
      ),
    explain: z.boolean().default(false),
  }),
  response: { 200: AllocationReport },
};
