import type { Check } from '../finding.ts';

/** Checks for the rules under rulebook/pooling/. */
export const poolingChecks: Check[] = [];
