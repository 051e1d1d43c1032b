/**
 * The arrangement schema's coded choices (src/law/arrangement.ts) in the words a
 * commissioner reads: for the form's options, the summary and the comparison of versions.
 * The codes are the schema's own; a test keeps every one of them worded.
 */
import type { Arrangement } from './types.ts';

type Commissioner = Arrangement['commissioners'][number];
type Provider = Arrangement['providers'][number];
type Fund = Arrangement['funds'][number];
type Stream = Arrangement['funding_streams'][number];
type Practice = Arrangement['gp_practices'][number];
type Activity = Arrangement['activities'][number];

export const commissionerKindWords: Record<Commissioner['kind'], string> = {
  ccg: 'Clinical commissioning group (until 30 June 2022)',
  icb: 'Integrated care board (from 1 July 2022)',
  'nhs-england': 'NHS England',
  'local-authority': 'Local authority',
  'combined-authority': 'Combined authority',
};

export const providerKindWords: Record<Provider['kind'], string> = {
  'nhs-trust': 'NHS trust',
  'nhs-foundation-trust': 'NHS foundation trust',
  'local-authority': 'Local authority',
  company: 'Company',
  'community-interest-company': 'Community interest company',
  'limited-liability-partnership': 'Limited liability partnership',
  'gp-partnership': 'GP partnership',
  'gp-federation': 'GP federation',
  'voluntary-sector': 'Voluntary sector organisation',
};

export const fundKindWords: Record<Fund['kind'], string> = {
  pooled: 'Pooled: one fund the partners spend together',
  aligned: 'Aligned: each partner keeps its own budget, managed together',
  parallel: 'Parallel: separate budgets for the same services',
};

/** The rulebook's mechanisms (rulebook/pooling/mechanisms.yaml), shortened for a list. */
export const mechanismWords: Record<Fund['mechanism'], string> = {
  s75: 'Section 75 partnership arrangement (NHS Act 2006)',
  s14z3a: 'Pooled fund between NHS commissioners (section 14Z3A)',
  s65z5: 'Joint working or delegation arrangement (section 65Z5)',
  s65z6: 'Pooled fund for a joint working arrangement (section 65Z6)',
  'delegation-agreement': 'Delegated primary medical money under the Delegation Agreement',
  none: 'No statutory pool',
};

export const fundingSourceWords: Record<Stream['source'], string> = {
  'icb-core': 'The NHS commissioner’s core allocation',
  'delegated-primary-medical': 'Delegated primary medical care allocation',
  'la-social-care': 'The council’s social care budget',
  'public-health-grant': 'The public health grant',
  s7a: 'Section 7A public health money (NHS England)',
  specialised: 'Specialised services money (NHS England)',
  'nhs-england-direct': 'NHS England’s dental, pharmacy and eye health money',
};

export const contractWords: Record<Practice['contract'], string> = {
  gms: 'General Medical Services (GMS)',
  pms: 'Personal Medical Services (PMS)',
  apms: 'Alternative Provider Medical Services (APMS)',
};

export const integrationWords: Record<Practice['mode'], string> = {
  full: 'Fully integrated: its services move into the ICP Contract',
  partial: 'Partly integrated: an Integration Agreement',
  none: 'Not integrated',
};

export const providerRoleWords: Record<Activity['provider_role'], string> = {
  none: 'Nothing: the commissioner does it',
  supports: 'Supports the commissioner',
  responsible: 'Responsible',
};

/** Options for a select or radios, in the order the words are written. */
export function optionsOf<K extends string>(words: Record<K, string>): { value: K; text: string }[] {
  return (Object.entries(words) as [K, string][]).map(([value, text]) => ({ value, text }));
}

export const yesNo = (b: boolean | undefined) => (b ? 'Yes' : 'No');

/** Words to go mid-sentence: "The council’s …" → "the council’s …", leaving "NHS England’s …" be. */
export const midSentence = (words: string) => words.replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase());

/** A party's kind and its registry code, as a line under its name. */
export const kindAndCode = (kind: string, code: string | undefined) =>
  code ? `${kind}, code ${code}` : kind;
