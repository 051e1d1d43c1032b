import { formatPounds, negate, type Pence, pence, sum } from '../core/money.ts';
import { formatDate } from '../law/date.ts';
import { classifyService } from '../law/pooling.ts';
import { type Month, proRataByDays } from '../money/calendar.ts';
import { formatDecimal, formatPercent, one } from '../money/rate.ts';
import { cquinFigure, earned, earnedFigure, flowThroughFigure } from './incentives.ts';
import type { DatedRate, PaymentInputs } from './payment-inputs.ts';
import { draftIcpContract, type Figure, figure } from './trace.ts';
import { changesIn, cquinField, paymentInputs, type Schedule, type YearSchedule } from './wpap.ts';

/** A year's figures with how each was reached (ARCHITECTURE practice 12). */
export interface YearFigures {
  in_scope: Figure;
  cquin_at_risk: Figure;
  local_at_risk: Figure;
  activity_paid: Figure;
  wpap: Figure;
  incentives_earned: Figure;
  flow_through?: Figure | undefined;
}

/**
 * Explains each year of a schedule: the rules, inputs and dated parameters behind each
 * figure. The words describe the numbers the schedule holds (only what each indicator earned
 * is worked out again, by the same function), so an explained figure is always the figure
 * shown (wpap.test.ts checks this).
 */
export function explainYears(schedule: Schedule): YearFigures[] {
  const { arrangement, rulebook } = schedule.from;
  const inputs = paymentInputs(arrangement, schedule.term, rulebook);
  return schedule.years.map((_, k) => explainYear(schedule, inputs, k));
}

/** A service's name in the rulebook on a date (the arrangement names services by their ids). */
function serviceName(rulebook: Schedule['from']['rulebook'], service: string, on: string): string {
  return classifyService(rulebook, service, on).title;
}

function explainYear(schedule: Schedule, inputs: PaymentInputs, k: number): YearFigures {
  const { budget, rulebook } = schedule.from;
  const y = schedule.years[k] as YearSchedule;
  const changes = changesIn(inputs.changes, y.year);

  const parts: Figure[] = [];
  if (k === 0) {
    parts.push(
      figure(y.full_year, 'baseline', 'the ICP in-scope baseline from the budget build', () => ({
        inputs: {},
        parameters: [],
        parts: [budget.icp_total.trace],
      })),
    );
  } else {
    const last = schedule.years[k - 1];
    const carried = changesIn(inputs.changes, last?.year ?? '');
    const uplift = inputs.uplift.get(y.year) as DatedRate;
    const index = inputs.populationIndex.get(y.year) ?? one;
    parts.push(
      figure(
        y.full_year,
        'full-year in-scope value',
        `(last year's full-year value + scope changes carried in) × (1 + uplift) × weighted-population index, rounded once (${draftIcpContract('paragraph 40')})`,
        () => ({
          inputs: {
            last_year: formatPounds(last?.full_year ?? pence(0)),
            scope_changes_carried_in: formatPounds(pence(carried.reduce((s, c) => s + c.annual, 0))),
            uplift: formatPercent(uplift.rate, 3),
            population_index: formatDecimal(index, 6),
          },
          parameters: uplift.parameter ? [uplift.parameter] : [],
        }),
      ),
    );
  }
  const changeParts = changes.map((c, i) =>
    figure(
      y.scope_changes[i] as Pence,
      `scope change from ${formatDate(c.from)}`,
      'full-year value × days from the change to the year end ÷ days in the year, rounded once',
      () => ({ inputs: { full_year_value: formatPounds(c.annual), description: c.description } }),
    ),
  );
  const cap = inputs.affordability.get(y.year);
  const inScope = figure(
    y.in_scope,
    `in-scope value ${y.year}`,
    `full-year value × ${y.days} days in term ÷ days in year, plus scope changes${y.capped ? ', limited to the affordability cap' : ''}`,
    () => ({
      inputs: {
        days_in_term: String(y.days),
        ...(cap !== undefined ? { affordability_cap: formatPounds(cap) } : {}),
      },
      parameters: [],
      parts: [...parts.map((p) => p.trace), ...changeParts.map((c) => c.trace)],
    }),
  );

  const rate = inputs.cquin?.rate.get(y.year);
  const cquin = rate
    ? cquinFigure(y.cquin_at_risk, y.cquin_eligible, rate.rate, rate.parameter)
    : figure(
        y.cquin_at_risk,
        'CQUIN money at risk',
        'the arrangement does not include the CQUIN scheme (no payment.cquin)',
      );
  const locals = inputs.local.map((x, i) =>
    figure(
      y.local_indicators[i] as Pence,
      `money at risk on the local indicator "${x.name}"`,
      'in-scope value × agreed percentage, rounded once',
      () => ({ inputs: { at_risk: formatPercent(x.atRisk) } }),
    ),
  );
  const localAtRisk = figure(y.local_at_risk, 'local indicators at risk', 'sum of local indicators', () => ({
    inputs: {},
    parameters: [],
    parts: locals.map((l) => l.trace),
  }));
  const activityLines = inputs.activity.map((a, i) =>
    figure(
      y.activity_lines[i] as Pence,
      `paid on activity: ${a.description ?? serviceName(rulebook, a.service, y.period.from)}`,
      'annual estimate × days in term ÷ days in year (not uplifted)',
      () => ({
        inputs: {
          service: serviceName(rulebook, a.service, y.period.from),
          annual_estimate: formatPounds(a.annual),
        },
      }),
    ),
  );
  const activity = figure(
    y.activity_paid,
    'activity-paid lines',
    `paid on activity, outside the WPAP (${draftIcpContract('paragraph 40')})`,
    () => ({ inputs: {}, parameters: [], parts: activityLines.map((a) => a.trace) }),
  );
  const wpap = figure(
    y.wpap,
    `WPAP ${y.year}`,
    `in-scope value − incentive money at risk − activity-paid lines (${draftIcpContract('paragraphs 39 and 40')})`,
    () => ({
      inputs: {},
      parameters: [],
      parts: [inScope.trace, cquin.trace, localAtRisk.trace, activity.trace],
    }),
  );

  // What each indicator earned is worked out again, by the same rule, rather than kept for every year.
  const earnedCquin = inputs.cquin
    ? earnedFigure(cquin, inputs.cquin.indicators, earned(cquin.amount, inputs.cquin.indicators, cquinField))
    : cquin;
  const earnedLocal = inputs.local.map((x, i) => {
    const atRisk = locals[i] as Figure;
    return earnedFigure(atRisk, x.alone, earned(atRisk.amount, x.alone, x.field));
  });
  const incentivesEarned = figure(
    y.incentives_earned,
    `incentives earned ${y.year}`,
    'CQUIN earned + local indicators earned, on the achievement given',
    () => ({ inputs: {}, parameters: [], parts: [earnedCquin.trace, ...earnedLocal.map((e) => e.trace)] }),
  );
  return {
    in_scope: inScope,
    cquin_at_risk: cquin,
    local_at_risk: localAtRisk,
    activity_paid: activity,
    wpap,
    incentives_earned: incentivesEarned,
    flow_through:
      inputs.flow && y.flow_through
        ? flowThroughFigure(y.incentives_earned, inputs.flow.share, inputs.flow.practices, y.flow_through)
        : undefined,
  };
}

/** How one monthly instalment was reached (docs/money.md, "Instalments"). */
export function instalmentFigure(amount: Pence, y: YearSchedule, month: Month, paid: Month): Figure {
  return figure(
    amount,
    `WPAP instalment for ${paid.label}`,
    "the year's WPAP spread over its months, a whole month weighing 1 and a part month its share of days, each scope change from its own date; largest remainder, so the months add up to the WPAP exactly",
    () => ({
      inputs: {
        wpap: formatPounds(y.wpap),
        year: `${y.year} (${formatDate(y.period.from)} to ${formatDate(y.period.to)})`,
        days_paid: `${paid.days} of ${month.days}`,
        ...(y.scope_changes.length ? { scope_changes_this_year: String(y.scope_changes.length) } : {}),
      },
    }),
  );
}

/** One step from the integrated budget to the first year's WPAP: what it is and what it adds (or takes away). */
export interface BudgetStep {
  what: string;
  amount: Pence;
}

/**
 * Why the first year's WPAP is not the integrated budget's ICP total: the steps wpapSchedule
 * takes from one to the other (seed 001 paragraphs 39 and 40), each with its amount, adding up
 * exactly: the budget, cut to the days of the year the term covers, plus each scope change
 * from its date, limited to any affordability cap, less the incentive money held at risk
 * (CQUIN and local indicators) and the lines paid on activity instead. Steps of £0.00 are left out.
 */
export function budgetToWpap(schedule: Schedule): {
  year: string;
  budget: Pence;
  steps: BudgetStep[];
  wpap: Pence;
} {
  const { budget, arrangement, rulebook } = schedule.from;
  const y = schedule.years[0] as YearSchedule;
  const inputs = paymentInputs(arrangement, schedule.term, rulebook);
  const baseline = budget.icp_total.amount;
  const termPart = proRataByDays(baseline, y.period, y.year, 'in_scope');
  const changes = changesIn(inputs.changes, y.year);
  const beforeCap = pence(termPart + sum(y.scope_changes));
  const steps: BudgetStep[] = [
    {
      what: `only ${y.days} days of ${y.year} are in the term (${formatDate(y.period.from)} to ${formatDate(y.period.to)})`,
      amount: pence(termPart - baseline),
    },
    ...changes.map((c, i) => ({
      what: `scope change from ${formatDate(c.from)} to the end of the year: ${c.description}`,
      amount: y.scope_changes[i] as Pence,
    })),
    { what: 'limited to the affordability cap agreed for the year', amount: pence(y.in_scope - beforeCap) },
    { what: 'CQUIN money held at risk until earned', amount: negate(y.cquin_at_risk) },
    ...inputs.local.map((x, i) => ({
      what: `money held at risk on the local indicator "${x.name}" until earned`,
      amount: negate(y.local_indicators[i] as Pence),
    })),
    ...inputs.activity.map((a, i) => ({
      what: `paid on activity instead: ${a.description ?? serviceName(rulebook, a.service, y.period.from)}`,
      amount: negate(y.activity_lines[i] as Pence),
    })),
  ];
  return { year: y.year, budget: baseline, steps: steps.filter((s) => s.amount !== 0), wpap: y.wpap };
}
