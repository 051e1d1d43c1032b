import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence, pence } from '../core/money.ts';
import { apportion } from '../money/apportion.ts';
import {
  applyRate,
  compare,
  divide,
  formatDecimal,
  formatPercent,
  minus,
  multiply,
  none,
  one,
  type Rate,
  ratio,
  roundRate,
} from '../money/rate.ts';
import { draftIcpContract, type Figure, figure, type ParameterUse } from './trace.ts';

/** An indicator money depends on: its share of the money (weight) and how far it was met (0 to 1). */
export interface WeightedIndicator {
  id: string;
  weight: number;
  achievement: Rate;
}

/**
 * CQUIN money at risk: the dated CQUIN percentage of the eligible value, which is NHS
 * contract value other than primary care (seed 001 paragraph 44).
 */
export function cquinAtRisk(eligible: Pence, rate: Rate): Pence {
  return applyRate(eligible, rate, 'cquin');
}

/** How the CQUIN money at risk (worked out by `cquinAtRisk`) was reached. */
export function cquinFigure(amount: Pence, eligible: Pence, rate: Rate, parameter: ParameterUse): Figure {
  return figure(
    amount,
    'CQUIN money at risk',
    `eligible (non-primary-care) value × CQUIN percentage, rounded once to the penny (${draftIcpContract('paragraph 44')})`,
    () => ({
      inputs: { eligible_value: formatPounds(eligible), rate: formatPercent(rate, 3) },
      parameters: [parameter],
    }),
  );
}

/**
 * How far an indicator was met must be from 0% to 100%; otherwise bad input naming the field
 * (`shown`: the achievement as the input wrote it).
 */
export function checkAchievement(achievement: Rate, field: string, shown = formatPercent(achievement)): Rate {
  if (compare(achievement, none) < 0 || compare(achievement, one) > 0)
    throw new InvalidInput(field, `${shown} is outside 0% to 100%`);
  return achievement;
}

/** What indicators earned from money at risk: each one's share, what it earned, and the total. */
export interface Earned {
  shares: Pence[];
  earned: Pence[];
  total: Pence;
}

/**
 * What is earned from money at risk: the money is shared between indicators by weight
 * (largest remainder, so the shares add up), and each share is paid in proportion to its
 * achievement (partial achievement earns part of the share). With no indicators, all of it
 * is treated as earned.
 */
export function earned(atRisk: Pence, indicators: readonly WeightedIndicator[], field: string): Earned {
  const n = indicators.length;
  if (n === 0) return { shares: [], earned: [], total: atRisk };
  // Loops rather than map: this runs for every indicator of every year of every schedule.
  const weights = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = indicators[i] as WeightedIndicator;
    checkAchievement(x.achievement, `${field}[${i}].achievement`);
    weights[i] = x.weight;
  }
  const shares = apportion(atRisk, weights, `${field}.weight`);
  const amounts = new Array<Pence>(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    // A share × an achievement of at most 100% is never more than the share: no field to name.
    const amount = applyRate(shares[i] as Pence, (indicators[i] as WeightedIndicator).achievement);
    amounts[i] = amount;
    total += amount;
  }
  return { shares, earned: amounts, total: pence(total, 'sum') };
}

/** How what was earned (by `earned`) was reached from the money at risk. */
export function earnedFigure(atRisk: Figure, indicators: readonly WeightedIndicator[], e: Earned): Figure {
  if (indicators.length === 0) {
    return figure(
      e.total,
      `${atRisk.trace.what.split(':')[0]} earned`,
      'no indicators set: all of it is treated as earned',
      () => ({ inputs: {}, parameters: [], parts: [atRisk.trace] }),
    );
  }
  const parts = indicators.map((x, i) => {
    const share = e.shares[i] as Pence;
    return figure(
      e.earned[i] as Pence,
      `indicator ${x.id} earned`,
      'share of money at risk × achievement, rounded once',
      () => ({
        inputs: {
          share: formatPounds(share),
          weight: String(x.weight),
          achievement: formatPercent(x.achievement),
        },
      }),
    );
  });
  return figure(e.total, 'incentive earned', 'sum of what each indicator earned', () => ({
    inputs: {},
    parameters: [],
    parts: [atRisk.trace, ...parts.map((p) => p.trace)],
  }));
}

/** One QOF indicator's achievement for a practice (docs/reference-figures.md, QOF). */
export interface QofIndicator {
  id: string;
  points_available: number;
  /** Thresholds as fractions (0.40 = 40%). */
  lower: Rate;
  upper: Rate;
  numerator: number;
  denominator: number;
  /** Personalised care adjustments and exceptions, taken off the denominator. */
  exceptions: number;
}

/**
 * QOF points: achievement D = numerator ÷ (denominator − exceptions); no points below the
 * lower threshold, all points at or above the upper, and in between in straight-line
 * proportion. Kept exact (a fraction of a point is not rounded).
 */
export function qofPoints(x: QofIndicator, field = 'indicator'): Rate {
  const base = x.denominator - x.exceptions;
  if (base <= 0) throw new InvalidInput(`${field}.denominator`, 'has nobody left after exceptions');
  if (x.numerator < 0 || x.numerator > base) {
    throw new InvalidInput(`${field}.numerator`, `${x.numerator} is outside 0 to ${base}`);
  }
  if (compare(x.upper, x.lower) <= 0)
    throw new InvalidInput(`${field}.upper`, 'must be above the lower threshold');
  const d = ratio(x.numerator, base);
  if (compare(d, x.lower) < 0) return none;
  if (compare(d, x.upper) >= 0) return ratio(x.points_available);
  return multiply(divide(minus(d, x.lower), minus(x.upper, x.lower)), ratio(x.points_available));
}

export interface QofPaymentInput {
  points: Rate;
  poundPerPoint: { pence: Pence; parameter: ParameterUse };
  listSize: number;
  nationalAverageList: { count: number; parameter: ParameterUse };
  listIndexDecimals: { places: number; parameter: ParameterUse };
  /** Practice prevalence ÷ national prevalence, for prevalence-weighted indicators (1 otherwise). */
  prevalenceFactor: Rate;
}

/**
 * QOF payment = points × £ per point × list-size adjustment × prevalence factor. The
 * list-size adjustment (practice list ÷ national average list) is rounded to the dated
 * number of decimal places, as in the published worked example; the money is rounded once
 * at the end.
 */
export function qofPayment(q: QofPaymentInput): Figure {
  if (!Number.isInteger(q.listSize) || q.listSize < 0)
    throw new InvalidInput('list_size', `${q.listSize} is not a list size`);
  const listIndex = roundRate(ratio(q.listSize, q.nationalAverageList.count), q.listIndexDecimals.places);
  const amount = applyRate(q.poundPerPoint.pence, multiply(q.points, listIndex, q.prevalenceFactor), 'qof');
  return figure(
    amount,
    'QOF payment',
    'points × £ per point × (list ÷ national average list, rounded) × prevalence factor, rounded once to the penny',
    () => ({
      inputs: {
        points: formatDecimal(q.points, 2),
        list_size: String(q.listSize),
        list_index: formatDecimal(listIndex, q.listIndexDecimals.places),
        prevalence_factor: formatDecimal(q.prevalenceFactor, 4),
      },
      parameters: [q.poundPerPoint.parameter, q.nationalAverageList.parameter, q.listIndexDecimals.parameter],
    }),
  );
}

/** What the national-assurance test found (seed 001 paragraph 45). */
export interface AtRiskSummary {
  national: Pence;
  local: Pence;
  total: Pence;
  national_assurance_needed: boolean;
  /** Recorded in the arrangement file as `payment.national_assurance`. */
  national_assurance_given: boolean;
  reason: string;
}

/**
 * Money at risk, split into national schemes (CQUIN, QOF) and locally added indicators.
 * The national schemes set the cap: any money put at risk through local indicators on top
 * of them must pass national assurance before the contract is awarded (seed 001 para 45).
 */
export function moneyAtRisk(national: Pence, local: Pence, assured = false): AtRiskSummary {
  const needed = local > 0;
  return {
    national,
    local,
    total: pence(national + local),
    national_assurance_needed: needed,
    national_assurance_given: assured,
    reason: !needed
      ? 'no money at risk beyond the national schemes'
      : `${formatPounds(local)} is at risk beyond the national schemes (cap ${formatPounds(national)}); ${assured ? 'it passed national assurance before award' : 'it needs national assurance before the contract is awarded'} (${draftIcpContract('paragraph 45')})`,
  };
}

export interface PracticeShare {
  ods: string;
  /** The practice's name where the arrangement gives it. */
  name?: string | undefined;
  list_size: number;
}

/** Incentive money flowing through to practices: the total and each practice's part, in order. */
export interface FlowThrough {
  total: Pence;
  parts: Pence[];
}

/**
 * Flow-through to GP practices under Integration Agreements: the agreed share of incentive
 * money earned, split between the practices by registered list (largest remainder). The
 * list sizes are given in the practices' order.
 */
export function flowThrough(
  earnedAmount: Pence,
  share: Rate,
  listSizes: readonly number[],
  field: string,
): FlowThrough {
  if (listSizes.length === 0)
    throw new InvalidInput(
      field,
      'no GP practices with an Integration Agreement and a list size to share with',
    );
  const total = applyRate(earnedAmount, share, field);
  return { total, parts: apportion(total, listSizes, `${field}.list_size`) };
}

/** How the flow-through (worked out by `flowThrough`) was reached, practice by practice. */
export function flowThroughFigure(
  earnedAmount: Pence,
  share: Rate,
  practices: readonly PracticeShare[],
  f: FlowThrough,
): Figure {
  return figure(
    f.total,
    'incentive flow-through to GP practices',
    'earned incentive × agreed share, split by registered list (largest remainder)',
    () => ({
      inputs: { earned: formatPounds(earnedAmount), share: formatPercent(share) },
      parameters: [],
      parts: practices.map((p, i) => practiceFigure(p, f.parts[i] as Pence).trace),
    }),
  );
}

/** One practice's part of the flow-through; its `what` names the practice (by name where given) and the amount. */
export function practiceFigure(p: PracticeShare, amount: Pence): Figure {
  const practice = p.name ? `${p.name} (${p.ods})` : `practice ${p.ods}`;
  return figure(amount, practice, 'share by list size', () => ({
    inputs: { list_size: p.list_size.toLocaleString('en-GB') },
  }));
}
