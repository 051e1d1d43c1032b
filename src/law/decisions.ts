import type { IsoDate } from './date.ts';
import type { Decision } from './kinds/decision.ts';
import type { ResolvedCitation, Rulebook } from './rulebook.ts';
import type { Provenance } from './schema.ts';

/** Who may take a statutory decision on a date, and the rule that says so. */
export interface DecisionRule {
  rule: string;
  title: string;
  decision: Decision;
  reserved_to: readonly string[];
  summary: string;
  citations: ResolvedCitation[];
  provenance: Provenance;
}

/**
 * The rule in force on a date that reserves a decision to commissioners
 * (rulebook/system/decisions.yaml), or undefined when no rule speaks to it.
 */
export function decisionRule(rulebook: Rulebook, decision: Decision, on: IsoDate): DecisionRule | undefined {
  const found = rulebook
    .inForce('reserved-decision', on)
    .find(({ version }) => version.decision === decision);
  if (!found) return undefined;
  const { entry, version } = found;
  return {
    rule: entry.id,
    title: entry.title,
    decision,
    reserved_to: version.reserved_to,
    summary: version.summary,
    citations: rulebook.resolve(version.cite),
    provenance: entry.provenance,
  };
}
