import { z } from 'zod';
import {
  CommissionerKind,
  PlacePartnershipMember,
  Procurement,
  Provider,
  ProviderKind,
} from '../arrangement.ts';

const Points = z.array(z.string().min(1)).min(1);

/** Kinds of rule under rulebook/system/ (each a zod object of version fields). */
export const systemKinds = {
  /** A kind of commissioning body and the period in which the law establishes it. */
  'statutory-body': z.object({
    commissioner_kind: CommissionerKind,
    summary: z.string().min(1),
  }),
  /** What every place partnership must have (2020 ICS framework), and what places choose. */
  'place-partnership': z.object({
    summary: z.string().min(1),
    required_members: z.array(PlacePartnershipMember).min(1),
    must: Points,
    may: Points,
  }),
  /** Which providers must work in a provider collaborative, and what places choose. */
  'provider-collaborative': z.object({
    summary: z.string().min(1),
    sectors: z.array(Provider.shape.sector.unwrap()).min(1),
    must: Points,
    may: Points,
  }),
  /** A policy of the ICS framework that Concordat explains but cannot test on one arrangement. */
  'ics-policy': z.object({
    summary: z.string().min(1),
    points: Points,
  }),
  /** The procurement rules for NHS health care services in a period, and the routes they allow. */
  'procurement-regime': z.object({
    summary: z.string().min(1),
    routes: z
      .array(z.strictObject({ route: Procurement.shape.route, text: z.string().min(1) }))
      .min(1)
      .describe('The routes allowed and what each requires.'),
    standstill_working_days: z.number().int().positive().optional(),
  }),
  /** A statutory power for bodies to work jointly, delegate or pool, and who may use it. */
  'joint-working-power': z.object({
    summary: z.string().min(1),
    mechanisms: z.array(z.enum(['s65z5', 's65z6'])).min(1),
    commissioner_kinds: z.array(CommissionerKind).min(1),
    provider_kinds: z.array(ProviderKind).min(1),
  }),
};

/** Who an ICB may pass a decision to (operating model, scheme of reservation and delegation). */
export const DelegateKind = z
  .enum(['board-committee', 'joint-committee', 'officer', 'nhs-trust', 'local-authority'])
  .describe(
    'A committee of the board, a joint committee with other bodies, an officer, an NHS trust or foundation trust (lead provider), or a local authority.',
  );
export type DelegateKind = z.infer<typeof DelegateKind>;

/** The operating-model rules (rulebook/system/operating-model*.yaml). */
export const operatingModelKinds = {
  /**
   * A function or decision an ICB holds, and to whom it may pass it. An empty
   * `delegable_to` means the board must keep it. `held_from_nhse` names the NHS England
   * delegation that must be in force for the ICB to hold it at all.
   */
  'icb-function': z.object({
    summary: z.string().min(1),
    annex_a_activity: z.string().min(1).optional().describe('The Annex A activity this reads, by rule id.'),
    delegable_to: z.array(DelegateKind),
    held_from_nhse: z.string().min(1).optional(),
  }),
  /** NHS England functions delegated to ICBs from a date, to all ICBs or those in named regions. */
  'nhse-delegation': z.object({
    summary: z.string().min(1),
    regions: z
      .array(z.string().min(1))
      .optional()
      .describe('NHS regions whose ICBs hold it; all ICBs when absent.'),
  }),
  /** ICBs that ceased on a date and the ICBs that took their areas. */
  'icb-succession': z.object({
    summary: z.string().min(1),
    successions: z
      .array(
        z.strictObject({
          from: z.string().min(1),
          name: z.string().min(1),
          into: z
            .array(
              z.strictObject({
                ods: z.string().min(1),
                name: z.string().min(1),
                new: z.boolean().optional(),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  }),
  /** A rule on the shape of an operating model; `severity` says whether breaking it is unlawful. */
  'operating-model-rule': z.object({
    summary: z.string().min(1),
    severity: z.enum(['error', 'warning']),
    points: Points,
  }),
};
