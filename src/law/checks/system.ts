import type { Check } from '../finding.ts';
import { ccgOutlivedByTerm, commissionerExistsOnDate } from './system/bodies.ts';
import { placePartnership, providerCollaborative, specialisedNotByCcg } from './system/ics-framework.ts';
import { jointWorkingFunds } from './system/joint-working.ts';
import { procurementRoute } from './system/procurement.ts';

/** Checks for the rules under rulebook/system/. */
export const systemChecks: Check[] = [
  commissionerExistsOnDate,
  ccgOutlivedByTerm,
  placePartnership,
  providerCollaborative,
  specialisedNotByCcg,
  jointWorkingFunds,
  procurementRoute,
];
