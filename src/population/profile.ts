import type { Engine, Row } from './engines/engine.ts';
import { type Setting, type Sex, settings } from './model.ts';
import { aggregateSql, featuresSql, narrowFeaturesSql, type ServedPopulation } from './sql.ts';

/**
 * The person-level table the population health analyses read (sql.ts, `featuresSql`), and the
 * profile aggregate (people, activity and cost by age band, sex and IMD decile) that the needs
 * assessment and the inequalities both use. Each analysis has its own module (served.ts,
 * needs.ts, risk.ts, segments.ts, inequalities.ts, weighted.ts); each returns only aggregates
 * under the disclosure rules of disclosure.ts.
 */

export const fiveYearBands = Array.from({ length: 19 }, (_, i) =>
  i === 18 ? '90+' : `${i * 5}–${i * 5 + 4}`,
);

export const num = (cell: Row[number] | undefined) => Number(cell ?? 0);

/** Builds the person-level table for the population served on `on`. */
export async function preparePopulation(engine: Engine, served: ServedPopulation, on: string): Promise<void> {
  profiles.delete(engine);
  await engine.buildFeatures(featuresSql(engine, served, on));
}

/** Narrows the kept per-person table (`Engine.keepFeatures`) to part of its population. */
export async function narrowPopulation(engine: Engine, served: ServedPopulation): Promise<void> {
  profiles.delete(engine);
  await engine.buildFeatures(narrowFeaturesSql(engine, served));
}

/** The profile aggregate feeds both the needs assessment and the inequalities: run it once per build. */
const profiles = new WeakMap<Engine, Promise<ProfileCell[]>>();

export interface ProfileCell {
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

export function profileCells(engine: Engine): Promise<ProfileCell[]> {
  let cells = profiles.get(engine);
  if (!cells) {
    cells = queryProfile(engine);
    profiles.set(engine, cells);
    cells.catch(() => profiles.delete(engine));
  }
  return cells;
}

async function queryProfile(engine: Engine): Promise<ProfileCell[]> {
  return profileFromRows(await engine.query(aggregateSql.profile(engine)));
}

/** Profile cells from the rows of `aggregateSql.profile`. */
export function profileFromRows(rows: readonly Row[]): ProfileCell[] {
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

export function sumCells(cells: readonly ProfileCell[]) {
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
