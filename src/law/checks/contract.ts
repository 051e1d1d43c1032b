import type { Check } from '../finding.ts';
import { providerHoldsFunction } from './contract/delegation.ts';
import { fullIntegration, partialIntegration, practicesNeedAnIcp } from './contract/gp-practices.ts';
import { localMoneyAtRisk, qofToIcp } from './contract/incentives.ts';
import { patientChoice, populationServed, wpapBaseline } from './contract/population.ts';
import {
  exitArrangements,
  financialTransparency,
  nonStatutoryIcp,
  termLength,
} from './contract/safeguards.ts';
import { directAgreement, subcontractApproval, subcontractWithinScope } from './contract/subcontracts.ts';

/** Checks for the rules under rulebook/contract/ (the ICP Contract's national requirements). */
export const contractChecks: Check[] = [
  providerHoldsFunction,
  subcontractApproval,
  directAgreement,
  subcontractWithinScope,
  partialIntegration,
  fullIntegration,
  practicesNeedAnIcp,
  nonStatutoryIcp,
  financialTransparency,
  termLength,
  exitArrangements,
  populationServed,
  patientChoice,
  wpapBaseline,
  localMoneyAtRisk,
  qofToIcp,
];
