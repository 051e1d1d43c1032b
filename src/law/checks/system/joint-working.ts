import { formatDate } from '../../date.ts';
import { type Check, type Finding, finding } from '../../finding.ts';
import { inForceOn } from '../in-force.ts';

const rule = 'system.joint-working.s65z5';

/**
 * A fund set up under NHS Act 2006 s65Z5/s65Z6 needs those sections in force (from 1 July
 * 2022) and every party to be a body they allow: NHS England, an ICB, an NHS trust or
 * foundation trust, or a local or combined authority.
 */
export const jointWorkingFunds: Check = (ctx) => {
  const a = ctx.arrangement;
  const version = inForceOn(ctx, rule);
  return a.funds.flatMap((f, i): Finding[] => {
    if (f.mechanism !== 's65z5' && f.mechanism !== 's65z6') return [];
    const section = f.mechanism === 's65z5' ? 's65Z5' : 's65Z6';
    if (!version || !('provider_kinds' in version)) {
      const first = ctx.rulebook.entry(rule).versions[0];
      return [
        finding(ctx, rule, {
          severity: 'error',
          message: `${f.name} is set up under NHS Act 2006 ${section}, which applies only from ${formatDate(first?.from ?? '2022-07-01')}. On ${formatDate(ctx.on)} pool under s75 (with a local authority) or s14Z3A (between CCGs) instead.`,
          path: `funds[${i}].mechanism`,
          ...(first ? { version: first } : {}),
        }),
      ];
    }
    const allowedKinds: readonly string[] = [...version.commissioner_kinds, ...version.provider_kinds];
    return f.parties.flatMap((id, j) => {
      const party = a.commissioners.find((c) => c.id === id) ?? a.providers.find((p) => p.id === id);
      if (!party || allowedKinds.includes(party.kind)) return [];
      return [
        finding(ctx, rule, {
          severity: 'error',
          message: `${party.name} (${party.kind}) cannot be party to ${f.name}: under ${section} only NHS England, ICBs, NHS trusts, NHS foundation trusts and local or combined authorities can share functions or pooled funds.`,
          path: `funds[${i}].parties[${j}]`,
        }),
      ];
    });
  });
};
