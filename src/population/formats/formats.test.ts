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
import { loadDataset } from './load.ts';
import { type ForeignFormat, writeForeign } from './write.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
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

async function analyse(
  dir: string,
  format: InputFormat,
  practices: string[],
  on: string,
): Promise<PopulationReport> {
  const engine = await DuckDbEngine.open();
  try {
    const { manifest } = await loadDataset(engine, dir, { format });
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

describe('the same population read from native, OMOP, FHIR and SUS-style files gives the same report', () => {
  it('on the hand-made fixture', async () => {
    const native = fixtureInRealAreas();
    const practices = [...fixtureServed.practices];
    const expected = await analyse(native, 'native', practices, fixtureDate);
    // Moving people to real LSOAs with the same deciles changes nothing in the report.
    const original = writeFixture();
    dirs.push(original);
    expect(await analyse(original, 'native', practices, fixtureDate)).toEqual(expected);
    expect(expected.served.total).toBe(5);
    for (const format of foreign) {
      const dir = scratch(format);
      await writeForeign(format, native, dir, '2026-08-01');
      expect({ format, report: await analyse(dir, format, practices, fixtureDate) }).toEqual({
        format,
        report: expected,
      });
    }
  }, 120_000);

  it('on a small synthetic ICB', async () => {
    const native = scratch('synth');
    const { manifest } = await synthesise({ icb: 'QUA', out: native, scale: 0.002, seed: 3, format: 'csv' });
    const practices = icbPractices('QUA');
    const on = manifest.analysisDate as string;
    const expected = await analyse(native, 'native', practices, on);
    expect(expected.served.total).toBeGreaterThan(2000);
    expect(expected.needs.prevalence.filter((p) => (p.persons ?? 0) > 0).length).toBeGreaterThan(15);
    for (const format of foreign) {
      const dir = scratch(format);
      await writeForeign(format, native, dir, manifest.extractDate as string);
      // Found from the folder: the manifest names the format.
      expect({ format, report: await analyse(dir, format, practices, on) }).toEqual({
        format,
        report: expected,
      });
    }
  }, 240_000);
});
