import { formatDate, type IsoDate } from '../law/date.ts';
import { addDays } from '../law/date-arithmetic.ts';
import type { Actor, ContractPhase } from '../law/kinds/lifecycle.ts';
import type { Rulebook, RuleVersion } from '../law/rulebook.ts';
import type { ContractEvent, EventOf, EventType } from './events.ts';
import { describePhase } from './phases.ts';
import { isapCheckpoint } from './reducers/procurement.ts';
import { isImmediate, noticeEffective } from './reducers/termination.ts';
import type { ContractState } from './state.ts';

/**
 * The contract timeline's English: one line for each event applied, refused or applied by
 * Concordat itself. Words only: every line is read from the event and the state its reducer
 * left, and nothing here changes the state.
 */

type Summary<T extends EventType> = (e: EventOf<T>, s: ContractState, rulebook: Rulebook) => string;

const summaries: { [T in EventType]: Summary<T> } = {
  'intention-advertised': () => 'Intention to award advertised',
  'isap-before-procurement': isapSummary,
  'isap-preferred-bidder': isapSummary,
  'isap-before-service-start': isapSummary,
  'procurement-started': (e) => `Procurement started by the route '${e.route}'`,
  'procurement-abandoned': (e) => `Procurement abandoned: ${e.reason}`,
  'preferred-bidder-selected': (e, s) => {
    const last = s.preferred_bidder ? addDays(s.preferred_bidder.standstill_ends, -1) : e.on;
    return `${e.bidder} named preferred bidder; standstill until ${formatDate(last)}`;
  },
  'contract-awarded': (_e, s) =>
    `Contract awarded to ${s.preferred_bidder?.name ?? s.particulars.provider.name}, ${formatDate(s.particulars.start)} to ${formatDate(s.particulars.end)}`,
  'mobilisation-started': () => 'Mobilisation started',
  'services-commenced': () => 'Services commenced: the contract is live',
  'variation-agreed': (e) => `Variation: ${e.description}`,
  'service-suspended': (e, s) => `${serviceName(s, e.service)} suspended: ${e.reason}`,
  'service-restored': (e, s) => `${serviceName(s, e.service)} restored`,
  'commissioner-termination': terminationSummary,
  'provider-termination': terminationSummary,
  'exit-completed': () => 'Exit complete: contract closed',
  'termination-costs-claimed': () =>
    'Commissioners claim their costs of termination, including recommissioning',
  'subcontract-proposed': (e) => `Subcontract with ${e.subcontractor} proposed`,
  'subcontract-approved': (e, s) => {
    const sub = s.subcontracts[e.subcontract];
    if (!sub) return '';
    return `Subcontract with ${sub.subcontractor} approved${sub.direct_agreement_required ? ', subject to a direct agreement' : ''}`;
  },
  'subcontract-declined': (e) => `Subcontract '${e.subcontract}' declined: ${e.reason}`,
  'direct-agreement-signed': (e) => `Direct agreement signed; subcontract '${e.subcontract}' is live`,
  'subcontractor-change-required': (e) =>
    `Commissioners require the ICP to ${e.action} ${e.subcontractor ?? e.subcontract ?? 'a subcontractor'} by ${formatDate(e.due)}`,
  'subcontract-ended': (e, s) => {
    const sub = s.subcontracts[e.subcontract];
    return sub ? `Subcontract with ${sub.subcontractor} ended` : '';
  },
  'third-party-contract-activity': (e) =>
    `ICP ${e.activity.replace(/-/g, ' ')} for the commissioner's contract with ${e.third_party}`,
  'practice-integrated-partially': integrationSummary,
  'practice-integrated-fully': integrationSummary,
  'practice-reactivated': (e, s) => {
    const practice = s.practices[e.ods];
    return practice?.periods.length ? `${practice.name} reactivates its suspended contract` : '';
  },
  'practice-left': (e, s) => {
    const practice = s.practices[e.ods];
    return practice?.periods.length ? `${practice.name} leaves its Integration Agreement` : '';
  },
  'obligation-met': (e, _s, rulebook) => `${rulebook.entry(e.obligation).title} (${e.key}) received`,
  'financial-position-reported': () => 'Net worth and liquidity reported',
  'distribution-made': () => 'Distribution made',
  'collateral-approved': (e) => `Commissioners approve '${e.asset}' as collateral`,
  'collateral-granted': (e) => `'${e.asset}' given as collateral`,
  'other-business-started': (e, s) =>
    s.particulars.provider.statutory_body
      ? `Business outside the contract noted: ${e.description}`
      : `Business outside the contract started: ${e.description} (a breach)`,
  'indicator-result': (e, s) => {
    const ind = s.particulars.indicators.find((i) => i.id === e.indicator);
    const result = s.indicator_results.find((r) => r.indicator === e.indicator && r.year === e.year);
    if (!ind || !result) return '';
    return `${ind.title} ${e.year}: ${e.value} against ${ind.target} (${result.met ? 'met' : 'missed'})`;
  },
  'breach-recorded': (e, s) => {
    const b = s.breaches.at(-1);
    return `Breach of ${e.condition}${b?.material ? ' (material)' : ''}${b?.persistent ? ' (persistent)' : ''}: ${e.description}`;
  },
  'remedial-plan-agreed': (e) => `Remedial plan '${e.plan}' agreed, due ${formatDate(e.due)}`,
  'remedial-plan-completed': (e) => `Remedial plan '${e.plan}' delivered`,
  'payment-withheld': (e) => `Payment withheld while remedial plan '${e.plan}' is overdue`,
  'candour-incident': (e) => `Duty of candour incident '${e.incident}' recorded`,
  'service-change-proposed': (e) => `Service change '${e.change}' proposed`,
};

/** The timeline's line for an applied event, read from the state its reducer left. */
export function appliedSummary(rulebook: Rulebook, event: ContractEvent, after: ContractState): string {
  return (summaries[event.type] as Summary<EventType>)(event, after, rulebook);
}

function isapSummary(
  e: EventOf<'isap-before-procurement' | 'isap-preferred-bidder' | 'isap-before-service-start'>,
) {
  return `ISAP checkpoint ${isapCheckpoint(e).replace(/-/g, ' ')}: ${e.outcome}`;
}

function terminationSummary(
  e: EventOf<'commissioner-termination' | 'provider-termination'>,
  s: ContractState,
) {
  const effective = formatDate(noticeEffective(e));
  const who = e.type === 'commissioner-termination' ? 'commissioners' : 'ICP';
  if (e.scope === 'service' && e.service)
    return `The ${who} end ${serviceName(s, e.service)} from ${effective}`;
  return isImmediate(e)
    ? 'The commissioners end the contract with immediate effect'
    : `The ${who} give notice ending the contract from ${effective}`;
}

function integrationSummary(
  e: EventOf<'practice-integrated-partially' | 'practice-integrated-fully'>,
  s: ContractState,
): string {
  const practice = s.practices[e.practice.ods];
  const from = formatDate(practice?.periods.at(-1)?.from ?? e.on);
  return practice?.contract && e.type === 'practice-integrated-fully'
    ? `${e.practice.name} integrates fully from ${from}; its ${practice.contract.toUpperCase()} contract is suspended`
    : `${e.practice.name} signs an Integration Agreement from ${from}`;
}

/** The line for a service whose notice has run out. */
export function serviceEndedSummary(s: ContractState, service: string): string {
  return `${serviceName(s, service)} ends at the end of its notice`;
}

/** The line for the contract's end by expiry or notice, counting the GP contracts it reactivates. */
export function contractEndedSummary(how: 'expiry' | 'termination', reactivated: number): string {
  const start = how === 'expiry' ? 'The term ends' : 'Termination takes effect';
  const gp = reactivated
    ? `; ${reactivated} suspended GP contract${reactivated === 1 ? ' is' : 's are'} reactivated by default`
    : '';
  return `${start}; exit arrangements begin${gp}`;
}

/** Why an event cannot happen in the contract's present phase. */
export function wrongPhaseReason(
  type: EventType,
  phase: ContractPhase,
  allowed: readonly ContractPhase[],
): string {
  return `${type} cannot happen while the contract is ${describePhase(phase)}; it is allowed only when ${allowed.map(describePhase).join(' or ')}`;
}

/** Why this party cannot record the event. */
export function wrongActorReason(type: EventType, by: Actor, allowed: readonly Actor[]): string {
  return `only ${allowed.map(describeActor).join(' or ')} can record ${type}, not ${describeActor(by)}`;
}

/** Why no rule decides the event on its date, naming the dates the nearest rule covers. */
export function noVersionReason(type: EventType, on: IsoDate, versions: readonly RuleVersion[]): string {
  const spans = versions.map((v) => `${formatDate(v.from)}${v.to ? ` to ${formatDate(v.to)}` : ' onwards'}`);
  return `no version of the rule for ${type} is in force on ${formatDate(on)} (it covers ${spans.join('; ')})`;
}

function describeActor(actor: Actor): string {
  return actor === 'nhs-england' ? 'NHS England' : `the ${actor === 'provider' ? 'ICP' : actor}`;
}

function serviceName(state: ContractState, id: string): string {
  return state.particulars.services.find((s) => s.id === id)?.name ?? id;
}
