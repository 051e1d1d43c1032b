import { InvalidInput } from '../core/errors.ts';

/**
 * Small-number suppression for counts that leave the engine. NHS statistical disclosure
 * practice (NHS Digital's disclosure control guidance for HES and the GP registration
 * publications) hides small counts and rounds the rest so differencing cannot recover
 * them. Default: counts 1–7 become suppressed, others round to the nearest 5; zero stays 0
 * (a true zero discloses nothing about a person).
 */
export interface SuppressionPolicy {
  /** Counts from 1 up to and including this are suppressed. */
  readonly suppressUpTo: number;
  /** Others are rounded to the nearest multiple of this (1 = no rounding). */
  readonly roundTo: number;
}

export const defaultSuppression: SuppressionPolicy = { suppressUpTo: 7, roundTo: 5 };

/** No suppression: only for tests and engine-to-engine comparison, never for output. */
export const noSuppression: SuppressionPolicy = { suppressUpTo: 0, roundTo: 1 };

/** A count after suppression: a number, or null meaning "suppressed (fewer than N)". */
export type SafeCount = number | null;

export function checkPolicy(policy: SuppressionPolicy): SuppressionPolicy {
  if (!Number.isInteger(policy.suppressUpTo) || policy.suppressUpTo < 0) {
    throw new InvalidInput('suppression.suppressUpTo', 'must be a whole number 0 or more');
  }
  if (!Number.isInteger(policy.roundTo) || policy.roundTo < 1) {
    throw new InvalidInput('suppression.roundTo', 'must be a whole number 1 or more');
  }
  return policy;
}

/** Rounds half away from zero to the nearest multiple of `policy.roundTo`, after suppressing small counts. */
export function suppress(count: number, policy: SuppressionPolicy = defaultSuppression): SafeCount {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidInput('count', `${count} is not a count`, 'Counts are whole numbers 0 or more.');
  }
  if (count === 0) return 0;
  if (count <= policy.suppressUpTo) return null;
  const step = policy.roundTo;
  return Math.floor((count + step / 2) / step) * step;
}

/** True when a group this small must not be described at all (its rates and sums too). */
export function isDisclosive(count: number, policy: SuppressionPolicy = defaultSuppression): boolean {
  return count > 0 && count <= policy.suppressUpTo;
}
