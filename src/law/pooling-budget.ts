import { rowWords } from './delegation-amendment.ts';
import type { PartyKind } from './kinds/pooling.ts';
import type { PartyCounts } from './pooling-parties.ts';
import type { Cited, MechanismName, PlannedFund, PlannedService } from './pooling-plan.ts';
import { localWords, type Planner } from './pooling-planner.ts';
import { classifyService } from './pooling-services.ts';

/** The budget: a pool where the law allows one, aligned budgets for ring-fenced money, and what stays outside. */
export function buildBudget(p: Planner, services: PlannedService[], c: PartyCounts) {
  const holders = new Set(
    services.flatMap((s) => (s.held_by && s.classification === 'pooled' ? [s.held_by] : [])),
  );
  const pool = poolMechanism(p, holders, c);
  const funds: PlannedFund[] = [];
  const ring_fenced: (Cited & { service: string })[] = [];
  const excluded: (Cited & { service: string })[] = [];
  const outside: (Cited & { service: string })[] = [];
  const pooled: string[] = [];
  const own: string[] = [];
  for (const s of services) {
    const c2 = classifyService(p.rulebook, s.service, p.on);
    if (s.classification === 'outside') {
      outside.push({ service: s.service, ...p.cite(c2.rule, c2.reason, 'outside') });
    } else if (s.classification === 'aligned-ring-fenced' && c2.rule.startsWith('pooling.s75-exclusion.')) {
      // An s75 exclusion matters only when the pool is a s75 pool.
      if (pool?.mechanism === 's75') {
        excluded.push({ service: s.service, ...p.cite(c2.rule, c2.reason, 'excluded') });
        ring_fenced.push({
          service: s.service,
          ...p.cite(c2.rule, `${s.title} stays in an aligned budget.`, 'aligned'),
        });
      } else if (pool) pooled.push(s.service);
      else own.push(s.service);
    } else if (s.classification === 'aligned-ring-fenced') {
      const message = c2.condition
        ? `${c2.reason} ${ringFenceCondition(p, c2.rule, c2.condition)}`
        : c2.reason;
      ring_fenced.push({ service: s.service, ...p.cite(c2.rule, message, 'aligned') });
    } else if (pool) pooled.push(s.service);
    else own.push(s.service);
  }
  const mechanisms: MechanismName[] = [];
  if (pool && pooled.length) {
    mechanisms.push(pool.name);
    funds.push(fund(p, 'pooled', pool.mechanism, pool.label, [...holders], pooled, pool.rule));
  }
  if (own.length) {
    const parties = [
      ...new Set(
        services.filter((s) => own.includes(s.service)).flatMap((s) => (s.held_by ? [s.held_by] : [])),
      ),
    ];
    funds.push(
      fund(
        p,
        'aligned',
        'none',
        "Commissioner's own budget, aligned to the provider's total",
        parties,
        own,
        'pooling.mechanism.none',
      ),
    );
  }
  alignedFunds(p, services, ring_fenced, funds);
  if (c.local >= 1 && services.some((s) => s.held_by === 'nhs-england')) {
    // NHS England and the local NHS commissioner(s) work together on NHS England's part.
    const ccg = c.localKind === 'ccg';
    p.notes.push(
      p.cite(
        ccg ? 'pooling.mechanism.s14z9' : 'pooling.mechanism.s65z5',
        `NHS England and the ${localWords[c.localKind]}(s) can exercise their functions jointly (${ccg ? 's14Z9' : 's65Z5'}); NHS England's money stays in its own aligned budget.`,
        'note',
      ),
    );
    p.joint = true;
  }
  if (funds.some((f) => f.kind === 'aligned')) mechanisms.push('aligned-budgets');
  if (p.joint || pool?.joint) mechanisms.push('joint-exercise');
  return { mechanisms, funds, ring_fenced, excluded, outside };
}

function fund(
  p: Planner,
  kind: 'pooled' | 'aligned',
  mechanism: string,
  label: string,
  parties: PartyKind[],
  services: string[],
  rule: string,
): PlannedFund {
  const v = p.rulebook.require(rule, p.on);
  return {
    kind,
    mechanism,
    label,
    parties: [...parties].sort(),
    services,
    rule,
    citations: p.rulebook.resolve(v.cite),
    provenance: p.rulebook.entry(rule).provenance,
  };
}

/** Ring-fenced services grouped by the rule that ring-fences them, one aligned budget each. */
function alignedFunds(
  p: Planner,
  services: PlannedService[],
  ring: (Cited & { service: string })[],
  funds: PlannedFund[],
): void {
  const byRule = new Map<string, string[]>();
  for (const r of ring) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r.service]);
  for (const [rule, list] of byRule) {
    const parties = [
      ...new Set(
        services.filter((s) => list.includes(s.service)).flatMap((s) => (s.held_by ? [s.held_by] : [])),
      ),
    ];
    const delegated = rule === 'pooling.route.primary-medical';
    const mechanismRule = delegated ? 'pooling.mechanism.delegation-agreement' : 'pooling.mechanism.none';
    const label = delegated
      ? 'Primary medical care, ring-fenced under the delegation agreement'
      : `Aligned budget: ${p.rulebook.entry(rule === 'pooling.route.s7a' ? 'pooling.ring-fence.s7a' : rule).title}`;
    funds.push(
      fund(p, 'aligned', delegated ? 'delegation-agreement' : 'none', label, parties, list, mechanismRule),
    );
  }
}

/** Which pooled fund (if any) the holders of poolable services can form on the date. */
function poolMechanism(p: Planner, holders: Set<PartyKind>, c: PartyCounts) {
  const authority = [...holders].some((h) => h === 'local-authority' || h === 'combined-authority');
  const nhs = [...holders].some((h) => h === c.localKind || h === 'nhs-england');
  const bodies =
    (holders.has(c.localKind) ? c.local : 0) +
    (holders.has('nhs-england') ? 1 : 0) +
    (authority ? c.authorities : 0);
  if (bodies < 2) return undefined;
  const after2022 = c.localKind === 'icb';
  if (authority && nhs) {
    if (!after2022 && c.local >= 2)
      p.notes.push(
        p.cite(
          'pooling.mechanism.s14z3a',
          'The CCGs can first pool with each other under s14Z3A and bring that pool into the s75 arrangement for their own functions.',
          'note',
        ),
      );
    if (!after2022 && c.authorityKind === 'combined-authority')
      p.notes.push(
        p.cite(
          'pooling.mechanism.s143za',
          'The CCGs may exercise their functions jointly with the combined authority (s143ZA).',
          'note',
        ),
      );
    p.trace.push({
      rule: 'pooling.mechanism.s75',
      version_from: p.rulebook.require('pooling.mechanism.s75', p.on).from,
      outcome: 'pooled',
    });
    return {
      name: 's75-pooled-fund' as const,
      mechanism: 's75',
      rule: 'pooling.mechanism.s75',
      label: 'Section 75 pooled fund',
      joint: false,
    };
  }
  if (after2022)
    return {
      name: 's65z6-pooled-fund' as const,
      mechanism: 's65z6',
      rule: 'pooling.mechanism.s65z6',
      label: 'Pooled fund for a s65Z5 joint arrangement (s65Z6)',
      joint: true,
    };
  if (holders.has('nhs-england')) return undefined;
  return {
    name: 's14z3a-pooled-fund' as const,
    mechanism: 's14z3a',
    rule: 'pooling.mechanism.s14z3a',
    label: 'Pooled fund between CCGs (s14Z3A)',
    joint: true,
  };
}

/**
 * The route's pooling condition, except where it offers 2018 note 2 to a model whose row does
 * not refer to it (configurations E and F): there the amendment is no way in.
 */
function ringFenceCondition(p: Planner, rule: string, condition: string): string {
  const reach = p.amendment;
  if (rule !== 'pooling.route.primary-medical' || !reach || reach.serves) return condition;
  return `For ${rowWords(reach)} the table says the money cannot be pooled; amending the Delegation Agreement (note 2) is offered only for configurations ${reach.servedModels.join(' and ')}.`;
}
