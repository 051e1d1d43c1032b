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
