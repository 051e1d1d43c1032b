import type { Check } from '../finding.ts';

/** Checks for the rules under rulebook/functions/. */
export const functionsChecks: Check[] = [];
