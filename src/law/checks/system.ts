import { formatDate } from '../date.ts';
import { type Check, finding } from '../finding.ts';

/**
 * A commissioner must be a kind of body that exists in law on the date checked: a CCG
 * after 30 June 2022, or an ICB before 1 July 2022, cannot be party to the arrangement.
 * Kinds with no `statutory-body` rule (NHS England, local and combined authorities) exist
 * throughout the period Concordat covers.
 */
const commissionerExistsOnDate: Check = (ctx) => {
  const bodies = [...ctx.rulebook.entries.values()].filter((e) => e.kind === 'statutory-body');
  return ctx.arrangement.commissioners.flatMap((c, i) => {
    const rule = bodies.find((e) =>
      e.versions.some((v) => 'commissioner_kind' in v && v.commissioner_kind === c.kind),
    );
    if (!rule || ctx.rulebook.versionOn(rule, ctx.on)) return [];
    const first = rule.versions[0];
    const last = rule.versions.at(-1);
    const span =
      first && last
        ? `between ${formatDate(first.from)} and ${last.to ? formatDate(last.to) : 'today'}`
        : 'on another date';
    const nearest = ctx.on < (first?.from ?? '') ? first : last;
    return [
      finding(ctx, rule.id, {
        severity: 'error',
        message: `${c.name} is a ${c.kind.toUpperCase()}, but ${c.kind.toUpperCase()}s exist in law only ${span}, so on ${formatDate(ctx.on)} it cannot commission anything.`,
        path: `commissioners[${i}]`,
        ...(nearest ? { version: nearest } : {}),
      }),
    ];
  });
};

/** Checks for the rules under rulebook/system/. */
export const systemChecks: Check[] = [commissionerExistsOnDate];
