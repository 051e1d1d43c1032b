import { z } from 'zod';
import { type AllocationMethod, methodNames } from '../../finance/allocation.ts';
import { PlacesFile } from '../../finance/places-file.ts';
import type { Trace as TraceType } from '../../finance/trace.ts';
import { FundingSource } from '../../law/arrangement.ts';
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

const BudgetLine = z.object({
  id: z.string(),
  service: z.string(),
  service_name: z.string(),
  commissioner: z.string(),
  commissioner_name: z.string(),
  source: FundingSource,
  class: z.enum(['pooled', 'aligned', 'outside']),
  reason: z.string().describe('Why the line is in its class, in words'),
  rule: z.string().nullable().describe('The rulebook entry that decided its class'),
  citations: z.array(z.string()),
  value: Money,
});

const FlowThrough = Figure.extend({
  practices: z.array(
    z.object({
      what: z.string(),
      ods: z.string(),
      name: z.string().nullable(),
      list_size: z.number().int(),
      amount: Money,
    }),
  ),
});

const Qof = z
  .object({
    year: z.string(),
    practices: z.array(
      z.object({
        ods: z.string(),
        list_size: z.number().int(),
        points: z.string(),
        indicators: z.array(z.object({ id: z.string(), points: z.string(), payment: Money, trace: Trace })),
        payment: Money,
      }),
    ),
    total: Money,
  })
  .nullable()
  .describe("QOF for fully integrated practices in the year the arrangement's payment.qof gives");

const BudgetReport = z.object({
  arrangement: z.string(),
  term: z.object({ start: z.string(), end: z.string() }),
  budget: z.object({
    on: z.string(),
    lines: z.array(BudgetLine),
    pooled: Figure,
    aligned: Figure,
    outside: Figure,
    icp_total: Figure,
    cquin_eligible: Figure,
    subcontracts: z
      .array(
        z.object({ id: z.string(), subcontractor: z.string(), services: z.array(z.string()), value: Money }),
      )
      .describe('What the ICP pays on to its subcontractors, where the arrangement gives the value'),
  }),
  years: z.array(
    z.object({
      year: z.string().describe('Financial year, e.g. 2026/27'),
      from: z.string(),
      to: z.string(),
      days: z.number().int(),
      in_scope: Figure,
      cquin_at_risk: Figure,
      local_at_risk: Figure,
      activity_paid: Figure,
      wpap: Figure,
      incentives_earned: Figure,
      money_at_risk: z.object({
        national: Money,
        local: Money,
        total: Money,
        national_assurance_needed: z.boolean(),
        national_assurance_given: z.boolean(),
        reason: z.string(),
      }),
      flow_through: FlowThrough.nullable(),
      risk_share: z
        .object({ provider: Figure, commissioners: Figure, provider_share_of_budget: z.string() })
        .nullable(),
      instalments: z.array(
        Figure.extend({
          month: z.string().describe('The month, e.g. April 2026'),
          from: z.string(),
          to: z.string(),
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
  qof: Qof,
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

/** The financial years Concordat has NHS England's weighted populations for, oldest first. */
type Year = keyof typeof weightedPopulationYears;
const yearNames = Object.keys(weightedPopulationYears) as [Year, ...Year[]];
export const PopulationYear = z.enum(yearNames);
export const latestPopulationYear = yearNames[yearNames.length - 1] as Year;
/** An ICB by its ODS code, as the weighted populations name it. */
export const IcbCode = z
  .string()
  .regex(/^[A-Z0-9]{3}$/, 'must be an ICB code such as QUA')
  .describe('ICB code in the weighted populations, e.g. QUA');

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
    icb: IcbCode,
    year: PopulationYear.default(latestPopulationYear).describe('Financial year of the weighted populations'),
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
