import type { IsoDate } from '../law/date.ts';
import { addDays, maxDate } from '../law/date-arithmetic.ts';
import type { Rulebook, RuleEntry, RuleVersion } from '../law/rulebook.ts';
import { conditions } from './conditions.ts';
import type { ContractEvent } from './events.ts';
import { reduce } from './reducers/index.ts';
import { type ContractState, enterPhase, type Refusal } from './state.ts';
import {
  appliedSummary,
  contractEndedSummary,
  noVersionReason,
  serviceEndedSummary,
  wrongActorReason,
  wrongPhaseReason,
} from './timeline.ts';

type Transition = { entry: RuleEntry<'lifecycle-transition'>; version: RuleVersion<'lifecycle-transition'> };

/** The result of offering an event to the contract: the new state, and the refusal if it was refused. */
export interface StepResult {
  state: ContractState;
  refusal?: Refusal;
}

/**
 * Offers one event to the contract. Time first moves on to the event's date (expiry and the
 * end of notice happen by themselves); then the transition rule in force that day decides:
 * the phase must be one it allows, the actor one it names, and its conditions met. An allowed
 * event's reducer (reducers/) changes the state, the rule moves the phase, and timeline.ts
 * words the line. A refused event changes nothing but the list of refusals and the timeline.
 * `before` is not changed.
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
      provenance: entry.provenance,
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
    return refuse(entry.id, wrongPhaseReason(event.type, state.phase, version.from_phases));
  }
  if (!version.actors.includes(event.by)) {
    return refuse(entry.id, wrongActorReason(event.type, event.by, version.actors));
  }
  for (const name of version.conditions) {
    const result = conditions[name]({ rulebook, state, event });
    if (!result.ok) return refuse(result.rule ?? entry.id, result.reason);
  }

  reduce(rulebook, state, event);
  const summary = appliedSummary(rulebook, event, state);
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
            summary: serviceEndedSummary(st, id),
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
    summary: contractEndedSummary(how, full.length),
  });
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
  return { missing: nearest.id, reason: noVersionReason(event.type, event.on, nearest.versions) };
}
