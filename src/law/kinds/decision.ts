import { z } from 'zod';

/** The statutory commissioner decisions Concordat records, by id. */
export const decisions = [
  'approve-subcontract',
  'decide-ifr',
  'terminate-contract',
  'set-outcome-measures',
] as const;
export type Decision = (typeof decisions)[number];

/** Kinds of rule about who may take a decision (rulebook/system/decisions.yaml). */
export const decisionKinds = {
  /** A decision the law or the contract reserves to commissioners: a provider may inform it, never take it. */
  'reserved-decision': z.object({
    decision: z.enum(decisions),
    reserved_to: z
      .array(z.enum(['commissioner', 'local-authority']))
      .min(1)
      .describe('The roles that may take the decision for an organisation that is party to the arrangement.'),
    summary: z.string().min(1),
  }),
};
