import { z } from 'zod';

const Percent = z.string().regex(/^\d+(\.\d+)?%$/, 'must be a percentage such as 2% or 12.5%');

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
  /**
   * Risk-share corridors: the provider's share of a variance up to each bound (a percentage
   * of the budget); the last corridor has no bound.
   */
  corridors: z.object({
    corridors: z
      .array(z.strictObject({ up_to: Percent.optional(), provider_share: Percent }))
      .min(1, 'give at least one corridor'),
    note: z.string().optional(),
  }),
};
