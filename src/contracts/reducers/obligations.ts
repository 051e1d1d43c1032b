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
    s.event_obligations.push(
      obligationFromEvent(rulebook, 'lifecycle.obligation.candour-notification', e.on, e.notify_by, {
        key: e.incident,
        title: `Duty of candour: ${e.description}`,
      }),
    );
  },
  'service-change-proposed': (s, e, rulebook) => {
    s.event_obligations.push(
      obligationFromEvent(rulebook, 'lifecycle.obligation.consultation-support', e.on, e.support_by, {
        key: e.change,
        title: `Support public involvement: ${e.description}`,
      }),
    );
  },
} satisfies Partial<Reducers>;

/**
 * An obligation an event creates on `on`: due when the event says, or else the days after it
 * that the obligation's rule in force gives.
 */
function obligationFromEvent(
  rulebook: Rulebook,
  rule: string,
  on: IsoDate,
  dueGiven: IsoDate | undefined,
  what: { key: string; title: string },
) {
  const due = dueGiven ?? addDays(on, rulebook.require(rule, on, 'lifecycle-obligation').offset_days ?? 0);
  return { rule, ...what, due, created_on: on };
}
