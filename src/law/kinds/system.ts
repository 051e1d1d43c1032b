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
