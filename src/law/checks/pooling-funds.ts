import { formatDate } from '../date.ts';
import { type Check, type Finding, finding } from '../finding.ts';
import { existsOn, mechanismRule, partiesProblem } from '../pooling-parties.ts';
import { classifyFundingStream, classifyService } from '../pooling-services.ts';
import { partyKinds, servicesOf } from './pooling-context.ts';

/**
 * A fund's mechanism must exist on the date, allow that kind of fund, and allow those
 * parties: s14Z3A only until 30 June 2022 and only between CCGs; s65Z5/s65Z6 only from
 * 1 July 2022; s75 needs an NHS body and a local or combined authority.
 */
const jointWorking = new Set(['s65z5', 's65z6']);

export const fundMechanismAvailable: Check = (ctx) => {
  const kinds = partyKinds(ctx.arrangement);
  return ctx.arrangement.funds.flatMap((fund, i) => {
    const entry = mechanismRule(ctx.rulebook, fund.mechanism);
    if (!entry) return [];
    const version = ctx.rulebook.versionOn(entry, ctx.on);
    // The dates and parties of s65Z5/s65Z6 funds are checked by system/joint-working.ts.
    const elsewhere = jointWorking.has(fund.mechanism);
    if (!version && elsewhere) return [];
    if (!version) {
      const nearest = ctx.on < (entry.versions[0]?.from ?? '') ? entry.versions[0] : entry.versions.at(-1);
      const span = entry.versions.map((v) => `${formatDate(v.from)} to ${v.to ? formatDate(v.to) : 'today'}`);
      return [
        finding(ctx, entry.id, {
          severity: 'error',
          message: `${fund.name} uses ${entry.title}, which is available only from ${span.join('; ')}, not on ${formatDate(ctx.on)}.`,
          path: `funds[${i}].mechanism`,
          ...(nearest ? { version: nearest } : {}),
        }),
      ];
    }
    if (!version.fund_kinds.includes(fund.kind)) {
      return [
        finding(ctx, entry.id, {
          severity: 'error',
          message: `${fund.name} is a ${fund.kind} fund, but ${entry.title} allows only ${version.fund_kinds.join(' or ') || 'joint exercise, not a fund'}.`,
          path: `funds[${i}].kind`,
        }),
      ];
    }
    if (elsewhere) return [];
    const parties = fund.parties.flatMap((p) => kinds.get(p) ?? []);
    // A party that does not exist on the date is reported by the system checks already.
    if (parties.some((k) => !existsOn(ctx.rulebook, k, ctx.on))) return [];
    const problem = partiesProblem(version, parties);
    if (!problem) return [];
    return [
      finding(ctx, entry.id, {
        severity: 'error',
        message: `${fund.name} cannot use ${entry.title} with these parties (${parties.join(', ')}): ${problem}.`,
        path: `funds[${i}].parties`,
      }),
    ];
  });
};

/**
 * What a pooled fund may hold: no service the s75 regulations exclude (in a s75 pool), no
 * s7A money (ring-fenced in any pool), nothing NHS England keeps outside integrated budgets.
 * Primary medical care has its own check (primaryMedicalPooled).
 */
export const pooledFundContents: Check = (ctx) => {
  const services = servicesOf(ctx);
  const out: Finding[] = [];
  ctx.arrangement.funds.forEach((fund, i) => {
    if (fund.kind !== 'pooled') return;
    fund.services.forEach((id, j) => {
      const svc = services.get(id);
      if (!svc || svc.version.group === 'primary-medical') return;
      const path = `funds[${i}].services[${j}]`;
      if (svc.version.group === 's7a') {
        out.push(
          finding(ctx, 'pooling.ring-fence.s7a', {
            severity: 'error',
            message: `${fund.name} pools ${svc.title}, but s7A money is ring-fenced for its programmes and cannot be pooled; hold it in an aligned budget.`,
            path,
          }),
        );
      }
      if (fund.mechanism === 's75' && svc.version.s75 !== 'included' && svc.version.s75_exclusion) {
        const mostly = svc.version.s75 === 'mostly-excluded';
        out.push(
          finding(ctx, svc.version.s75_exclusion, {
            severity: mostly ? 'warning' : 'error',
            message: mostly
              ? `${fund.name} pools ${svc.title}; most of these are invasive treatments, which cannot be part of a s75 arrangement. Pool only services shown to be non-invasive and align the rest.`
              : `${fund.name} is a s75 pool, but ${svc.title} cannot be part of a s75 partnership arrangement; keep its money in an aligned budget.`,
            path,
          }),
        );
      }
      const c = classifyService(ctx.rulebook, id, ctx.on);
      if (c.classification === 'outside') {
        out.push(
          finding(ctx, c.rule, {
            severity: 'error',
            message: `${fund.name} pools ${svc.title}, which NHS England commissions directly and which sits outside any integrated budget.`,
            path,
          }),
        );
      }
    });
  });
  return out;
};

/**
 * Money whose source is ring-fenced (s7A, delegated primary medical, specialised,
 * NHS England direct) must not reach a pooled fund through a service that could otherwise
 * be pooled: the stricter of service and source wins.
 */
export const ringFencedStreamPooled: Check = (ctx) => {
  const pooledServices = new Map<string, string>();
  for (const f of ctx.arrangement.funds)
    if (f.kind === 'pooled') for (const s of f.services) pooledServices.set(s, f.name);
  return ctx.arrangement.funding_streams.flatMap((stream, k) => {
    const fund = pooledServices.get(stream.service);
    if (!fund) return [];
    const byService = classifyService(ctx.rulebook, stream.service, ctx.on);
    const byStream = classifyFundingStream(ctx.rulebook, stream, ctx.on);
    if (byService.classification !== 'pooled' || byStream.classification === 'pooled') return [];
    const rule = stream.source === 's7a' ? 'pooling.ring-fence.s7a' : byStream.rule;
    return [
      finding(ctx, rule, {
        severity: 'error',
        message: `Funding stream ${stream.id} is ${stream.source} money, which is ${byStream.classification.replaceAll('-', ' ')}, yet it pays for ${stream.service} in ${fund}; keep it in an aligned budget.`,
        path: `funding_streams[${k}]`,
      }),
    ];
  });
};
