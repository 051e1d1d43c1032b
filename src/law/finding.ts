import type { Arrangement } from './arrangement.ts';
import type { IsoDate } from './date.ts';
import type { ResolvedCitation, Rulebook, RuleVersion } from './rulebook.ts';
import type { Provenance } from './schema.ts';

export type Severity = 'error' | 'warning' | 'information';

/** One rule applied on the way to a finding: which rule, which dated version, what it gave. */
export interface TraceStep {
  rule: string;
  version_from: IsoDate;
  outcome: string;
}

/**
 * What the engine says about an arrangement: the rule, how serious, why, where, from which
 * source, and how far that rule has been checked against its source.
 */
export interface Finding {
  rule: string;
  rule_title: string;
  provenance: Provenance;
  severity: Severity;
  message: string;
  path: string;
  citations: ResolvedCitation[];
  trace: TraceStep[];
}

/** What every check receives. Checks are pure: same arrangement and date, same findings. */
export interface CheckContext {
  rulebook: Rulebook;
  arrangement: Arrangement;
  on: IsoDate;
}

export type Check = (ctx: CheckContext) => Finding[];

/**
 * Makes a finding from the version of `ruleId` in force on the context's date, so its
 * citations are always those of the version that applied. `trace` lists any further
 * rules consulted before this one. A finding about a rule that is *not* in force on the date
 * (a body that no longer exists, say) passes the `version` it relies on instead.
 */
export function finding(
  ctx: Pick<CheckContext, 'rulebook' | 'on'>,
  ruleId: string,
  details: { severity: Severity; message: string; path: string; trace?: TraceStep[]; version?: RuleVersion },
): Finding {
  const entry = ctx.rulebook.entry(ruleId);
  const version = details.version ?? ctx.rulebook.require(ruleId, ctx.on);
  return {
    rule: ruleId,
    rule_title: entry.title,
    provenance: entry.provenance,
    severity: details.severity,
    message: details.message,
    path: details.path,
    citations: ctx.rulebook.resolve(version.cite),
    trace: [
      ...(details.trace ?? []),
      { rule: ruleId, version_from: version.from, outcome: details.severity },
    ],
  };
}
