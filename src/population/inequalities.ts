import { type DecileGap, decileGap } from './decile-gap.ts';
import { modelBased, perPublishedHead, publishedRate, round } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import type { PublishedLifeExpectancy } from './england.ts';
import { ageBandStarts, fiveYearBandsOf, type LifeExpectancy, lifeTable } from './lifetable.ts';
import { type Sex, sexes } from './model.ts';
import { num, type ProfileCell, profileCells, sumCells } from './profile.ts';
import { type SiiDecile, type SlopeIndex, slopeIndex } from './slope-index.ts';
import { aggregateSql, type ServedPopulation } from './sql.ts';
import { esp2013, standardisedRate } from './standardise.ts';
import { defaultSuppression, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

export interface DecileRates {
  decile: number;
  persons: SafeCount;
  emergencyAdmissionsPer1000: number | null;
  /** Directly age-standardised to the European Standard Population 2013 (standardise.ts). */
  emergencyAdmissionsPer1000Standardised: number | null;
  /** Its 95% confidence interval (Dobson), shown with it. */
  emergencyStandardisedLower95: number | null;
  emergencyStandardisedUpper95: number | null;
  aePer1000: number | null;
  costPerHeadPence: number | null;
  multimorbidPercent: number | null;
}

/** Deaths under 75 and their standardised rate per 100,000 a year, for one group. */
export interface PrematureMortality {
  deaths: SafeCount;
  per100000: number | null;
  lower95: number | null;
  upper95: number | null;
}

export interface PrematureMortalityRow extends PrematureMortality {
  decile: number | 'All';
}

/** ESP2013's five-year bands under 75 (0–4 … 70–74). */
const underSeventyFiveBands = 15;

/**
 * Premature (under 75) mortality as OHID's indicator defines it: deaths at ages under 75 per
 * 100,000 person-years, directly standardised to the ESP2013 bands under 75, with Dobson
 * intervals. Life-table bands 0 and 1–4 make the five-year band 0–4.
 */
export function prematureMortality(
  deaths: readonly number[],
  population: readonly number[],
  years: number,
  policy: SuppressionPolicy,
): PrematureMortality {
  const underSeventyFive = (byLifeTableBand: readonly number[]) =>
    fiveYearBandsOf(byLifeTableBand).slice(0, underSeventyFiveBands);
  const d = underSeventyFive(deaths);
  const personYears = underSeventyFive(population).map((p) => p * years);
  const r = standardisedRate(d, personYears, esp2013.slice(0, underSeventyFiveBands), 100_000);
  const people = population.reduce((a, b) => a + b, 0);
  return {
    deaths: suppress(r.events, policy),
    per100000: modelBased(r.rate, people, r.events, policy),
    lower95: modelBased(r.lower95, people, r.events, policy),
    upper95: modelBased(r.upper95, people, r.events, policy),
  };
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
  /**
   * SII: fitted value at the least deprived end minus the most deprived end, over every decile
   * with people in it, with a 95% interval where the deciles' standard errors are known (slope-index.ts).
   */
  slopeIndex: {
    emergencyAdmissionsPer1000Standardised: SlopeIndex;
    aePer1000: SlopeIndex;
    costPerHeadPence: SlopeIndex;
    multimorbidPercent: SlopeIndex;
    lifeExpectancy: Record<Sex, SlopeIndex>;
  };
  /** Decile 1 against decile 10 for each measure with an SII, from the published decile figures. */
  decileGap: {
    emergencyAdmissionsPer1000Standardised: DecileGap;
    aePer1000: DecileGap;
    costPerHeadPence: DecileGap;
    multimorbidPercent: DecileGap;
    lifeExpectancy: Record<Sex, DecileGap>;
  };
  lifeExpectancy: LifeExpectancyRow[];
  /**
   * Deaths under 75 per 100,000 a year, directly age-standardised to ESP2013 (both sexes), over
   * the same years as life expectancy: for everyone and by decile.
   */
  prematureMortality: PrematureMortalityRow[];
  /** Deaths counted over these years before the date (3, like ONS and OHID periods). */
  years: number;
}

/** A decile's figures before rounding, for the SII. */
interface DecileFigures {
  decile: number;
  population: number;
  em: number;
  emSe: number;
  ae: number;
  aeSe: number;
  cost: number;
  mm: number;
  mmSe: number;
}

/**
 * Emergency admissions per 1,000 for one decile, directly age-standardised to ESP2013 over the
 * five-year bands 0–4 … 90+ (both sexes together, as OHID's "persons" rates are).
 */
function standardisedEmergency(subset: readonly ProfileCell[]) {
  const events = new Array(19).fill(0);
  const population = new Array(19).fill(0);
  for (const c of subset) {
    events[c.band] += c.events.emergency;
    population[c.band] += c.persons;
  }
  return standardisedRate(events, population, esp2013, 1000);
}

/** Rates by decile for publishing, and the unrounded figures the SII is fitted to. */
export function decileRates(cells: readonly ProfileCell[], policy: SuppressionPolicy) {
  const byDecile: DecileRates[] = [];
  const figures: DecileFigures[] = [];
  for (let decile = 1; decile <= 10; decile++) {
    const subset = cells.filter((c) => c.decile === decile);
    const t = sumCells(subset);
    const standardised = standardisedEmergency(subset);
    const shown = (x: number) => modelBased(x, t.persons, t.events.emergency, policy);
    byDecile.push({
      decile,
      persons: suppress(t.persons, policy),
      emergencyAdmissionsPer1000: publishedRate(t.events.emergency, t.persons, 1000, policy),
      emergencyAdmissionsPer1000Standardised: shown(standardised.rate),
      emergencyStandardisedLower95: shown(standardised.lower95),
      emergencyStandardisedUpper95: shown(standardised.upper95),
      aePer1000: publishedRate(t.events.ae, t.persons, 1000, policy),
      costPerHeadPence: perPublishedHead(t.cost, t.persons, policy),
      multimorbidPercent: publishedRate(t.multimorbid, t.persons, 100, policy),
    });
    const p = t.persons;
    const share = p ? t.multimorbid / p : 0;
    figures.push({
      decile,
      population: p,
      em: standardised.rate,
      emSe: standardised.standardError,
      ae: p ? (1000 * t.events.ae) / p : 0,
      aeSe: p ? (1000 * Math.sqrt(t.events.ae)) / p : 0,
      cost: p ? t.cost / p : 0,
      mm: 100 * share,
      mmSe: p ? 100 * Math.sqrt((share * (1 - share)) / p) : 0,
    });
  }
  return { byDecile, figures };
}

/**
 * Inequalities by IMD decile (seed 001, para 30; seed 002, para 2.51): activity and cost rates
 * (crude and, for emergency admissions, age-standardised to ESP2013 with Dobson intervals), the slope index of inequality,
 * and life expectancy at birth by decile and sex from an abridged life table (Chiang II) over
 * the `years` before the date. OHID does not publish life expectancy for populations under
 * 5,000; nor does this, but a smaller decile's life expectancy still enters the SII (it is never
 * shown on its own), so the SII uses every decile it can (issue 17).
 */
export async function inequalities(
  engine: Engine,
  served: ServedPopulation,
  on: string,
  policy = defaultSuppression,
  years = 3,
): Promise<Inequalities> {
  const { byDecile, figures } = decileRates(await profileCells(engine), policy);
  const sii = (value: (f: DecileFigures) => number, se?: (f: DecileFigures) => number) =>
    roundSlope(
      slopeIndex(
        figures.map((f) => ({
          decile: f.decile,
          population: f.population,
          value: f.population ? value(f) : null,
          standardError: se && f.population ? se(f) : null,
        })),
      ),
    );

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
  const leSii = {} as Record<Sex, SlopeIndex>;
  for (const sex of sexes) {
    const points: SiiDecile[] = [];
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
      let le: LifeExpectancy | null = null;
      if (p.some((x) => x === 0)) row.note = 'an age band has nobody in it';
      else if ((d[bands - 1] as number) === 0) row.note = 'no deaths at 90+';
      else le = lifeTable({ deaths: d, personYears: p.map((x) => x * years) });
      if (le && people < 5000) row.note = 'fewer than 5,000 people';
      else if (le) {
        row.lifeExpectancy = {
          atBirth: round(le.atBirth, 2),
          lower95: round(le.lower95, 2),
          upper95: round(le.upper95, 2),
          byAge: le.byAge.map((x) => round(x, 2)),
        };
      }
      if (decile !== 'All') {
        points.push({
          decile,
          population: people,
          value: le?.atBirth ?? null,
          standardError: le ? (le.upper95 - le.lower95) / (2 * 1.96) : null,
        });
      }
      lifeExpectancy.push(row);
    }
    leSii[sex] = roundSlope(slopeIndex(points));
  }
  const bothSexes = (rows: Row[], decile: number | 'All') => {
    const [f, m] = sexes.map((sex) => table(rows, sex, decile));
    return (f as number[]).map((x, i) => x + ((m as number[])[i] as number));
  };
  const premature = (['All', ...Array.from({ length: 10 }, (_, i) => i + 1)] as const).map((decile) => ({
    decile,
    ...prematureMortality(bothSexes(deaths, decile), bothSexes(population, decile), years, policy),
  }));
  const lifeGap = (sex: Sex) =>
    decileGap(
      lifeExpectancy.flatMap((r) =>
        r.sex === sex && r.decile !== 'All'
          ? [{ decile: r.decile, value: r.lifeExpectancy?.atBirth ?? null }]
          : [],
      ),
    );
  const gap = (value: (d: DecileRates) => number | null) =>
    decileGap(byDecile.map((d) => ({ decile: d.decile, value: value(d) })));
  return {
    byDecile,
    slopeIndex: {
      emergencyAdmissionsPer1000Standardised: sii(
        (f) => f.em,
        (f) => f.emSe,
      ),
      aePer1000: sii(
        (f) => f.ae,
        (f) => f.aeSe,
      ),
      costPerHeadPence: sii((f) => f.cost),
      multimorbidPercent: sii(
        (f) => f.mm,
        (f) => f.mmSe,
      ),
      lifeExpectancy: leSii,
    },
    decileGap: {
      emergencyAdmissionsPer1000Standardised: gap((d) => d.emergencyAdmissionsPer1000Standardised),
      aePer1000: gap((d) => d.aePer1000),
      costPerHeadPence: gap((d) => d.costPerHeadPence),
      multimorbidPercent: gap((d) => d.multimorbidPercent),
      lifeExpectancy: { F: lifeGap('F'), M: lifeGap('M') },
    },
    lifeExpectancy,
    prematureMortality: premature,
    years,
  };
}

function roundSlope(s: SlopeIndex): SlopeIndex {
  const r = (x: number | null) => (x === null ? null : round(x, 2));
  return { ...s, value: r(s.value), lower95: r(s.lower95), upper95: r(s.upper95) };
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
      foundSii: found.slopeIndex.lifeExpectancy[sex].value,
      publishedSiiMeanOfAreas: mean(published.areas.map((a) => (sex === 'M' ? a.maleSii : a.femaleSii))),
    })),
  };
}
