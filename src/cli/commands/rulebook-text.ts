import { describeProvenance } from '../../core/provenance.ts';
import type { CheckReport } from '../../law/check.ts';
import { formatDate } from '../../law/date.ts';
import type { Rulebook, RuleEntry, RuleVersion } from '../../law/rulebook.ts';
import type { ScenarioResult } from '../../law/scenario.ts';

const label = { error: 'ERROR', warning: 'WARNING', information: 'NOTE' } as const;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A check report as a commissioner reads it: verdict first, then each finding with its source and how far its rule was checked. */
export function describeReport(report: CheckReport): string {
  const { error, warning, information } = report.counts;
  const verdict = report.lawful
    ? 'No errors: nothing found that makes this arrangement unlawful'
    : 'Not lawful as it stands';
  const lines = [
    `${report.arrangement}`,
    `Checked against the rules in force on ${formatDate(report.on)}.`,
    `${verdict} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(information, 'note')}).`,
  ];
  for (const f of report.findings) {
    lines.push('', `${label[f.severity]}  ${f.rule_title}  [${f.rule}]`);
    if (f.path) lines.push(`  About: ${f.path}`);
    lines.push(`  ${f.message}`);
    for (const c of f.citations) lines.push(`  Source: ${c.text}`);
    lines.push(`  ${describeProvenance(f.provenance)}`);
  }
  return lines.join('\n');
}

export function describeRules(
  rulebook: Rulebook,
  rules: { entry: RuleEntry; version: RuleVersion }[],
  on: string,
): string {
  const lines = [`${plural(rules.length, 'rule')} in force on ${formatDate(on)}:`];
  let topic = '';
  for (const { entry, version } of rules) {
    if (entry.topic !== topic) {
      topic = entry.topic;
      lines.push('', `${topic[0]?.toUpperCase()}${topic.slice(1)}`);
    }
    const source = rulebook.resolve(version.cite)[0]?.text ?? '';
    lines.push(`  ${entry.id}  ${entry.title}`, `      ${source}`);
  }
  return lines.join('\n');
}

/** Every version of one rule, oldest first, with its fields and sources. */
export function describeEntry(rulebook: Rulebook, entry: RuleEntry): string {
  const lines = [
    `${entry.title}  [${entry.id}]`,
    `A ${entry.kind} rule in ${entry.file}.`,
    describeProvenance(entry.provenance),
  ];
  if (entry.outside_seeds) lines.push('Its source is outside the NHS England papers Concordat is built on.');
  if (entry.not_checked) lines.push(`Not checked automatically: ${entry.not_checked}`);
  for (const v of entry.versions) {
    lines.push('', `From ${formatDate(v.from)}${v.to ? ` to ${formatDate(v.to)}` : ''}:`);
    for (const [key, value] of Object.entries(v)) {
      if (key === 'from' || key === 'to' || key === 'cite') continue;
      lines.push(`  ${key.replaceAll('_', ' ')}: ${describeValue(value)}`);
    }
    for (const c of rulebook.resolve(v.cite)) lines.push(`  Source: ${c.text}`);
  }
  return lines.join('\n');
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return value
      .map((v) => `\n    - ${typeof v === 'object' && v ? Object.values(v).join(': ') : String(v)}`)
      .join('');
  }
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function describeScenarioResults(results: ScenarioResult[]): string {
  const failed = results.filter((r) => !r.passed);
  const lines = failed.flatMap((r) => [
    `FAILED  ${r.scenario.id} (${r.file})`,
    `  ${r.scenario.title}`,
    ...r.failures.map((f) => `  - ${f}`),
  ]);
  lines.push(`${results.length - failed.length} passed, ${failed.length} failed`);
  return lines.join('\n');
}
