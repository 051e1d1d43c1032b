import { z } from 'zod';

/** Which part of an arrangement an ICP Contract requirement bears on. */
export const ContractScope = z.enum([
  'every-icp',
  'non-statutory-icp',
  'subcontract',
  'gp-practice',
  'population',
  'payment',
  'incentives',
  'term',
  'commissioner-functions',
]);

/** Kinds of rule under rulebook/contract/ (each a zod object of version fields). */
export const contractKinds = {
  /**
   * A national requirement or safeguard of the ICP Contract: what it asks of whom, in our
   * own words, item by item, so a check can name the item an arrangement lacks.
   */
  'contract-requirement': z.object({
    applies_to: ContractScope,
    clause: z.string().min(1).optional().describe('The contract clause, where the source names one.'),
    summary: z.string().min(1),
    provisions: z
      .array(z.strictObject({ id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), text: z.string().min(1) }))
      .min(1),
  }),
};
