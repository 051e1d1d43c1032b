import type { Arrangement } from '../../arrangement.ts';

type Provider = Arrangement['providers'][number];

const statutoryKinds: readonly Provider['kind'][] = ['nhs-trust', 'nhs-foundation-trust', 'local-authority'];

/** The Integrated Care Provider: the provider marked `lead`, with its index for finding paths. */
export function leadProvider(a: Arrangement): { provider: Provider; index: number } | undefined {
  const index = a.providers.findIndex((p) => p.lead === true);
  const provider = a.providers[index];
  return provider ? { provider, index } : undefined;
}

/**
 * Whether a provider is a statutory body. The file may say so; otherwise NHS trusts,
 * foundation trusts and local authorities are, and companies, partnerships, federations
 * and voluntary organisations are not.
 */
export function isStatutory(p: Provider): boolean {
  return p.statutory_body ?? statutoryKinds.includes(p.kind);
}

/** Services the given provider is commissioned to provide. */
export function servicesProvidedBy(a: Arrangement, providerId: string): string[] {
  return a.services.filter((s) => s.provider === providerId).map((s) => s.service);
}

/** Whether an amount in pounds written as text is more than nothing, without floating point. */
export function isPositiveAmount(pounds: string): boolean {
  return !pounds.startsWith('-') && /[1-9]/.test(pounds);
}
