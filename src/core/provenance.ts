import { formatDate } from './dates.ts';

/** How a rule was compared with its sources: what was compared, on which day, and by whom (a role). */
export interface Verification {
  against: string;
  on: string;
  by_role: string;
}

/** A rule is either verified against its sources, or says why it is not. */
export type Provenance = { verified: Verification } | { unverified: string };

/** A rule's provenance in a sentence, the same in `concordat explain` and the web app. */
export function describeProvenance(provenance: Provenance): string {
  if ('unverified' in provenance) return `Not verified against its sources. ${provenance.unverified}`;
  const { against, on, by_role } = provenance.verified;
  return `Verified against ${against}. Checked on ${formatDate(on)} by ${by_role}.`;
}
