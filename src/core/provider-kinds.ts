/** Providers an arrangement finds in the NHS registry (trusts, councils). */
const registeredProviderKinds = ['nhs-trust', 'nhs-foundation-trust', 'local-authority'] as const;

/** Providers the registry does not hold, which the web app asks for by name and kind. */
export const otherProviderKinds = [
  'company',
  'community-interest-company',
  'limited-liability-partnership',
  'gp-partnership',
  'gp-federation',
  'voluntary-sector',
] as const;

/** Every kind of provider an arrangement can name, for the arrangement schema and the web app alike. */
export const providerKinds = [...registeredProviderKinds, ...otherProviderKinds] as const;
