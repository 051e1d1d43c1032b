import { z } from 'zod';

/** Action ids are what an arrangement writes under `activities[].actions`. */
export const ActionId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes');

/** Something a provider might do for a commissioning activity, with a label a commissioner reads. */
const Action = z.strictObject({ id: ActionId, label: z.string().min(1) });
export type Action = z.infer<typeof Action>;

/**
 * The answer in the table's last column, read for substance: the provider may support the
 * activity; may only in respect of the services it provides or subcontracts itself; may
 * only give the commissioner information, input or ideas (evidence, data, representations)
 * and never decide or act for it; or may not, beyond the row's named exceptions.
 */
export const ProviderSupport = z.enum(['yes', 'own-services-only', 'information-only', 'no']);
export type ProviderSupport = z.infer<typeof ProviderSupport>;

/** What each level lets a provider do, in the words the matrix uses to explain it. */
export const providerSupportMeaning: Record<ProviderSupport, string> = {
  yes: 'it may support the commissioner in the ways the row describes',
  'own-services-only': 'only for the services it provides or subcontracts',
  'information-only':
    'only information, input or ideas for the commissioner, never a decision or an action in its place',
  no: 'no part, beyond any exception the row names',
};

/** Kinds of rule under rulebook/functions/ (each a zod object of version fields). */
export const functionsKinds = {
  /**
   * One commissioning activity (a row of Annex A, or an activity the 2018 paper added)
   * as one dated version of the table says it. The function behind it always stays with
   * the commissioner; the version says what a provider may do to support it.
   */
  'commissioning-activity': z.object({
    row: z.number().int().positive().optional().describe('Row number in the Annex A table of that version.'),
    category: z.string().min(1),
    subcategory: z.string().min(1),
    summary: z.string().min(1),
    statutory_basis: z
      .array(z.string().min(1))
      .describe('The statutory duties the version names for this activity, as written in it.'),
    provider_may_support: ProviderSupport,
    about_own_services: z
      .literal(true)
      .optional()
      .describe(
        "With information-only: the information may concern only the provider's own pathways, services or patients.",
      ),
    may: z.array(Action),
    may_not: z.array(Action),
    cost_bearer_must_be_agreed: z.boolean().optional(),
  }),
  /** A general principle for splitting activities between commissioner and provider. */
  'functions-principle': z.object({
    summary: z.string().min(1),
    points: z.array(z.strictObject({ id: z.string().min(1), text: z.string().min(1) })).optional(),
  }),
};
