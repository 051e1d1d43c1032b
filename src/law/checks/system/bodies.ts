import { formatDate } from '../../date.ts';
import { type Check, finding } from '../../finding.ts';

/**
 * A commissioner must be a kind of body that exists in law on the date checked: a CCG
 * after 30 June 2022, or an ICB before 1 July 2022, cannot be party to the arrangement.
 * Kinds with no `statutory-body` rule (NHS England, local and combined authorities) exist
 * throughout the period Concordat covers.
 */
export const commissionerExistsOnDate: Check = (ctx) => {
  const bodies = [...ctx.rulebook.entries.values()].filter((e) => e.kind === 'statutory-body');
  return ctx.arrangement.commissioners.flatMap((c, i) => {
    const rule = bodies.find((e) =>
      e.versions.some((v) => 'commissioner_kind' in v && v.commissioner_kind === c.kind),
    );
    if (!rule || ctx.rulebook.versionOn(rule, ctx.on)) return [];
    const first = rule.versions[0];
    const last = rule.versions.at(-1);
    const span =
      !first || !last
        ? 'on another date'
        : last.to
          ? `between ${formatDate(first.from)} and ${formatDate(last.to)}`
          : `from ${formatDate(first.from)}`;
    const kind = c.kind.toUpperCase();
    // "an ICB", "a CCG": the article follows how the initials are said.
    const article = /^[AEFHILMNORSX]/.test(kind) ? 'an' : 'a';
    const nearest = ctx.on < (first?.from ?? '') ? first : last;
    return [
      finding(ctx, rule.id, {
        severity: 'error',
        message: `${c.name} is ${article} ${kind}, but ${kind}s exist in law only ${span}, so on ${formatDate(ctx.on)} it cannot commission anything.`,
        path: `commissioners[${i}]`,
        ...(nearest ? { version: nearest } : {}),
      }),
    ];
  });
};

/**
 * A CCG that is party to an arrangement running past 30 June 2022 will be abolished before
 * the arrangement ends; its part passes to the ICB that takes over its functions. Said only
 * once the abolition was law (the Health and Care Act 2022 received Royal Assent on
 * 28 April 2022): a check dated 2019 knows nothing of it.
 */
export const ccgOutlivedByTerm: Check = (ctx) => {
  const rule = 'system.body.ccg';
  const act = ctx.rulebook.sources.get('health-and-care-act-2022');
  const version = ctx.rulebook.versionOn(ctx.rulebook.entry(rule), ctx.on);
  const term = ctx.arrangement.term;
  if (!act || !version?.to || !term || ctx.on < act.date || term.end <= version.to) return [];
  const lastDay = version.to;
  return ctx.arrangement.commissioners.flatMap((c, i) =>
    c.kind === 'ccg'
      ? [
          finding(ctx, rule, {
            severity: 'warning',
            message: `${c.name} will be abolished at the end of ${formatDate(lastDay)}, but the arrangement runs to ${formatDate(term.end)}. From the next day its part in the arrangement passes to the integrated care board that takes over its functions; plan the transfer.`,
            path: `commissioners[${i}]`,
          }),
        ]
      : [],
  );
};
