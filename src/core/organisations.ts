/** Kinds of organisation and area the NHS system registry holds, for server and browser alike. */
export const organisationKinds = [
  'region',
  'stp',
  'ccg',
  'icb',
  'sub-icb-location',
  'pcn',
  'practice',
  'trust',
  'local-authority',
  'place',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** The registry's words for its kinds of organisation, as the web app names them. */
export const kindWords: Record<OrganisationKind, string> = {
  region: 'NHS region',
  stp: 'Sustainability and transformation partnership / integrated care system',
  ccg: 'Clinical commissioning group',
  icb: 'Integrated care board',
  'sub-icb-location': 'Sub-ICB location',
  pcn: 'Primary care network',
  practice: 'GP practice',
  trust: 'NHS trust',
  'local-authority': 'Local authority',
  place: 'Place',
};

/** A kind in words, or the code itself for a kind the registry does not know. */
export function kindName(kind: string): string {
  return kindWords[kind as OrganisationKind] ?? kind;
}
