import { z } from 'zod';
import { IsoDate } from '../../law/date.ts';

/**
 * An ICS operating model: the ICB (or, before 1 July 2022, the voluntary ICS), its board,
 * committees, places with their partnerships, provider collaboratives, and the scheme of
 * reservation and delegation (SoRD). One schema gives the file format, the JSON Schema in
 * docs/operating-model.schema.json and the API's request bodies.
 */

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes, for example dudley-place')
  .describe('An id used to refer to this item elsewhere in the file.');

const Pounds = z
  .string()
  .regex(/^£?\d{1,3}(,?\d{3})*(\.\d{1,2})?$/, 'must be an amount in pounds, for example "£12,345,678.00"')
  .describe('An amount in pounds and pence, written as text so it stays exact.');

export const OrganisationKind = z.enum([
  'icb',
  'nhs-england',
  'nhs-trust',
  'nhs-foundation-trust',
  'local-authority',
  'gp-federation',
  'primary-care-network',
  'healthwatch',
  'voluntary-sector',
  'company',
]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** An organisation the model names, by ODS or ONS code where it has one. */
export const Organisation = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: OrganisationKind,
  code: z
    .string()
    .min(1)
    .optional()
    .describe('ODS code (trusts, ICBs, PCNs) or ONS code (local authorities).'),
  sectors: z
    .array(
      z.enum([
        'acute',
        'mental-health',
        'community',
        'ambulance',
        'specialist',
        'primary-care',
        'social-care',
      ]),
    )
    .optional()
    .describe(
      'What services a provider runs; acute and mental health trusts are expected in a collaborative.',
    ),
  illustrative: z.boolean().optional().describe('True where a detail is invented for the example.'),
});
export type Organisation = z.infer<typeof Organisation>;

export const BoardRole = z.enum([
  'chair',
  'chief-executive',
  'partner-member-trusts',
  'partner-member-primary-medical',
  'partner-member-local-authority',
  'non-executive',
  'executive',
  'other',
]);
export type BoardRole = z.infer<typeof BoardRole>;

export const BoardMember = z.strictObject({
  role: BoardRole,
  title: z.string().min(1).optional().describe('For example "Director of Finance".'),
  name: z.string().min(1).optional(),
  nominated_by: z
    .array(z.string().min(1))
    .optional()
    .describe('Organisation ids that nominated the member; "nhs-england" for the chair.'),
  represents: z
    .array(Id)
    .optional()
    .describe('Place or collaborative ids this member speaks for on the board.'),
});
export type BoardMember = z.infer<typeof BoardMember>;

export const CommitteeMember = z.strictObject({
  name: z.string().min(1).optional(),
  role: z.string().min(1).describe('For example "ICB place director" or "Director of Public Health".'),
  organisation: Id.describe('The organisation the member comes from.'),
  voting: z.boolean().default(true),
});
export type CommitteeMember = z.infer<typeof CommitteeMember>;

export const Committee = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: z
    .enum(['committee', 'sub-committee', 'joint-committee'])
    .describe('A committee of the board, a sub-committee, or a joint committee with other bodies (s.65Z5).'),
  reports_to: Id.optional().describe('The committee a sub-committee reports to; the board when absent.'),
  chair: z.string().min(1).optional(),
  quorum: z.number().int().positive().optional(),
  organisations: z.array(Id).default([]).describe('For a joint committee, the bodies party to it.'),
  members: z.array(CommitteeMember).default([]),
});
export type Committee = z.infer<typeof Committee>;

export const PartnershipRole = z.enum([
  'local-authority',
  'director-of-public-health',
  'primary-care-leadership',
  'community-provider',
  'mental-health-provider',
  'healthwatch',
  'acute-provider',
  'ambulance-provider',
  'voluntary-sector',
]);
export type PartnershipRole = z.infer<typeof PartnershipRole>;

export const PlaceForm = z
  .enum(['icb-committee', 'joint-committee', 'lead-provider', 'advisory'])
  .describe(
    'How the place decides: as a committee of the ICB with delegated authority, a joint committee with the local authority, through a lead provider, or advisory only.',
  );
export type PlaceForm = z.infer<typeof PlaceForm>;

export const Place = z.strictObject({
  id: Id,
  name: z.string().min(1),
  local_authorities: z
    .array(Id)
    .min(1)
    .describe('Organisation ids of the local authorities the place covers.'),
  partnership: z.strictObject({
    members: z
      .array(
        z.strictObject({ role: PartnershipRole, organisation: Id.optional(), note: z.string().optional() }),
      )
      .min(1),
    form: PlaceForm,
    committee: Id.optional().describe('The committee or joint committee that decides for the place.'),
    lead_provider: Id.optional().describe('The lead provider, when the form is lead-provider.'),
    functions: z.array(z.string().min(1)).default([]).describe('What the place decides, in words.'),
  }),
  budget: Pounds.optional().describe(
    'The budget delegated to the place; from the place grouping when absent.',
  ),
});
export type Place = z.infer<typeof Place>;

export const Collaborative = z.strictObject({
  id: Id,
  name: z.string().min(1),
  members: z.array(Id).min(1).describe('Member trusts, by organisation id.'),
  lead: Id.optional().describe('The member that holds any lead-provider role for the collaborative.'),
  icbs: z.array(z.string().min(1)).default([]).describe('ODS codes of every ICB the collaborative serves.'),
  functions: z.array(z.string().min(1)).default([]),
  budget: Pounds.optional(),
});
export type Collaborative = z.infer<typeof Collaborative>;

export const SordEntry = z.strictObject({
  id: Id,
  function: z
    .string()
    .min(1)
    .describe(
      'An ICB function rule id, such as system.icb-activity.commissioning or system.icb-function.annual-budget.',
    ),
  decision: z.string().min(1).describe('The decision in words.'),
  decided_by: z
    .string()
    .min(1)
    .describe('"board", a committee, place or collaborative id, or "officer:<title>".'),
  jointly_with: z.array(Id).default([]).describe('Organisations that decide with the ICB.'),
  limit: Pounds.optional().describe('The largest sum the decision-maker may commit.'),
  conditions: z.string().min(1).optional(),
  contract_with: Id.optional().describe('The provider whose contract the decision is about, if any.'),
  conflict_managed: z
    .boolean()
    .optional()
    .describe('True when members from that provider are excluded from the decision.'),
});
export type SordEntry = z.infer<typeof SordEntry>;

export const OperatingModel = z.strictObject({
  name: z.string().min(1),
  icb: z.strictObject({
    code: z.string().min(1).describe('ODS code of the ICB, for example QUA.'),
    name: z.string().min(1),
    region: z.string().min(1).describe('NHS region, for example Midlands.'),
  }),
  effective_from: IsoDate.optional().describe('When this version of the model took effect.'),
  illustrative: z.string().min(1).optional().describe('What in the model is invented for the example.'),
  organisations: z.array(Organisation).min(1),
  board: z.strictObject({
    members: z.array(BoardMember).min(1),
    quorum: z.number().int().positive().optional(),
  }),
  committees: z.array(Committee).default([]),
  places: z.array(Place).default([]),
  collaboratives: z.array(Collaborative).default([]),
  sord: z.array(SordEntry).default([]),
  budgets: z
    .strictObject({
      icb_allocation: Pounds.optional().describe('What the ICB holds to delegate from.'),
      places_file: z
        .string()
        .min(1)
        .optional()
        .describe('A saved place grouping (relative to the model file): its pot and current place amounts.'),
    })
    .optional(),
});
export type OperatingModel = z.infer<typeof OperatingModel>;

/** Where the published JSON Schema for operating-model files lives. */
export const operatingModelSchemaFile = 'docs/operating-model.schema.json';

/** The JSON Schema of operating-model files, generated from the zod schema above. */
export function operatingModelJsonSchema(): string {
  const schema = z.toJSONSchema(OperatingModel, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Concordat ICS operating model' }, null, 2)}\n`;
}
