import { activitySlug, coverageText, type ResolvedAssignment, resolveActivities } from '../activities.ts';
import { formatDate } from '../date.ts';
import { type Check, type CheckContext, type Finding, finding, type TraceStep } from '../finding.ts';
import type { RuleVersion } from '../rulebook.ts';
import { inForceOn } from './in-force.ts';

/**
 * Checks an arrangement's `activities` against Annex A and the general principles
 * (rulebook/functions/). Base case: the commissioner keeps every function and a provider
 * may support only as the row in force allows. Named exceptions are the actions a row
 * lets a provider take even where it may not support the activity itself.
 */

/** The ICP Contract term that forbids a provider taking a delegated commissioner function. */
const serviceCondition18 = 'contract.sc-1-8';

const principle = {
  nonDelegable: 'functions.principle.non-delegable',
  inHouse: 'functions.principle.in-house-capacity',
} as const;

/** A principle's version on the date, or its nearest one before the papers were published. */
function principleVersion(ctx: CheckContext, id: string): RuleVersion {
  const entry = ctx.rulebook.entry(id);
  return ctx.rulebook.versionOn(entry, ctx.on) ?? (entry.versions[0] as RuleVersion);
}

/** Every check reads the same assignments, so they are resolved once per check run. */
const resolvedFor = new WeakMap<CheckContext, ResolvedAssignment[]>();
function resolved(ctx: CheckContext): ResolvedAssignment[] {
  let found = resolvedFor.get(ctx);
  if (!found) {
    found = resolveActivities(ctx.rulebook, ctx.arrangement, ctx.on);
    resolvedFor.set(ctx, found);
  }
  return found;
}

function rowStep(r: ResolvedAssignment, outcome: string): TraceStep {
  return { rule: r.entry.id, version_from: r.nearest.from, outcome };
}

function title(r: ResolvedAssignment): string {
  return `'${r.entry.title}'`;
}

/** An activity the rulebook knows but whose table had no such row on the date. */
const activityNotInForce: Check = (ctx) =>
  resolved(ctx)
    .filter((r) => !r.version)
    .map((r) =>
      finding(ctx, r.entry.id, {
        severity: 'warning',
        message: `The national guidance in force on ${formatDate(ctx.on)} does not cover the activity ${title(r)} (its rule covers ${coverageText(r.entry)}). Judge ${r.provider.name}'s part against the general principles: the commissioner keeps the function.`,
        path: `activities[${r.index}].activity`,
        version: r.nearest,
      }),
    );

/**
 * A provider recorded as responsible for a commissioner's function. The one named exception,
 * a formal delegation under NHS Act 2006 s65Z5 from July 2022, is judged by the s65Z5 check
 * (checks/contract/delegation.ts). Where the ICP Contract is in force its Service Condition
 * 1.8 says the same, so the finding cites it too rather than reporting the error twice.
 */
const functionKeptByCommissioner: Check = (ctx) =>
  resolved(ctx)
    .filter((r) => r.assignment.provider_role === 'responsible' && r.assignment.delegated_under !== 's65z5')
    .map((r) => {
      const s65z5 = inForceOn(ctx, 'system.joint-working.s65z5');
      const canDelegate =
        s65z5 &&
        r.provider.kind !== undefined &&
        ['nhs-trust', 'nhs-foundation-trust'].includes(r.provider.kind)
          ? ' If an ICB means to hand this function over, it can do so only by a formal delegation under NHS Act 2006 s65Z5 (set delegated_under: s65z5).'
          : '';
      const found = finding(ctx, principle.nonDelegable, {
        severity: 'error',
        message: `${r.provider.name} is recorded as responsible for ${title(r)}, but a commissioner cannot hand its statutory functions to a provider; the provider can at most support the commissioner. Set provider_role to supports and list what it does.${canDelegate}`,
        path: `activities[${r.index}].provider_role`,
        trace: [rowStep(r, 'function stays with the commissioner')],
        version: principleVersion(ctx, principle.nonDelegable),
      });
      const contractTerm = inForceOn(ctx, serviceCondition18);
      if (!contractTerm) return found;
      return {
        ...found,
        citations: [...found.citations, ...ctx.rulebook.resolve(contractTerm.cite)],
        trace: [
          { rule: serviceCondition18, version_from: contractTerm.from, outcome: 'unlawful delegation' },
          ...found.trace,
        ],
      };
    });

/**
 * A row that answers "no", or lets the provider give only information, input or ideas
 * (planning cost improvement schemes and funding routes in 2017 and 2018; third-party
 * contracts and IFRs, 2018 paras 15 and 18): "supports" with no actions named would give the
 * provider more than that, so it must name which of the row's actions it takes.
 */
const supportNotAllowed: Check = (ctx) =>
  resolved(ctx)
    .filter(
      (r) =>
        (r.version?.provider_may_support === 'no' ||
          r.version?.provider_may_support === 'information-only') &&
        r.assignment.provider_role === 'supports' &&
        r.actions.length === 0,
    )
    .map((r) => {
      const allowed = r.version?.may.map((a) => a.id) ?? [];
      const lead =
        r.version?.provider_may_support === 'information-only'
          ? `On ${formatDate(ctx.on)} a provider may give only information, input or ideas for ${title(r)}; supporting it without saying how would let ${r.provider.name} do more.`
          : `On ${formatDate(ctx.on)} a provider may not support ${title(r)}.`;
      return finding(ctx, r.entry.id, {
        severity: 'error',
        message: `${lead} ${
          allowed.length
            ? `List what ${r.provider.name} does in actions; only ${allowed.join(', ')} ${allowed.length === 1 ? 'is' : 'are'} open to it.`
            : `${r.provider.name} should have no role in it.`
        }`,
        path: `activities[${r.index}].provider_role`,
      });
    });

/** The row limits the provider's part, or the information it gives, to its own services and patients. */
function limitedToOwnServices(r: ResolvedAssignment): boolean {
  return r.version?.provider_may_support === 'own-services-only' || r.version?.about_own_services === true;
}

/** Named actions the row in force forbids, or does not mention on the date. */
const actionsAllowed: Check = (ctx) =>
  resolved(ctx).flatMap((r) =>
    r.version
      ? r.actions.flatMap((a, j): Finding[] => {
          if (a.standing === 'may') return [];
          const forbidden = a.standing === 'may-not';
          return [
            finding(ctx, r.entry.id, {
              severity: forbidden ? 'error' : 'warning',
              message: forbidden
                ? `${r.provider.name} may not ${lower(a.label)} (${a.id}): the commissioner must keep this part of ${title(r)}.`
                : `'${a.id}' (${lower(a.label)}) is not named in the version of this row in force on ${formatDate(ctx.on)}; judge it against the general principles.`,
              path: `activities[${r.index}].actions[${j}]`,
            }),
          ];
        })
      : [],
  );

/** Rows whose support covers only the provider's own services. */
const ownServicesOnly: Check = (ctx) =>
  resolved(ctx)
    .filter((r) => limitedToOwnServices(r) && r.assignment.provider_role === 'supports')
    .flatMap((r): Finding[] => {
      if (r.assignment.scope === 'own-services') return [];
      const wholeArea = r.assignment.scope === 'whole-area';
      return [
        finding(ctx, r.entry.id, {
          severity: wholeArea ? 'error' : 'warning',
          message: wholeArea
            ? `${r.provider.name}'s part in ${title(r)} may cover only the services it provides or subcontracts, not the whole area; the commissioner does the rest.`
            : `Say whether ${r.provider.name}'s part in ${title(r)} covers its own services or the whole area: it may cover only its own services (scope: own-services).`,
          path: `activities[${r.index}].scope`,
        }),
      ];
    });

/**
 * Criterion (ii): where a provider supports activities for its own services only and the
 * arrangement has services it does not provide, the commissioner must keep the capacity to
 * do that work for the rest. One note per provider.
 */
const inHouseCapacity: Check = (ctx) => {
  const { arrangement } = ctx;
  const limited = resolved(ctx).filter(
    (r) =>
      r.assignment.provider_role === 'supports' &&
      r.assignment.scope !== 'whole-area' &&
      limitedToOwnServices(r),
  );
  const byProvider = new Map<string, ResolvedAssignment[]>();
  for (const r of limited) byProvider.set(r.provider.id, [...(byProvider.get(r.provider.id) ?? []), r]);
  return [...byProvider.values()].flatMap((rs): Finding[] => {
    const provider = rs[0]?.provider;
    if (!provider) return [];
    const outside = arrangement.services.filter((s) => s.provider !== provider.id).map((s) => s.service);
    if (outside.length === 0) return [];
    return [
      finding(ctx, principle.inHouse, {
        severity: 'information',
        message: `${provider.name} supports ${rs.map((r) => activitySlug(r.entry.id)).join(', ')} for its own services only. The commissioner must keep the staff and skills to do the same work for services outside it: ${[...new Set(outside)].join(', ')}.`,
        path: `activities[${rs[0]?.index}]`,
        trace: rs.map((r) => rowStep(r, 'provider supports its own services only')),
        version: principleVersion(ctx, principle.inHouse),
      }),
    ];
  });
};

/** 2018 para 14 and 17: third-party contract support must be free of conflicts of interest. */
const thirdPartyContracts: Check = (ctx) =>
  resolved(ctx)
    .filter(
      (r) =>
        r.version &&
        r.entry.id === 'functions.activity.third-party-contracts' &&
        r.assignment.provider_role === 'supports',
    )
    .map((r) =>
      finding(ctx, r.entry.id, {
        severity: 'information',
        message: `${r.provider.name} helps manage other providers' contracts. The commissioner keeps every decision on them, must keep its own capacity to oversee them, must keep ${r.provider.name}'s role free of conflicts of interest, and should check the other providers are willing to share information with it.`,
        path: `activities[${r.index}]`,
      }),
    );

/** 2018 para 18: who pays for care after an approved Individual Funding Request must be agreed. */
const costBearerAgreed: Check = (ctx) =>
  resolved(ctx)
    .filter(
      (r) =>
        r.version?.cost_bearer_must_be_agreed &&
        (r.assignment.cost_bearer === undefined || r.assignment.cost_bearer === 'not-agreed'),
    )
    .map((r) =>
      finding(ctx, r.entry.id, {
        severity: 'warning',
        message: `The commissioner and ${r.provider.name} have not agreed who pays for care given after an approved Individual Funding Request. Record cost_bearer as commissioner, provider or shared once agreed.`,
        path: `activities[${r.index}].cost_bearer`,
      }),
    );

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Checks for the rules under rulebook/functions/. */
export const functionsChecks: Check[] = [
  activityNotInForce,
  functionKeptByCommissioner,
  supportNotAllowed,
  actionsAllowed,
  ownServicesOnly,
  inHouseCapacity,
  thirdPartyContracts,
  costBearerAgreed,
];
