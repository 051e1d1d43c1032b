import { InvalidInput } from '../errors.ts';
import type { Arrangement } from '../law/arrangement.ts';
import { formatDate, type IsoDate } from '../law/date.ts';
import type { Rulebook } from '../law/rulebook.ts';
import { apportion } from '../money/apportion.ts';
import {
  checkNoOverlap,
  checkPeriod,
  daysInclusive,
  type FinancialYear,
  monthsOf,
  overlap,
  type Period,
  parseFinancialYear,
  yearEnd,
  yearFraction,
  yearOf,
  yearPeriod,
  yearStart,
  yearsIn,
} from '../money/calendar.ts';
import { formatPounds, type Pence, parsePounds, pence, sum } from '../money/pence.ts';
import {
  applyRate,
  formatDecimal,
  formatPercent,
  multiply,
  one,
  parseDecimal,
  parsePercent,
  plus,
  type Rate,
  ratio,
} from '../money/rate.ts';
import type { IntegratedBudget } from './budget.ts';
import {
  type AtRiskSummary,
  cquinAtRisk,
  earned,
  flowThrough,
  moneyAtRisk,
  type WeightedIndicator,
} from './incentives.ts';
import { asRate, yearParameter } from './parameters.ts';
import { type RiskShareResult, riskShare } from './risk-share.ts';
import { type Figure, figure, localParameter, type ParameterUse } from './trace.ts';

/** The longest term an ICP Contract schedule covers. */
export const maxTermYears = 10;

export type Payment = NonNullable<Arrangement['payment']>;

export interface Instalment {
  month: string;
  from: IsoDate;
  to: IsoDate;
  amount: Pence;
}

export interface YearSchedule {
  year: FinancialYear;
  /** The part of the year inside the term. */
  period: Period;
  days: number;
  in_scope: Figure;
  cquin_at_risk: Figure;
  local_at_risk: Figure;
  activity_paid: Figure;
  wpap: Figure;
  instalments: Instalment[];
  incentives_earned: Figure;
  at_risk: AtRiskSummary;
  flow_through?: Figure | undefined;
  risk_share?: RiskShareResult | undefined;
}

export interface Schedule {
  term: Period;
  years: YearSchedule[];
  notes: string[];
}

interface Change {
  from: IsoDate;
  annual: Pence;
  description: string;
  field: string;
}

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
  const payment: Payment = arrangement.payment ?? Payment_defaults;
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
  // Checked against the whole (scheduled) term, so --years only shortens what is shown.
  const inputs = readPayment(payment, arrangement, termPeriod, termYears, rulebook);

  const eligibleShare =
    budget.icp_total.amount > 0 ? ratio(budget.cquin_eligible.amount, budget.icp_total.amount) : ratio(0);
  let recurring = budget.icp_total.amount;
  let carried: Change[] = [];
  const out: YearSchedule[] = [];
  years.forEach((year, k) => {
    const period = overlap(termPeriod, yearPeriod(year)) as Period;
    const fraction =
      period.from === yearStart(year) && period.to === yearEnd(year) ? one : yearFraction(period, year);
    const parts: Figure[] = [];
    if (k === 0) {
      parts.push(
        figure(recurring, 'baseline', 'the ICP in-scope baseline from the budget build', () => ({
          inputs: {},
          parameters: [],
          parts: [budget.icp_total.trace],
        })),
      );
    } else {
      const carriedTotal = sum(carried.map((c) => c.annual));
      const uplift = inputs.uplift(year);
      const index = inputs.populationIndex.get(year) ?? one;
      const before = pence(recurring + carriedTotal);
      recurring = applyRate(before, multiply(plus(one, uplift.rate), index), 'in_scope');
      parts.push(
        figure(
          recurring,
          'full-year in-scope value',
          "(last year's full-year value + scope changes carried in) × (1 + uplift) × weighted-population index, rounded once (seed 001 paragraph 40)",
          () => ({
            inputs: {
              last_year: formatPounds(pence(before - carriedTotal)),
              scope_changes_carried_in: formatPounds(carriedTotal),
              uplift: formatPercent(uplift.rate, 3),
              population_index: formatDecimal(index, 6),
            },
            parameters: uplift.parameter ? [uplift.parameter] : [],
          }),
        ),
      );
    }
    const partYear = applyRate(recurring, fraction, 'in_scope');
    const changes = inputs.changes.filter((c) => yearOf(c.from) === year);
    const changeParts = changes.map((c) =>
      figure(
        applyRate(c.annual, yearFraction({ from: c.from, to: period.to }, year), c.field),
        `scope change from ${formatDate(c.from)}`,
        'full-year value × days from the change to the year end ÷ days in the year, rounded once',
        () => ({ inputs: { full_year_value: formatPounds(c.annual), description: c.description } }),
      ),
    );
    let inScopeAmount = sum([partYear, ...changeParts.map((c) => c.amount)]);
    const cap = inputs.affordability.get(year);
    const capped = cap !== undefined && inScopeAmount > cap;
    if (capped) inScopeAmount = cap;
    const inScope = figure(
      inScopeAmount,
      `in-scope value ${year}`,
      `full-year value × ${daysInclusive(period)} days in term ÷ days in year, plus scope changes${capped ? ', limited to the affordability cap' : ''}`,
      () => ({
        inputs: {
          days_in_term: String(daysInclusive(period)),
          ...(cap !== undefined ? { affordability_cap: formatPounds(cap) } : {}),
        },
        parameters: [],
        parts: [...parts.map((p) => p.trace), ...changeParts.map((c) => c.trace)],
      }),
    );

    const eligible = applyRate(inScope.amount, eligibleShare, 'cquin_eligible');
    const cquin = inputs.cquin
      ? (() => {
          const rate = inputs.cquin.rate(year);
          return cquinAtRisk(eligible, rate.rate, rate.parameter);
        })()
      : figure(
          pence(0),
          'CQUIN money at risk',
          'the arrangement does not include the CQUIN scheme (no payment.cquin)',
        );
    const locals = inputs.local.map((x) =>
      figure(
        applyRate(inScope.amount, x.atRisk, x.field),
        `local indicator ${x.id} at risk`,
        'in-scope value × agreed percentage, rounded once',
        () => ({
          inputs: {
            at_risk: formatPercent(x.atRisk),
          },
        }),
      ),
    );
    const localAtRisk = figure(
      sum(locals.map((l) => l.amount)),
      'local indicators at risk',
      'sum of local indicators',
      () => ({ inputs: {}, parameters: [], parts: locals.map((l) => l.trace) }),
    );
    const activityLines = inputs.activity.map((a) =>
      figure(
        applyRate(a.annual, fraction, a.field),
        `activity-paid ${a.id}`,
        'annual estimate × days in term ÷ days in year (not uplifted)',
        () => ({
          inputs: {
            service: a.service,
            annual_estimate: formatPounds(a.annual),
          },
        }),
      ),
    );
    const activity = figure(
      sum(activityLines.map((a) => a.amount)),
      'activity-paid lines',
      'paid on activity, outside the WPAP (seed 001 paragraph 40)',
      () => ({ inputs: {}, parameters: [], parts: activityLines.map((a) => a.trace) }),
    );
    const wpapAmount = pence(inScope.amount - cquin.amount - localAtRisk.amount - activity.amount);
    if (wpapAmount < 0) {
      throw new InvalidInput(
        'payment',
        `in ${year} the money at risk and activity-paid lines (${formatPounds(pence(inScope.amount - wpapAmount))}) exceed the in-scope value`,
      );
    }
    const wpap = figure(
      wpapAmount,
      `WPAP ${year}`,
      'in-scope value − incentive money at risk − activity-paid lines (seed 001 paragraphs 39–40)',
      () => ({
        inputs: {},
        parameters: [],
        parts: [inScope.trace, cquin.trace, localAtRisk.trace, activity.trace],
      }),
    );
    const changeAmounts = changeParts.map((c) => c.amount);
    const instalments = monthlyInstalments(period, year, [
      { from: period.from, amount: pence(wpapAmount - sum(changeAmounts)) },
      ...changes.map((c, i) => ({ from: c.from, amount: changeAmounts[i] as Pence })),
    ]);
    const earnedCquin = inputs.cquin
      ? earned(cquin, inputs.cquin.indicators, 'payment.cquin.indicators')
      : cquin;
    const earnedLocal = inputs.local.map((x, i) =>
      earned(locals[i] as Figure, [{ id: x.id, weight: 1, achievement: x.achievement }], x.field),
    );
    const incentivesEarned = figure(
      sum([earnedCquin.amount, ...earnedLocal.map((e) => e.amount)]),
      `incentives earned ${year}`,
      'CQUIN earned + local indicators earned, on the achievement given',
      () => ({ inputs: {}, parameters: [], parts: [earnedCquin.trace, ...earnedLocal.map((e) => e.trace)] }),
    );
    const flow = inputs.flow
      ? flowThrough(
          incentivesEarned.amount,
          inputs.flow.share,
          inputs.flow.practices,
          'payment.gp_flow_through',
        )
      : undefined;
    const outturn = inputs.outturn.get(year);
    out.push({
      year,
      period,
      days: daysInclusive(period),
      in_scope: inScope,
      cquin_at_risk: cquin,
      local_at_risk: localAtRisk,
      activity_paid: activity,
      wpap,
      instalments,
      incentives_earned: incentivesEarned,
      at_risk: moneyAtRisk([cquin], locals, payment.national_assurance === true),
      flow_through: flow,
      risk_share:
        outturn !== undefined && inputs.risk && wpapAmount > 0
          ? riskShare(wpap.amount, outturn, inputs.risk.corridors, inputs.risk.cap, 'payment.risk_share')
          : undefined,
    });
    carried = changes;
  });
  return { term: termPeriod, years: out, notes };
}

const Payment_defaults: Payment = {
  local_indicators: [],
  activity_paid: [],
  uplifts: [],
  population_index: [],
  scope_changes: [],
  affordability: [],
};

/**
 * Monthly instalments for one year (docs/money.md, "Instalments"): each part of the year's
 * payment is spread over the months from its start date to the end of the term's part of
 * the year, a whole month weighing 1 and a part month its share of days; largest remainder
 * makes the months add up to the year exactly, the spare pence going to the earliest months.
 * A year wholly inside the term is paid in twelve equal instalments, give or take a penny.
 */
export function monthlyInstalments(
  period: Period,
  year: FinancialYear,
  parts: readonly { from: IsoDate; amount: Pence }[],
): Instalment[] {
  const all = monthsOf(year);
  const wholeYear = period.from === all[0]?.from && period.to === all[11]?.to;
  const only = parts.filter((p) => p.amount !== 0);
  if (wholeYear && (only.length === 0 || (only.length === 1 && only[0]?.from === period.from))) {
    // The usual year: one payment over twelve whole months, twelve equal shares (same rule, no weights).
    const shares = apportion(only[0]?.amount ?? pence(0), twelveWholeMonths, 'instalments');
    return all.map((m, i) => ({ month: m.label, from: m.from, to: m.to, amount: shares[i] as Pence }));
  }
  const months = wholeYear ? all : all.filter((m) => m.to >= period.from && m.from <= period.to);
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
  return months.map((m, i) => ({ month: m.label, from: m.from, to: m.to, amount: pence(totals[i] ?? 0) }));
}

const twelveWholeMonths: readonly Rate[] = Array(12).fill(one);

interface PaymentInputs {
  cquin?:
    | {
        rate: (year: FinancialYear) => { rate: Rate; parameter: ParameterUse };
        indicators: WeightedIndicator[];
      }
    | undefined;
  local: { id: string; atRisk: Rate; achievement: Rate; field: string }[];
  activity: { id: string; service: string; annual: Pence; field: string }[];
  uplift: (year: FinancialYear) => { rate: Rate; parameter?: ParameterUse | undefined };
  populationIndex: Map<FinancialYear, Rate>;
  changes: Change[];
  affordability: Map<FinancialYear, Pence>;
  risk?:
    | { corridors: { up_to?: Rate | undefined; provider_share: Rate }[]; cap?: Pence | undefined }
    | undefined;
  outturn: Map<FinancialYear, Pence>;
  flow?: { share: Rate; practices: { ods: string; list_size: number }[] } | undefined;
}

/** Reads and checks the payment section in full before any figure is worked out. */
function readPayment(
  p: Payment,
  a: Arrangement,
  term: Period,
  years: FinancialYear[],
  rulebook: Rulebook,
): PaymentInputs {
  const inSchedule = (year: string, field: string): FinancialYear => {
    const y = parseFinancialYear(year, field);
    if (!years.includes(y))
      throw new InvalidInput(
        field,
        `${y} is outside the term's schedule (${years[0]} to ${years[years.length - 1]})`,
      );
    return y;
  };
  const services = new Set(a.services.map((s) => s.service));
  const activity = p.activity_paid.map((x, i) => {
    const field = `payment.activity_paid[${i}]`;
    if (!services.has(x.service)) {
      throw new InvalidInput(
        `${field}.service`,
        `'${x.service}' is not one of the services in this arrangement`,
        `Use one of ${[...services].join(', ')}.`,
      );
    }
    const annual = parsePounds(x.annual_value, `${field}.annual_value`);
    if (annual < 0) throw new InvalidInput(`${field}.annual_value`, 'is negative');
    return { id: x.id, service: x.service, annual, field };
  });

  checkNoOverlap(
    p.uplifts.map((u) => ({ from: u.from, to: u.to ?? '9999-12-31' })),
    'payment.uplifts',
  );
  p.uplifts.forEach((u, i) => {
    if (!u.from.endsWith('-04-01'))
      throw new InvalidInput(
        `payment.uplifts[${i}].from`,
        `${formatDate(u.from)} is not the start of a financial year`,
        'Uplifts apply from 1 April.',
      );
  });
  const uplift = memo((year: FinancialYear) => {
    const i = p.uplifts.findIndex(
      (u) => u.from <= yearStart(year) && (u.to === undefined || yearStart(year) <= u.to),
    );
    const u = p.uplifts[i];
    if (!u) {
      if (p.uplifts.length === 0) return { rate: ratio(0) };
      throw new InvalidInput(
        'payment.uplifts',
        `no uplift covers ${year}`,
        'Give an uplift for every year after the first (0% if none is agreed).',
      );
    }
    return {
      rate: parsePercent(u.rate, `payment.uplifts[${i}].rate`),
      parameter: localParameter(
        'payment.uplift',
        'Annual uplift',
        u.rate,
        'percent',
        u.from,
        `payment.uplifts[${i}]`,
      ),
    };
  });

  const populationIndex = new Map<FinancialYear, Rate>();
  p.population_index.forEach((x, i) => {
    const field = `payment.population_index[${i}]`;
    const y = inSchedule(x.year, `${field}.year`);
    if (y === years[0])
      throw new InvalidInput(
        `${field}.year`,
        `${y} is the first year`,
        'The baseline already reflects the first year; indices apply from the second year.',
      );
    if (populationIndex.has(y)) throw new InvalidInput(`${field}.year`, `${y} is given twice`);
    populationIndex.set(y, parseDecimal(x.index, `${field}.index`));
  });

  const lastDay = years.length ? yearPeriod(years[years.length - 1] as FinancialYear).to : term.to;
  const changes = p.scope_changes.map((c, i): Change => {
    const field = `payment.scope_changes[${i}]`;
    if (c.from < term.from || c.from > term.to || c.from > lastDay) {
      throw new InvalidInput(
        `${field}.from`,
        `${formatDate(c.from)} is outside the term's schedule (${formatDate(term.from)} to ${formatDate(term.to < lastDay ? term.to : lastDay)})`,
      );
    }
    return {
      from: c.from,
      annual: parsePounds(c.annual_value, `${field}.annual_value`),
      description: c.description,
      field,
    };
  });

  const affordability = new Map<FinancialYear, Pence>();
  p.affordability.forEach((x, i) => {
    const field = `payment.affordability[${i}]`;
    const y = inSchedule(x.year, `${field}.year`);
    const cap = parsePounds(x.cap, `${field}.cap`);
    if (cap < 0) throw new InvalidInput(`${field}.cap`, 'is negative');
    affordability.set(y, cap);
  });

  const cquin = p.cquin
    ? {
        rate: memo((year: FinancialYear) => {
          if (p.cquin?.rate) {
            return {
              rate: parsePercent(p.cquin.rate, 'payment.cquin.rate'),
              parameter: localParameter(
                'payment.cquin.rate',
                'CQUIN rate (locally agreed)',
                p.cquin.rate,
                'percent',
                term.from,
                'payment.cquin.rate',
              ),
            };
          }
          const parameter = yearParameter(rulebook, 'money.cquin.rate', year, 'payment.cquin.rate');
          return { rate: asRate(parameter), parameter };
        }),
        indicators: p.cquin.indicators.map((x, i) => ({
          id: x.id,
          weight: x.weight,
          achievement: parsePercent(x.achievement, `payment.cquin.indicators[${i}].achievement`),
        })),
      }
    : undefined;
  // Ask for every year's CQUIN rate now, so a missing year fails before any figure is made.
  if (cquin) for (const y of years) cquin.rate(y);

  const local = p.local_indicators.map((x, i) => ({
    id: x.id,
    atRisk: parsePercent(x.at_risk, `payment.local_indicators[${i}].at_risk`),
    achievement: parsePercent(x.achievement, `payment.local_indicators[${i}].achievement`),
    field: `payment.local_indicators[${i}]`,
  }));

  const risk = p.risk_share
    ? {
        corridors: p.risk_share.corridors.map((c, i) => ({
          up_to: c.up_to ? parsePercent(c.up_to, `payment.risk_share.corridors[${i}].up_to`) : undefined,
          provider_share: parsePercent(c.provider_share, `payment.risk_share.corridors[${i}].provider_share`),
        })),
        cap: p.risk_share.cap ? parsePounds(p.risk_share.cap, 'payment.risk_share.cap') : undefined,
      }
    : undefined;
  const outturn = new Map<FinancialYear, Pence>();
  p.risk_share?.outturn.forEach((x, i) => {
    outturn.set(
      inSchedule(x.year, `payment.risk_share.outturn[${i}].year`),
      parsePounds(x.variance, `payment.risk_share.outturn[${i}].variance`),
    );
  });

  const flow = p.gp_flow_through
    ? {
        share: parsePercent(p.gp_flow_through.share, 'payment.gp_flow_through.share'),
        practices: a.gp_practices
          .map((g, i) => ({ g, i }))
          .filter(({ g }) => g.mode === 'partial' && g.integration_agreement)
          .map(({ g, i }) => {
            if (g.list_size === undefined) {
              throw new InvalidInput(
                `gp_practices[${i}].list_size`,
                `is needed to share incentive money with ${g.ods}`,
                'Give the registered list size.',
              );
            }
            return { ods: g.ods, list_size: g.list_size };
          }),
      }
    : undefined;
  for (const y of years.slice(1)) uplift(y);
  return { cquin, local, activity, uplift, populationIndex, changes, affordability, risk, outturn, flow };
}

/** Each year's rate is read once per schedule, however often it is asked for. */
function memo<T>(fn: (year: FinancialYear) => T): (year: FinancialYear) => T {
  const seen = new Map<FinancialYear, T>();
  return (year) => {
    if (!seen.has(year)) seen.set(year, fn(year));
    return seen.get(year) as T;
  };
}
