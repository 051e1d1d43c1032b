import { z } from 'zod';
import { areaKinds } from '../../population/areas.ts';
import { signedIn } from '../context.ts';
import { tableQuery } from '../tabular.ts';

const IcbParams = z.strictObject({
  icb: z
    .string()
    .regex(/^[A-Z0-9]{3,9}$/)
    .describe('ICB code, e.g. QUA'),
});

/** Which part of the ICB a report is for, as every population route takes it. */
export const AreaQuery = {
  kind: z
    .enum(areaKinds)
    .default('icb')
    .describe(
      'Which part of the ICB: icb (the whole ICB, the default), place, la (a local authority), pcn (a primary care network) or practice.',
    ),
  area: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/,
      'must be the code of an area, as GET /api/population/{icb}/areas lists them',
    )
    .optional()
    .describe(
      'The code of the place, local authority, PCN or practice (from GET /api/population/{icb}/areas); not needed for the whole ICB.',
    ),
};

export const getPopulationReportSchema = {
  operationId: 'getPopulationReport',
  tags: ['population'],
  summary:
    'The population health report for an ICB or one of its areas (commissioners of the ICB and assurers)',
  security: signedIn,
  params: IcbParams,
  querystring: z.strictObject({ ...AreaQuery, ...tableQuery }),
  description:
    'The report `concordat analyse --publish` last published for the area. The report tables also come as CSV or Excel (`format=csv|xlsx`); counts of people are suppressed, and the smaller the area the more figures are suppressed or withheld.',
  response: { 200: z.record(z.string(), z.unknown()) },
};

const ListedArea = z.object({
  kind: z.enum(areaKinds),
  code: z.string(),
  name: z.string().describe('As people write it: "Dudley", "Brierley Hill PCN", "Moss Grove Surgery".'),
  label: z.string().describe('The name in a sentence: "Dudley place", "Dudley local authority".'),
  title: z
    .string()
    .describe('The heading of its report: "Population health for Dudley place, NHS Black Country ICB".'),
  grouping: z.string().nullable().describe('For a place, the name of the grouping it is a place of.'),
  published: z.boolean().describe('Whether a report has been published for it.'),
});

export const listPopulationAreasSchema = {
  operationId: 'listPopulationAreas',
  tags: ['population'],
  summary:
    'The areas of an ICB a population health report can be for, by kind and name (commissioners of the ICB and assurers)',
  description:
    'The whole ICB; its places (of the grouping the published place reports were made with, or one per local authority); the local authorities its practices sit in; its primary care networks (practices in none together); and its GP practices, names from the NHS registry.',
  security: signedIn,
  params: IcbParams,
  response: {
    200: z.object({
      icb: z.string(),
      icb_name: z.string(),
      grouping: z.string().describe('The name of the grouping the places come from.'),
      areas: z.array(ListedArea),
    }),
  },
};
