import type { IsoDate } from '../../law/date.ts';
import { addDays } from '../../law/date-arithmetic.ts';
import type { Rulebook } from '../../law/rulebook.ts';
import { obligationKey } from '../state.ts';
import type { Reducers } from './reducer.ts';

/** Obligations met, and those an event creates (a candour notification, support for a consultation). */
export const obligationReducers = {
  'obligation-met': (s, e) => {
    s.obligations_met[obligationKey(e.obligation, e.key)] = e.on;
  },
  'candour-incident': (s, e, rulebook) => {
    const rule = 'lifecycle.obligation.candour-notification';
    s.event_obligations.push({
      rule,
      key: e.incident,
      title: `Duty of candour: ${e.description}`,
      due: e.notify_by ?? addDays(e.on, offsetDays(rulebook, rule, e.on)),
      created_on: e.on,
    });
  },
  'service-change-proposed': (s, e, rulebook) => {
    const rule = 'lifecycle.obligation.consultation-support';
    s.event_obligations.push({
      rule,
      key: e.change,
      title: `Support public involvement: ${e.description}`,
      due: e.support_by ?? addDays(e.on, offsetDays(rulebook, rule, e.on)),
      created_on: e.on,
    });
  },
} satisfies Partial<Reducers>;

/** Days from the event to the obligation's due date, as the obligation's rule in force gives them. */
function offsetDays(rulebook: Rulebook, rule: string, on: IsoDate): number {
  return rulebook.require(rule, on, 'lifecycle-obligation').offset_days ?? 0;
}
