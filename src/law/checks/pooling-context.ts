import type { Arrangement, CommissionerKind } from '../arrangement.ts';
import type { CheckContext } from '../finding.ts';
import type { PartyKind } from '../kinds/pooling.ts';
import { requireService, type ServiceRule } from '../pooling-services.ts';

/** The kind of each party (commissioner or provider) by id. */
export function partyKinds(a: Arrangement): Map<string, PartyKind> {
  const kinds = new Map<string, PartyKind>();
  for (const c of a.commissioners) kinds.set(c.id, c.kind);
  for (const p of a.providers) kinds.set(p.id, p.kind);
  return kinds;
}

export function commissionerKinds(a: Arrangement): CommissionerKind[] {
  return a.commissioners.map((c) => c.kind);
}

/**
 * Every service id the arrangement names, looked up once. An unknown id is bad input
 * (exit 2) naming where it is and the valid ids for the date, not a finding.
 */
export function servicesOf(ctx: CheckContext): Map<string, ServiceRule> {
  const found = new Map<string, ServiceRule>();
  const look = (id: string, field: string) => {
    if (!found.has(id)) found.set(id, requireService(ctx.rulebook, id, ctx.on, field));
  };
  const a = ctx.arrangement;
  a.services.forEach((s, i) => look(s.service, `services[${i}].service`));
  a.funds.forEach((f, i) => f.services.forEach((s, j) => look(s, `funds[${i}].services[${j}]`)));
  a.funding_streams.forEach((s, i) => look(s.service, `funding_streams[${i}].service`));
  return found;
}
