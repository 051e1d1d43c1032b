import { z } from 'zod';

/**
 * A dated number (ARCHITECTURE practice 1). Percentages and other rates are written as
 * decimal strings so they stay exact; money is integer pence.
 */
export const parameterKind = {
  parameter: z.object({
    value: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')]),
    unit: z.enum(['pence', 'percent', 'count', 'ratio', 'points', 'days', 'years']),
    note: z.string().optional(),
  }),
};
