import { z } from 'zod';
import { CommissionerKind, FundingSource, ProviderKind } from '../arrangement.ts';
import { RuleId } from '../schema.ts';

/** What a commissioner may do with a service's money: pool it, keep it aligned and ring-fenced, or leave it outside. */
export const Classification = z.enum(['pooled', 'aligned-ring-fenced', 'outside']);
export type Classification = z.infer<typeof Classification>;

/**
 * Who may commission an NHS England function other than NHS England acting alone. Each
 * value is evaluated against the commissioners present (src/law/pooling-parties.ts).
 */
export const Holder = z.enum([
  'nhs-england',
  'single-local-nhs',
  'any-local-nhs',
  'local-nhs-with-la-in-s75',
  'local-nhs-jointly-with-nhs-england',
  'local-authority-by-arrangement',
  'single-local-nhs-by-arrangement',
]);
export type Holder = z.infer<typeof Holder>;

/** The four commissioner configurations (columns) of the 2017 Annex B. */
export const Configuration = z.enum(['single-ccg', 'several-ccgs', 'ccgs-with-la', 'nhse-ccgs-la']);
export type Configuration = z.infer<typeof Configuration>;

/** Anyone who can be party to a fund: a commissioner or a provider. */
export const PartyKind = z.union([CommissionerKind, ProviderKind]);
export type PartyKind = z.infer<typeof PartyKind>;

const summary = z.string().min(1);

/** Kinds of rule under rulebook/pooling/ (each a zod object of version fields). */
export const poolingKinds = {
  /** A service an arrangement can name, whose statutory function it is and how its money may be held. */
  'pooling-service': z.object({
    function_of: z.enum(['local-nhs', 'nhs-england', 'local-authority']),
    group: z.enum([
      'nhs-local',
      'invasive',
      'primary-medical',
      'la-social-care',
      'la-public-health',
      's7a',
      'specialised',
      'nhs-england-direct',
    ]),
    route: RuleId.optional(),
    s75: z.enum(['included', 'excluded', 'mostly-excluded']),
    s75_exclusion: RuleId.optional(),
    stream_source: FundingSource,
    summary,
  }),
  /** Who may commission an NHS England function, and whether its money may be pooled. */
  'commissioning-route': z.object({
    holders: z.array(z.strictObject({ holder: Holder, condition: z.string().min(1).optional() })).min(1),
    classification: Classification,
    pooling_condition: z.string().min(1).optional(),
    summary,
  }),
  /** Functions the s75 regulations keep out of partnership arrangements. */
  's75-exclusion': z.object({ covers: z.array(z.string().min(1)).min(1), summary }),
  /** A statutory way to pool, align or jointly exercise functions, and who may be party to it. */
  'pooling-mechanism': z.object({
    mechanism: z.string().min(1),
    fund_kinds: z.array(z.enum(['pooled', 'aligned', 'parallel'])),
    allowed_parties: z.array(PartyKind).min(1),
    needs: z.array(z.strictObject({ kinds: z.array(PartyKind).min(1), min: z.number().int().positive() })),
    min_parties: z.number().int().positive(),
    summary,
  }),
  /** One cell of Annex B: a care model, a commissioner configuration, and what the paper says of it. */
  'annex-b-cell': z.object({
    care_model: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
    services: z.array(z.string().min(1)).min(1),
    configuration: Configuration,
    commissioners_required: z.string().min(1).optional(),
    /** How many CCGs the 2018 row names: a single CCG, or one or more. */
    ccgs: z.enum(['one', 'one-or-more']).optional(),
    whole_model: z.enum(['possible', 'not-possible', 'not-needed']),
    how_to_pool: z.string().min(1),
    restrictions: z.string().min(1).optional(),
    aligned: z.array(z.string().min(1)).optional(),
    notes: z.array(z.number().int().min(1).max(5)).optional(),
    summary,
  }),
  /** A principle of pooling law stated in words (notes, ring-fences, good practice). */
  'pooling-principle': z.object({ summary }),
};
