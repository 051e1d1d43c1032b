import { formatDate } from './dates.ts';

/** How a rule was compared with its sources: what was compared, on which day, and by whom (a role). */
export interface Verification {
  against: string;
  on: string;
  by_role: string;
}

/** A rule is either verified against its sources, or says why it is not. */
export type Provenance = { verified: Verification } | { unverified: string };

/** What a commissioner reads, in words, beside a rule no one has yet compared with its sources. */
export const notYetChecked = 'Not yet checked against its published sources';

export function isChecked(provenance: Provenance): provenance is { verified: Verification } {
  return 'verified' in provenance;
}

/**
 * A rule's provenance as one plain-English statement, the same in the web app and the CLI:
 * "Checked against <what>, on <date> by <role>." or "Not yet checked against its
 * published sources." followed by the recorded reason, kept as written (it may begin with a
 * name, so its first letter is never changed).
 */
export function describeProvenance(provenance: Provenance): string {
  if (!isChecked(provenance)) return `${notYetChecked}. ${asSentence(provenance.unverified)}`;
  const { against, on, by_role } = provenance.verified;
  return `Checked against ${clause(against)}, on ${formatDate(on)} by ${clause(by_role)}.`;
}

/**
 * The same, short enough for a cell of a table to download or print: "Yes, on 5 December 2026"
 * or "Not yet". The table's sources column names the paper and paragraph; the web app and the
 * CLI give the whole statement.
 */
export function provenanceInBrief(provenance: Provenance): string {
  return isChecked(provenance) ? `Yes, on ${formatDate(provenance.verified.on)}` : 'Not yet';
}

/** Text as it sits inside a sentence: no surrounding space or line breaks, no closing full stop. */
function clause(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\.+$/, '');
}

function asSentence(text: string): string {
  const t = clause(text);
  return /[?!]$/.test(t) ? t : `${t}.`;
}
