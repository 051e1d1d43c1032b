import { zero } from '../core/money.ts';
import { formatDate, type IsoDate } from '../law/date.ts';
import { addDays, addWorkingDays, addYears, maxDate } from '../law/date-arithmetic.ts';
import type { ContractPhase } from '../law/kinds/lifecycle.ts';
import type { Rulebook, RuleEntry, RuleVersion } from '../law/rulebook.ts';
import { compareDecimal } from './amounts.ts';
import { conditions, regimeOn } from './conditions.ts';
import type { ContractEvent } from './events.ts';
import { termLongerThan } from './particulars.ts';
import { describePhase } from './phases.ts';
import { type ContractState, obligationKey, type Refusal } from './state.ts';

type Transition = { entry: RuleEntry<'lifecycle-transition'>; version: RuleVersion<'lifecycle-transition'> };

/** The result of offering an event to the contract: the new state, and the refusal if it was refused. */
export interface StepResult {
  state: ContractState;
  refusal?: Refusal;
}

/**
 * Offers one event to the contract. Time first moves on to the event's date (expiry and the
 * end of notice happen by themselves); then the transition rule in force that day decides:
 * the phase must be one it allows, the actor one it names, and its conditions met. A refused
 * event changes nothing but the list of refusals and the timeline. `before` is not changed.
 */
export function applyEvent(
  rulebook: Rulebook,
  before: ContractState,
  event: ContractEvent,
  index: number,
): StepResult {
  const state = structuredClone(before);
  const refusal = applyEventInPlace(rulebook, state, event, index);
  return refusal ? { state, refusal } : { state };
}

/** applyEvent on a state the caller owns (replay uses it: cloning on every event costs O(n²)). */
export function applyEventInPlace(
  rulebook: Rulebook,
  state: ContractState,
  event: ContractEvent,
  index: number,
): Refusal | undefined {
  if (event.on < state.on) {
    throw new Error(`events must be applied in date order: ${event.on} after ${state.on}`);
  }
  advanceInPlace(rulebook, state, event.on);
  const found = transitionFor(rulebook, event);
  const refuse = (rule: string, reason: string): Refusal => {
    const entry = rulebook.entry(rule);
    const version = rulebook.versionOn(entry, event.on) ?? entry.versions.at(-1);
    const refusal: Refusal = {
      index,
      on: event.on,
      type: event.type,
      by: event.by,
      rule,
      rule_title: entry.title,
      reason,
      citations: version ? rulebook.resolve(version.cite) : [],
    };
    state.refusals.push(refusal);
    state.timeline.push({ on: event.on, type: event.type, outcome: 'refused', rule, summary: reason, index });
    return refusal;
  };

  if ('missing' in found) return refuse(found.missing, found.reason);
  const { entry, version } = found;
  if (!version.from_phases.includes(state.phase)) {
    return refuse(
      entry.id,
      `${event.type} cannot happen while the contract is ${describePhase(state.phase)}; it is allowed only when ${version.from_phases.map(describePhase).join(' or ')}`,
    );
  }
  if (!version.actors.includes(event.by)) {
    return refuse(
      entry.id,
      `only ${version.actors.map(describeActor).join(' or ')} can record ${event.type}, not ${describeActor(event.by)}`,
    );
  }
  for (const name of version.conditions) {
    const result = conditions[name]({ rulebook, state, event });
    if (!result.ok) return refuse(result.rule ?? entry.id, result.reason);
  }

  const summary = effects(rulebook, state, event);
  if (version.to_phase) enterPhase(state, version.to_phase, event.on, entry.id);
  state.timeline.push({ on: event.on, type: event.type, outcome: 'applied', rule: entry.id, summary, index });
  return undefined;
}

/** Lets time pass to `date`: services and the contract end when their notice or term runs out. */
export function advanceTo(rulebook: Rulebook, before: ContractState, date: IsoDate): ContractState {
  const state = structuredClone(before);
  advanceInPlace(rulebook, state, date);
  return state;
}

/** advanceTo on a state the caller owns. */
export function advanceInPlace(rulebook: Rulebook, state: ContractState, date: IsoDate): void {
  for (;;) {
    const due = nextAutomatic(state);
    if (!due || due.on > date) break;
    due.apply(rulebook, state);
  }
  state.on = maxDate(state.on, date);
}

/** The next thing that will happen by itself, if any. */
function nextAutomatic(
  state: ContractState,
): { on: IsoDate; apply: (r: Rulebook, s: ContractState) => void } | undefined {
  const candidates: { on: IsoDate; apply: (r: Rulebook, s: ContractState) => void }[] = [];
  for (const [id, s] of Object.entries(state.services)) {
    if (s.status === 'terminating' && s.ends) {
      const ends = s.ends;
      candidates.push({
        on: ends,
        apply: (_r, st) => {
          st.services[id] = { ...s, status: 'terminated', since: ends };
          st.timeline.push({
            on: ends,
            type: 'service-terminated',
            outcome: 'automatic',
            rule: 'lifecycle.termination.takes-effect',
            summary: `${serviceName(st, id)} ends at the end of its notice`,
          });
        },
      });
    }
  }
  if (
    (state.phase === 'live' || state.phase === 'under-notice' || state.phase === 'mobilising') &&
    state.notice
  ) {
    const notice = state.notice;
    candidates.push({
      on: notice.effective,
      apply: (_r, st) => endContract(st, notice.effective, 'termination', notice.for_default),
    });
  }
  if (state.phase === 'live' || state.phase === 'under-notice') {
    const expiry = addDays(state.particulars.end, 1);
    candidates.push({ on: expiry, apply: (_r, st) => endContract(st, expiry, 'expiry', false) });
  }
  return candidates.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))[0];
}

/**
 * The contract stops running on `on` (the first day it no longer runs): the exit arrangements
 * start, fully integrated practices' GMS/PMS contracts are reactivated by default, partial
 * agreements lapse, and subcontracts under a direct agreement pass to the commissioners.
 */
function endContract(
  state: ContractState,
  on: IsoDate,
  how: 'expiry' | 'termination',
  forDefault: boolean,
): void {
  const rule = how === 'expiry' ? 'lifecycle.expiry' : 'lifecycle.termination.takes-effect';
  state.ended = { how, on, for_default: forDefault };
  for (const practice of Object.values(state.practices)) {
    const last = practice.periods.at(-1);
    if (last && last.to === undefined) {
      last.to = maxDate(on, last.from);
      last.ended_by = last.mode === 'full' ? 'default-on-exit' : 'left';
    }
  }
  for (const sub of Object.values(state.subcontracts)) {
    if (sub.status === 'live') {
      sub.status = sub.direct_agreement_on ? 'with-commissioners' : 'ended';
      sub.ended_on = on;
    }
  }
  for (const [id, s] of Object.entries(state.services)) {
    if (s.status === 'terminated') continue;
    state.services[id] =
      how === 'expiry'
        ? { status: 'expired', since: on }
        : { status: 'terminated', since: on, for_default: s.for_default ?? forDefault };
  }
  enterPhase(state, 'exit', on, rule);
  const full = Object.values(state.practices).filter(
    (p) => p.periods.at(-1)?.ended_by === 'default-on-exit' && p.periods.at(-1)?.to === on,
  );
  state.timeline.push({
    on,
    type: how === 'expiry' ? 'contract-expired' : 'termination-takes-effect',
    outcome: 'automatic',
    rule,
    summary: `${how === 'expiry' ? 'The term ends' : 'Termination takes effect'}; exit arrangements begin${full.length ? `; ${full.length} suspended GP contract${full.length === 1 ? ' is' : 's are'} reactivated by default` : ''}`,
  });
}

function enterPhase(state: ContractState, phase: ContractPhase, on: IsoDate, rule: string): void {
  if (state.phase === phase) return;
  state.phase = phase;
  state.phases.push({ phase, from: on, rule });
}

/** Finds the transition in force for an event, or says why there is none (naming the nearest rule). */
function transitionFor(
  rulebook: Rulebook,
  event: ContractEvent,
): Transition | { missing: string; reason: string } {
  let nearest: RuleEntry<'lifecycle-transition'> | undefined;
  for (const entry of rulebook.entries.values()) {
    if (entry.kind !== 'lifecycle-transition') continue;
    const e = entry as RuleEntry<'lifecycle-transition'>;
    if (!e.versions.some((v) => v.event === event.type)) continue;
    nearest = e;
    const version = rulebook.versionOn(e, event.on);
    if (version && version.event === event.type) return { entry: e, version };
  }
  if (!nearest) throw new Error(`rulebook fault: no lifecycle rule mentions the event ${event.type}`);
  const spans = nearest.versions.map(
    (v) => `${formatDate(v.from)}${v.to ? ` to ${formatDate(v.to)}` : ' onwards'}`,
  );
  return {
    missing: nearest.id,
    reason: `no version of the rule for ${event.type} is in force on ${formatDate(event.on)} (it covers ${spans.join('; ')})`,
  };
}

function describeActor(actor: string): string {
  return actor === 'nhs-england' ? 'NHS England' : `the ${actor === 'provider' ? 'ICP' : actor}`;
}

function serviceName(state: ContractState, id: string): string {
  return state.particulars.services.find((s) => s.id === id)?.name ?? id;
}

/** What each applied event changes; returns a one-line summary for the timeline. */
function effects(rulebook: Rulebook, s: ContractState, event: ContractEvent): string {
  const e = event;
  switch (e.type) {
    case 'intention-advertised':
      return 'Intention to award advertised';
    case 'isap-before-procurement':
    case 'isap-preferred-bidder':
    case 'isap-before-service-start': {
      const checkpoint = e.type.replace('isap-', '') as
        | 'before-procurement'
        | 'preferred-bidder'
        | 'before-service-start';
      s.isap[checkpoint] = { on: e.on, outcome: e.outcome };
      return `ISAP checkpoint ${checkpoint.replace(/-/g, ' ')}: ${e.outcome}`;
    }
    case 'procurement-started': {
      const regime = regimeOn(rulebook, e.on);
      if (regime) s.procurement = { regime_rule: regime.entry.id, route: e.route, started: e.on };
      return `Procurement started by the route '${e.route}'`;
    }
    case 'procurement-abandoned':
      return `Procurement abandoned: ${e.reason}`;
    case 'preferred-bidder-selected': {
      const last = standstillLastDay(rulebook, s, e.on);
      s.preferred_bidder = { name: e.bidder, on: e.on, standstill_ends: addDays(last, 1) };
      return `${e.bidder} named preferred bidder; standstill until ${formatDate(last)}`;
    }
    case 'contract-awarded': {
      s.awarded_on = e.on;
      s.legal_advice_taken = e.legal_advice_taken;
      for (const svc of s.particulars.services)
        s.services[svc.id] = { status: 'active', since: s.particulars.start };
      flagLongTerm(rulebook, s, e.on, s.particulars.end);
      return `Contract awarded to ${s.preferred_bidder?.name ?? s.particulars.provider.name}, ${formatDate(s.particulars.start)} to ${formatDate(s.particulars.end)}`;
    }
    case 'mobilisation-started':
      return 'Mobilisation started';
    case 'services-commenced':
      return 'Services commenced: the contract is live';
    case 'variation-agreed': {
      const p = s.particulars;
      for (const svc of e.add_services) {
        p.services.push(svc);
        s.services[svc.id] = { status: 'active', since: e.on };
      }
      for (const id of e.remove_services) s.services[id] = { status: 'terminated', since: e.on };
      if (e.new_end) {
        p.end = e.new_end;
        s.end_varied_on = e.on;
        flagLongTerm(rulebook, s, e.on, e.new_end);
      }
      if (e.notice_periods) p.notice_periods = { ...p.notice_periods, ...e.notice_periods };
      s.variations.push({ on: e.on, description: e.description });
      return `Variation: ${e.description}`;
    }
    case 'service-suspended':
      s.services[e.service] = {
        ...(s.services[e.service] ?? { since: e.on }),
        status: 'suspended',
        since: e.on,
      };
      return `${serviceName(s, e.service)} suspended: ${e.reason}`;
    case 'service-restored':
      s.services[e.service] = { status: 'active', since: e.on };
      return `${serviceName(s, e.service)} restored`;
    case 'commissioner-termination':
    case 'provider-termination': {
      const immediate = e.type === 'commissioner-termination' && e.immediate;
      const effective = immediate ? e.on : (e.effective ?? e.on);
      const forDefault =
        e.type === 'commissioner-termination' &&
        (e.ground === 'default' || e.ground === 'quality' || immediate);
      const who = e.type === 'commissioner-termination' ? 'commissioners' : 'ICP';
      if (e.scope === 'service' && e.service) {
        s.services[e.service] = {
          status: 'terminating',
          since: e.on,
          ends: effective,
          for_default: forDefault,
        };
        return `The ${who} end ${serviceName(s, e.service)} from ${formatDate(effective)}`;
      }
      s.notice = {
        by: e.type === 'commissioner-termination' ? 'commissioner' : 'provider',
        given_on: e.on,
        effective,
        ...(e.type === 'commissioner-termination' ? { ground: e.ground } : {}),
        for_default: forDefault,
      };
      if (s.phase === 'live')
        enterPhase(
          s,
          'under-notice',
          e.on,
          e.type === 'commissioner-termination'
            ? 'lifecycle.termination.by-commissioner'
            : 'lifecycle.termination.by-provider',
        );
      return immediate
        ? 'The commissioners end the contract with immediate effect'
        : `The ${who} give notice ending the contract from ${formatDate(effective)}`;
    }
    case 'exit-completed':
      return 'Exit complete: contract closed';
    case 'termination-costs-claimed':
      s.compensation_claims.push({
        on: e.on,
        costs_pence: e.costs,
        recommissioning_pence: e.recommissioning,
      });
      return 'Commissioners claim their costs of termination, including recommissioning';
    case 'subcontract-proposed':
      s.subcontracts[e.subcontract] = {
        id: e.subcontract,
        subcontractor: e.subcontractor,
        services: e.services,
        key: e.key,
        ...(e.value !== undefined ? { value_pence: e.value } : {}),
        status: 'proposed',
        proposed_on: e.on,
      };
      return `Subcontract with ${e.subcontractor} proposed`;
    case 'subcontract-approved': {
      const sub = s.subcontracts[e.subcontract];
      if (!sub) return '';
      // A key subcontractor must sign a direct agreement whatever the approval says (seed 001, 57).
      const needs = e.direct_agreement_required || sub.key;
      Object.assign(sub, {
        status: needs ? 'awaiting-direct-agreement' : 'live',
        approved_on: e.on,
        approved_by: e.party ?? 'the commissioners',
        direct_agreement_required: needs,
      });
      return `Subcontract with ${sub.subcontractor} approved${needs ? ', subject to a direct agreement' : ''}`;
    }
    case 'subcontract-declined': {
      const sub = s.subcontracts[e.subcontract];
      if (sub) sub.status = 'declined';
      return `Subcontract '${e.subcontract}' declined: ${e.reason}`;
    }
    case 'direct-agreement-signed': {
      const sub = s.subcontracts[e.subcontract];
      if (sub) Object.assign(sub, { status: 'live', direct_agreement_on: e.on });
      return `Direct agreement signed; subcontract '${e.subcontract}' is live`;
    }
    case 'subcontractor-change-required': {
      const sub = e.subcontract ? s.subcontracts[e.subcontract] : undefined;
      if (sub && e.action !== 'appoint') sub.removal_required = e.requirement;
      s.event_obligations.push({
        rule: 'lifecycle.obligation.subcontractor-change',
        key: e.requirement,
        title: `${e.action} ${e.subcontractor ?? e.subcontract ?? 'a subcontractor'}`,
        due: e.due,
        created_on: e.on,
      });
      return `Commissioners require the ICP to ${e.action} ${e.subcontractor ?? e.subcontract ?? 'a subcontractor'} by ${formatDate(e.due)}`;
    }
    case 'subcontract-ended': {
      const sub = s.subcontracts[e.subcontract];
      if (!sub) return '';
      Object.assign(sub, { status: 'ended', ended_on: e.on });
      if (sub.removal_required) {
        s.obligations_met[
          obligationKey('lifecycle.obligation.subcontractor-change', sub.removal_required)
        ] ??= e.on;
      }
      return `Subcontract with ${sub.subcontractor} ended`;
    }
    case 'third-party-contract-activity':
      s.third_party_activities.push({ on: e.on, third_party: e.third_party, activity: e.activity });
      return `ICP ${e.activity.replace(/-/g, ' ')} for the commissioner's contract with ${e.third_party}`;
    case 'practice-integrated-partially':
    case 'practice-integrated-fully': {
      const mode = e.type === 'practice-integrated-fully' ? 'full' : 'partial';
      // Integration counts from the service commencement date at the earliest.
      const from = maxDate(e.on, s.particulars.start);
      const existing = s.practices[e.practice.ods];
      const practice = existing ?? {
        ods: e.practice.ods,
        name: e.practice.name,
        list_size: e.practice.list_size,
        periods: [],
      };
      practice.name = e.practice.name;
      practice.list_size = e.practice.list_size;
      if (e.type === 'practice-integrated-fully') practice.contract = e.practice.contract;
      else practice.agreement = e.integration_agreement;
      practice.periods.push({ mode, from });
      s.practices[e.practice.ods] = practice;
      return practice.contract && mode === 'full'
        ? `${e.practice.name} integrates fully from ${formatDate(from)}; its ${practice.contract.toUpperCase()} contract is suspended`
        : `${e.practice.name} signs an Integration Agreement from ${formatDate(from)}`;
    }
    case 'practice-reactivated':
    case 'practice-left': {
      const practice = s.practices[e.ods];
      const last = practice?.periods.at(-1);
      if (!practice || !last) return '';
      last.to = maxDate(e.on, last.from);
      last.ended_by = e.type === 'practice-reactivated' ? 'practice-choice' : 'left';
      return e.type === 'practice-reactivated'
        ? `${practice.name} reactivates its suspended contract`
        : `${practice.name} leaves its Integration Agreement`;
    }
    case 'obligation-met':
      s.obligations_met[obligationKey(e.obligation, e.key)] = e.on;
      return `${rulebook.entry(e.obligation).title} (${e.key}) received`;
    case 'financial-position-reported': {
      s.financial_positions.push({
        on: e.on,
        net_worth_pence: e.net_worth,
        current_assets_pence: e.current_assets,
        current_liabilities_pence: e.current_liabilities,
      });
      const ns = s.particulars.non_statutory;
      if (ns && e.net_worth < ns.minimum_net_worth) {
        addBreach(
          s,
          e.on,
          `financial-position-${e.on}`,
          'net worth (non-statutory safeguard)',
          'Net worth below the agreed minimum',
          false,
        );
      }
      return 'Net worth and liquidity reported';
    }
    case 'distribution-made':
      s.distributions.push({ on: e.on, amount_pence: e.amount });
      return 'Distribution made';
    case 'collateral-approved':
      s.collateral.push({ asset: e.asset, approved_on: e.on });
      return `Commissioners approve '${e.asset}' as collateral`;
    case 'collateral-granted': {
      const c = s.collateral.find((x) => x.asset === e.asset);
      if (c) c.granted_on = e.on;
      else s.collateral.push({ asset: e.asset, granted_on: e.on });
      return `'${e.asset}' given as collateral`;
    }
    case 'other-business-started':
      if (!s.particulars.provider.statutory_body) {
        addBreach(
          s,
          e.on,
          `other-business-${e.on}`,
          'single-purpose entity (non-statutory safeguard)',
          e.description,
          true,
        );
        return `Business outside the contract started: ${e.description} (a breach)`;
      }
      return `Business outside the contract noted: ${e.description}`;
    case 'indicator-result': {
      const ind = s.particulars.indicators.find((i) => i.id === e.indicator);
      if (!ind) return '';
      const cmp = compareDecimal(e.value, ind.target);
      const met = ind.direction === 'higher-is-better' ? cmp >= 0 : cmp <= 0;
      s.indicator_results = s.indicator_results.filter(
        (r) => !(r.indicator === e.indicator && r.year === e.year),
      );
      s.indicator_results.push({
        indicator: e.indicator,
        year: e.year,
        value: e.value,
        target: ind.target,
        met,
        incentive_pence: met ? ind.annual_incentive : zero,
        recorded_on: e.on,
      });
      return `${ind.title} ${e.year}: ${e.value} against ${ind.target} (${met ? 'met' : 'missed'})`;
    }
    case 'breach-recorded': {
      const b = addBreach(s, e.on, e.breach, e.condition, e.description, e.material, e.service);
      return `Breach of ${e.condition}${b.material ? ' (material)' : ''}${b.persistent ? ' (persistent)' : ''}: ${e.description}`;
    }
    case 'remedial-plan-agreed':
      s.remedial_plans[e.plan] = {
        id: e.plan,
        agreed_on: e.on,
        ...(e.breach ? { breach: e.breach } : {}),
        actions: e.actions,
        due: e.due,
      };
      s.event_obligations.push({
        rule: 'lifecycle.obligation.remedial-plan',
        key: e.plan,
        title: `Remedial plan ${e.plan}`,
        due: e.due,
        created_on: e.on,
      });
      return `Remedial plan '${e.plan}' agreed, due ${formatDate(e.due)}`;
    case 'remedial-plan-completed': {
      const plan = s.remedial_plans[e.plan];
      if (plan) plan.completed_on = e.on;
      s.obligations_met[obligationKey('lifecycle.obligation.remedial-plan', e.plan)] = e.on;
      return `Remedial plan '${e.plan}' delivered`;
    }
    case 'payment-withheld':
      s.withheld.push({ on: e.on, plan: e.plan, amount_pence: e.amount });
      return `Payment withheld while remedial plan '${e.plan}' is overdue`;
    case 'candour-incident':
      s.event_obligations.push({
        rule: 'lifecycle.obligation.candour-notification',
        key: e.incident,
        title: `Duty of candour: ${e.description}`,
        due:
          e.notify_by ??
          addDays(e.on, offsetDays(rulebook, 'lifecycle.obligation.candour-notification', e.on)),
        created_on: e.on,
      });
      return `Duty of candour incident '${e.incident}' recorded`;
    case 'service-change-proposed':
      s.event_obligations.push({
        rule: 'lifecycle.obligation.consultation-support',
        key: e.change,
        title: `Support public involvement: ${e.description}`,
        due:
          e.support_by ??
          addDays(e.on, offsetDays(rulebook, 'lifecycle.obligation.consultation-support', e.on)),
        created_on: e.on,
      });
      return `Service change '${e.change}' proposed`;
  }
}

/**
 * The last day of the standstill after a notice on `notice`: the Provider Selection Regime's
 * working days where the regime gives them, otherwise the PCR 2015 calendar days in force
 * when the procurement started (lifecycle.standstill.pcr-2015); none if neither applies.
 */
function standstillLastDay(rulebook: Rulebook, s: ContractState, notice: IsoDate): IsoDate {
  const started = s.procurement?.started ?? notice;
  const regime = s.procurement
    ? rulebook.versionOn(
        rulebook.entry(s.procurement.regime_rule) as RuleEntry<'procurement-regime'>,
        started,
      )
    : undefined;
  if (regime?.standstill_working_days) return addWorkingDays(notice, regime.standstill_working_days);
  const pcr = rulebook.versionOn(
    rulebook.entry('lifecycle.standstill.pcr-2015') as RuleEntry<'parameter'>,
    started,
  );
  return pcr ? addDays(notice, Number(pcr.value)) : notice;
}

function offsetDays(rulebook: Rulebook, rule: string, on: IsoDate): number {
  return rulebook.require(rule, on, 'lifecycle-obligation').offset_days ?? 0;
}

/** A breach is persistent when the same condition was breached twice before in the 12 months up to it. */
function addBreach(
  s: ContractState,
  on: IsoDate,
  id: string,
  condition: string,
  description: string,
  material: boolean,
  service?: string,
) {
  const yearBefore = addYears(on, -1);
  const earlier = s.breaches.filter((b) => b.condition === condition && b.on > yearBefore).length;
  const breach = {
    id,
    on,
    condition,
    description,
    material,
    persistent: earlier >= 2,
    ...(service ? { service } : {}),
  };
  s.breaches.push(breach);
  return breach;
}

/** A term longer than the national guidance contemplates is flagged, not refused (contract.term.maximum-years). */
function flagLongTerm(rulebook: Rulebook, s: ContractState, on: IsoDate, end: IsoDate): void {
  const rule = 'contract.term.maximum-years';
  const entry = rulebook.entry(rule) as RuleEntry<'parameter'>;
  const years = rulebook.versionOn(entry, on)?.value;
  if (years === undefined || !termLongerThan(s.particulars.start, end, Number(years))) return;
  s.flags.push({
    on,
    rule,
    message: `the term from ${formatDate(s.particulars.start)} to ${formatDate(end)} is longer than the ${years} years the ICP Contract guidance contemplates`,
  });
}
