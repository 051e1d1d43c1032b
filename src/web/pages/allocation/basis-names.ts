import type { AllocationBasis } from '../../allocation-form.ts';

/** Which weighted population a component follows, in the words of NHS England's allocation tool. */
export const basisNames: Record<AllocationBasis, string> = {
  'core-overall': 'Core services overall',
  'general-and-acute': 'General and acute',
  community: 'Community services',
  'mental-health': 'Mental health',
  maternity: 'Maternity',
  prescribing: 'Prescribing',
  'health-inequalities': 'Health inequalities',
  'primary-medical-care': 'Primary medical care (Final PMC WP)',
  'primary-medical-care-need': 'Primary medical care need (Primary Medical Care WP)',
  population: 'Registered population (no weighting)',
};

export const basisOptions = (Object.keys(basisNames) as AllocationBasis[]).map((value) => ({
  value,
  text: basisNames[value],
}));

/** A basis by name, or as the server sent it when it is one the page does not know. */
export const basisName = (basis: string): string => basisNames[basis as AllocationBasis] ?? basis;
