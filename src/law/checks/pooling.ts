import type { Check } from '../finding.ts';
import {
  commissionerCanHoldService,
  knownServices,
  primaryMedicalDelegated,
  primaryMedicalPooled,
} from './pooling-commissioners.ts';
import { fundMechanismAvailable, pooledFundContents, ringFencedStreamPooled } from './pooling-funds.ts';

/** Checks for the rules under rulebook/pooling/ (knownServices first: unknown ids are bad input). */
export const poolingChecks: Check[] = [
  knownServices,
  commissionerCanHoldService,
  primaryMedicalDelegated,
  fundMechanismAvailable,
  pooledFundContents,
  primaryMedicalPooled,
  ringFencedStreamPooled,
];
