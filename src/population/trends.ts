import { minimumEvents, modelBased, publishedRate, round } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import { type PrematureMortality, prematureMortality } from './inequalities.ts';
import { ageBandStarts, fiveYearBandsOf } from './lifetable.ts';
import { num } from './profile.ts';
import { aggregateSql, type ServedPopulation } from './sql.ts';
import { byarLimits, esp2013, standardisedRate } from './standardise.ts';
import { type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

/**
 * The main rates by financial year (1 April to 31 March) over the years the data covers:
 * emergency admissions per 1,000 directly standardised to ESP2013 (Dobson intervals), A&E
 * attendances per 1,000 (crude, Byar intervals) and premature (under 75) mortality per 100,000
 * (ESP2013, Dobson). A year counts only if the data covers all of it — from the first to the
 * last activity date for admissions and A&E, the first to the last death for mortality — so a
 * part year at either end never looks like a fall. Numerators are the events of people served
 * on the day (deaths: of the practices' patients and residents, as the life tables count
 * them); the denominator is the population served on 1 October, the middle of the year, as
 * OHID's annual rates use mid-year populations. A year's rate is withheld from fewer than 10
 * events (disclosure rules 2 and 5).
 */

/** Emergency admissions age-standardised to ESP2013 with Dobson's 95% interval, and A&E per 1,000. */
export interface AdmissionsAndAe {
  emergencyAdmissions: SafeCount;
  emergencyPer1000Standardised: number | null;
  emergencyLower95: number | null;
  emergencyUpper95: number | null;
  aeAttendances: SafeCount;
  aePer1000: number | null;
}

export interface ActivityYear extends AdmissionsAndAe {
  /** Financial year, e.g. "2025/26". */
  year: string;
  /** The population served on 1 October of the year. */
  people: SafeCount;
  aeLower95: number | null;
  aeUpper95: number | null;
}

export interface MortalityYear extends PrematureMortality {
  year: string;
}

/** First and last day of the records a trend rests on. */
export interface Coverage {
  from: string;
  to: string;
}

export interface Trends {
  activityCovers: Coverage | null;
  activity: ActivityYear[];
  deathsCover: Coverage | null;
  prematureMortality: MortalityYear[];
}

/** A YYYYMMDD whole number (the coverage queries) as an ISO date; none for an empty table. */
export function coverageOf(row: Row | undefined): Coverage | null {
  const iso = (n: number) => `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}`;
  const from = num(row?.[0]);
  const to = num(row?.[1]);
  return from > 0 && to > 0 ? { from: iso(from), to: iso(to) } : null;
}

/** The financial years (by their first calendar year) wholly inside the coverage. */
export function completeYears(coverage: Coverage | null): number[] {
  if (!coverage) return [];
  const years: number[] = [];
  for (let y = Number(coverage.from.slice(0, 4)) - 1; `${y + 1}-03-31` <= coverage.to; y++) {
    if (`${y}-04-01` >= coverage.from) years.push(y);
  }
  return years;
}

export const yearLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

/** The financial years' span as the dates from and before which to count. */
const spanOf = (years: number[]) => [`${years[0]}-04-01`, `${(years.at(-1) as number) + 1}-04-01`] as const;

/** What the activity data covers and its rows by year (`aggregateSql.activityByYear`) for a population. */
export interface ActivityRead {
  covers: Coverage | null;
  rows: Row[];
}

/** Reads the activity of `served` over the complete financial years: once for a whole ICB and its areas. */
export async function readActivity(engine: Engine, served: ServedPopulation): Promise<ActivityRead> {
  const covers = coverageOf((await engine.query(aggregateSql.activityCoverage(engine)))[0]);
  const years = completeYears(covers);
  const rows = years.length
    ? await engine.query(aggregateSql.activityByYear(engine, served, ...spanOf(years)))
    : [];
  return { covers, rows };
}

/**
 * The rows of `activityByYear` (practice in column 4, a resident's LSOA in 5) of the people in
 * `served`, a part of the population they were read for.
 */
export function partOf(rows: readonly Row[], served: ServedPopulation): Row[] {
  const practices = new Set(served.practices);
  const lsoas = served.lsoas && new Set(served.lsoas);
  return rows.filter((r) => {
    const practice = String(r[4] ?? '');
    if (practice !== '') return practices.has(practice);
    return !lsoas || lsoas.has(String(r[5] ?? ''));
  });
}

/** The trends of `served`; from `activity` read for a population it is part of, when given. */
export async function trends(
  engine: Engine,
  served: ServedPopulation,
  policy: SuppressionPolicy,
  activity?: ActivityRead,
): Promise<Trends> {
  const { covers: activityCovers, rows } = activity ?? (await readActivity(engine, served));
  const activityRows = activity ? partOf(rows, served) : rows;
  const deathsCover = coverageOf((await engine.query(aggregateSql.deathCoverage(engine, served)))[0]);
  const activityYears = completeYears(activityCovers);
  const deathYears = completeYears(deathsCover);
  const deathRows = deathYears.length
    ? await engine.query(aggregateSql.deathsByYear(engine, served, ...spanOf(deathYears)))
    : [];
  const population = new Map<number, Row[]>();
  for (const y of new Set([...activityYears, ...deathYears]))
    population.set(y, await engine.query(aggregateSql.populationOn(engine, served, `${y}-10-01`)));
  return {
    activityCovers,
    activity: activityYears.map((y) => activityYear(y, activityRows, population.get(y) ?? [], policy)),
    deathsCover,
    prematureMortality: deathYears.map((y) => ({
      year: yearLabel(y),
      ...prematureMortality(byBand(deathRows, y, 2), byBand(population.get(y) ?? [], null, 1), 1, policy),
    })),
  };
}

/** Counts by life-table band from rows (year, band, counts…) or (band, count) when `year` is null. */
export function byBand(rows: readonly Row[], year: number | null, column: number): number[] {
  const out = new Array<number>(ageBandStarts.length).fill(0);
  for (const r of rows) {
    if (year !== null && num(r[0]) !== year) continue;
    const band = num(r[year === null ? 0 : 1]);
    out[band] = (out[band] as number) + num(r[column]);
  }
  return out;
}

/**
 * One year's activity from rows of `aggregateSql.activityByYear` (year, band, emergency, A&E, …)
 * and the year's `populationOn` rows (band, people).
 */
export function activityYear(
  year: number,
  activityRows: readonly Row[],
  populationRows: readonly Row[],
  policy: SuppressionPolicy,
): ActivityYear {
  const population = byBand(populationRows, null, 1);
  const emergency = byBand(activityRows, year, 2);
  const ae = byBand(activityRows, year, 3);
  const people = population.reduce((a, b) => a + b, 0);
  const dsr = standardisedRate(fiveYearBandsOf(emergency), fiveYearBandsOf(population), esp2013, 1000);
  const shown = (x: number) => modelBased(x, people, dsr.events, policy);
  const attendances = ae.reduce((a, b) => a + b, 0);
  const aeShown = suppress(attendances, policy);
  const peopleShown = suppress(people, policy);
  // A&E from the published counts (rule 2), its interval Byar's limits of the published count.
  const aeRate =
    aeShown !== null && aeShown >= minimumEvents ? publishedRate(attendances, people, 1000, policy) : null;
  const [lower, upper] = byarLimits(aeShown ?? 0);
  const aeLimit = (limit: number) =>
    aeRate === null || !peopleShown ? null : round((1000 * limit) / peopleShown, 2);
  return {
    year: yearLabel(year),
    people: peopleShown,
    emergencyAdmissions: suppress(dsr.events, policy),
    emergencyPer1000Standardised: shown(dsr.rate),
    emergencyLower95: shown(dsr.lower95),
    emergencyUpper95: shown(dsr.upper95),
    aeAttendances: aeShown,
    aePer1000: aeRate,
    aeLower95: aeLimit(lower),
    aeUpper95: aeLimit(upper),
  };
}
