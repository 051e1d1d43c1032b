/**
 * The operating model's fixed choices in the words a governance lead uses, for the page that
 * shows a model, the editor's questions and an organisation's page alike. Each list follows
 * the schema's enum (src/system/operating-model/model.ts), so a choice the schema drops or
 * adds fails to compile here.
 */
import type {
  BoardRole,
  Committee,
  Organisation,
  OrganisationKind,
  PartnershipRole,
  PlaceForm,
} from '../system/operating-model/model.ts';

type Sector = NonNullable<Organisation['sectors']>[number];
type Choice<V extends string> = { value: V; text: string; hint?: string };

export const placeForms: readonly Choice<PlaceForm>[] = [
  {
    value: 'icb-committee',
    text: 'Committee of the ICB with delegated authority',
    hint: 'A committee of the board decides for the place, within the limits the board sets',
  },
  {
    value: 'joint-committee',
    text: 'Joint committee with the local authority',
    hint: 'The ICB and the council decide together; the council must be party to the committee',
  },
  {
    value: 'lead-provider',
    text: 'Lead provider',
    hint: 'An NHS trust or foundation trust takes delegated decisions for the place (from 1 July 2022)',
  },
  { value: 'advisory', text: 'Advisory only', hint: 'The partnership advises; it takes no decision' },
];

export const partnershipRoles: readonly Choice<PartnershipRole>[] = [
  { value: 'local-authority', text: 'Local authority' },
  { value: 'director-of-public-health', text: 'Director of Public Health' },
  { value: 'primary-care-leadership', text: 'Primary care leadership (PCN clinical directors)' },
  { value: 'community-provider', text: 'Community services provider' },
  { value: 'mental-health-provider', text: 'Mental health provider' },
  { value: 'healthwatch', text: 'Healthwatch' },
  { value: 'acute-provider', text: 'Acute provider' },
  { value: 'ambulance-provider', text: 'Ambulance provider' },
  { value: 'voluntary-sector', text: 'Voluntary sector' },
];

export const boardRoles: readonly Choice<BoardRole>[] = [
  { value: 'chair', text: 'Chair' },
  { value: 'chief-executive', text: 'Chief executive' },
  { value: 'partner-member-trusts', text: 'Partner member for NHS trusts and foundation trusts' },
  { value: 'partner-member-primary-medical', text: 'Partner member for primary medical services' },
  { value: 'partner-member-local-authority', text: 'Partner member for the local authorities' },
  { value: 'non-executive', text: 'Non-executive member' },
  { value: 'executive', text: 'Executive member' },
  { value: 'other', text: 'Other member' },
];

export const committeeKinds: readonly Choice<Committee['kind']>[] = [
  { value: 'committee', text: 'Committee of the board' },
  { value: 'sub-committee', text: 'Sub-committee', hint: 'Reports to another committee' },
  {
    value: 'joint-committee',
    text: 'Joint committee',
    hint: 'With other bodies: a local authority, NHS England, other ICBs or NHS trusts',
  },
];

export const organisationKinds: readonly Choice<OrganisationKind>[] = [
  { value: 'icb', text: 'Integrated care board' },
  { value: 'nhs-england', text: 'NHS England' },
  { value: 'nhs-trust', text: 'NHS trust' },
  { value: 'nhs-foundation-trust', text: 'NHS foundation trust' },
  { value: 'local-authority', text: 'Local authority' },
  { value: 'gp-federation', text: 'GP federation' },
  { value: 'primary-care-network', text: 'Primary care network' },
  { value: 'healthwatch', text: 'Healthwatch' },
  { value: 'voluntary-sector', text: 'Voluntary sector organisation' },
  { value: 'company', text: 'Company' },
];

export const sectors: readonly Choice<Sector>[] = [
  { value: 'acute', text: 'Acute hospital services' },
  { value: 'mental-health', text: 'Mental health services' },
  { value: 'community', text: 'Community services' },
  { value: 'ambulance', text: 'Ambulance services' },
  { value: 'specialist', text: 'Specialist services' },
  { value: 'primary-care', text: 'Primary care' },
  { value: 'social-care', text: 'Social care' },
];

/** The words for a value of one of the lists above, or the value itself if the list lacks it. */
export function wordsFor<V extends string>(list: readonly Choice<V>[], value: string): string {
  return list.find((c) => c.value === value)?.text ?? value;
}
