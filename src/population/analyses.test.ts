import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from './engines/duckdb.ts';
import { ingest } from './ingest.ts';
import { preparePopulation } from './profile.ts';
import { riskStratification } from './risk.ts';
import { segmentation } from './segments.ts';
import { populationServed } from './served.ts';
import { defaultSuppression, noSuppression } from './suppress.ts';
import { fixtureDate, fixtureServed, writeFixture } from './test-fixture.ts';
import { weightingCells, wpapPopulationIndex } from './weighted.ts';
import { weightedPopulation, weightedPopulationIndex } from './weighted-population.ts';

let engine: DuckDbEngine;
let dir: string;

beforeAll(async () => {
  dir = writeFixture();
  engine = await DuckDbEngine.open();
  await ingest(engine, dir);
  await preparePopulation(engine, fixtureServed, fixtureDate);
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('population analyses on a hand-checked data set', () => {
  it('serves registered patients of the practices plus unregistered residents, alive on the date', async () => {
    const served = await populationServed(engine, fixtureDate, noSuppression);
    expect(served).toMatchObject({ total: 5, registered: 4, unregisteredResidents: 1 });
    expect(served.practices).toEqual([
      { practice: 'M87001', persons: 2 },
      { practice: 'M87003', persons: 2 },
    ]);
  });

  it('suppresses small counts by default', async () => {
    expect((await populationServed(engine, fixtureDate, defaultSuppression)).total).toBeNull();
  });

  it('scores risk by the documented points', async () => {
    const rows = await engine.query(
      'SELECT person_id, age, ltc, em_n, ae_n, risk_points, em_next FROM features ORDER BY person_id',
    );
    expect(rows).toEqual([
      ['P1', 90, 2, 0, 0, 3 + 2 + 1, 1],
      ['P2', 70, 1, 1, 1, 1 + 1 + 3 + 1 + 1, 1],
      ['P3', 30, 0, 0, 0, 0, 0],
      ['P4', 0, 0, 0, 0, 0, 0],
      ['P5', 35, 0, 0, 2, 2 + 1, 0],
    ]);
    const risk = await riskStratification(engine, 20, noSuppression);
    expect(risk.bands.map((b) => b.persons)).toEqual([2, 1, 2, 0]);
    // Top 20% of 5 people: the single person with most points (P2, 7 points).
    expect(risk.topCohort.minimumPoints).toBe(7);
    expect(risk.topCohort.group.persons).toBe(1);
    expect(risk.bands[2]?.admittedPer1000).toBe(1000);
  });

  it('puts each person in exactly one segment by priority', async () => {
    const segments = await segmentation(engine, noSuppression);
    const byId = Object.fromEntries(segments.map((s) => [s.id, s.persons]));
    expect(byId).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 1, 8: 1, 9: 1 });
  });

  it('gives the WPAP population index as the exact ratio of weighted populations a year apart', async () => {
    const current = weightedPopulation([
      { band: 18, sex: 'F', need: 2, persons: 1 }, // P1, 90
      { band: 14, sex: 'M', need: 1, persons: 1 }, // P2, 70
      { band: 6, sex: 'F', need: 0, persons: 1 }, // P3, 30
      { band: 0, sex: 'M', need: 0, persons: 1 }, // P4, infant
      { band: 7, sex: 'M', need: 0, persons: 1 }, // P5, 35
    ]);
    const baseline = weightedPopulation([
      { band: 17, sex: 'F', need: 2, persons: 1 }, // P1, 89
      { band: 13, sex: 'M', need: 1, persons: 1 }, // P2, 69
      { band: 5, sex: 'F', need: 0, persons: 1 }, // P3, 29
      { band: 6, sex: 'M', need: 0, persons: 1 }, // P5, 34
      { band: 8, sex: 'F', need: 0, persons: 1 }, // P6, 44, still registered then
      { band: 16, sex: 'M', need: 0, persons: 1 }, // P7, 84, alive then
    ]);
    const wpap = await wpapPopulationIndex(engine, fixtureServed, fixtureDate);
    expect(wpap?.index).toEqual(weightedPopulationIndex(current, baseline));
    expect(wpap?.result).toMatchObject({ baselineOn: '2024-08-01', appliesTo: '2026/27' });
    // The pipeline hands over the cells it read from the per-person table: the same index.
    const fromFeatures = await wpapPopulationIndex(
      engine,
      fixtureServed,
      fixtureDate,
      await weightingCells(engine),
    );
    expect(fromFeatures).toEqual(wpap);
    // A practice with nobody registered a year before has no index, rather than failing.
    expect(await wpapPopulationIndex(engine, { practices: ['M87999'], lsoas: [] }, fixtureDate)).toBeNull();
  });

  it('gives the weighting cells for the WPAP index', async () => {
    const cells = await weightingCells(engine);
    expect(cells.reduce((s, c) => s + c.persons, 0)).toBe(5);
    expect(cells).toContainEqual({ band: 18, sex: 'F', need: 2, persons: 1 });
  });
});
