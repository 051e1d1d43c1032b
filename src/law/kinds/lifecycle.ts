import { z } from 'zod';

/** The phases an ICP Contract passes through, from before the advert to the end of exit. */
export const ContractPhase = z.enum([
  'planned',
  'advertised',
  'in-procurement',
  'preferred-bidder',
  'awarded',
  'mobilising',
  'live',
  'under-notice',
  'exit',
  'closed',
  'abandoned',
]);
export type ContractPhase = z.infer<typeof ContractPhase>;

/** Who may record an event: the parties to the contract, NHS England (ISAP) and GP practices. */
export const Actor = z.enum(['commissioner', 'provider', 'nhs-england', 'practice']);
export type Actor = z.infer<typeof Actor>;

/**
 * Named conditions a transition can require. Each is a predicate in
 * src/contracts/conditions.ts; naming them here lets the loader refuse a typo.
 */
export const TransitionCondition = z.enum([
  'id-unused',
  'isap-before-procurement-passed',
  'route-allowed-by-regime',
  'isap-preferred-bidder-passed',
  'standstill-ended',
  'legal-advice-taken',
  'isap-before-service-start-passed',
  'on-or-after-start-date',
  'guarantee-provided-if-required',
  'variation-valid',
  'service-active',
  'service-suspended',
  'commissioner-termination-lawful',
  'provider-notice-long-enough',
  'subcontract-proposed',
  'subcontract-awaiting-direct-agreement',
  'subcontract-in-place',
  'third-party-activity-permitted',
  'integration-agreement-complete',
  'practice-not-integrated',
  'primary-medical-in-scope',
  'practice-fully-integrated',
  'practice-partially-integrated',
  'obligation-exists',
  'distribution-conditions-met',
  'collateral-approved',
  'indicator-exists',
  'remedial-plan-open',
  'remedial-plan-overdue',
  'terminated-for-provider-default',
]);
export type TransitionCondition = z.infer<typeof TransitionCondition>;

/** How an obligation's due dates are worked out (src/contracts/calendar.ts). */
export const ObligationSchedule = z.enum([
  'before-service-start',
  'before-each-contract-year',
  'after-each-financial-year',
  'quarterly',
  'before-expiry',
  'on-event',
]);

/** Kinds of rule under rulebook/lifecycle/ (each a zod object of version fields). */
export const lifecycleKinds = {
  /**
   * An event a contract's life may record: in which phases, by whom, on what conditions,
   * and the phase it leads to (none: the phase stays as it is).
   */
  'lifecycle-transition': z.object({
    event: z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'must be an event name such as contract-awarded'),
    from_phases: z.array(ContractPhase).min(1),
    to_phase: ContractPhase.optional(),
    actors: z.array(Actor).min(1),
    conditions: z.array(TransitionCondition).default([]),
    summary: z.string().min(1),
  }),
  /** Something a party must do (and hand over) on a schedule while the contract runs. */
  'lifecycle-obligation': z.object({
    who: z.enum(['provider', 'commissioner']),
    schedule: ObligationSchedule,
    offset_days: z.number().int().optional(),
    offset_months: z.number().int().optional(),
    applies_to: z.enum(['all', 'non-statutory', 'guarantee-required']).default('all'),
    summary: z.string().min(1),
  }),
  /** A group of contract provisions and the kinds of service it applies to (seed 001, 99). */
  'contract-provision': z.object({
    applies_to: z.array(z.enum(['healthcare', 'public-health', 'social-care'])).min(1),
    only_with_full_gp_integration: z.boolean().default(false),
    summary: z.string().min(1),
  }),
};
