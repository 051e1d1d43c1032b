import { maxDate } from '../../law/date-arithmetic.ts';
import type { EventOf } from '../events.ts';
import type { ContractState } from '../state.ts';
import type { Reducers } from './reducer.ts';

/** GP practices joining the ICP (partly or fully) and leaving it. */
export const practiceReducers = {
  'practice-integrated-partially': integrate,
  'practice-integrated-fully': integrate,
  'practice-reactivated': endIntegration,
  'practice-left': endIntegration,
} satisfies Partial<Reducers>;

/** A new period of integration; a full one suspends the practice's own GMS or PMS contract. */
function integrate(
  s: ContractState,
  e: EventOf<'practice-integrated-partially' | 'practice-integrated-fully'>,
): void {
  const mode = e.type === 'practice-integrated-fully' ? 'full' : 'partial';
  // Integration counts from the service commencement date at the earliest.
  const from = maxDate(e.on, s.particulars.start);
  const practice = s.practices[e.practice.ods] ?? {
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
}

/** The practice's current period ends: it reactivates its own contract, or leaves its agreement. */
function endIntegration(s: ContractState, e: EventOf<'practice-reactivated' | 'practice-left'>): void {
  const last = s.practices[e.ods]?.periods.at(-1);
  if (!last) return;
  last.to = maxDate(e.on, last.from);
  last.ended_by = e.type === 'practice-reactivated' ? 'practice-choice' : 'left';
}
