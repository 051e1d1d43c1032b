import type { CommissionerKind } from './arrangement.ts';
import { formatDate, type IsoDate } from './date.ts';
import type { AmendmentReach } from './delegation-amendment.ts';
import type { TraceStep } from './finding.ts';
import type { Configuration, PartyKind } from './kinds/pooling.ts';
import { bodyRule, existsOn, holderMet, holderWords, type PartyCounts } from './pooling-parties.ts';
import type { AnnexBMatch, Cited, PlannedFund, PlannedService } from './pooling-plan.ts';
import type { ServiceRule } from './pooling-services.ts';
import type { Rulebook, RuleVersion } from './rulebook.ts';

export const localWords = { ccg: 'CCG', icb: 'ICB' } as const;

/** The working state of one plan: what it found, cited, in the order found. */
export class Planner {
  readonly problems: Cited[] = [];
  readonly conditions: Cited[] = [];
  readonly notes: Cited[] = [];
  readonly trace: TraceStep[] = [];
  readonly extraParties = new Set<PartyKind>();
  /** Set when a service is reached only by exercising it jointly with NHS England. */
  joint = false;
  /** Whether 2018 note 2 (amending the Delegation Agreement) reaches these services, if in force. */
  amendment: AmendmentReach | undefined;

  constructor(
    readonly rulebook: Rulebook,
    readonly on: IsoDate,
  ) {}

  /** A statement citing the version of `rule` in force (or the one given). */
  cite(rule: string, message: string, outcome: string, version?: RuleVersion): Cited {
    const v = version ?? this.rulebook.require(rule, this.on);
    this.trace.push({ rule, version_from: v.from, outcome });
    const { provenance } = this.rulebook.entry(rule);
    return { rule, message, citations: this.rulebook.resolve(v.cite), provenance };
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
    if (!ruleId) {
      if (c.nhse) return 'nhs-england';
      this.problems.push(
        this.cite(
          s.rule,
          `${s.title} is NHS England's function: NHS England must be a commissioner.`,
          'not-possible',
        ),
      );
      return undefined;
    }
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
      pm && pooledFund && this.amendment?.serves !== false,
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
  annexB(
    configuration: Configuration | null,
    services: string[],
    feasible: boolean,
    c: PartyCounts,
  ): AnnexBMatch | null {
    if (!configuration) return null;
    const wanted = [...new Set(services)].sort().join(',');
    for (const { entry, version } of this.rulebook.inForce('annex-b-cell', this.on)) {
      if (version.configuration !== configuration || [...version.services].sort().join(',') !== wanted)
        continue;
      if (version.ccgs === 'one' && c.local !== 1) continue;
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
        provenance: entry.provenance,
      };
    }
    return null;
  }
}
