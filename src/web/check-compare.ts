/**
 * Two checks of one arrangement on two dates, side by side: which findings each date has
 * that the other does not, and which rules were in a different version (or not in force at
 * all) on the two dates, so a commissioner can see why the answers differ. Findings are
 * matched by rule and the part of the arrangement they concern.
 */

import { formatDate } from '../core/dates.ts';
import type { Provenance } from '../core/provenance.ts';
import type { CheckReport } from '../law/check.ts';
import type { Finding } from '../law/finding.ts';

export interface RuleChange {
  rule: string;
  /** The rule's title where a finding names it, else undefined (the id is then shown in technical details). */
  title: string | undefined;
  /** How far the rule was checked against its sources, where a finding names it. */
  provenance: Provenance | undefined;
  /** The first day of the version in force on each date; null when the rule did not apply then. */
  first: string | null;
  second: string | null;
}

export interface Comparison {
  onlyFirst: Finding[];
  onlySecond: Finding[];
  rules: RuleChange[];
}

const findingKey = (f: Finding) => `${f.rule}\u0000${f.path}\u0000${f.message}`;

function versionsUsed(report: CheckReport): Map<string, string> {
  const used = new Map<string, string>();
  for (const f of report.findings) for (const step of f.trace) used.set(step.rule, step.version_from);
  return used;
}

export function compareChecks(first: CheckReport, second: CheckReport): Comparison {
  const a = new Set(first.findings.map(findingKey));
  const b = new Set(second.findings.map(findingKey));
  const named = new Map([...first.findings, ...second.findings].map((f) => [f.rule, f]));
  const va = versionsUsed(first);
  const vb = versionsUsed(second);
  const rules = [...new Set([...va.keys(), ...vb.keys()])]
    .filter((rule) => va.get(rule) !== vb.get(rule))
    .sort()
    .map((rule) => ({
      rule,
      title: named.get(rule)?.rule_title,
      provenance: named.get(rule)?.provenance,
      first: va.get(rule) ?? null,
      second: vb.get(rule) ?? null,
    }));
  return {
    onlyFirst: first.findings.filter((f) => !b.has(findingKey(f))),
    onlySecond: second.findings.filter((f) => !a.has(findingKey(f))),
    rules,
  };
}

/** What a rule change did, in a sentence: "the version of 1 August 2018 applies on the later date only". */
export function describeRuleChange(change: RuleChange, firstOn: string, secondOn: string): string {
  const version = (from: string) => `the version in force from ${formatDate(from)}`;
  if (change.first === null && change.second !== null)
    return `Not used on ${formatDate(firstOn)}; on ${formatDate(secondOn)} ${version(change.second)} applies.`;
  if (change.second === null && change.first !== null)
    return `On ${formatDate(firstOn)} ${version(change.first)} applies; not used on ${formatDate(secondOn)}.`;
  return `On ${formatDate(firstOn)} ${version(change.first as string)} applies; on ${formatDate(secondOn)} ${version(change.second as string)}.`;
}

/** A plain warning when a date falls outside the arrangement's term, or null. */
export function termWarning(on: string, term: { start: string; end: string } | undefined): string | null {
  if (!term) return null;
  if (on < term.start)
    return `${formatDate(on)} is before the arrangement’s term starts (${formatDate(term.start)}): the check shows what the rules then would have said about it.`;
  if (on > term.end)
    return `${formatDate(on)} is after the arrangement’s term ended (${formatDate(term.end)}).`;
  return null;
}
