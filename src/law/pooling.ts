import { z } from 'zod';
import { InvalidInput } from '../errors.ts';
import { CommissionerKind } from './arrangement.ts';
import { formatDate, type IsoDate } from './date.ts';
import type { TraceStep } from './finding.ts';
import type { Classification, Configuration, PartyKind } from './kinds/pooling.ts';
import {
  bodyRule,
  configurationOf,
  countParties,
  existsOn,
  holderMet,
  holderWords,
  type PartyCounts,
} from './pooling-parties.ts';
import { classifyService, requireService, type ServiceRule } from './pooling-services.ts';
import type { ResolvedCitation, Rulebook, RuleVersion } from './rulebook.ts';

export { classifyFundingStream, classifyService, serviceIds } from './pooling-services.ts';

/** What `planPooling` is asked: the services wanted and the commissioners (kinds; repeat a kind for several). */
export const PoolingRequest = z.strictObject({
  services: z.array(z.string().min(1)).min(1, 'name at least one service'),
  commissioners: z.array(CommissionerKind).min(1, 'name at least one commissioner'),
});
export type PoolingRequest = z.infer<typeof PoolingRequest>;

/** A statement the plan makes, with the rule behind it and that rule's sources on the date. */
export interface Cited {
  rule: string;
  message: string;
  citations: ResolvedCitation[];
}

export type MechanismName =
  | 's75-pooled-fund'
  | 's14z3a-pooled-fund'
  | 's65z6-pooled-fund'
  | 'aligned-budgets'
  | 'parallel-budgets'
  | 'joint-exercise';

export interface PlannedService {
  service: string;
  title: string;
  function_of: 'local-nhs' | 'nhs-england' | 'local-authority';
  held_by: PartyKind | null;
  classification: Classification;
  rule: string;
}

export interface PlannedFund {
  kind: 'pooled' | 'aligned';
  mechanism: string;
  label: string;
  parties: PartyKind[];
  services: string[];
  rule: string;
  citations: ResolvedCitation[];
}

export interface PoolingPlan {
  on: IsoDate;
  services: string[];
  commissioners: CommissionerKind[];
  configuration: Configuration | null;
  feasible: boolean;
  mechanism: MechanismName | null;
  mechanisms: MechanismName[];
  parties_required: { kind: PartyKind; services: string[] }[];
  service_plan: PlannedService[];
  funds: PlannedFund[];
  ring_fenced: (Cited & { service: string })[];
  excluded: (Cited & { service: string })[];
  outside: (Cited & { service: string })[];
  problems: Cited[];
  conditions: Cited[];
  notes: Cited[];
  annex_b: AnnexBMatch | null;
  trace: TraceStep[];
}

export interface AnnexBMatch {
  rule: string;
  care_model: string;
  configuration: Configuration;
  whole_model: 'possible' | 'not-possible' | 'not-needed';
  commissioners_required: string | null;
  how_to_pool: string;
  summary: string;
  agrees: boolean;
  citations: ResolvedCitation[];
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
  const budget = feasible ? plan.budget(service_plan, counts) : undefined;
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
  const annex_b = plan.annexB(configuration, req.services, feasible);
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

const localWords = { ccg: 'CCG', icb: 'ICB' } as const;

/** The working state of one plan: what it found, cited, in the order found. */
class Planner {
  readonly problems: Cited[] = [];
  readonly conditions: Cited[] = [];
  readonly notes: Cited[] = [];
  readonly trace: TraceStep[] = [];
  readonly extraParties = new Set<PartyKind>();
  /** Set when a service is reached only by exercising it jointly with NHS England. */
  joint = false;

  constructor(
    private readonly rulebook: Rulebook,
    private readonly on: IsoDate,
  ) {}

  /** A statement citing the version of `rule` in force (or the one given). */
  cite(rule: string, message: string, outcome: string, version?: RuleVersion): Cited {
    const v = version ?? this.rulebook.require(rule, this.on);
    this.trace.push({ rule, version_from: v.from, outcome });
    return { rule, message, citations: this.rulebook.resolve(v.cite) };
  }

  inForce(rule: string): boolean {
    const e = this.rulebook.entries.get(rule);
    return !!e && this.rulebook.versionOn(e, this.on) !== undefined;
  }

  /** A commissioner of a kind that does not exist on the date makes the plan infeasible. */
  checkBodies(kinds: readonly CommissionerKind[]): void {
    for (const kind of new Set(kinds)) {
      if (existsOn(this.rulebook, kind, this.on)) continue;
      const rule = bodyRule(this.rulebook, kind);
      if (!rule) continue;
      const nearest = this.on < (rule.versions[0]?.from ?? '') ? rule.versions[0] : rule.versions.at(-1);
      const name = kind.toUpperCase();
      this.problems.push(
        this.cite(
          rule.id,
          `${name}s do not exist in law on ${formatDate(this.on)}, so a ${name} cannot commission anything.`,
          'not-possible',
          nearest,
        ),
      );
    }
  }

  /** Who commissions a service, or a problem saying what is missing. */
  holderFor(s: ServiceRule, c: PartyCounts): PartyKind | undefined {
    const local = localWords[c.localKind];
    switch (s.version.function_of) {
      case 'local-nhs':
        if (c.local >= 1) return c.localKind;
        this.problems.push(
          this.cite(
            'pooling.principle.local-nhs-function',
            `${s.title} is a local NHS function: at least one ${local} must be a commissioner.`,
            'not-possible',
          ),
        );
        return undefined;
      case 'local-authority':
        if (c.authorityKind) return c.authorityKind;
        this.problems.push(
          this.cite(
            'pooling.principle.la-functions-stay-with-la',
            `${s.title} is a local authority function and cannot be delegated to the NHS: a local or combined authority must be a commissioner.`,
            'not-possible',
          ),
        );
        return undefined;
      case 'nhs-england':
        return this.routeHolder(s, c);
    }
  }

  private routeHolder(s: ServiceRule, c: PartyCounts): PartyKind | undefined {
    const ruleId = s.version.route;
    if (!ruleId) return c.nhse ? 'nhs-england' : undefined;
    const route = this.rulebook.require(ruleId, this.on, 'commissioning-route');
    const met = route.holders.find((h) => holderMet(h.holder, c));
    if (!met) {
      const options = route.holders.map((h) => holderWords[h.holder]).join('; or ');
      this.problems.push(
        this.cite(
          ruleId,
          `${s.title} needs ${options}, and these commissioners do not provide that on ${formatDate(this.on)}.`,
          'not-possible',
          route,
        ),
      );
      return undefined;
    }
    this.trace.push({ rule: ruleId, version_from: route.from, outcome: met.holder });
    if (met.holder === 'local-nhs-jointly-with-nhs-england') this.extraParties.add('nhs-england');
    if (met.holder === 'local-nhs-jointly-with-nhs-england') this.joint = true;
    if (met.condition)
      this.conditions.push(this.cite(ruleId, `${s.title}: ${met.condition}`, 'condition', route));
    if (met.holder === 'nhs-england') return 'nhs-england';
    if (met.holder === 'local-authority-by-arrangement') return c.authorityKind;
    return c.localKind;
  }

  /** The budget: a pool where the law allows one, aligned budgets for ring-fenced money, and what stays outside. */
  budget(services: PlannedService[], c: PartyCounts) {
    const holders = new Set(
      services.flatMap((s) => (s.held_by && s.classification === 'pooled' ? [s.held_by] : [])),
    );
    const pool = this.poolMechanism(holders, c);
    const funds: PlannedFund[] = [];
    const ring_fenced: (Cited & { service: string })[] = [];
    const excluded: (Cited & { service: string })[] = [];
    const outside: (Cited & { service: string })[] = [];
    const pooled: string[] = [];
    const own: string[] = [];
    for (const s of services) {
      const c2 = classifyService(this.rulebook, s.service, this.on);
      if (s.classification === 'outside') {
        outside.push({ service: s.service, ...this.cite(c2.rule, c2.reason, 'outside') });
      } else if (s.classification === 'aligned-ring-fenced' && c2.rule.startsWith('pooling.s75-exclusion.')) {
        // An s75 exclusion matters only when the pool is a s75 pool.
        if (pool?.mechanism === 's75') {
          excluded.push({ service: s.service, ...this.cite(c2.rule, c2.reason, 'excluded') });
          ring_fenced.push({
            service: s.service,
            ...this.cite(c2.rule, `${s.title} stays in an aligned budget.`, 'aligned'),
          });
        } else if (pool) pooled.push(s.service);
        else own.push(s.service);
      } else if (s.classification === 'aligned-ring-fenced') {
        const message = c2.condition ? `${c2.reason} ${c2.condition}` : c2.reason;
        ring_fenced.push({ service: s.service, ...this.cite(c2.rule, message, 'aligned') });
      } else if (pool) pooled.push(s.service);
      else own.push(s.service);
    }
    const mechanisms: MechanismName[] = [];
    if (pool && pooled.length) {
      mechanisms.push(pool.name);
      funds.push(this.fund('pooled', pool.mechanism, pool.label, [...holders], pooled, pool.rule));
    }
    if (own.length) {
      const parties = [
        ...new Set(
          services.filter((s) => own.includes(s.service)).flatMap((s) => (s.held_by ? [s.held_by] : [])),
        ),
      ];
      funds.push(
        this.fund(
          'aligned',
          'none',
          "Commissioner's own budget, aligned to the provider's total",
          parties,
          own,
          'pooling.mechanism.none',
        ),
      );
    }
    this.alignedFunds(services, ring_fenced, funds);
    if (funds.some((f) => f.kind === 'aligned')) mechanisms.push('aligned-budgets');
    if (this.joint || pool?.joint) mechanisms.push('joint-exercise');
    return { mechanisms, funds, ring_fenced, excluded, outside };
  }

  private fund(
    kind: 'pooled' | 'aligned',
    mechanism: string,
    label: string,
    parties: PartyKind[],
    services: string[],
    rule: string,
  ): PlannedFund {
    const v = this.rulebook.require(rule, this.on);
    return {
      kind,
      mechanism,
      label,
      parties: [...parties].sort(),
      services,
      rule,
      citations: this.rulebook.resolve(v.cite),
    };
  }

  /** Ring-fenced services grouped by the rule that ring-fences them, one aligned budget each. */
  private alignedFunds(
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
        : `Ring-fenced: ${this.rulebook.entry(rule).title}`;
      funds.push(
        this.fund(
          'aligned',
          delegated ? 'delegation-agreement' : 'none',
          label,
          parties,
          list,
          mechanismRule,
        ),
      );
    }
  }

  /** Which pooled fund (if any) the holders of poolable services can form on the date. */
  private poolMechanism(holders: Set<PartyKind>, c: PartyCounts) {
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
        this.notes.push(
          this.cite(
            'pooling.mechanism.s14z3a',
            'The CCGs can first pool with each other under s14Z3A and bring that pool into the s75 arrangement for their own functions.',
            'note',
          ),
        );
      if (!after2022 && c.authorityKind === 'combined-authority')
        this.notes.push(
          this.cite(
            'pooling.mechanism.s143za',
            'The CCGs may exercise their functions jointly with the combined authority (s143ZA).',
            'note',
          ),
        );
      this.trace.push({
        rule: 'pooling.mechanism.s75',
        version_from: this.rulebook.require('pooling.mechanism.s75', this.on).from,
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
    if (holders.has('nhs-england')) {
      this.notes.push(
        this.cite(
          'pooling.mechanism.s14z9',
          'CCGs and NHS England exercise their functions jointly (s14Z9); each keeps its own budget, aligned.',
          'note',
        ),
      );
      return undefined;
    }
    return {
      name: 's14z3a-pooled-fund' as const,
      mechanism: 's14z3a',
      rule: 'pooling.mechanism.s14z3a',
      label: 'Pooled fund between CCGs (s14Z3A)',
      joint: true,
    };
  }

  /** A commissioner named but holding nothing: say integrated commissioning with it is unnecessary. */
  unneeded(kinds: readonly CommissionerKind[], required: Map<PartyKind, string[]>, c: PartyCounts): void {
    for (const kind of new Set(kinds)) {
      if (required.has(kind) || !existsOn(this.rulebook, kind, this.on)) continue;
      if (kind === c.localKind && c.local === 0) continue;
      this.notes.push(
        this.cite(
          'pooling.principle.integration-not-needed',
          `The ${kind.replaceAll('-', ' ')} holds none of these functions, so it need not be party; integrated commissioning with it is not necessary for these services.`,
          'note',
        ),
      );
    }
  }

  /** Notes of Annex B and later rules that apply because of what is in scope. */
  triggeredNotes(services: PlannedService[], funds: PlannedFund[], c: PartyCounts): void {
    const has = (service: string) => services.some((s) => s.service === service);
    const group = (g: string) =>
      services.some(
        (s) => this.rulebook.require(`pooling.service.${s.service}`, this.on, 'pooling-service').group === g,
      );
    const pooledFund = funds.some((f) => f.kind === 'pooled');
    const add = (rule: string, when: boolean, message: string) => {
      if (when && this.inForce(rule)) this.notes.push(this.cite(rule, message, 'note'));
    };
    const pm = has('primary-medical');
    add(
      'pooling.note.delegation-assumed',
      pm,
      'Assumes the CCG holds delegated primary medical commissioning (note 1).',
    );
    add(
      'pooling.note.delegation-amendment',
      pm && pooledFund,
      'NHS England may amend the Delegation Agreement case by case for early ICP sites so primary medical money can join the pool (note 2).',
    );
    add(
      'pooling.principle.nhs-england-party',
      pm && pooledFund && !c.nhse,
      'If primary medical money joins the s75 pool, NHS England should be party to the agreement (good practice).',
    );
    add(
      'pooling.note.s7a-single-ccg',
      group('s7a'),
      's7A functions cannot be given to several CCGs jointly (note 4).',
    );
    add(
      'pooling.note.specialised-contact',
      group('specialised'),
      'Contact the regional specialised commissioning team first (note 5).',
    );
    add(
      'pooling.principle.aligned-budgets',
      funds.some((f) => f.kind === 'aligned'),
      'Money that cannot be pooled is held in aligned budgets; the provider can still hold a single contract.',
    );
    add(
      'pooling.principle.icb-joint-working',
      true,
      'Since 1 July 2022 ICBs replace CCGs; joint working is under s65Z5 and pooled funds under s65Z6, alongside s75.',
    );
  }

  /** The Annex B cell for exactly these services and this configuration, if the papers have one on the date. */
  annexB(configuration: Configuration | null, services: string[], feasible: boolean): AnnexBMatch | null {
    if (!configuration) return null;
    const wanted = [...new Set(services)].sort().join(',');
    for (const { entry, version } of this.rulebook.inForce('annex-b-cell', this.on)) {
      if (version.configuration !== configuration || [...version.services].sort().join(',') !== wanted)
        continue;
      this.trace.push({ rule: entry.id, version_from: version.from, outcome: version.whole_model });
      return {
        rule: entry.id,
        care_model: version.care_model,
        configuration,
        whole_model: version.whole_model,
        commissioners_required: version.commissioners_required ?? null,
        how_to_pool: version.how_to_pool,
        summary: version.summary,
        agrees: feasible === (version.whole_model !== 'not-possible'),
        citations: this.rulebook.resolve(version.cite),
      };
    }
    return null;
  }
}
