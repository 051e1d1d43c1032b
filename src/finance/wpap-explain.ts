import { formatPounds, type Pence, pence } from '../core/money.ts';
import { formatDate } from '../law/date.ts';
import type { Month } from '../money/calendar.ts';
import { formatDecimal, formatPercent, one } from '../money/rate.ts';
import { cquinFigure, earned, earnedFigure, flowThroughFigure } from './incentives.ts';
import type { DatedRate, PaymentInputs } from './payment-inputs.ts';
import { type Figure, figure } from './trace.ts';
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

function explainYear(schedule: Schedule, inputs: PaymentInputs, k: number): YearFigures {
  const { budget } = schedule.from;
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
        "(last year's full-year value + scope changes carried in) × (1 + uplift) × weighted-population index, rounded once (seed 001 paragraph 40)",
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
      `local indicator ${x.id} at risk`,
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
      `activity-paid ${a.id}`,
      'annual estimate × days in term ÷ days in year (not uplifted)',
      () => ({ inputs: { service: a.service, annual_estimate: formatPounds(a.annual) } }),
    ),
  );
  const activity = figure(
    y.activity_paid,
    'activity-paid lines',
    'paid on activity, outside the WPAP (seed 001 paragraph 40)',
    () => ({ inputs: {}, parameters: [], parts: activityLines.map((a) => a.trace) }),
  );
  const wpap = figure(
    y.wpap,
    `WPAP ${y.year}`,
    'in-scope value − incentive money at risk − activity-paid lines (seed 001 paragraphs 39–40)',
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
