import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence, parsePounds, sum } from '../core/money.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate } from '../law/date.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { monthsIn, paidPart, parseFinancialYear, yearsIn } from '../money/calendar.ts';
import {
  formatDecimal,
  formatPercent,
  parseDecimal,
  parsePercent,
  plus,
  type Rate,
  ratio,
} from '../money/rate.ts';
import { checkCommissionerCodes } from '../system/commissioner-codes.ts';
import { type AllocationResult, allocationMethods } from './allocation.ts';
import { buildBudget, type FundingStreamClassifier } from './budget.ts';
import {
  type FlowThrough,
  moneyAtRisk,
  type PracticeShare,
  practiceFigure,
  qofPayment,
  qofPoints,
} from './incentives.ts';
import { asCount, asPence, yearParameter } from './parameters.ts';
import type { Figure, Trace } from './trace.ts';
import { wpapSchedule } from './wpap.ts';
import { budgetToWpap, explainYears, instalmentFigure } from './wpap-explain.ts';

/** Money in reports: exact pence for machines, pounds for people. */
export interface Money {
  pence: number;
  pounds: string;
}

export const money = (p: Pence): Money => ({ pence: p, pounds: formatPounds(p) });

/** A figure in a report: its amount and, when explaining, how it was reached. */
export interface ReportFigure extends Money {
  trace?: Trace | undefined;
}

const rate = (r: Rate, places = 4) => ({ fraction: `${r.n}/${r.d}`, decimal: formatDecimal(r, places) });

/**
 * Everything `concordat budget` shows (docs/cli.md, `BudgetReport`): the integrated budget
 * build, the WPAP for each year with its monthly instalments, incentives, money at risk and
 * national assurance, flow-through, risk share and QOF. Traces are included when asked.
 */
export function budgetReport(
  arrangement: Arrangement,
  classify: FundingStreamClassifier,
  rulebook: Rulebook,
  options: { years?: number | undefined; explain?: boolean | undefined } = {},
) {
  const on = arrangement.term?.start;
  if (!on)
    throw new InvalidInput('term', 'is missing', 'Give the contract term (start and end) to build a budget.');
  const unchecked = checkCommissionerCodes(arrangement, on);
  const budget = buildBudget(arrangement, classify, on);
  const schedule = wpapSchedule(budget, arrangement, rulebook, { years: options.years });
  const qof = qofReport(arrangement, rulebook);
  const assured = arrangement.payment?.national_assurance === true;
  const explained = options.explain ? explainYears(schedule) : undefined;
  const fig = (f: Figure): ReportFigure => ({
    ...money(f.amount),
    ...(options.explain ? { trace: f.trace } : {}),
  });
  // Traces are written out only when asked for: schedules are kept as plain pence.
  const yearFig = (amount: Pence, explained: Figure | undefined): ReportFigure => ({
    ...money(amount),
    ...(explained ? { trace: explained.trace } : {}),
  });
  return {
    arrangement: arrangement.name,
    term: { start: schedule.term.from, end: schedule.term.to },
    budget: {
      on,
      lines: budget.lines.map((l) => ({
        id: l.id,
        service: l.service,
        service_name: l.service_name,
        commissioner: l.commissioner,
        commissioner_name: l.commissioner_name,
        source: l.source,
        class: l.class,
        reason: l.reason,
        rule: l.rule ?? null,
        citations: l.citations,
        value: money(l.value),
      })),
      pooled: fig(budget.pooled),
      aligned: fig(budget.aligned),
      outside: fig(budget.outside),
      icp_total: fig(budget.icp_total),
      cquin_eligible: fig(budget.cquin_eligible),
      // What the ICP pays on to its subcontractors (seed 001, paras 49-50), where the value is given.
      subcontracts: arrangement.subcontracts.flatMap((s, i) =>
        s.value === undefined
          ? []
          : [
              {
                id: s.id,
                subcontractor: s.subcontractor,
                services: s.services,
                value: money(parsePounds(s.value, `subcontracts[${i}].value`)),
              },
            ],
      ),
    },
    years: schedule.years.map((y, k) => {
      const e = explained?.[k];
      return {
        year: y.year,
        from: y.period.from,
        to: y.period.to,
        days: y.days,
        in_scope: yearFig(y.in_scope, e?.in_scope),
        cquin_at_risk: yearFig(y.cquin_at_risk, e?.cquin_at_risk),
        local_at_risk: yearFig(y.local_at_risk, e?.local_at_risk),
        activity_paid: yearFig(y.activity_paid, e?.activity_paid),
        wpap: yearFig(y.wpap, e?.wpap),
        incentives_earned: yearFig(y.incentives_earned, e?.incentives_earned),
        money_at_risk: moneyAtRiskReport(y.cquin_at_risk, y.local_at_risk, assured),
        flow_through: y.flow_through
          ? {
              ...yearFig(y.flow_through.total, e?.flow_through),
              practices: flowPractices(schedule.flow_practices, y.flow_through),
            }
          : null,
        risk_share: y.risk_share
          ? {
              provider: fig(y.risk_share.provider),
              commissioners: fig(y.risk_share.commissioners),
              provider_share_of_budget: formatPercent(y.risk_share.provider_share_of_budget, 3),
            }
          : null,
        instalments: monthsIn(y.period, y.year).map((m, i) => {
          const paid = paidPart(m, y.period);
          const amount = y.instalments[i] as Pence;
          return {
            month: paid.label,
            from: paid.from,
            to: paid.to,
            ...money(amount),
            ...(options.explain ? { trace: instalmentFigure(amount, y, m, paid).trace } : {}),
          };
        }),
      };
    }),
    budget_to_wpap: budgetToWpapReport(schedule),
    qof,
    notes: [...unchecked, ...schedule.notes],
  };
}
export type BudgetReport = ReturnType<typeof budgetReport>;

/** Why the first year's WPAP differs from the budget, step by step, in pounds and pence. */
function budgetToWpapReport(schedule: Parameters<typeof budgetToWpap>[0]) {
  const r = budgetToWpap(schedule);
  return {
    year: r.year,
    budget: money(r.budget),
    steps: r.steps.map((s) => ({ what: s.what, amount: money(s.amount) })),
    wpap: money(r.wpap),
  };
}

/** Money at risk and the national-assurance test (seed 001 paragraph 45), in pounds and pence. */
function moneyAtRiskReport(national: Pence, local: Pence, assured: boolean) {
  const r = moneyAtRisk(national, local, assured);
  return {
    national: money(r.national),
    local: money(r.local),
    total: money(r.total),
    national_assurance_needed: r.national_assurance_needed,
    national_assurance_given: r.national_assurance_given,
    reason: r.reason,
  };
}

/**
 * Each practice's part of the flow-through: the practice (by code and, where the arrangement
 * gives it, name), the list size it is shared by, and its amount; `what` as in its trace.
 */
function flowPractices(practices: readonly PracticeShare[], f: FlowThrough) {
  return practices.map((p, i) => ({
    what: practiceFigure(p, f.parts[i] as Pence).trace.what,
    ods: p.ods,
    name: p.name ?? null,
    list_size: p.list_size,
    amount: money(f.parts[i] as Pence),
  }));
}

/** QOF for fully integrated practices in the year given (payment.qof), with the year's national parameters. */
function qofReport(a: Arrangement, rulebook: Rulebook) {
  const q = a.payment?.qof;
  if (!q) return null;
  const year = parseFinancialYear(q.year, 'payment.qof.year');
  const term = a.term;
  if (term && !yearsIn({ from: term.start, to: term.end }).includes(year))
    throw new InvalidInput(
      'payment.qof.year',
      `${year} is outside the contract term (${formatDate(term.start)} to ${formatDate(term.end)})`,
      'QOF comes to the ICP only for years its contract runs.',
    );
  const ppp = yearParameter(rulebook, 'money.qof.pound-per-point', year, 'payment.qof.year');
  const avg = yearParameter(rulebook, 'money.qof.national-average-list', year, 'payment.qof.year');
  const dp = yearParameter(rulebook, 'money.qof.list-index-decimals', year, 'payment.qof.year');
  const practices = q.practices.map((p, i) => {
    const field = `payment.qof.practices[${i}]`;
    const gp = a.gp_practices.find((g) => g.ods === p.ods);
    if (!gp) throw new InvalidInput(`${field}.ods`, `${p.ods} is not in gp_practices`);
    if (gp.mode !== 'full')
      throw new InvalidInput(
        `${field}.ods`,
        `${p.ods} is not fully integrated (mode ${gp.mode})`,
        'QOF comes to the ICP only for practices whose services it provides in full (seed 001 paragraph 44).',
      );
    if (gp.list_size === undefined)
      throw new InvalidInput(`${field}.ods`, `${p.ods} has no list_size in gp_practices`);
    const indicators = p.indicators.map((x, j) => {
      const f = `${field}.indicators[${j}]`;
      const points = qofPoints(
        { ...x, lower: parsePercent(x.lower, `${f}.lower`), upper: parsePercent(x.upper, `${f}.upper`) },
        f,
      );
      const paid = qofPayment({
        points,
        poundPerPoint: { pence: asPence(ppp), parameter: ppp },
        listSize: gp.list_size as number,
        nationalAverageList: { count: asCount(avg), parameter: avg },
        listIndexDecimals: { places: asCount(dp), parameter: dp },
        prevalenceFactor: parseDecimal(x.prevalence_factor, `${f}.prevalence_factor`),
      });
      return { id: x.id, points, paid };
    });
    const total = sum(indicators.map((x) => x.paid.amount));
    return {
      ods: p.ods,
      list_size: gp.list_size,
      points: formatDecimal(
        indicators.reduce((s, x) => plus(s, x.points), ratio(0)),
        2,
      ),
      indicators: indicators.map((x) => ({
        id: x.id,
        points: formatDecimal(x.points, 2),
        payment: money(x.paid.amount),
        trace: x.paid.trace,
      })),
      payment: money(total),
    };
  });
  return { year, practices, total: money(sum(practices.map((p) => p.payment.pence as Pence))) };
}

/** Everything `concordat allocate` shows (docs/cli.md, `AllocationReport`). */
export function allocationReport(r: AllocationResult, explain = false) {
  const dp = r.method === 'exact' ? 4 : 3;
  return {
    method: r.method,
    method_description: allocationMethods[r.method],
    icb: r.icb,
    icb_name: r.icb_name,
    year: r.year,
    total: money(r.total),
    population: r.population,
    places: r.places.map((p) => ({
      id: p.id,
      name: p.name,
      practice_count: p.practices.length,
      practices: p.practices,
      population: p.population,
      need_index: rate(p.need_index, dp),
      components: p.components.map((c) => ({
        component: c.component,
        basis: c.basis,
        weighted_population: c.weighted_population,
        need_index: rate(c.need_index, dp),
        ...money(c.amount.amount),
        ...(explain ? { trace: c.amount.trace } : {}),
      })),
      target: money(p.target.amount),
      current: p.current !== undefined ? money(p.current) : null,
      distance_from_target: p.distance_from_target
        ? { gap: money(p.distance_from_target.gap), percent: formatPercent(p.distance_from_target.share, 2) }
        : null,
      allocation: { ...money(p.allocation.amount), ...(explain ? { trace: p.allocation.trace } : {}) },
    })),
  };
}
export type AllocationReport = ReturnType<typeof allocationReport>;
