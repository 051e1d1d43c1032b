import { addMonths } from '../law/date-arithmetic.ts';
import { type FinancialYear, nextYear, yearOf } from '../money/calendar.ts';
import { formatDecimal, type Rate } from '../money/rate.ts';
import type { Engine, Row } from './engines/engine.ts';
import type { EnglandComparators, PublishedLifeExpectancy } from './england.ts';
import { slopeIndexOfInequality } from './inequality.ts';
import { ageBandLabel, ageBandStarts, type LifeExpectancy, lifeTable } from './lifetable.ts';
import {
  type Condition,
  conditionCodes,
  conditions,
  type Setting,
  type Sex,
  settingNames,
  settings,
  sexes,
} from './model.ts';
import { aggregateSql, featuresSql, type ServedPopulation, weightingOnSql } from './sql.ts';
import {
  defaultSuppression,
  isDisclosive,
  type SafeCount,
  type SuppressionPolicy,
  suppress,
} from './suppress.ts';
import {
  needsIndex,
  type WeightingCell,
  weightedPopulation,
  weightedPopulationIndex,
} from './weighted-population.ts';

/**
 * The population health analyses of issue 7, each a function over an engine that has the
 * population's `features` table built for a date (see `preparePopulation`). Each returns only
 * aggregates, with every count passed through small-number suppression (suppress.ts) and every
 * rate or sum withheld for a group small enough to identify someone.
 */

export const fiveYearBands = Array.from({ length: 19 }, (_, i) =>
  i === 18 ? '90+' : `${i * 5}–${i * 5 + 4}`,
);

const num = (cell: Row[number] | undefined) => Number(cell ?? 0);

/** Builds the person-level table for the population served on `on`. */
export async function preparePopulation(engine: Engine, served: ServedPopulation, on: string): Promise<void> {
  profiles.delete(engine);
  await engine.buildFeatures(featuresSql(engine, served, on));
}

/** The profile aggregate feeds both the needs assessment and the inequalities: run it once per build. */
const profiles = new WeakMap<Engine, Promise<ProfileCell[]>>();

function rate(numerator: number, denominator: number, per: number, policy: SuppressionPolicy): number | null {
  if (denominator === 0 || isDisclosive(denominator, policy) || isDisclosive(numerator, policy)) return null;
  return round((numerator * per) / denominator, 2);
}

function perHead(sumPence: number, persons: number, policy: SuppressionPolicy): number | null {
  if (persons === 0 || isDisclosive(persons, policy)) return null;
  return Math.round(sumPence / persons);
}

function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

// ── a. The population served ───────────────────────────────────────────────────────────────

export interface PopulationServed {
  on: string;
  total: SafeCount;
  registered: SafeCount;
  unregisteredResidents: SafeCount;
  practices: { practice: string; persons: SafeCount }[];
}

/**
 * The population an ICP serves on a date: people alive and registered that day with one of
 * the integrated practices, plus unregistered people living in the contract's area (seed 001,
 * ICP Contract draft 2018, para 30: the provider is responsible for the health of the whole
 * population, not only those on its lists).
 */
export async function populationServed(
  engine: Engine,
  on: string,
  policy = defaultSuppression,
): Promise<PopulationServed> {
  const rows = await engine.query(aggregateSql.servedByPractice(engine));
  let registered = 0;
  let unregistered = 0;
  const practices: PopulationServed['practices'] = [];
  for (const [code, n] of rows) {
    if (code === '') unregistered += num(n);
    else {
      registered += num(n);
      practices.push({ practice: String(code), persons: suppress(num(n), policy) });
    }
  }
  return {
    on,
    total: suppress(registered + unregistered, policy),
    registered: suppress(registered, policy),
    unregisteredResidents: suppress(unregistered, policy),
    practices,
  };
}

// ── b. Needs assessment ────────────────────────────────────────────────────────────────────

interface ProfileCell {
  band: number;
  sex: Sex;
  decile: number;
  persons: number;
  events: Record<Setting, number>;
  cost: number;
  multimorbid: number;
  emergencyNext: number;
  costNext: number;
}

function profileCells(engine: Engine): Promise<ProfileCell[]> {
  let cells = profiles.get(engine);
  if (!cells) {
    cells = queryProfile(engine);
    profiles.set(engine, cells);
    cells.catch(() => profiles.delete(engine));
  }
  return cells;
}

async function queryProfile(engine: Engine): Promise<ProfileCell[]> {
  const rows = await engine.query(aggregateSql.profile(engine));
  return rows.map((r) => ({
    band: num(r[0]),
    sex: String(r[1]) as Sex,
    decile: num(r[2]),
    persons: num(r[3]),
    events: Object.fromEntries(settings.map((s, i) => [s, num(r[4 + i])])) as Record<Setting, number>,
    cost: num(r[4 + settings.length]),
    multimorbid: num(r[5 + settings.length]),
    emergencyNext: num(r[6 + settings.length]),
    costNext: num(r[7 + settings.length]),
  }));
}

function sumCells(cells: readonly ProfileCell[]) {
  const events = Object.fromEntries(settings.map((s) => [s, 0])) as Record<Setting, number>;
  let persons = 0;
  let cost = 0;
  let multimorbid = 0;
  for (const c of cells) {
    persons += c.persons;
    cost += c.cost;
    multimorbid += c.multimorbid;
    for (const s of settings) events[s] += c.events[s];
  }
  return { persons, cost, multimorbid, events };
}

export interface UtilisationRow {
  group: string;
  persons: SafeCount;
  /** Events in the 12 months before the date, per 1,000 people, by setting. */
  per1000: Record<Setting, number | null>;
  /** Cost per head in pence over the same 12 months. */
  costPerHeadPence: number | null;
}

function utilisation(
  group: string,
  cells: readonly ProfileCell[],
  policy: SuppressionPolicy,
): UtilisationRow {
  const t = sumCells(cells);
  return {
    group,
    persons: suppress(t.persons, policy),
    per1000: Object.fromEntries(
      settings.map((s) => [s, rate(t.events[s], t.persons, 1000, policy)]),
    ) as Record<Setting, number | null>,
    costPerHeadPence: perHead(t.cost, t.persons, policy),
  };
}

export interface NeedsAssessment {
  pyramid: { band: string; sex: Sex; persons: SafeCount; percent: number | null; englandPercent: number }[];
  deprivation: { decile: number; persons: SafeCount; percent: number | null; englandPercent: number }[];
  prevalence: {
    condition: Condition;
    name: string;
    persons: SafeCount;
    percent: number | null;
    englandPercent: number | null;
  }[];
  multimorbidity: { conditions: string; persons: SafeCount; percent: number | null }[];
  utilisationByAge: UtilisationRow[];
  utilisationByDeprivation: UtilisationRow[];
  total: UtilisationRow;
}

/**
 * Needs assessment profile (seed 000, paras 12–13; seed 001, para 30): who the population is
 * (age–sex pyramid, deprivation mix), what they live with (QOF-register prevalence and
 * multimorbidity) and what care they use and cost (by age band and IMD decile), against
 * England where England figures exist. England's deprivation mix is a tenth per decile by
 * definition (deciles of LSOAs); England utilisation is not published per person, so none is
 * shown.
 */
export async function needsAssessment(
  engine: Engine,
  on: string,
  england: EnglandComparators,
  policy = defaultSuppression,
): Promise<NeedsAssessment> {
  const cells = await profileCells(engine);
  const total = sumCells(cells).persons;
  const pct = (n: number) => (total === 0 || isDisclosive(n, policy) ? null : round((100 * n) / total, 2));
  const pyramid: NeedsAssessment['pyramid'] = [];
  for (let band = 0; band < 19; band++) {
    for (const sex of sexes) {
      const n = sumCells(cells.filter((c) => c.band === band && c.sex === sex)).persons;
      pyramid.push({
        band: fiveYearBands[band] as string,
        sex,
        persons: suppress(n, policy),
        percent: pct(n),
        englandPercent: round(100 * (england.ageSexShare[sex][band] ?? 0), 2),
      });
    }
  }
  const deprivation = Array.from({ length: 10 }, (_, i) => {
    const n = sumCells(cells.filter((c) => c.decile === i + 1)).persons;
    return { decile: i + 1, persons: suppress(n, policy), percent: pct(n), englandPercent: 10 };
  });
  const prevalenceRows = new Map(
    (await engine.query(aggregateSql.prevalence(engine, on))).map((r) => [String(r[0]), num(r[1])]),
  );
  const prevalence = conditionCodes.map((code) => {
    const n = prevalenceRows.get(code) ?? 0;
    const england = england_(code);
    return {
      condition: code,
      name: conditions[code].name,
      persons: suppress(n, policy),
      percent: pct(n),
      englandPercent: england,
    };
  });
  function england_(code: Condition) {
    const p = england.prevalence[code];
    return p === undefined ? null : round(100 * p, 2);
  }
  const mm = await engine.query(aggregateSql.multimorbidity(engine));
  const multimorbidity = mm.map(([n, persons]) => ({
    conditions: num(n) >= 5 ? '5 or more' : String(num(n)),
    persons: suppress(num(persons), policy),
    percent: pct(num(persons)),
  }));
  return {
    pyramid,
    deprivation,
    prevalence,
    multimorbidity,
    utilisationByAge: fiveYearBands.map((label, band) =>
      utilisation(
        label,
        cells.filter((c) => c.band === band),
        policy,
      ),
    ),
    utilisationByDeprivation: Array.from({ length: 10 }, (_, i) =>
      utilisation(
        `Decile ${i + 1}`,
        cells.filter((c) => c.decile === i + 1),
        policy,
      ),
    ),
    total: utilisation('All', cells, policy),
  };
}

// ── c. Risk stratification ─────────────────────────────────────────────────────────────────

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

interface RiskCell {
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
}

export async function riskStratification(
  engine: Engine,
  topPercent = 5,
  policy = defaultSuppression,
): Promise<RiskStratification> {
  if (!(topPercent > 0 && topPercent <= 100)) throw new RangeError('topPercent must be in (0, 100]');
  const cells: RiskCell[] = (await engine.query(aggregateSql.risk(engine))).map((r) => ({
    points: num(r[0]),
    persons: num(r[1]),
    admissionsNext: num(r[2]),
    admittedNext: num(r[3]),
    costNext: num(r[4]),
  }));
  const all = sum(cells);
  const describe = (group: string, subset: RiskCell[]): RiskGroup => {
    const s = sum(subset);
    const observed = s.persons ? s.admittedNext / s.persons : 0;
    const overall = all.persons ? all.admittedNext / all.persons : 0;
    return {
      group,
      persons: suppress(s.persons, policy),
      percentOfPopulation: rate(s.persons, all.persons, 100, policy),
      admittedPer1000: rate(s.admittedNext, s.persons, 1000, policy),
      emergencyAdmissionsPer1000: rate(s.admissionsNext, s.persons, 1000, policy),
      relativeRisk:
        isDisclosive(s.persons, policy) || overall === 0 || s.persons === 0
          ? null
          : round(observed / overall, 3),
      percentOfAdmissions: rate(s.admissionsNext, all.admissionsNext, 100, policy),
      costNextYearPerHeadPence: perHead(s.costNext, s.persons, policy),
    };
  };
  let minimumPoints = 0;
  let running = 0;
  for (const c of [...cells].sort((a, b) => b.points - a.points)) {
    running += c.persons;
    minimumPoints = c.points;
    if (running * 100 >= topPercent * all.persons) break;
  }
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

// ── d. Segmentation ────────────────────────────────────────────────────────────────────────

/**
 * Segments in the spirit of Bridges to Health (Lynn et al., Milbank Quarterly 2007), which
 * NHS systems use for population health management (seed 002, para 2.18). Each person is in
 * exactly one segment: the first rule in this order that they meet (sql.ts, segmentSql).
 * Maternity is not in the data model, so the maternal and infant segment holds infants only.
 */
export const segments = [
  { id: 1, name: 'Short period of decline before dying', rule: 'on the palliative care register' },
  { id: 2, name: 'Frailty and dementia', rule: 'dementia, or aged 80+ with 3 or more long-term conditions' },
  {
    id: 3,
    name: 'Limited reserve with exacerbations',
    rule: 'heart failure, COPD or CKD and an emergency admission in the last 12 months',
  },
  {
    id: 4,
    name: 'Learning disability and serious mental illness',
    rule: 'on the learning disability or serious mental illness register',
  },
  { id: 5, name: 'Complex multimorbidity', rule: '4 or more long-term conditions' },
  { id: 6, name: 'Stable long-term condition', rule: '1 to 3 long-term conditions' },
  { id: 7, name: 'Maternal and infant health', rule: 'aged under 1' },
  { id: 8, name: 'Acute episode', rule: 'an emergency admission or A&E attendance in the last 12 months' },
  { id: 9, name: 'Healthy', rule: 'none of the above' },
] as const;

export interface Segment {
  id: number;
  name: string;
  rule: string;
  persons: SafeCount;
  percent: number | null;
  emergencyAdmissionsPer1000: number | null;
  aePer1000: number | null;
  costPerHeadPence: number | null;
  averageConditions: number | null;
}

export async function segmentation(engine: Engine, policy = defaultSuppression): Promise<Segment[]> {
  const rows = new Map(
    (await engine.query(aggregateSql.segments(engine))).map((r) => [num(r[0]), r.map(num)]),
  );
  const total = [...rows.values()].reduce((s, r) => s + (r[1] ?? 0), 0);
  return segments.map((s) => {
    const [, persons = 0, em = 0, ae = 0, cost = 0, ltc = 0] = rows.get(s.id) ?? [];
    return {
      ...s,
      persons: suppress(persons, policy),
      percent: rate(persons, total, 100, policy),
      emergencyAdmissionsPer1000: rate(em, persons, 1000, policy),
      aePer1000: rate(ae, persons, 1000, policy),
      costPerHeadPence: perHead(cost, persons, policy),
      averageConditions: persons === 0 || isDisclosive(persons, policy) ? null : round(ltc / persons, 2),
    };
  });
}

// ── e. Inequalities ────────────────────────────────────────────────────────────────────────

export interface DecileRates {
  decile: number;
  persons: SafeCount;
  emergencyAdmissionsPer1000: number | null;
  /** Directly age–sex standardised to the population served. */
  emergencyAdmissionsPer1000Standardised: number | null;
  aePer1000: number | null;
  costPerHeadPence: number | null;
  multimorbidPercent: number | null;
}

export interface LifeExpectancyRow {
  decile: number | 'All';
  sex: Sex;
  deaths: SafeCount;
  lifeExpectancy: LifeExpectancy | null;
  /** Why there is no figure, when there is none. */
  note?: string;
}

export interface Inequalities {
  byDecile: DecileRates[];
  /** SII: fitted value at the least deprived end minus the most deprived end (inequality.ts). */
  slopeIndex: {
    emergencyAdmissionsPer1000Standardised: number | null;
    aePer1000: number | null;
    costPerHeadPence: number | null;
    multimorbidPercent: number | null;
    lifeExpectancy: Record<Sex, number | null>;
  };
  lifeExpectancy: LifeExpectancyRow[];
  /** Deaths counted over these years before the date (3, like ONS and OHID periods). */
  years: number;
}

/**
 * Inequalities by IMD decile (seed 001, para 30; seed 002, para 2.51): activity and cost rates
 * (crude and, for emergency admissions, age–sex standardised), the slope index of inequality,
 * and life expectancy at birth by decile and sex from an abridged life table (Chiang II) over
 * the `years` before the date. OHID does not publish life expectancy for populations under
 * 5,000; nor does this, nor for any decile with no deaths at 90+.
 */
export async function inequalities(
  engine: Engine,
  served: ServedPopulation,
  on: string,
  policy = defaultSuppression,
  years = 3,
): Promise<Inequalities> {
  const cells = await profileCells(engine);
  const standard = new Map<string, number>();
  for (const c of cells)
    standard.set(`${c.band}${c.sex}`, (standard.get(`${c.band}${c.sex}`) ?? 0) + c.persons);
  const standardTotal = [...standard.values()].reduce((a, b) => a + b, 0);
  const byDecile: DecileRates[] = [];
  const siiInput: { population: number; em: number; ae: number; cost: number; mm: number }[] = [];
  for (let decile = 1; decile <= 10; decile++) {
    const subset = cells.filter((c) => c.decile === decile);
    const t = sumCells(subset);
    let standardised = 0;
    for (const c of subset) {
      if (c.persons > 0)
        standardised += ((standard.get(`${c.band}${c.sex}`) ?? 0) * c.events.emergency) / c.persons;
    }
    const stdRate = standardTotal ? (1000 * standardised) / standardTotal : 0;
    const hidden = t.persons === 0 || isDisclosive(t.persons, policy);
    byDecile.push({
      decile,
      persons: suppress(t.persons, policy),
      emergencyAdmissionsPer1000: rate(t.events.emergency, t.persons, 1000, policy),
      emergencyAdmissionsPer1000Standardised: hidden ? null : round(stdRate, 2),
      aePer1000: rate(t.events.ae, t.persons, 1000, policy),
      costPerHeadPence: perHead(t.cost, t.persons, policy),
      multimorbidPercent: rate(t.multimorbid, t.persons, 100, policy),
    });
    if (t.persons > 0) {
      siiInput.push({
        population: t.persons,
        em: stdRate,
        ae: (1000 * t.events.ae) / t.persons,
        cost: t.cost / t.persons,
        mm: (100 * t.multimorbid) / t.persons,
      });
    }
  }
  const sii = (pick: (g: (typeof siiInput)[number]) => number, places: number) =>
    siiInput.length >= 2
      ? round(
          slopeIndexOfInequality(siiInput.map((g) => ({ population: g.population, value: pick(g) }))),
          places,
        )
      : null;

  const deaths = await engine.query(aggregateSql.deaths(engine, served, on, years));
  const population = await engine.query(aggregateSql.midPopulation(engine, served, on, years));
  const bands = ageBandStarts.length;
  const table = (rows: Row[], sex: Sex, decile: number | 'All') => {
    const out = new Array(bands).fill(0);
    for (const r of rows)
      if (r[0] === sex && (decile === 'All' || num(r[1]) === decile)) out[num(r[2])] += num(r[3]);
    return out;
  };
  const lifeExpectancy: LifeExpectancyRow[] = [];
  const leSii: Record<Sex, number | null> = { F: null, M: null };
  for (const sex of sexes) {
    const points: { population: number; value: number }[] = [];
    for (const decile of ['All' as const, ...Array.from({ length: 10 }, (_, i) => i + 1)]) {
      const d = table(deaths, sex, decile);
      const p = table(population, sex, decile);
      const people = p.reduce((a, b) => a + b, 0);
      const deathCount = d.reduce((a, b) => a + b, 0);
      const row: LifeExpectancyRow = {
        decile,
        sex,
        deaths: suppress(deathCount, policy),
        lifeExpectancy: null,
      };
      if (people < 5000) row.note = 'fewer than 5,000 people';
      else if (p.some((x) => x === 0)) row.note = 'an age band has nobody in it';
      else if ((d[bands - 1] as number) === 0) row.note = 'no deaths at 90+';
      else {
        const le = lifeTable({ deaths: d, personYears: p.map((x) => x * years) });
        row.lifeExpectancy = {
          atBirth: round(le.atBirth, 2),
          lower95: round(le.lower95, 2),
          upper95: round(le.upper95, 2),
          byAge: le.byAge.map((x) => round(x, 2)),
        };
        if (decile !== 'All') points.push({ population: people, value: le.atBirth });
      }
      lifeExpectancy.push(row);
    }
    leSii[sex] = points.length >= 2 ? round(slopeIndexOfInequality(points), 2) : null;
  }
  return {
    byDecile,
    slopeIndex: {
      emergencyAdmissionsPer1000Standardised: sii((g) => g.em, 2),
      aePer1000: sii((g) => g.ae, 2),
      costPerHeadPence: sii((g) => g.cost, 0),
      multimorbidPercent: sii((g) => g.mm, 2),
      lifeExpectancy: leSii,
    },
    lifeExpectancy,
    years,
  };
}

/** Compares the life expectancy found with the local authorities' published figures (a plausibility check, not a match: see docs). */
export function lifeExpectancyCheck(found: Inequalities, published: PublishedLifeExpectancy) {
  const mean = (values: (number | null)[]) => {
    const v = values.filter((x): x is number => x !== null);
    return v.length ? round(v.reduce((a, b) => a + b, 0) / v.length, 2) : null;
  };
  const all = (sex: Sex) =>
    found.lifeExpectancy.find((r) => r.decile === 'All' && r.sex === sex)?.lifeExpectancy?.atBirth ?? null;
  return {
    period: published.period,
    areas: published.areas,
    england: published.england,
    comparison: sexes.map((sex) => ({
      sex,
      found: all(sex),
      publishedMeanOfAreas: mean(published.areas.map((a) => (sex === 'M' ? a.male : a.female))),
      foundSii: found.slopeIndex.lifeExpectancy[sex],
      publishedSiiMeanOfAreas: mean(published.areas.map((a) => (sex === 'M' ? a.maleSii : a.femaleSii))),
    })),
  };
}

// ── f. Weighted population ─────────────────────────────────────────────────────────────────

export interface WeightedPopulationResult {
  persons: SafeCount;
  /** Weighted population in millionths of a person, exact (string, as it can exceed 2^53). */
  weightedMillionths: string;
  /** Weighted population per person, exact fraction and to 4 decimal places. */
  needsIndex: { numerator: string; denominator: string; fixed: string };
}

/** The WPAP population index: weighted population on the date ÷ a year before. */
export interface WpapPopulationIndex {
  baselineOn: string;
  on: string;
  /** The financial year whose WPAP the index adjusts: the one after the year containing the date. */
  appliesTo: FinancialYear;
  exact: { numerator: string; denominator: string };
  /** Ready for the arrangement file's `payment.population_index` (6 decimal places). */
  arrangementEntry: { year: FinancialYear; index: string };
}

/** Weighting cells (age band, sex, need) of the population served, for weighted-population.ts. */
export async function weightingCells(engine: Engine): Promise<WeightingCell[]> {
  return (await engine.query(aggregateSql.weighting(engine))).map((r) => ({
    band: num(r[0]),
    sex: String(r[1]) as Sex,
    need: num(r[2]),
    persons: num(r[3]),
  }));
}

export async function weightedPopulationOf(
  engine: Engine,
  policy = defaultSuppression,
): Promise<WeightedPopulationResult> {
  const wp = weightedPopulation(await weightingCells(engine));
  const index = needsIndex(wp.persons ? wp : { persons: 1, weightedMillionths: 0n });
  return {
    persons: suppress(wp.persons, policy),
    weightedMillionths: wp.weightedMillionths.toString(),
    needsIndex: {
      numerator: index.n.toString(),
      denominator: index.d.toString(),
      fixed: formatDecimal(index, 4),
    },
  };
}

/**
 * The weighted-population index the money engine's WPAP takes (finance/wpap.ts,
 * `payment.population_index`; seed 001, para 40): the served population's weighted population
 * on `on` divided by the same a year earlier, as an exact `Rate`.
 */
export async function wpapPopulationIndex(
  engine: Engine,
  served: ServedPopulation,
  on: string,
): Promise<{ index: Rate; result: WpapPopulationIndex }> {
  const baselineOn = addMonths(on, -12);
  const cellsOn = async (date: string) =>
    (await engine.query(weightingOnSql(engine, served, date))).map((r) => ({
      band: num(r[0]),
      sex: String(r[1]) as Sex,
      need: num(r[2]),
      persons: num(r[3]),
    }));
  const current = weightedPopulation(await cellsOn(on));
  const baseline = weightedPopulation(await cellsOn(baselineOn));
  const index = weightedPopulationIndex(current, baseline);
  const appliesTo = nextYear(yearOf(on));
  return {
    index,
    result: {
      baselineOn,
      on,
      appliesTo,
      exact: { numerator: index.n.toString(), denominator: index.d.toString() },
      arrangementEntry: { year: appliesTo, index: formatDecimal(index, 6) },
    },
  };
}

export { ageBandLabel, settingNames };
