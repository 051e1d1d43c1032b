/**
 * Plain-English names of contract event types, for the event form and the list of recorded
 * events (kept apart from the event schema so the contract page can name events without loading it).
 */

/** Plain-English names of the event types, in the groups a contract manager looks for them in. */
export const eventGroups: readonly { title: string; types: Readonly<Record<string, string>> }[] = [
  {
    title: 'Procurement and award',
    types: {
      'intention-advertised': 'Intention to procure advertised',
      'isap-before-procurement': 'Assurance (ISAP) before procurement',
      'procurement-started': 'Procurement started',
      'procurement-abandoned': 'Procurement abandoned',
      'preferred-bidder-selected': 'Preferred bidder chosen',
      'isap-preferred-bidder': 'Assurance (ISAP) of the preferred bidder',
      'contract-awarded': 'Contract awarded',
      'mobilisation-started': 'Mobilisation started',
      'isap-before-service-start': 'Assurance (ISAP) before services start',
      'services-commenced': 'Services started',
    },
  },
  {
    title: 'GP practices',
    types: {
      'practice-integrated-partially': 'A GP practice integrates partially (integration agreement)',
      'practice-integrated-fully': 'A GP practice integrates fully',
      'practice-reactivated': 'A fully integrated practice reactivates its own GP contract',
      'practice-left': 'A GP practice leaves the contract',
    },
  },
  {
    title: 'Subcontracts',
    types: {
      'subcontract-proposed': 'Subcontract proposed',
      'subcontract-approved': 'Subcontract approved',
      'subcontract-declined': 'Subcontract declined',
      'direct-agreement-signed': 'Direct agreement signed with a subcontractor',
      'subcontractor-change-required': 'Commissioners require a subcontractor change',
      'subcontract-ended': 'Subcontract ended',
      'third-party-contract-activity': 'Work on a third-party contract',
    },
  },
  {
    title: 'Money and performance',
    types: {
      'financial-position-reported': 'Financial position reported',
      'distribution-made': 'Distribution made',
      'collateral-approved': 'Collateral approved',
      'collateral-granted': 'Collateral granted',
      'other-business-started': 'Other business started',
      'indicator-result': 'Indicator result',
      'obligation-met': 'Obligation met',
      'breach-recorded': 'Breach recorded',
      'remedial-plan-agreed': 'Remedial plan agreed',
      'remedial-plan-completed': 'Remedial plan completed',
      'payment-withheld': 'Payment withheld',
      'candour-incident': 'Duty of candour incident',
      'service-change-proposed': 'Service change proposed',
    },
  },
  {
    title: 'Variations, suspension and termination',
    types: {
      'variation-agreed': 'Variation agreed',
      'service-suspended': 'Service suspended',
      'service-restored': 'Service restored',
      'commissioner-termination': 'Commissioners end the contract or a service',
      'provider-termination': 'The provider ends the contract or a service',
    },
  },
  {
    title: 'Exit',
    types: {
      'exit-completed': 'Exit completed',
      'termination-costs-claimed': 'Termination costs claimed',
    },
  },
];

export function eventTypeName(type: string): string {
  for (const g of eventGroups) if (type in g.types) return g.types[type] as string;
  return type;
}

/** The groups with only the types the server offers, in the server's order within each group. */
export function offeredGroups(offered: readonly string[]): { title: string; types: [string, string][] }[] {
  return eventGroups
    .map((g) => ({
      title: g.title,
      types: offered.filter((t) => t in g.types).map((t) => [t, eventTypeName(t)]),
    }))
    .filter((g) => g.types.length > 0) as { title: string; types: [string, string][] }[];
}
