import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb.ts';
import { englandComparators, icbPractices } from '../england.ts';
import { type PopulationReport, runPipeline } from '../pipeline.ts';
import { noSuppression } from '../suppress.ts';
import { synthesise } from '../synth.ts';
import { fixtureDate, fixturePersons, fixtureServed, writeFixture } from '../test-fixture.ts';
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

/**
 * The fixture's LSOAs are made up (E01009004 is no 2011 LSOA) and its deciles chosen by hand.
 * OMOP and FHIR carry only the LSOA, and Concordat looks its decile up, so here each person
 * lives in a real Dudley LSOA whose IMD 2019 decile is the one the fixture gives them.
 */
const realAreas: Record<string, string> = {
  P1: 'E01009733', // decile 1
  P2: 'E01009725', // decile 2
  P3: 'E01009724', // decile 9
  P4: 'E01009724', // decile 9
  P5: 'E01009743', // decile 1
  P6: 'E01009719', // decile 5
  P7: 'E01009733', // decile 1
};
function fixtureInRealAreas(): string {
  const persons = fixturePersons.map((line, i) => {
    if (i === 0) return line;
    const fields = line.split(',');
    fields[7] = realAreas[fields[0] as string] as string;
    return fields.join(',');
  });
  const dir = writeFixture({ persons });
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
    const practices = await icbPractices('QUA');
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
