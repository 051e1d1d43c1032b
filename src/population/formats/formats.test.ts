import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { icbPractices } from '../../system/practices.ts';
import { DuckDbEngine } from '../engines/duckdb.ts';
import { englandComparators } from '../england.ts';
import { type PopulationReport, runPipeline } from '../pipeline.ts';
import { noSuppression } from '../suppress.ts';
import { synthesise } from '../synth.ts';
import { fixtureDate, fixtureServed, writeFixture } from '../test-fixture.ts';
import { writeFixtureInRealAreas } from './fixture-areas.ts';
import type { InputFormat } from './input-formats.ts';
import { loadDataset, loadOmopDatabase } from './load.ts';
import { fetchRows } from './omop-postgres.ts';
import { type OmopTestSchema, omopTestSchema } from './test-omop-database.ts';
import { type ForeignFormat, writeForeign } from './write.ts';

const dirs: string[] = [];
const schemas: OmopTestSchema[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const s of schemas) await s.drop();
});
const scratch = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `concordat-${name}-`));
  dirs.push(dir);
  return dir;
};

function fixtureInRealAreas(): string {
  const dir = writeFixtureInRealAreas();
  dirs.push(dir);
  return dir;
}

/** Where the data set is read from: a folder in a format, or an OMOP schema in PostgreSQL. */
type From = { dir: string; format: InputFormat } | { omop: string };

async function analyse(from: From, practices: string[], on: string): Promise<PopulationReport> {
  const engine = await DuckDbEngine.open();
  try {
    const { manifest } =
      'omop' in from
        ? await loadOmopDatabase(engine, from.omop)
        : await loadDataset(engine, from.dir, { format: from.format });
    return await runPipeline(engine, {
      title: 'formats',
      on,
      served: { practices },
      manifest,
      england: await englandComparators(),
      suppression: noSuppression,
      topPercent: 10,
    });
  } finally {
    await engine.close();
  }
}

const foreign: ForeignFormat[] = ['omop', 'fhir', 'sus'];

/** Each foreign format written from `native`, and the OMOP files copied into PostgreSQL too. */
async function sources(native: string, observedUntil: string): Promise<Record<string, From>> {
  const found: Record<string, From> = {};
  for (const format of foreign) {
    const dir = scratch(format);
    await writeForeign(format, native, dir, observedUntil);
    found[format] = { dir, format };
    if (format === 'omop') {
      const schema = await omopTestSchema(dir);
      schemas.push(schema);
      found['omop in PostgreSQL'] = { omop: schema.url };
    }
  }
  return found;
}

describe('the same population read from native, OMOP (files and PostgreSQL), FHIR and SUS-style data gives the same report', () => {
  it('on the hand-made fixture', async () => {
    const native = fixtureInRealAreas();
    const practices = [...fixtureServed.practices];
    const expected = await analyse({ dir: native, format: 'native' }, practices, fixtureDate);
    // Moving people to real LSOAs with the same deciles changes nothing in the report.
    const original = writeFixture();
    dirs.push(original);
    expect(await analyse({ dir: original, format: 'native' }, practices, fixtureDate)).toEqual(expected);
    expect(expected.served.total).toBe(5);
    for (const [source, from] of Object.entries(await sources(native, '2026-08-01'))) {
      expect({ source, report: await analyse(from, practices, fixtureDate) }).toEqual({
        source,
        report: expected,
      });
    }
  }, 120_000);

  it('on a small synthetic ICB', async () => {
    const native = scratch('synth');
    const { manifest } = await synthesise({ icb: 'QUA', out: native, scale: 0.002, seed: 3, format: 'csv' });
    const practices = icbPractices('QUA');
    const on = manifest.analysisDate as string;
    const expected = await analyse({ dir: native, format: 'native' }, practices, on);
    expect(expected.served.total).toBeGreaterThan(2000);
    expect(expected.needs.prevalence.filter((p) => (p.persons ?? 0) > 0).length).toBeGreaterThan(15);
    expect(expected.synthetic).not.toBeNull();
    // Enough visits that PostgreSQL hands them over in several batches.
    expect(manifest.counts.events).toBeGreaterThan(2 * fetchRows);
    for (const [source, from] of Object.entries(await sources(native, manifest.extractDate as string))) {
      expect({ source, report: await analyse(from, practices, on) }).toEqual({ source, report: expected });
    }
  }, 240_000);
});
