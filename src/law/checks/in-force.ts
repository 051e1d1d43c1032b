import type { CheckContext } from '../finding.ts';
import type { RuleVersion } from '../rulebook.ts';

/** The version of a rule in force on the context's date, or undefined: a check then stays silent. */
export function inForceOn(ctx: CheckContext, ruleId: string, on = ctx.on): RuleVersion | undefined {
  return ctx.rulebook.versionOn(ctx.rulebook.entry(ruleId), on);
}

/** Joins names the way a person would: "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
