import { z } from 'zod';
import { type AreaSummary, areaKinds } from '../../population/areas.ts';
import type { DecileGap } from '../../population/decile-gap.ts';
import { ethnicGroups } from '../../population/ethnic-category.ts';
import type { EthnicityBreakdown } from '../../population/ethnicity.ts';
import type { ExpectedPrevalence } from '../../population/expected-prevalence.ts';
import { conditionCodes, ltcCodes } from '../../population/model.ts';
import type { MultimorbidityScore } from '../../population/multimorbidity-score.ts';
import type { Trends } from '../../population/trends.ts';
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

const count = z.number().int().nullable().describe('null: 1 to 7, suppressed; others rounded to 5');
const figure = z.number().nullable().describe('null: withheld (too few people or events)');

const expectedPrevalence = z
  .object({
    standard: z.string(),
    rows: z.array(
      z.object({
        condition: z.enum(conditionCodes),
        name: z.string(),
        fromAge: z.number().int(),
        observed: count,
        expected: figure,
        ratio: figure,
        lower95: figure,
        upper95: figure,
      }),
    ),
  })
  .describe(
    'Observed against expected prevalence per QOF register (indirect standardisation, Byar 95% CI)',
  ) satisfies z.ZodType<ExpectedPrevalence>;

const multimorbidityScore = z
  .object({
    adults: count,
    bands: z.array(z.object({ band: z.string(), persons: count, percent: figure })),
    mean: figure,
    covered: z.array(z.object({ condition: z.string(), weight: z.number(), register: z.string() })),
    missing: z.array(z.object({ condition: z.string(), weight: z.number() })),
  })
  .describe(
    'Cambridge Multimorbidity Score of the adults served (partial: 15 of its 20 conditions)',
  ) satisfies z.ZodType<MultimorbidityScore>;

/** Standardised emergency admissions with their interval, and A&E per 1,000 (trends.ts). */
const admissionsAndAe = {
  emergencyAdmissions: count,
  emergencyPer1000Standardised: figure,
  emergencyLower95: figure,
  emergencyUpper95: figure,
  aeAttendances: count,
  aePer1000: figure,
};

const coverage = z.object({ from: z.string(), to: z.string() }).nullable();
const trends = z
  .object({
    activityCovers: coverage,
    activity: z.array(
      z.object({
        year: z.string(),
        people: count,
        ...admissionsAndAe,
        aeLower95: figure,
        aeUpper95: figure,
      }),
    ),
    deathsCover: coverage,
    prematureMortality: z.array(
      z.object({ year: z.string(), deaths: count, per100000: figure, lower95: figure, upper95: figure }),
    ),
  })
  .describe(
    'Emergency admissions, A&E and premature mortality by financial year, with 95% CIs',
  ) satisfies z.ZodType<Trends>;

const ethnicity = z
  .object({
    groups: z.array(
      z.object({
        group: z.enum(ethnicGroups),
        name: z.string(),
        persons: count,
        ...admissionsAndAe,
        core20: count.describe('people in IMD 2019 deciles 1–2 (Core20)'),
        core20Percent: figure,
      }),
    ),
    registers: z.array(
      z.object({
        condition: z.enum(ltcCodes),
        name: z.string(),
        groups: z.array(z.object({ group: z.enum(ethnicGroups), persons: count, percent: figure })),
      }),
    ),
  })
  .describe(
    'By ONS 2021 ethnic group (Core20PLUS5): standardised emergency admissions with 95% CI, A&E per 1,000, Core20 and long-term condition registers',
  ) satisfies z.ZodType<EthnicityBreakdown>;

const gap = z.object({
  mostDeprived: figure,
  leastDeprived: figure,
  absolute: figure.describe('decile 10 minus decile 1, the same way round as the SII'),
  relative: figure.describe('decile 1 ÷ decile 10'),
  note: z.string().nullable(),
}) satisfies z.ZodType<DecileGap>;

/**
 * The published report: the newer measures are typed here (optional, since reports published
 * before them lack them); the rest passes through as `concordat analyse` wrote it.
 */
export const populationReport = z.looseObject({
  area: z
    .object({
      kind: z.enum(areaKinds),
      code: z.string(),
      name: z.string(),
      label: z.string(),
      icb: z.string(),
      icbName: z.string(),
      grouping: z.string().nullable(),
    })
    .nullable()
    .optional()
    .describe('The part of the ICB the report is for; null for practices named by hand') satisfies z.ZodType<
    AreaSummary | null | undefined
  >,
  expectedPrevalence: expectedPrevalence.optional(),
  multimorbidityScore: multimorbidityScore.optional(),
  trends: trends.optional(),
  ethnicity: ethnicity.optional(),
  inequalities: z
    .looseObject({
      decileGap: z
        .object({
          emergencyAdmissionsPer1000Standardised: gap,
          aePer1000: gap,
          costPerHeadPence: gap,
          multimorbidPercent: gap,
          lifeExpectancy: z.object({ F: gap, M: gap }),
        })
        .optional()
        .describe('Decile 1 (most deprived) against decile 10 beside each slope index of inequality'),
    })
    .optional(),
});

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
  response: { 200: populationReport },
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

export const getPopulationAreasSchema = {
  operationId: 'getPopulationAreas',
  tags: ['population'],
  summary:
    "The directory of an ICB's areas a population health report can be for, by kind and name, in one answer (commissioners of the ICB and assurers). Not a paged list: an ICB has a few hundred areas at most, and the web app needs them all to offer the choice.",
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
