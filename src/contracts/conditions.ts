import { formatDate, type IsoDate } from '../law/date.ts';
import { addDays, addMonths } from '../law/date-arithmetic.ts';
import type { TransitionCondition } from '../law/kinds/lifecycle.ts';
import type { Rulebook, RuleEntry } from '../law/rulebook.ts';
import { ratioAtLeast } from './amounts.ts';
import { obligationSchedule } from './calendar.ts';
import type { ContractEvent, EventOf, EventType } from './events.ts';
import type { ContractState, IsapCheckpoint } from './state.ts';

/** A condition's answer: met, or not met with the reason and (when another rule decides it) that rule. */
export type ConditionResult = { ok: true } | { ok: false; reason: string; rule?: string };

export interface ConditionContext {
  rulebook: Rulebook;
  state: ContractState;
  event: ContractEvent;
}

const ok: ConditionResult = { ok: true };
const no = (reason: string, rule?: string): ConditionResult => ({
  ok: false,
  reason,
  ...(rule ? { rule } : {}),
});

/** Narrows the event to the type a condition was written for (a rule naming it for another event is a rulebook fault). */
function as<T extends EventType>(event: ContractEvent, ...types: T[]): EventOf<T> {
  if (!(types as string[]).includes(event.type)) {
    throw new Error(`rulebook fault: a condition for ${types.join(', ')} is attached to ${event.type}`);
  }
  return event as EventOf<T>;
}

function isapPassed(state: ContractState, checkpoint: IsapCheckpoint, label: string): ConditionResult {
  const r = state.isap[checkpoint];
  if (r?.outcome === 'passed') return ok;
  return no(
    r
      ? `the ISAP checkpoint ${label} was not passed on ${formatDate(r.on)}; it must be passed first`
      : `the ISAP checkpoint ${label} has not been passed`,
    `lifecycle.isap.${checkpoint}`,
  );
}

/** The procurement regime (rulebook/system/procurement.yaml) in force on a date. */
export function regimeOn(rulebook: Rulebook, on: IsoDate) {
  return rulebook.inForce('procurement-regime', on)[0];
}

function serviceName(state: ContractState, id: string): string {
  return state.particulars.services.find((s) => s.id === id)?.name ?? id;
}

/** What makes an immediate termination lawful: a material breach, or a persistent one (seed 001, 83). */
function breachAllowsImmediate(state: ContractState, breach: string | undefined): ConditionResult {
  if (!breach) return no('immediate termination must name the material or persistent breach it relies on');
  const b = state.breaches.find((x) => x.id === breach);
  if (!b) return no(`no breach '${breach}' has been recorded`, 'lifecycle.performance.breach');
  if (!b.material && !b.persistent) {
    return no(
      `breach '${breach}' is neither material nor persistent, so the commissioners must give notice instead of ending at once`,
    );
  }
  return ok;
}

function noticeLongEnough(
  given: IsoDate,
  effective: IsoDate,
  months: number,
  whose: string,
): ConditionResult {
  const earliest = addMonths(given, months);
  if (effective >= earliest) return ok;
  return no(
    `${whose} is ${months} month${months === 1 ? '' : 's'}, so notice given on ${formatDate(given)} can take effect on ${formatDate(earliest)} at the earliest, not ${formatDate(effective)}`,
  );
}

function scopeService(
  state: ContractState,
  scope: 'contract' | 'service',
  service: string | undefined,
): ConditionResult {
  if (scope === 'contract') {
    return service ? no('a termination of the whole contract must not name a service') : ok;
  }
  if (!service) return no('a termination of a service must name the service');
  const s = state.services[service];
  if (!s) return no(`'${service}' is not a service in scope`);
  if (s.status === 'terminated' || s.status === 'terminating')
    return no(`${serviceName(state, service)} is already ending`);
  return ok;
}

function practiceMode(state: ContractState, ods: string, on: IsoDate): 'partial' | 'full' | undefined {
  const last = state.practices[ods]?.periods.at(-1);
  if (!last) return undefined;
  return last.to === undefined || last.to > on ? last.mode : undefined;
}

/**
 * The named conditions rules attach to transitions (TransitionCondition). Each says plainly
 * why it is not met; base case plus named exceptions (ARCHITECTURE practice 4).
 */
export const conditions: Record<TransitionCondition, (ctx: ConditionContext) => ConditionResult> = {
  'id-unused': ({ state, event }) => {
    const taken = (id: string, used: boolean) =>
      used ? no(`the id '${id}' is already used in this contract`) : ok;
    const e = event;
    switch (e.type) {
      case 'subcontract-proposed':
        return taken(e.subcontract, e.subcontract in state.subcontracts);
      case 'breach-recorded':
        return taken(
          e.breach,
          state.breaches.some((b) => b.id === e.breach),
        );
      case 'remedial-plan-agreed':
        return taken(e.plan, e.plan in state.remedial_plans);
      case 'subcontractor-change-required':
        return taken(
          e.requirement,
          state.event_obligations.some((o) => o.key === e.requirement),
        );
      case 'candour-incident':
        return taken(
          e.incident,
          state.event_obligations.some((o) => o.key === e.incident),
        );
      case 'service-change-proposed':
        return taken(
          e.change,
          state.event_obligations.some((o) => o.key === e.change),
        );
      default:
        throw new Error(`rulebook fault: id-unused is attached to ${e.type}`);
    }
  },
  'isap-before-procurement-passed': ({ state }) =>
    isapPassed(state, 'before-procurement', 'before procurement'),
  'isap-preferred-bidder-passed': ({ state }) => isapPassed(state, 'preferred-bidder', 'at preferred bidder'),
  'isap-before-service-start-passed': ({ state }) =>
    isapPassed(state, 'before-service-start', 'before service start'),

  'route-allowed-by-regime': ({ rulebook, event }) => {
    const e = as(event, 'procurement-started');
    const regime = regimeOn(rulebook, e.on);
    if (!regime) return no(`no procurement regime in Concordat's rulebook covers ${formatDate(e.on)}`);
    const routes = regime.version.routes.map((r) => r.route);
    if (routes.includes(e.route)) return ok;
    return no(
      `'${e.route}' is not a procurement route on ${formatDate(e.on)} (${regime.entry.title}); the routes are ${routes.join(', ')}`,
      regime.entry.id,
    );
  },

  'standstill-ended': ({ state, event }) => {
    const pb = state.preferred_bidder;
    if (!pb) return no('no preferred bidder has been notified, so the standstill has not started');
    if (event.on >= pb.standstill_ends) return ok;
    return no(
      `the standstill after the notice of ${formatDate(pb.on)} ends on ${formatDate(addDays(pb.standstill_ends, -1))}; the contract can be entered into from ${formatDate(pb.standstill_ends)}`,
      state.procurement?.regime_rule,
    );
  },

  'legal-advice-taken': ({ event }) =>
    as(event, 'contract-awarded').legal_advice_taken
      ? ok
      : no(
          'the commissioners must have taken legal advice on keeping their statutory functions before award',
        ),

  'on-or-after-start-date': ({ state, event }) =>
    event.on >= state.particulars.start
      ? ok
      : no(
          `services cannot start before the service commencement date, ${formatDate(state.particulars.start)}`,
        ),

  'guarantee-provided-if-required': ({ state }) => {
    const p = state.particulars;
    if (p.provider.statutory_body || !p.non_statutory?.guarantee_required) return ok;
    return state.obligations_met['lifecycle.obligation.guarantee|once']
      ? ok
      : no(
          'the commissioners require a parent or third-party guarantee and none has been recorded',
          'lifecycle.obligation.guarantee',
        );
  },

  'variation-valid': ({ state, event }) => {
    const e = as(event, 'variation-agreed');
    for (const s of e.add_services) {
      if (state.particulars.services.some((x) => x.id === s.id)) return no(`'${s.id}' is already in scope`);
      if (!state.particulars.commissioners.some((c) => c.id === s.commissioner)) {
        return no(`'${s.commissioner}' is not one of the commissioners`);
      }
    }
    for (const id of e.remove_services) {
      if (!state.services[id] || state.services[id].status === 'terminated')
        return no(`'${id}' is not a service in scope`);
    }
    if (e.new_end && e.new_end < e.on)
      return no('a variation cannot end the contract before the day it is agreed');
    return ok;
  },

  'service-active': ({ state, event }) => {
    const e = as(event, 'service-suspended');
    const s = state.services[e.service];
    if (!s) return no(`'${e.service}' is not a service in scope`);
    return s.status === 'active' || s.status === 'terminating'
      ? ok
      : no(`${serviceName(state, e.service)} is ${s.status}`);
  },

  'service-suspended': ({ state, event }) => {
    const e = as(event, 'service-restored');
    return state.services[e.service]?.status === 'suspended' ? ok : no(`'${e.service}' is not suspended`);
  },

  'commissioner-termination-lawful': ({ state, event }) => {
    const e = as(event, 'commissioner-termination');
    const scope = scopeService(state, e.scope, e.service);
    if (!scope.ok) return scope;
    if (e.immediate) {
      if (e.effective && e.effective !== e.on)
        return no('an immediate termination takes effect on the day it is given');
      return breachAllowsImmediate(state, e.breach);
    }
    if (!e.effective) return no('a termination on notice must give the date it takes effect (effective)');
    const n = state.particulars.notice_periods;
    return noticeLongEnough(
      e.on,
      e.effective,
      e.scope === 'contract' ? n.commissioner_contract_months : n.commissioner_service_months,
      "the commissioners' own notice period",
    );
  },

  'provider-notice-long-enough': ({ state, event }) => {
    const e = as(event, 'provider-termination');
    const scope = scopeService(state, e.scope, e.service);
    if (!scope.ok) return scope;
    const n = state.particulars.notice_periods;
    return noticeLongEnough(
      e.on,
      e.effective,
      e.scope === 'contract' ? n.provider_contract_months : n.provider_service_months,
      'the notice the commissioners set for the ICP',
    );
  },

  'subcontract-proposed': ({ state, event }) => {
    const e = as(event, 'subcontract-approved', 'subcontract-declined');
    const s = state.subcontracts[e.subcontract];
    if (!s) return no(`no subcontract '${e.subcontract}' has been proposed`);
    return s.status === 'proposed'
      ? ok
      : no(`subcontract '${e.subcontract}' is ${s.status}, not awaiting approval`);
  },

  'subcontract-awaiting-direct-agreement': ({ state, event }) => {
    const e = as(event, 'direct-agreement-signed');
    const s = state.subcontracts[e.subcontract];
    if (!s) return no(`no subcontract '${e.subcontract}' has been proposed`);
    return s.status === 'awaiting-direct-agreement'
      ? ok
      : no(
          `subcontract '${e.subcontract}' is ${s.status}; a direct agreement is signed after approval that requires one`,
        );
  },

  'subcontract-in-place': ({ state, event }) => {
    const e = as(event, 'subcontract-ended');
    const s = state.subcontracts[e.subcontract];
    if (!s) return no(`no subcontract '${e.subcontract}' has been proposed`);
    return s.status === 'live' || s.status === 'awaiting-direct-agreement'
      ? ok
      : no(`subcontract '${e.subcontract}' is ${s.status}`);
  },

  'third-party-activity-permitted': ({ rulebook, event }) => {
    // What the ICP may and may not do is the functions rulebook's (functions.activity.third-party-contracts).
    const e = as(event, 'third-party-contract-activity');
    const rule = 'functions.activity.third-party-contracts';
    const version = rulebook.versionOn(rulebook.entry(rule) as RuleEntry<'commissioning-activity'>, e.on);
    if (!version) return no(`no rule on third-party contracts is in force on ${formatDate(e.on)}`, rule);
    if (version.may.some((a) => a.id === e.activity)) return ok;
    const forbidden = version.may_not.find((a) => a.id === e.activity);
    if (forbidden) {
      return no(
        `the ICP may not ${forbidden.label.charAt(0).toLowerCase()}${forbidden.label.slice(1)} (${e.third_party}): that contract stays with the commissioner; the ICP may only ${version.may.map((a) => a.label.toLowerCase()).join(' and ')}`,
        rule,
      );
    }
    return no(
      `'${e.activity}' is not a named activity; the ICP may ${version.may.map((a) => a.id).join(', ')} and may not ${version.may_not.map((a) => a.id).join(', ')}`,
      rule,
    );
  },

  'integration-agreement-complete': ({ event }) => {
    const e = as(event, 'practice-integrated-partially');
    const a = e.integration_agreement;
    if (a.goals.length === 0) return no('the Integration Agreement must set at least one integration goal');
    if (!a.information_sharing) return no('the Integration Agreement must provide for sharing information');
    if (!a.joint_decisions) return no('the Integration Agreement must set up joint decision-making');
    return ok;
  },

  'practice-not-integrated': ({ state, event }) => {
    const e = as(event, 'practice-integrated-partially', 'practice-integrated-fully');
    const mode = practiceMode(state, e.practice.ods, e.on);
    return mode
      ? no(`practice ${e.practice.ods} is already ${mode === 'full' ? 'fully' : 'partially'} integrated`)
      : ok;
  },

  'primary-medical-in-scope': ({ state }) =>
    state.particulars.services.some((s) => s.primary_medical && state.services[s.id]?.status !== 'terminated')
      ? ok
      : no(
          'full integration needs primary medical services in the contract’s scope: add one (primary_medical: true) by variation first',
        ),

  'practice-fully-integrated': ({ state, event }) => {
    const e = as(event, 'practice-reactivated');
    return practiceMode(state, e.ods, e.on) === 'full'
      ? ok
      : no(`practice ${e.ods} has no suspended GMS or PMS contract to reactivate`);
  },

  'practice-partially-integrated': ({ state, event }) => {
    const e = as(event, 'practice-left');
    return practiceMode(state, e.ods, e.on) === 'partial'
      ? ok
      : no(`practice ${e.ods} has no Integration Agreement to leave`);
  },

  'obligation-exists': ({ rulebook, state, event }) => {
    const e = as(event, 'obligation-met');
    const all = obligationSchedule(rulebook, state, e.obligation);
    const found = all.find((o) => o.rule === e.obligation && o.key === e.key);
    if (!found) {
      const keys = all.filter((o) => o.rule === e.obligation).map((o) => o.key);
      return no(
        keys.length
          ? `'${e.obligation}' has no instance '${e.key}'; its keys are ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`
          : `'${e.obligation}' is not an obligation of this contract`,
      );
    }
    return found.met_on ? no(`it was already recorded as met on ${formatDate(found.met_on)}`) : ok;
  },

  'distribution-conditions-met': ({ state, event }) => {
    const e = as(event, 'distribution-made');
    const p = state.particulars;
    if (p.provider.statutory_body || !p.non_statutory) {
      return no(
        'a statutory body has no owners to distribute funds to; this safeguard is for an ICP that is not one',
      );
    }
    const open = Object.values(state.remedial_plans).filter((r) => !r.completed_on);
    if (open.length) return no(`remedial plan '${open[0]?.id}' is still open`);
    const lastYear = state.indicator_results
      .map((r) => r.year)
      .sort()
      .at(-1);
    const missed = state.indicator_results.filter((r) => r.year === lastYear && !r.met);
    if (missed.length) return no(`indicator '${missed[0]?.indicator}' missed its target in ${lastYear}`);
    const fp = state.financial_positions.at(-1);
    if (!fp) return no('no net worth and liquidity position has been reported');
    if (fp.net_worth_pence - e.amount < p.non_statutory.minimum_net_worth) {
      return no('net worth after the distribution would fall below the agreed minimum');
    }
    const ratio = `${fp.current_assets_pence - e.amount}/${fp.current_liabilities_pence}`;
    if (
      !ratioAtLeast(
        fp.current_assets_pence - e.amount,
        fp.current_liabilities_pence,
        p.non_statutory.minimum_current_ratio,
      )
    ) {
      return no(
        `current assets to current liabilities after the distribution (${ratio}) would fall below ${p.non_statutory.minimum_current_ratio}`,
      );
    }
    return ok;
  },

  'collateral-approved': ({ state, event }) => {
    const e = as(event, 'collateral-granted');
    if (state.particulars.provider.statutory_body) return ok;
    return state.collateral.some((c) => c.asset === e.asset && c.approved_on)
      ? ok
      : no(
          `the commissioners have not approved '${e.asset}' being used as collateral`,
          'lifecycle.safeguard.collateral-approval',
        );
  },

  'indicator-exists': ({ state, event }) => {
    const e = as(event, 'indicator-result');
    return state.particulars.indicators.some((i) => i.id === e.indicator)
      ? ok
      : no(`'${e.indicator}' is not an indicator in the particulars`);
  },

  'remedial-plan-open': ({ state, event }) => {
    const e = as(event, 'remedial-plan-completed');
    const plan = state.remedial_plans[e.plan];
    if (!plan) return no(`no remedial plan '${e.plan}' has been agreed`);
    return plan.completed_on
      ? no(`remedial plan '${e.plan}' was completed on ${formatDate(plan.completed_on)}`)
      : ok;
  },

  'remedial-plan-overdue': ({ state, event }) => {
    const e = as(event, 'payment-withheld');
    const plan = state.remedial_plans[e.plan];
    if (!plan)
      return no(`no remedial plan '${e.plan}' has been agreed`, 'lifecycle.performance.remedial-plan');
    if (plan.completed_on)
      return no(`remedial plan '${e.plan}' was delivered on ${formatDate(plan.completed_on)}`);
    return e.on > plan.due
      ? ok
      : no(
          `remedial plan '${e.plan}' is not due until ${formatDate(plan.due)}; payment can be withheld only once it is overdue`,
        );
  },

  'terminated-for-provider-default': ({ state }) => {
    const services = Object.values(state.services).some((s) => s.for_default);
    return state.ended?.for_default || state.notice?.for_default || services
      ? ok
      : no("neither the contract nor any service has been ended for the ICP's default");
  },
};
