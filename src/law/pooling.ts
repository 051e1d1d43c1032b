import { InvalidInput } from '../core/errors.ts';
import { type Arrangement, CommissionerKind } from './arrangement.ts';
import type { IsoDate } from './date.ts';
import { delegationAmendmentReach } from './delegation-amendment.ts';
import type { PartyKind } from './kinds/pooling.ts';
import { buildBudget } from './pooling-budget.ts';
import { configurationOf, countParties } from './pooling-parties.ts';
import { type PlannedService, type PoolingPlan, PoolingRequest } from './pooling-plan.ts';
import { Planner } from './pooling-planner.ts';
import { classifyService, requireService } from './pooling-services.ts';
import type { Rulebook } from './rulebook.ts';

export * from './pooling-plan.ts';
export { classifyFundingStream, classifyService, serviceIds } from './pooling-services.ts';

/** What an arrangement asks of the pooling plan: its services, each once, and its commissioners' kinds. */
export function poolingRequestOf(a: Arrangement): PoolingRequest {
  return {
    services: [...new Set(a.services.map((s) => s.service))],
    commissioners: a.commissioners.map((c) => c.kind),
  };
}

/**
 * Plans how a set of commissioners could commission and fund a set of services on a date
 * (Annex B of the 2017 and 2018 papers, and the 2022 Act after them). Base case: each
 * service is commissioned by the body whose function it is and its money may be pooled;
 * named exceptions come from the rulebook: NHS England functions follow their dated
 * commissioning route, local authority functions need the authority, and s75 exclusions
 * and ring-fences keep money in aligned budgets. Deterministic for the same input and date.
 */
export function planPooling(rulebook: Rulebook, request: PoolingRequest, on: IsoDate): PoolingPlan {
  const req = parseRequest(request);
  const plan = new Planner(rulebook, on);
  const services = req.services.map((s, i) => requireService(rulebook, s, on, `services[${i}]`));
  plan.checkBodies(req.commissioners);
  const counts = countParties(rulebook, req.commissioners, on);
  const held = services.map((s) => plan.holderFor(s, counts));
  const service_plan: PlannedService[] = services.map((s, i) => {
    const c = classifyService(rulebook, s.service, on);
    return {
      service: s.service,
      title: s.title,
      function_of: s.version.function_of,
      held_by: held[i] ?? null,
      classification: c.classification,
      rule: c.rule,
    };
  });
  const feasible = plan.problems.length === 0;
  plan.amendment = delegationAmendmentReach(rulebook, req.services, on);
  const budget = feasible ? buildBudget(plan, service_plan, counts) : undefined;
  if (budget) placeServices(service_plan, budget);
  const required = new Map<PartyKind, string[]>();
  service_plan.forEach((s) => {
    if (s.held_by) required.set(s.held_by, [...(required.get(s.held_by) ?? []), s.service]);
  });
  plan.extraParties.forEach((k) => {
    if (!required.has(k)) required.set(k, []);
  });
  plan.unneeded(req.commissioners, required, counts);
  plan.triggeredNotes(service_plan, budget?.funds ?? [], counts);
  const configuration = configurationOf(counts) ?? null;
  const annex_b = plan.annexB(configuration, req.services, feasible, counts);
  return {
    on,
    services: req.services,
    commissioners: req.commissioners,
    configuration,
    feasible,
    mechanism: budget?.mechanisms[0] ?? null,
    mechanisms: budget?.mechanisms ?? [],
    parties_required: [...required].map(([kind, s]) => ({ kind, services: s })),
    service_plan,
    funds: budget?.funds ?? [],
    ring_fenced: budget?.ring_fenced ?? [],
    excluded: budget?.excluded ?? [],
    outside: budget?.outside ?? [],
    problems: plan.problems,
    conditions: plan.conditions,
    notes: plan.notes,
    annex_b,
    trace: plan.trace,
  };
}

/**
 * Each service's classification says where this plan puts its money, not where it could go
 * in a s75 pool: with no pool (2018 configuration A, a single CCG) nothing is pooled and an
 * s75 exclusion ring-fences nothing; the commissioner's own budget is aligned.
 */
function placeServices(services: PlannedService[], budget: ReturnType<typeof buildBudget>): void {
  const ring = new Map(budget.ring_fenced.map((r) => [r.service, r.rule]));
  for (const s of services) {
    if (s.classification === 'outside') continue;
    const ringRule = ring.get(s.service);
    const fund = budget.funds.find((f) => f.services.includes(s.service));
    if (ringRule) Object.assign(s, { classification: 'aligned-ring-fenced', rule: ringRule });
    else if (fund?.kind === 'pooled') Object.assign(s, { classification: 'pooled' });
    else if (fund) Object.assign(s, { classification: 'aligned', rule: fund.rule });
  }
}

function parseRequest(request: PoolingRequest): PoolingRequest {
  const parsed = PoolingRequest.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  const hint = field.startsWith('commissioners')
    ? `Use ${CommissionerKind.options.join(', ')}; repeat a kind for several of them.`
    : undefined;
  throw new InvalidInput(field, issue?.message ?? 'is not valid', hint);
}
