import { z } from 'zod';
import type { DecileGap } from '../../population/decile-gap.ts';
import type { ExpectedPrevalence } from '../../population/expected-prevalence.ts';
import { conditionCodes } from '../../population/model.ts';
import type { MultimorbidityScore } from '../../population/multimorbidity-score.ts';
import type { Trends } from '../../population/trends.ts';
import { signedIn } from '../context.ts';
import { tableQuery } from '../tabular.ts';

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

const coverage = z.object({ from: z.string(), to: z.string() }).nullable();
const trends = z
  .object({
    activityCovers: coverage,
    activity: z.array(
      z.object({
        year: z.string(),
        people: count,
        emergencyAdmissions: count,
        emergencyPer1000Standardised: figure,
        emergencyLower95: figure,
        emergencyUpper95: figure,
        aeAttendances: count,
        aePer1000: figure,
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
  expectedPrevalence: expectedPrevalence.optional(),
  multimorbidityScore: multimorbidityScore.optional(),
  trends: trends.optional(),
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
  summary: "An ICB's population health report (commissioners of the ICB and assurers)",
  security: signedIn,
  params: z.strictObject({
    icb: z
      .string()
      .regex(/^[A-Z0-9]{3,9}$/)
      .describe('ICB code, e.g. QUA'),
  }),
  querystring: z.strictObject(tableQuery),
  description:
    'The report tables also come as CSV or Excel (`format=csv|xlsx`); counts of people are suppressed.',
  response: { 200: populationReport },
};
