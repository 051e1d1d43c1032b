import { z } from 'zod';
import { CommissionerKind } from '../arrangement.ts';

/** Kinds of rule under rulebook/system/ (each a zod object of version fields). */
export const systemKinds = {
  /** A kind of commissioning body and the period in which the law establishes it. */
  'statutory-body': z.object({
    commissioner_kind: CommissionerKind,
    summary: z.string().min(1),
  }),
};
