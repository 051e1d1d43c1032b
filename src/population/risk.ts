import { perPublishedHead, publishedRate, round } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import { num } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { defaultSuppression, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

/**
 * The risk score is a count of points anyone can check by hand (no hidden model):
 * - age 65–74: 1, 75–84: 2, 85 and over: 3;
 * - 1 per long-term condition, up to 6;
 * - 3 per emergency admission in the 12 months before the date, up to 3 admissions;
 * - 1 per A&E attendance in those 12 months, up to 3;
 * - 1 for living in the two most deprived IMD deciles.
 * Points fall into four bands. This follows the common NHS practice of combining
 * multimorbidity and prior utilisation (as in the Combined Predictive Model and the
 * Electronic Frailty Index's additive form); the weights are Concordat's documented choice.
 */
export const riskBands = [
  { name: 'Low', from: 0, to: 2 },
  { name: 'Moderate', from: 3, to: 5 },
  { name: 'High', from: 6, to: 9 },
  { name: 'Very high', from: 10, to: Number.POSITIVE_INFINITY },
] as const;

export interface RiskCell {
  points: number;
  persons: number;
  admissionsNext: number;
  admittedNext: number;
  costNext: number;
}

export interface RiskGroup {
  group: string;
  persons: SafeCount;
  percentOfPopulation: number | null;
  /** People with an emergency admission in the 12 months after the date, per 1,000. */
  admittedPer1000: number | null;
  emergencyAdmissionsPer1000: number | null;
  /** Band's observed rate ÷ the population's: how well the score separates risk. */
  relativeRisk: number | null;
  percentOfAdmissions: number | null;
  costNextYearPerHeadPence: number | null;
}

export interface RiskStratification {
  bands: RiskGroup[];
  topCohort: {
    percent: number;
    /** Everyone with at least this many points (ties included, so the cohort can exceed the percentage a little). */
    minimumPoints: number;
    group: RiskGroup;
  };
  /** Observed outcomes in the year after the date for each score: the calibration of the score. */
  calibration: (RiskGroup & { points: number })[];
  /** How well the score picks out who is admitted in the following year. */
  discrimination: Discrimination;
}

export interface Discrimination {
  /**
   * Area under the ROC curve for "admitted as an emergency in the next 12 months", from the
   * points (ties counted a half, as the Mann–Whitney statistic does: Hanley and McNeil 1982).
   */
  auc: number | null;
  /** Of the top cohort, the percentage admitted (positive predictive value). */
  ppvTopPercent: number | null;
  /** Of everyone admitted, the percentage in the top cohort (sensitivity). */
  sensitivityTopPercent: number | null;
}

/**
 * Area under the ROC curve from people and positives by score: for each score, its positives
 * beat every negative with a lower score and tie with the negatives at the same score.
 */
export function areaUnderCurve(
  byScore: readonly { score: number; positives: number; negatives: number }[],
): number | null {
  const sorted = [...byScore].sort((a, b) => a.score - b.score);
  const positives = sorted.reduce((t, c) => t + c.positives, 0);
  const negatives = sorted.reduce((t, c) => t + c.negatives, 0);
  if (positives === 0 || negatives === 0) return null;
  let below = 0;
  let wins = 0;
  for (const c of sorted) {
    wins += c.positives * (below + c.negatives / 2);
    below += c.negatives;
  }
  return wins / (positives * negatives);
}

export async function riskStratification(
  engine: Engine,
  topPercent = 5,
  policy = defaultSuppression,
): Promise<RiskStratification> {
  if (!(topPercent > 0 && topPercent <= 100)) throw new RangeError('topPercent must be in (0, 100]');
  return riskFromCells(riskCells(await engine.query(aggregateSql.risk(engine))), topPercent, policy);
}

/** Risk cells from the rows of `aggregateSql.risk`. */
export function riskCells(rows: readonly Row[]): RiskCell[] {
  return rows.map((r) => ({
    points: num(r[0]),
    persons: num(r[1]),
    admissionsNext: num(r[2]),
    admittedNext: num(r[3]),
    costNext: num(r[4]),
  }));
}

/**
 * The stratification from cells by points. Everything is worked out from the published counts
 * (disclosure.ts), including the top cohort's threshold and the discrimination figures; a
 * suppressed count takes no part in them.
 */
export function riskFromCells(
  cells: readonly RiskCell[],
  topPercent: number,
  policy: SuppressionPolicy,
): RiskStratification {
  const published = (n: number) => suppress(n, policy) ?? 0;
  const all = sum(cells);
  const describe = (group: string, subset: readonly RiskCell[]): RiskGroup => {
    const s = sum(subset);
    const observed = publishedRate(s.admittedNext, s.persons, 1, policy, 12);
    const overall = publishedRate(all.admittedNext, all.persons, 1, policy, 12);
    return {
      group,
      persons: suppress(s.persons, policy),
      percentOfPopulation: publishedRate(s.persons, all.persons, 100, policy),
      admittedPer1000: publishedRate(s.admittedNext, s.persons, 1000, policy),
      emergencyAdmissionsPer1000: publishedRate(s.admissionsNext, s.persons, 1000, policy),
      relativeRisk: observed === null || !overall ? null : round(observed / overall, 3),
      percentOfAdmissions: publishedRate(s.admissionsNext, all.admissionsNext, 100, policy),
      costNextYearPerHeadPence: perPublishedHead(s.costNext, s.persons, policy),
    };
  };
  let minimumPoints = 0;
  let running = 0;
  for (const c of [...cells].sort((a, b) => b.points - a.points)) {
    running += published(c.persons);
    minimumPoints = c.points;
    if (running * 100 >= topPercent * published(all.persons)) break;
  }
  const top = sum(cells.filter((c) => c.points >= minimumPoints));
  return {
    bands: riskBands.map((b) =>
      describe(
        `${b.name} (${b.to === Number.POSITIVE_INFINITY ? `${b.from}+` : `${b.from}–${b.to}`} points)`,
        cells.filter((c) => c.points >= b.from && c.points <= b.to),
      ),
    ),
    topCohort: {
      percent: topPercent,
      minimumPoints,
      group: describe(
        `Top ${topPercent}%`,
        cells.filter((c) => c.points >= minimumPoints),
      ),
    },
    calibration: cells.map((c) => ({ points: c.points, ...describe(`${c.points} points`, [c]) })),
    discrimination: {
      auc: roundOrNull(
        areaUnderCurve(
          cells.map((c) => {
            const positives = published(c.admittedNext);
            return { score: c.points, positives, negatives: Math.max(0, published(c.persons) - positives) };
          }),
        ),
        3,
      ),
      ppvTopPercent: publishedRate(top.admittedNext, top.persons, 100, policy),
      sensitivityTopPercent: publishedRate(top.admittedNext, all.admittedNext, 100, policy),
    },
  };
}

function sum(cells: readonly RiskCell[]) {
  return cells.reduce(
    (t, c) => ({
      persons: t.persons + c.persons,
      admissionsNext: t.admissionsNext + c.admissionsNext,
      admittedNext: t.admittedNext + c.admittedNext,
      costNext: t.costNext + c.costNext,
    }),
    { persons: 0, admissionsNext: 0, admittedNext: 0, costNext: 0 },
  );
}

function roundOrNull(x: number | null, places: number): number | null {
  return x === null ? null : round(x, places);
}
