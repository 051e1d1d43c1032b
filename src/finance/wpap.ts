import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence, pence, sum, zero } from '../core/money.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate, type IsoDate } from '../law/date.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { apportion, shareEqually } from '../money/apportion.ts';
import {
  checkPeriod,
  daysInclusive,
  daysInYear,
  type FinancialYear,
  monthsIn,
  overlap,
  type Period,
  yearFraction,
  yearPeriod,
  yearsIn,
} from '../money/calendar.ts';
import { applyRate, multiply, one, ratio } from '../money/rate.ts';
import type { IntegratedBudget } from './budget.ts';
import { cquinAtRisk, earned, type FlowThrough, flowThrough, type PracticeShare } from './incentives.ts';
import {
  type Change,
  type DatedRate,
  noPaymentTerms,
  type PaymentInputs,
  readPayment,
  type Uplift,
} from './payment-inputs.ts';
import { type RiskShareResult, riskShare } from './risk-share.ts';
import { YearStore } from './year-store.ts';

/** The longest term an ICP Contract schedule covers. */
export const maxTermYears = 10;

/**
 * One year of the schedule in pence: the figures a finance lead sees and the parts they were
 * built from. How each was reached is written out only when asked for (`explainYear` in
 * wpap-explain.ts), from these numbers. A schedule keeps its years in a YearStore
 * (year-store.ts) and reads them back as these records.
 */
export interface YearSchedule {
  year: FinancialYear;
  /** The part of the year inside the term. */
  period: Period;
  days: number;
  /** Full-year in-scope value: the baseline, then each year uplifted and adjusted. */
  full_year: Pence;
  /** Each scope change starting this year, pro rata from its date (in the order given). */
  scope_changes: Pence[];
  in_scope: Pence;
  /** Whether the affordability cap limited the in-scope value. */
  capped: boolean;
  cquin_eligible: Pence;
  cquin_at_risk: Pence;
  /** Money at risk on each local indicator (in the order given) and their total. */
  local_indicators: Pence[];
  local_at_risk: Pence;
  /** Each activity-paid line (in the order given) and their total. */
  activity_lines: Pence[];
  activity_paid: Pence;
  wpap: Pence;
  /** The WPAP month by month, one amount for each of `monthsIn(period, year)`. */
  instalments: Pence[];
  /** CQUIN and local indicators earned, on the achievement given. */
  incentives_earned: Pence;
  flow_through?: FlowThrough | undefined;
  risk_share?: RiskShareResult | undefined;
}

export interface Schedule {
  term: Period;
  years: YearSchedule[];
  notes: string[];
  /** The practices sharing flow-through, in the order of each year's `flow_through.parts`. */
  flow_practices: readonly PracticeShare[];
  /**
   * What the schedule was built from, so any year can be explained later. The payment terms
   * are read again then (`paymentInputs`) rather than kept with every schedule.
   */
  from: { budget: IntegratedBudget; arrangement: Arrangement; rulebook: Rulebook };
}

const noChanges: readonly Change[] = [];
const noPence: Pence[] = [];

/** A payment and the day it starts from, for spreading over a year's months. */
interface Part {
  from: IsoDate;
  amount: Pence;
}
const noParts: readonly Part[] = [];

/**
 * The Whole Population Annual Payment over the term (seed 001 paragraphs 39–40):
 * in-scope value (baseline, then each year × uplift × weighted-population index, plus agreed
 * scope changes pro rata by days from their date, capped by affordability) less incentive
 * money at risk and activity-paid lines, paid in monthly instalments that add up exactly.
 * Every input is checked before anything is worked out, so bad input gives no partial result.
 */
export function wpapSchedule(
  budget: IntegratedBudget,
  arrangement: Arrangement,
  rulebook: Rulebook,
  options: { years?: number | undefined } = {},
): Schedule {
  const term = arrangement.term;
  if (!term)
    throw new InvalidInput(
      'term',
      'is missing',
      'Give the contract term (start and end) to build a schedule.',
    );
  checkPeriod({ from: term.start, to: term.end }, 'term');
  const notes: string[] = [];
  const allYears = yearsIn({ from: term.start, to: term.end });
  if (allYears.length > maxTermYears) {
    notes.push(
      `The term touches ${allYears.length} financial years; the schedule shows the first ${maxTermYears}.`,
    );
  }
  const termYears = allYears.slice(0, maxTermYears);
  let years = termYears;
  if (options.years !== undefined) {
    if (!Number.isInteger(options.years) || options.years < 1)
      throw new InvalidInput('--years', `${options.years} is not a number of years`);
    if (options.years > years.length) {
      throw new InvalidInput(
        '--years',
        `asks for ${options.years} years of instalments but the term (${formatDate(term.start)} to ${formatDate(term.end)}) has ${years.length}`,
        'Instalments cannot fall outside the term.',
      );
    }
    years = years.slice(0, options.years);
  }
  const termPeriod = { from: term.start, to: term.end };
  const inputs = paymentInputs(arrangement, termPeriod, rulebook);
  const eligibleShare =
    budget.icp_total.amount > 0 ? ratio(budget.cquin_eligible.amount, budget.icp_total.amount) : ratio(0);

  let recurring = budget.icp_total.amount;
  let carried = noChanges;
  const store = new YearStore(
    years.length,
    inputs.local.length,
    inputs.activity.length,
    inputs.flow?.listSizes.length ?? 0,
  );
  // One record filled in for each year in turn: the store copies it, so a year leaves no
  // garbage behind (this loop runs for every year of every schedule).
  const row = blankYear(termPeriod, inputs);
  const locals = row.local_indicators;
  const twelve = new Array<Pence>(12);
  const activityLines = row.activity_lines;
  for (let k = 0; k < years.length; k++) {
    const year = years[k] as FinancialYear;
    const whole = yearPeriod(year);
    // A year wholly inside the term overlaps it as the shared year period itself.
    const period = overlap(termPeriod, whole) as Period;
    const wholeYear = period === whole;
    const fraction = wholeYear ? one : yearFraction(period, year);
    if (k > 0) {
      const growth = (inputs.uplift.get(year) as Uplift).growth;
      const index = inputs.populationIndex.get(year);
      let before = recurring;
      for (const c of carried) before = pence(before + c.annual, 'sum');
      recurring = applyRate(before, index ? multiply(growth, index) : growth, 'in_scope');
    }
    const changes = changesIn(inputs.changes, year);
    const scopeChanges =
      changes === noChanges
        ? noPence
        : changes.map((c) =>
            applyRate(c.annual, yearFraction({ from: c.from, to: period.to }, year), c.field),
          );
    let inScope = applyRate(recurring, fraction, 'in_scope');
    for (const c of scopeChanges) inScope = pence(inScope + c, 'sum');
    const cap = inputs.affordability.get(year);
    const capped = cap !== undefined && inScope > cap;
    if (capped) inScope = cap;

    const eligible = applyRate(inScope, eligibleShare, 'cquin_eligible');
    const cquin = inputs.cquin
      ? cquinAtRisk(eligible, (inputs.cquin.rate.get(year) as DatedRate).rate)
      : zero;
    // A local indicator is the only one sharing its money at risk: it earns that × its achievement.
    let localEarned = 0;
    for (let i = 0; i < inputs.local.length; i++) {
      const x = inputs.local[i] as PaymentInputs['local'][number];
      locals[i] = applyRate(inScope, x.atRisk, x.field);
      localEarned += applyRate(locals[i] as Pence, x.achievement);
    }
    const localAtRisk = sum(locals);
    for (let i = 0; i < inputs.activity.length; i++) {
      const a = inputs.activity[i] as PaymentInputs['activity'][number];
      activityLines[i] = applyRate(a.annual, fraction, a.field);
    }
    const activity = sum(activityLines);
    const wpap = pence(inScope - cquin - localAtRisk - activity);
    if (wpap < 0) {
      throw new InvalidInput(
        'payment',
        `in ${year} the money at risk and activity-paid lines (${formatPounds(pence(inScope - wpap))}) exceed the in-scope value`,
      );
    }
    const instalments =
      changes === noChanges
        ? monthlyInstalments(period, year, wpap, noParts, twelve)
        : monthlyInstalments(
            period,
            year,
            pence(wpap - sum(scopeChanges)),
            changes.map((c, i) => ({ from: c.from, amount: scopeChanges[i] as Pence })),
          );
    const cquinEarned = inputs.cquin ? earned(cquin, inputs.cquin.indicators, cquinField).total : cquin;
    const incentives = pence(cquinEarned + localEarned, 'sum');
    const outturn = inputs.outturn.get(year);
    row.year = year;
    row.period = period;
    row.days = wholeYear ? daysInYear(year) : daysInclusive(period);
    row.full_year = recurring;
    row.scope_changes = scopeChanges;
    row.in_scope = inScope;
    row.capped = capped;
    row.cquin_eligible = eligible;
    row.cquin_at_risk = cquin;
    row.local_at_risk = localAtRisk;
    row.activity_paid = activity;
    row.wpap = wpap;
    row.instalments = instalments;
    row.incentives_earned = incentives;
    row.flow_through = inputs.flow
      ? flowThrough(incentives, inputs.flow.share, inputs.flow.listSizes, 'payment.gp_flow_through')
      : undefined;
    if (outturn !== undefined && wpap === 0)
      throw new InvalidInput(
        outturn.field,
        `the WPAP for ${year} is £0.00, so a variance of ${formatPounds(outturn.variance)} cannot be shared as a part of it`,
        'Risk-share corridors are fractions of the WPAP: check the payment terms for that year.',
      );
    row.risk_share =
      outturn !== undefined && inputs.risk
        ? riskShare(
            wpap,
            outturn.variance,
            inputs.risk.corridors,
            inputs.risk.cap,
            'payment.risk_share',
            inputs.risk.parameter,
          )
        : undefined;
    store.write(k, row);
    carried = changes;
  }
  return {
    term: termPeriod,
    years: store.years(),
    notes,
    flow_practices: inputs.flow?.practices ?? [],
    from: { budget, arrangement, rulebook },
  };
}

/** A year record to fill in, with room for each local indicator and activity-paid line. */
function blankYear(period: Period, inputs: PaymentInputs): YearSchedule {
  return {
    year: '',
    period,
    days: 0,
    full_year: zero,
    scope_changes: noPence,
    in_scope: zero,
    capped: false,
    cquin_eligible: zero,
    cquin_at_risk: zero,
    local_indicators: inputs.local.length === 0 ? noPence : new Array<Pence>(inputs.local.length),
    local_at_risk: zero,
    activity_lines: inputs.activity.length === 0 ? noPence : new Array<Pence>(inputs.activity.length),
    activity_paid: zero,
    wpap: zero,
    instalments: noPence,
    incentives_earned: zero,
    flow_through: undefined,
    risk_share: undefined,
  };
}

/**
 * The payment terms read and checked against the whole scheduled term (at most
 * `maxTermYears`), so --years only shortens what is shown.
 */
export function paymentInputs(arrangement: Arrangement, term: Period, rulebook: Rulebook): PaymentInputs {
  const years = yearsIn(term).slice(0, maxTermYears);
  return readPayment(arrangement.payment ?? noPaymentTerms, arrangement, term, years, rulebook);
}

export const cquinField = 'payment.cquin.indicators';

/** The scope changes that start in a year (most years have none). */
export function changesIn(changes: readonly Change[], year: FinancialYear): readonly Change[] {
  for (const c of changes) if (c.year === year) return changes.filter((x) => x.year === year);
  return noChanges;
}

/**
 * Monthly instalments for one year (docs/money.md, "Instalments"): the base payment runs
 * from the start of the term's part of the year and each change from its own date, each
 * spread over the months from its start to the end of that part of the year, a whole month
 * weighing 1 and a part month its share of days; largest remainder makes the months add up
 * to the year exactly, the spare pence going to the earliest months. A year wholly inside
 * the term with no changes is paid in twelve equal instalments, give or take a penny.
 * Returns one amount for each month of `monthsIn(period, year)`, written into `into` for the
 * usual year when it is given.
 */
export function monthlyInstalments(
  period: Period,
  year: FinancialYear,
  base: Pence,
  changes: readonly Part[] = noParts,
  into?: Pence[],
): Pence[] {
  const whole = yearPeriod(year);
  // The usual year: twelve whole months of equal weight, so twelve equal shares (the same rule).
  if (changes.length === 0 && period.from === whole.from && period.to === whole.to)
    return shareEqually(base, 12, 'instalments', into);
  const parts = [{ from: period.from, amount: base }, ...changes];
  const months = monthsIn(period, year);
  const totals = months.map(() => 0);
  for (const part of parts) {
    if (part.amount === 0) continue;
    const weights = months.map((m) => {
      const from = m.from > part.from ? m.from : part.from;
      const to = m.to < period.to ? m.to : period.to;
      if (from === m.from && to === m.to) return one;
      return ratio(from <= to ? daysInclusive({ from, to }) : 0, m.days);
    });
    apportion(part.amount, weights, 'instalments').forEach((a, i) => {
      totals[i] = (totals[i] ?? 0) + a;
    });
  }
  return totals.map((t) => pence(t));
}
