import { formatPounds, type Pence, parsePounds, sum } from '../../core/money.ts';
import { listOf } from '../../law/checks/in-force.ts';
import { formatDate, type IsoDate } from '../../law/date.ts';
import { type Finding, finding, type Severity } from '../../law/finding.ts';
import type { KindFields } from '../../law/kinds/index.ts';
import type { DelegateKind } from '../../law/kinds/system.ts';
import type { Rulebook, RuleVersion } from '../../law/rulebook.ts';
import type { Budgets } from './budgets.ts';
import { delegateNames, mayGoTo } from './functions.ts';
import type { OperatingModel, PartnershipRole, SordEntry } from './model.ts';

/** What a check of an operating model receives; pure, like the arrangement checks. */
export interface ModelContext {
  rulebook: Rulebook;
  model: OperatingModel;
  on: IsoDate;
  budgets: Budgets;
}

export interface OperatingModelReport {
  model: string;
  icb: string;
  on: IsoDate;
  lawful: boolean;
  counts: Record<Severity, number>;
  findings: Finding[];
  budgets: Budgets;
}

const statutoryFrom = '2022-07-01';
const order: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/**
 * Checks an operating model against the rules in force on a date, on the same findings
 * engine as arrangements: each finding names its rule, the dated version's citations and
 * a trace. Findings are sorted by severity, path, then rule.
 */
export function checkOperatingModel(
  rulebook: Rulebook,
  model: OperatingModel,
  on: IsoDate,
  budgets: Budgets,
): OperatingModelReport {
  const ctx: ModelContext = { rulebook, model, on, budgets };
  const findings = [icbOnDate, board, placePartnerships, collaboratives, sord, delegatedBudgets]
    .flatMap((check) => check(ctx))
    .sort(
      (a, b) =>
        order[a.severity] - order[b.severity] || a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule),
    );
  const counts = { error: 0, warning: 0, information: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    model: model.name,
    icb: model.icb.name,
    on,
    lawful: counts.error === 0,
    counts,
    findings,
    budgets,
  };
}

type Check = (ctx: ModelContext) => Finding[];

function inForce(ctx: ModelContext, id: string): RuleVersion | undefined {
  return ctx.rulebook.versionOn(ctx.rulebook.entry(id), ctx.on);
}

function severityOf(v: RuleVersion): Severity {
  return 'severity' in v ? v.severity : 'error';
}

function organisation(ctx: ModelContext, id: string | undefined) {
  return ctx.model.organisations.find((o) => o.id === id);
}

function isNhsTrust(kind: string | undefined): boolean {
  return kind === 'nhs-trust' || kind === 'nhs-foundation-trust';
}

/** The ICB must exist on the date: established 1 July 2022, and not merged away on 1 April 2026. */
const icbOnDate: Check = (ctx) => {
  const rule = 'system.om.icb-on-date';
  const v = inForce(ctx, rule);
  if (!v) return [];
  const { code, name } = ctx.model.icb;
  if (ctx.on < statutoryFrom) {
    return [
      finding(ctx, rule, {
        severity: 'warning',
        path: 'icb',
        message: `On ${formatDate(ctx.on)} ${name} did not yet exist (ICBs were established on 1 July 2022): this model records the voluntary system's agreed ways of working, and statutory decisions stay with the CCGs and NHS England.`,
      }),
    ];
  }
  const succession = inForce(ctx, 'system.icb.succession-2026') as RuleVersion<'icb-succession'> | undefined;
  const entry = ctx.rulebook.entry('system.icb.succession-2026');
  const anyVersion = entry.versions[0] as RuleVersion<'icb-succession'>;
  const trace = [{ rule: entry.id, version_from: anyVersion.from, outcome: 'consulted' }];
  const gone = succession?.successions.find((s) => s.from === code);
  if (gone) {
    return [
      finding(ctx, rule, {
        severity: 'error',
        path: 'icb.code',
        trace,
        message: `${name} (${code}) ceased on 31 March 2026; from 1 April 2026 its area belongs to ${listOf(gone.into.map((i) => `${i.name} (${i.ods})`))}, whose operating model applies instead.`,
      }),
    ];
  }
  const successor = anyVersion.successions.flatMap((s) => s.into).find((i) => i.new && i.ods === code);
  if (successor && ctx.on < anyVersion.from) {
    return [
      finding(ctx, rule, {
        severity: 'error',
        path: 'icb.code',
        trace,
        message: `${successor.name} (${code}) was established on ${formatDate(anyVersion.from)}, so it had no operating model on ${formatDate(ctx.on)}.`,
      }),
    ];
  }
  return [];
};

/** Schedule 1B board from 1 July 2022; before that, place and collaborative representation (2.31). */
const board: Check = (ctx) => {
  const members = ctx.model.board.members;
  if (ctx.on < statutoryFrom) return [...partnershipBoard(ctx), ...boardRepresentation(ctx)];
  const rule = 'system.om.board-composition';
  const v = inForce(ctx, rule);
  if (!v) return [];
  const has = (role: string) => members.filter((m) => m.role === role);
  const out: Finding[] = [];
  const add = (message: string, path = 'board.members') =>
    out.push(finding(ctx, rule, { severity: severityOf(v), message, path }));
  const chairs = has('chair');
  if (chairs.length !== 1) add(`The board has ${chairs.length} chairs; Schedule 1B requires exactly one.`);
  else if (
    chairs[0]?.nominated_by &&
    !chairs[0].nominated_by.some((o) => organisation(ctx, o)?.kind === 'nhs-england')
  )
    add('The chair must be appointed by NHS England, with the Secretary of State’s approval.');
  if (has('chief-executive').length !== 1) add('The board must have one chief executive.');
  const ordinary = members.filter((m) => m.role !== 'chair' && m.role !== 'chief-executive');
  if (ordinary.length < 3)
    add(
      `The board has ${ordinary.length} ordinary members; Schedule 1B requires at least three besides the chair and chief executive.`,
    );
  const partners: [string, string][] = [
    ['partner-member-trusts', 'NHS trusts and foundation trusts'],
    ['partner-member-primary-medical', 'providers of primary medical services'],
    ['partner-member-local-authority', 'the local authorities'],
  ];
  const missing = partners.filter(([role]) => has(role).length === 0).map(([, who]) => who);
  if (missing.length) add(`The board has no partner member nominated by ${listOf(missing)}.`);
  return out;
};

/**
 * The 2020 framework's consistent operating arrangements (2.29-2.31): a system partnership
 * board taking collective decisions with NHS partners and local councils, and a chair. An ICS
 * board of that period without them falls short of what the framework expected of it.
 */
function partnershipBoard(ctx: ModelContext): Finding[] {
  const rule = 'system.ics.operating-arrangements';
  if (!inForce(ctx, rule)) return [];
  const roles = new Set(ctx.model.board.members.map((m) => m.role));
  const missing = [
    ...(roles.has('chair') ? [] : ['a chair']),
    ...(roles.has('partner-member-trusts') || roles.has('partner-member-primary-medical')
      ? []
      : ['NHS partners (trusts or primary care)']),
    ...(roles.has('partner-member-local-authority') ? [] : ['the local councils']),
  ];
  if (!missing.length) return [];
  return [
    finding(ctx, rule, {
      severity: 'warning',
      path: 'board.members',
      message: `The ICS board has no member for ${listOf(missing)}; the 2020 ICS framework expected every system to take decisions collectively in a partnership board of NHS partners and local councils, with a chair.`,
    }),
  ];
}

/** The 2020 framework: every place and collaborative represented on the ICS board (2.31). */
function boardRepresentation(ctx: ModelContext): Finding[] {
  const represented = new Set(ctx.model.board.members.flatMap((m) => m.represents ?? []));
  const out: Finding[] = [];
  const check = (rule: string, items: { id: string; name: string }[], what: string, field: string) => {
    if (!inForce(ctx, rule)) return;
    items.forEach((item, i) => {
      if (!represented.has(item.id))
        out.push(
          finding(ctx, rule, {
            severity: 'warning',
            path: `${field}[${i}]`,
            message: `${item.name} is not represented on the ICS board, which the 2020 ICS framework expects of every ${what}.`,
          }),
        );
    });
  };
  check('system.ics.place-partnership', ctx.model.places, 'place', 'places');
  check(
    'system.ics.provider-collaborative',
    ctx.model.collaboratives,
    'provider collaborative',
    'collaboratives',
  );
  return out;
}

const roleNames: Record<PartnershipRole, string> = {
  'local-authority': 'the local authority',
  'director-of-public-health': 'the Director of Public Health',
  'primary-care-leadership': 'primary care leadership',
  'community-provider': 'a community services provider',
  'mental-health-provider': 'a mental health provider',
  healthwatch: 'Healthwatch',
  'acute-provider': 'an acute provider',
  'ambulance-provider': 'an ambulance provider',
  'voluntary-sector': 'the voluntary sector',
};
const minimumMembers: PartnershipRole[] = [
  'local-authority',
  'director-of-public-health',
  'primary-care-leadership',
  'community-provider',
  'mental-health-provider',
  'healthwatch',
];

/** Each place's minimum membership, and a place joint committee that includes its local authority. */
const placePartnerships: Check = (ctx) => {
  const out: Finding[] = [];
  const membershipRule =
    ctx.on < statutoryFrom ? 'system.ics.place-partnership' : 'system.om.place-partnership';
  const membership = inForce(ctx, membershipRule);
  ctx.model.places.forEach((place, i) => {
    const roles = new Set(place.partnership.members.map((m) => m.role));
    const missing = minimumMembers.filter((r) => !roles.has(r));
    if (membership && missing.length)
      out.push(
        finding(ctx, membershipRule, {
          severity: 'warning',
          path: `places[${i}].partnership.members`,
          message: `${place.name}'s partnership lacks ${listOf(missing.map((r) => roleNames[r]))}; every place partnership is expected to include at least the local authority with its Director of Public Health, primary care leadership, community and mental health providers, and Healthwatch.`,
        }),
      );
    if (place.partnership.form !== 'joint-committee' || ctx.on < statutoryFrom) return;
    const rule = 'system.om.place-joint-committee';
    const committee = ctx.model.committees.find((c) => c.id === place.partnership.committee);
    const parties = new Set([
      ...(committee?.organisations ?? []),
      ...(committee?.members.filter((m) => m.voting).map((m) => m.organisation) ?? []),
    ]);
    const absent = place.local_authorities.filter((la) => !parties.has(la));
    if (absent.length)
      out.push(
        finding(ctx, rule, {
          severity: 'error',
          path: `places[${i}].partnership.committee`,
          message: `${place.name} decides through ${committee?.name ?? 'a joint committee'}, but ${listOf(absent.map((la) => organisation(ctx, la)?.name ?? la))} is not party to it, so it cannot exercise functions jointly with the ICB.`,
        }),
      );
  });
  return out;
};

/** Acute and mental health trusts of the ICB each belong to a collaborative represented on the board. */
const collaboratives: Check = (ctx) => {
  const rule =
    ctx.on < statutoryFrom ? 'system.ics.provider-collaborative' : 'system.om.provider-collaboratives';
  if (!inForce(ctx, rule)) return [];
  const inOne = new Set(ctx.model.collaboratives.flatMap((c) => c.members));
  const out: Finding[] = [];
  ctx.model.organisations.forEach((o, i) => {
    const specialist = o.sectors?.some((s) => s === 'acute' || s === 'mental-health');
    if (isNhsTrust(o.kind) && specialist && !inOne.has(o.id))
      out.push(
        finding(ctx, rule, {
          severity: 'warning',
          path: `organisations[${i}]`,
          message: `${o.name} provides acute or mental health services but belongs to no provider collaborative.`,
        }),
      );
  });
  if (ctx.on >= statutoryFrom) {
    const represented = new Set(ctx.model.board.members.flatMap((m) => m.represents ?? []));
    ctx.model.collaboratives.forEach((c, i) => {
      if (!represented.has(c.id))
        out.push(
          finding(ctx, rule, {
            severity: 'warning',
            path: `collaboratives[${i}]`,
            message: `${c.name} is not represented on the board.`,
          }),
        );
    });
  }
  return out;
};

/** Who takes a SoRD decision, as the law sees it. */
export interface Decider {
  kind: DelegateKind | 'board' | 'advisory' | 'not-a-body';
  name: string;
  /** The organisation that decides alone (a lead provider), if any. */
  organisation?: string | undefined;
  /** The committee whose voting members decide, if any. */
  committee?: string | undefined;
}

export function deciderOf(model: OperatingModel, decidedBy: string): Decider {
  if (decidedBy === 'board') return { kind: 'board', name: 'the board' };
  if (decidedBy.startsWith('officer:'))
    return { kind: 'officer', name: decidedBy.slice('officer:'.length).trim() };
  const committee = model.committees.find((c) => c.id === decidedBy);
  if (committee)
    return {
      kind: committee.kind === 'joint-committee' ? 'joint-committee' : 'board-committee',
      name: committee.name,
      committee: committee.id,
    };
  const org = (id: string | undefined) => model.organisations.find((o) => o.id === id);
  const place = model.places.find((p) => p.id === decidedBy);
  if (place) {
    const p = place.partnership;
    const name = `${place.name} place`;
    if (p.form === 'advisory') return { kind: 'advisory', name };
    if (p.form === 'lead-provider') {
      const lead = org(p.lead_provider);
      return {
        kind: isNhsTrust(lead?.kind) ? 'nhs-trust' : 'not-a-body',
        name: lead?.name ?? name,
        organisation: lead?.id,
      };
    }
    return {
      kind: p.form === 'joint-committee' ? 'joint-committee' : 'board-committee',
      name,
      committee: p.committee,
    };
  }
  const collab = model.collaboratives.find((c) => c.id === decidedBy);
  const lead = org(collab?.lead);
  return {
    kind: isNhsTrust(lead?.kind) ? 'nhs-trust' : 'not-a-body',
    name: lead?.name ?? collab?.name ?? decidedBy,
    organisation: lead?.id,
  };
}

/** Each SoRD entry: who may decide, whether the ICB holds the function, conflicts and limits. */
const sord: Check = (ctx) =>
  ctx.model.sord.flatMap((entry, i) => {
    const decider = deciderOf(ctx.model, entry.decided_by);
    const path = `sord[${i}]`;
    const out: Finding[] = [];
    if (ctx.on < statutoryFrom) {
      const rule = 'system.om.delegation-before-icbs';
      if ((decider.kind === 'nhs-trust' || decider.kind === 'not-a-body') && inForce(ctx, rule))
        out.push(
          finding(ctx, rule, {
            severity: 'error',
            path: `${path}.decided_by`,
            message: `'${entry.decision}' is given to ${decider.name}, a provider; before 1 July 2022 no law let a commissioner delegate a decision to a provider.`,
          }),
        );
    } else {
      out.push(...statutoryDelegation(ctx, entry, decider, path));
    }
    out.push(...conflicts(ctx, entry, decider, path), ...limit(ctx, entry, decider, path));
    return out;
  });

function statutoryDelegation(ctx: ModelContext, entry: SordEntry, decider: Decider, path: string): Finding[] {
  const out: Finding[] = [];
  if (decider.kind === 'advisory') {
    out.push(
      finding(ctx, 'system.om.advisory-place', {
        severity: 'error',
        path: `${path}.decided_by`,
        message: `'${entry.decision}' is given to ${decider.name}, whose partnership is advisory only and holds no delegated authority.`,
      }),
    );
    return out;
  }
  if (decider.kind === 'not-a-body') {
    out.push(
      finding(ctx, 'system.joint-working.s65z5', {
        severity: 'error',
        path: `${path}.decided_by`,
        message: `'${entry.decision}' is given to ${decider.name}, which is not an NHS trust or foundation trust (or a collaborative without such a lead); an ICB may delegate a function only to a relevant body.`,
      }),
    );
    return out;
  }
  const entryRule = ctx.rulebook.entries.get(entry.function);
  if (!entryRule || entryRule.kind !== 'icb-function') return out;
  const v = inForce(ctx, entry.function) as RuleVersion<'icb-function'> | undefined;
  if (!v) return out;
  if (v.held_from_nhse) out.push(...heldFromNhse(ctx, entry, v, path));
  if (decider.kind === 'board') return out;
  if (v.delegable_to.length === 0) {
    out.push(
      finding(ctx, entry.function, {
        severity: 'error',
        path: `${path}.decided_by`,
        message: `'${entry.decision}' (${entryRule.title.replace(/^For an ICB: /, '')}) is reserved to the board, but the scheme gives it to ${decider.name}.`,
      }),
    );
  } else if (!v.delegable_to.includes(decider.kind)) {
    out.push(
      finding(ctx, entry.function, {
        severity: 'error',
        path: `${path}.decided_by`,
        message: `'${entry.decision}' is given to ${decider.name}, ${delegateNames[decider.kind]}; this function may go only to ${mayGoTo(v.delegable_to)}.`,
      }),
    );
  }
  return out;
}

function heldFromNhse(
  ctx: ModelContext,
  entry: SordEntry,
  v: KindFields<'icb-function'>,
  path: string,
): Finding[] {
  const rule = v.held_from_nhse as string;
  const delegation = inForce(ctx, rule) as RuleVersion<'nhse-delegation'> | undefined;
  const holds = delegation && (!delegation.regions || delegation.regions.includes(ctx.model.icb.region));
  if (holds) return [];
  const entryRule = ctx.rulebook.entry(rule);
  const version = delegation ?? entryRule.versions.find((x) => x.from > ctx.on) ?? entryRule.versions[0];
  return [
    finding(ctx, rule, {
      severity: 'error',
      path: `${path}.function`,
      version,
      message: `On ${formatDate(ctx.on)} ${ctx.model.icb.name} (${ctx.model.icb.region}) did not hold this function from NHS England, so it could not decide or delegate '${entry.decision}'.`,
    }),
  ];
}

/** A provider deciding its own contract, alone or as a voting member without the conflict managed. */
function conflicts(ctx: ModelContext, entry: SordEntry, decider: Decider, path: string): Finding[] {
  const rule = 'system.om.conflicts-of-interest';
  const provider = entry.contract_with;
  if (!provider || !inForce(ctx, rule)) return [];
  const name = organisation(ctx, provider)?.name ?? provider;
  if (decider.organisation === provider)
    return [
      finding(ctx, rule, {
        severity: 'error',
        path: `${path}.decided_by`,
        message: `'${entry.decision}' concerns ${name}'s own contract, yet ${name} takes the decision.`,
      }),
    ];
  const committee = ctx.model.committees.find((c) => c.id === decider.committee);
  const voting = committee?.members.some((m) => m.voting && m.organisation === provider);
  if (voting && !entry.conflict_managed)
    return [
      finding(ctx, rule, {
        severity: 'error',
        path: `${path}.conflict_managed`,
        message: `'${entry.decision}' concerns ${name}'s own contract, and ${name} has a vote on ${committee?.name}; exclude its members from the decision and record it (conflict_managed: true).`,
      }),
    ];
  return [];
}

/** A SoRD limit above the budget its decision-maker holds. */
function limit(ctx: ModelContext, entry: SordEntry, decider: Decider, path: string): Finding[] {
  const rule = 'system.om.limit-within-budget';
  if (!entry.limit || !inForce(ctx, rule)) return [];
  const held = budgetHeldBy(ctx, entry.decided_by, decider);
  if (!held) return [];
  const amount = parsePounds(entry.limit, `${path}.limit`);
  if (amount <= held.amount) return [];
  return [
    finding(ctx, rule, {
      severity: 'error',
      path: `${path}.limit`,
      message: `The limit of ${formatPounds(amount)} on '${entry.decision}' is above the ${formatPounds(held.amount)} ${decider.name} holds (${held.how}).`,
    }),
  ];
}

function budgetHeldBy(
  ctx: ModelContext,
  decidedBy: string,
  decider: Decider,
): { amount: Pence; how: string } | undefined {
  const direct = ctx.budgets.holders.find((h) => h.id === decidedBy);
  if (direct) return { amount: direct.amount, how: direct.source };
  if (decider.committee) {
    const held = ctx.budgets.holders.filter((h) => h.committee === decider.committee);
    if (held.length)
      return {
        amount: sum(held.map((h) => h.amount)),
        how: `the budgets of ${listOf(held.map((h) => h.name))}`,
      };
  }
  if ((decider.kind === 'board' || decider.kind === 'officer') && ctx.budgets.allocation)
    return { amount: ctx.budgets.allocation.amount, how: ctx.budgets.allocation.source };
  return undefined;
}

/** The delegated budgets must add up to no more than the ICB holds. */
const delegatedBudgets: Check = (ctx) => {
  const rule = 'system.om.budgets-within-allocation';
  const { allocation, holders } = ctx.budgets;
  if (!allocation || holders.length === 0 || !inForce(ctx, rule)) return [];
  const total = sum(holders.map((h) => h.amount));
  if (total <= allocation.amount) return [];
  return [
    finding(ctx, rule, {
      severity: 'error',
      path: 'budgets',
      message: `The budgets delegated to ${listOf(holders.map((h) => h.name))} come to ${formatPounds(total)}, ${formatPounds((total - allocation.amount) as Pence)} more than the ${formatPounds(allocation.amount)} the ICB holds (${allocation.source}).`,
    }),
  ];
};
