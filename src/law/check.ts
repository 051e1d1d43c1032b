import type { Arrangement } from './arrangement.ts';
import { checks } from './checks/index.ts';
import type { IsoDate } from './date.ts';
import type { Finding, Severity } from './finding.ts';
import type { Rulebook } from './rulebook.ts';

export interface CheckReport {
  arrangement: string;
  on: IsoDate;
  lawful: boolean;
  counts: Record<Severity, number>;
  findings: Finding[];
}

const order: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/**
 * Checks an arrangement against the rules in force on a date. Deterministic: findings are
 * sorted by severity, then path, then rule id.
 */
export function checkArrangement(rulebook: Rulebook, arrangement: Arrangement, on: IsoDate): CheckReport {
  const ctx = { rulebook, arrangement, on };
  const findings = checks
    .flatMap((check) => check(ctx))
    .sort(
      (a, b) =>
        order[a.severity] - order[b.severity] || a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule),
    );
  const counts = { error: 0, warning: 0, information: 0 };
  for (const f of findings) counts[f.severity]++;
  return { arrangement: arrangement.name, on, lawful: counts.error === 0, counts, findings };
}
