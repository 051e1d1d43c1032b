import { z } from 'zod';
import { signedIn } from '../context.ts';
import { tableQuery } from '../tabular.ts';

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
  response: { 200: z.record(z.string(), z.unknown()) },
};
