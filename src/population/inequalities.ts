import { modelBased, perPublishedHead, publishedRate, round } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import type { PublishedLifeExpectancy } from './england.ts';
import { ageBandStarts, type LifeExpectancy, lifeTable } from './lifetable.ts';
import { type Sex, sexes } from './model.ts';
import { num, type ProfileCell, profileCells, sumCells } from './profile.ts';
import { type SiiDecile, type SlopeIndex, slopeIndex } from './slope-index.ts';
import { aggregateSql, type ServedPopulation } from './sql.ts';
import { defaultSuppression, type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

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
  /**
   * SII: fitted value at the least deprived end minus the most deprived end, over every decile
   * with people in it, with a 95% interval where the deciles' standard errors are known (inequality.ts).
   */
  slopeIndex: {
    emergencyAdmissionsPer1000Standardised: SlopeIndex;
    aePer1000: SlopeIndex;
    costPerHeadPence: SlopeIndex;
    multimorbidPercent: SlopeIndex;
    lifeExpectancy: Record<Sex, SlopeIndex>;
  };
  lifeExpectancy: LifeExpectancyRow[];
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
 * Directly standardised emergency admissions per 1,000 for one decile's cells, standardised to
 * the age–sex mix of the population served, with its standard error (the usual DSR variance:
 * the sum over cells of the squared standard weight times the events over the squared people).
 */
function standardisedEmergency(
  subset: readonly ProfileCell[],
  standard: Map<string, number>,
  standardTotal: number,
) {
  let rate = 0;
  let variance = 0;
  for (const c of subset) {
    if (c.persons === 0) continue;
    const w = (standard.get(`${c.band}${c.sex}`) ?? 0) / standardTotal;
    rate += (w * c.events.emergency) / c.persons;
    variance += (w * w * c.events.emergency) / (c.persons * c.persons);
  }
  return { rate: 1000 * rate, se: 1000 * Math.sqrt(variance) };
}

/** Rates by decile for publishing, and the unrounded figures the SII is fitted to. */
export function decileRates(cells: readonly ProfileCell[], policy: SuppressionPolicy) {
  const standard = new Map<string, number>();
  for (const c of cells)
    standard.set(`${c.band}${c.sex}`, (standard.get(`${c.band}${c.sex}`) ?? 0) + c.persons);
  const standardTotal = [...standard.values()].reduce((a, b) => a + b, 0);
  const byDecile: DecileRates[] = [];
  const figures: DecileFigures[] = [];
  for (let decile = 1; decile <= 10; decile++) {
    const subset = cells.filter((c) => c.decile === decile);
    const t = sumCells(subset);
    const standardised = standardisedEmergency(subset, standard, standardTotal);
    byDecile.push({
      decile,
      persons: suppress(t.persons, policy),
      emergencyAdmissionsPer1000: publishedRate(t.events.emergency, t.persons, 1000, policy),
      emergencyAdmissionsPer1000Standardised: modelBased(
        standardised.rate,
        t.persons,
        t.events.emergency,
        policy,
      ),
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
      emSe: standardised.se,
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
 * (crude and, for emergency admissions, age–sex standardised), the slope index of inequality,
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
    lifeExpectancy,
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
