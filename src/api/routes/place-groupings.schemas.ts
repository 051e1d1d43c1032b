import { z } from 'zod';
import { type AllocationMethod, methodNames } from '../../finance/allocation.ts';
import { Pounds } from '../../finance/places-file.ts';
import { type AllocationBasis, basisNames } from '../../system/weighted-populations.ts';
import { IfMatchHeaders } from '../conditional.ts';
import { signedIn } from '../context.ts';
import { Page, pageQuery } from '../pagination.ts';
import { IcbCode, latestPopulationYear, Money, PopulationYear } from './money.schemas.ts';

const IcbParams = z.object({ icb: IcbCode });
const Place = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty: give the place a name').max(100),
  practices: z
    .array(z.string().regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code such as M87001'))
    .describe('ODS codes of the practices in the place.'),
});
const PlaceName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('The name of one of the places of this grouping.');
const Basis = z
  .enum(basisNames as [AllocationBasis, ...AllocationBasis[]])
  .describe('The weighted population the component is shared by, as in POST /api/allocations.');
const Method = z.enum(methodNames as [AllocationMethod, ...AllocationMethod[]]);
/** The pot as written: pounds and a percentage, places by name. Checked by sharing it between the places. */
const PotIn = z
  .strictObject({
    components: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, 'must not be empty: name the component').max(200),
          amount: Pounds,
          basis: Basis,
          ring_fences: z.array(z.strictObject({ place: PlaceName, amount: Pounds })).default([]),
          floors: z.array(z.strictObject({ place: PlaceName, minimum: Pounds })).default([]),
        }),
      )
      .min(1, 'must have at least one component'),
    pace: z
      .strictObject({
        rate: z
          .string()
          .regex(/^\d+(\.\d+)?%$/, 'must be a percentage, like 25%')
          .describe('The share of the gap between current allocation and target closed this year.'),
        current: z.array(z.strictObject({ place: PlaceName, amount: Pounds })),
      })
      .nullable()
      .default(null)
      .describe('Moving places from their current allocations towards their targets; null for none.'),
    method: Method.default('exact'),
  })
  .describe('The pot shared between the places: components, ring-fences, floors, pace of change.');
const PotOut = z.object({
  components: z.array(
    z.object({
      name: z.string(),
      amount: Money,
      basis: Basis,
      ring_fences: z.array(z.object({ place: z.string(), amount: Money })),
      floors: z.array(z.object({ place: z.string(), minimum: Money })),
    }),
  ),
  pace: z
    .object({ rate: z.string(), current: z.array(z.object({ place: z.string(), amount: Money })) })
    .nullable(),
  method: Method,
});

const Content = {
  name: z.string().trim().min(1, 'must not be empty: name the grouping').max(200),
  year: PopulationYear.default(latestPopulationYear).describe(
    'Financial year of the weighted populations whose practices are grouped',
  ),
  places: z.array(Place).min(1, 'must have at least one place'),
  pot: PotIn.nullable()
    .default(null)
    .describe('The pot, saved with the grouping; null (or left out) when it has not been entered.'),
  reason: z.string().min(1).max(2000).describe('Why the change is made; kept in the audit log.'),
};
const Grouping = z.object({
  id: z.string(),
  icb: z.string(),
  name: z.string(),
  year: z.string(),
  places: z.array(z.object({ name: z.string(), practices: z.array(z.string()) })),
  pot: PotOut.nullable(),
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

const GroupingParams = IcbParams.extend({ id: z.string().min(1).max(100) });

export const listIcbPracticesSchema = {
  operationId: 'listIcbPractices',
  tags: ['money'],
  summary:
    "An ICB's GP practices in NHS England's weighted populations, with their local authority, by code, a page at a time",
  security: signedIn,
  params: IcbParams,
  querystring: z.strictObject({
    year: PopulationYear.default(latestPopulationYear),
    local_authority: z
      .string()
      .regex(/^E\d{8}$/, 'must be an ONS local authority code such as E08000027')
      .optional()
      .describe('Only the practices in this local authority (ONS code).'),
    ...pageQuery(500, 2000),
  }),
  response: {
    200: Page(Practice).extend({
      icb: z.string(),
      icb_name: z.string(),
      year: PopulationYear,
      source: z
        .object({ title: z.string(), counted: z.string() })
        .describe('Where the practices and populations come from, and when the populations were counted'),
    }),
  },
};

export const listPlaceGroupingsSchema = {
  operationId: 'listPlaceGroupings',
  tags: ['money'],
  summary: "An ICB's saved place groupings, by name, a page at a time",
  security: signedIn,
  params: IcbParams,
  querystring: z.strictObject({
    year: PopulationYear.optional().describe('Only groupings of this financial year.'),
    ...pageQuery(50, 200),
  }),
  response: { 200: Page(Grouping) },
};

export const getPlaceGroupingSchema = {
  operationId: 'getPlaceGrouping',
  tags: ['money'],
  summary: 'One place grouping, current version',
  security: signedIn,
  params: GroupingParams,
  response: { 200: Grouping },
};

export const createPlaceGroupingSchema = {
  operationId: 'createPlaceGrouping',
  tags: ['money'],
  summary: "Save a grouping of the ICB's practices into places (the ICB's commissioners, administrators)",
  security: signedIn,
  params: IcbParams,
  body: z.strictObject(Content),
  response: { 201: Grouping },
};

export const replacePlaceGroupingSchema = {
  operationId: 'replacePlaceGrouping',
  tags: ['money'],
  summary: 'Replace a place grouping; 409 (or 412 with If-Match) if someone saved a newer version first',
  security: signedIn,
  params: GroupingParams,
  headers: IfMatchHeaders,
  body: z.strictObject({
    version: z.number().int().min(1).describe('The version you edited; must still be the current one.'),
    ...Content,
  }),
  response: { 200: Grouping },
};
