import { zero } from '../../core/money.ts';
import type { IsoDate } from '../../law/date.ts';
import { addYears } from '../../law/date-arithmetic.ts';
import { compareDecimal } from '../amounts.ts';
import { type Breach, type ContractState, obligationKey } from '../state.ts';
import type { Reducers } from './reducer.ts';

/** Indicator results, breaches, remedial plans and the payments withheld under them. */
export const performanceReducers = {
  'indicator-result': (s, e) => {
    const ind = s.particulars.indicators.find((i) => i.id === e.indicator);
    if (!ind) return;
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
  },
  'breach-recorded': (s, e) => {
    addBreach(s, e.on, e.breach, e.condition, e.description, e.material, e.service);
  },
  'remedial-plan-agreed': (s, e) => {
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
  },
  'remedial-plan-completed': (s, e) => {
    const plan = s.remedial_plans[e.plan];
    if (plan) plan.completed_on = e.on;
    s.obligations_met[obligationKey('lifecycle.obligation.remedial-plan', e.plan)] = e.on;
  },
  'payment-withheld': (s, e) => {
    s.withheld.push({ on: e.on, plan: e.plan, amount_pence: e.amount });
  },
} satisfies Partial<Reducers>;

/** A breach is persistent when the same condition was breached twice before in the 12 months up to it. */
export function addBreach(
  s: ContractState,
  on: IsoDate,
  id: string,
  condition: string,
  description: string,
  material: boolean,
  service?: string,
): void {
  const yearBefore = addYears(on, -1);
  const earlier = s.breaches.filter((b) => b.condition === condition && b.on > yearBefore).length;
  const breach: Breach = {
    id,
    on,
    condition,
    description,
    material,
    persistent: earlier >= 2,
    ...(service ? { service } : {}),
  };
  s.breaches.push(breach);
}
