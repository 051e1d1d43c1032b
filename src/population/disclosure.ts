import { isDisclosive, type SuppressionPolicy, suppress } from './suppress.ts';

/**
 * Disclosure control for every figure the population analyses publish (issue 12, item 9), on
 * top of the small-number rule for counts in suppress.ts. NHS Digital's guidance on small numbers
 * (the HES analysis guide and its statistical disclosure control for published tables) hides
 * counts of 1–7 and rounds the rest; a rate printed from the unrounded counts would undo that
 * (60 people shown with 706.90 admitted per 1,000 can only be 41 of 58). So:
 *
 * - a rate, percentage or average is worked out from the published (rounded) numerator and
 *   denominator, and is withheld when either is suppressed. It then says nothing the published
 *   counts do not already say: two tables whose counts publish the same give the same figures
 *   (the property test in disclosure.test.ts);
 * - a sum of money per head is the sum divided by the published number of people;
 * - a model-based figure built from many cells (a standardised rate, life expectancy, an SII) is
 *   worked out from the exact counts, as OHID does, but withheld unless its people and events
 *   are both above the suppression limit and there are at least 10 events (PHE's floor for a
 *   directly standardised rate), and rounded to one decimal place.
 */

export function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

/** `numerator` per `per` of `denominator`, from their published values; null when either is suppressed. */
export function publishedRate(
  numerator: number,
  denominator: number,
  per: number,
  policy: SuppressionPolicy,
  places = 2,
): number | null {
  const n = suppress(numerator, policy);
  const d = suppress(denominator, policy);
  if (n === null || d === null || d === 0) return null;
  return round((n * per) / d, places);
}

/** A sum of pence per person, over the published number of people; null when that is suppressed or zero. */
export function perPublishedHead(
  sumPence: number,
  persons: number,
  policy: SuppressionPolicy,
): number | null {
  const d = suppress(persons, policy);
  if (d === null || d === 0) return null;
  return Math.round(sumPence / d);
}

/** Fewest events for a model-based rate (PHE: no directly standardised rate from fewer than 10 events). */
export const minimumEvents = 10;

/** A model-based figure (see above), or null when its group or its events are too few to show it. */
export function modelBased(
  value: number,
  persons: number,
  events: number,
  policy: SuppressionPolicy,
): number | null {
  if (
    persons === 0 ||
    isDisclosive(persons, policy) ||
    isDisclosive(events, policy) ||
    events < minimumEvents
  )
    return null;
  return round(value, 1);
}
