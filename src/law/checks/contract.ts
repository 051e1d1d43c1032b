import type { Check } from '../finding.ts';

/** Checks for the rules under rulebook/contract/. */
export const contractChecks: Check[] = [];
