import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInput } from '../core/errors.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import { ingest } from './ingest.ts';
import { fixtureConditions, fixtureEvents, fixturePersons, writeFixture } from './test-fixture.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function load(overrides: Parameters<typeof writeFixture>[0] = {}) {
  const dir = writeFixture(overrides);
  dirs.push(dir);
  const engine = await DuckDbEngine.open();
  try {
    const steps: string[] = [];
    await ingest(engine, dir, (step) => steps.push(step));
    const counts = await engine.query(
      'SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM conditions), (SELECT count(*) FROM events)',
    );
    return { counts: counts[0], steps };
  } catch (error) {
    const tables = await engine.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('persons', 'conditions', 'events')`,
    );
    return { error: error as InvalidInput, tables };
  } finally {
    await engine.close();
  }
}

describe('ingest', () => {
  it('loads a good data set and reports progress', async () => {
    const result = await load();
    expect(result.counts).toEqual([7, 5, 8]);
    expect(result.steps?.at(-1)).toBe('loaded');
  });

  /** The fixture's lines with line `index` (0 is the header) replaced. */
  const replaced = (lines: readonly string[], index: number, line: string) =>
    lines.map((l, i) => (i === index ? line : l));
  const cases: [string, Parameters<typeof writeFixture>[0], RegExp][] = [
    [
      'a missing column',
      { events: fixtureEvents.map((l) => l.split(',').slice(0, 3).join(',')) },
      /events\.csv: has no column cost_pence/,
    ],
    [
      'a bad date',
      { conditions: [...fixtureConditions.slice(0, 3), 'P1,PC,2025-02-30', ...fixtureConditions.slice(4)] },
      /conditions\.csv line 4, onset_date: '2025-02-30' is not a date/,
    ],
    [
      'an unknown practice',
      { persons: replaced(fixturePersons, 2, 'P2,1955,1,M,ZZ9999,2010-05-01,,E01009002,2,,') },
      /persons\.csv line 3, practice_code: 'ZZ9999' is not a known GP practice/,
    ],
    [
      'a negative cost',
      { events: [...fixtureEvents, 'P3,2025-01-01,gp,-5'] },
      /events\.csv line 10, cost_pence: '-5' is negative/,
    ],
    [
      'an event for nobody',
      { events: [...fixtureEvents.slice(0, 2), 'P99,2025-01-01,gp,5', ...fixtureEvents.slice(2)] },
      /events\.csv line 3, person_id: 'P99' is not in the persons file/,
    ],
    [
      'an ethnicity that is no NHS ethnic category',
      { persons: replaced(fixturePersons, 4, 'P4,2025,2,M,M87003,2025-03-01,,E01009003,9,,Q') },
      /persons\.csv line 5, ethnicity: 'Q' is not an ethnic category code/,
    ],
    [
      'a year of birth too big for a whole number',
      { persons: replaced(fixturePersons, 2, 'P2,99999999999,1,M,M87001,2010-05-01,,E01009002,2,,') },
      /persons\.csv line 3, birth_year: '99999999999' is not a year of birth/,
    ],
    [
      'a duplicate person',
      { persons: [...fixturePersons, fixturePersons[3] as string] },
      /persons\.csv line 9, person_id: 'P3' appears twice/,
    ],
  ];
  for (const [name, overrides, message] of cases) {
    it(`refuses the whole data set for ${name}, naming the row and reason`, async () => {
      const result = await load(overrides);
      expect(result.error).toBeInstanceOf(InvalidInput);
      expect(result.error?.message).toMatch(message);
      expect(result.error?.message).toMatch(/nothing was loaded|has no column/);
      expect(result.tables).toEqual([]);
    });
  }

  it('keeps the national ethnic category code, and takes a file without the column as all not known', async () => {
    const codes = async (persons: string[]) => {
      const dir = writeFixture({ persons });
      dirs.push(dir);
      const engine = await DuckDbEngine.open();
      try {
        await ingest(engine, dir);
        return (await engine.query('SELECT ethnicity FROM persons ORDER BY person_id')).map((r) => r[0]);
      } finally {
        await engine.close();
      }
    };
    expect(await codes(fixturePersons)).toEqual(['A', '', 'H', 'Z', 'N', '99', 'C']);
    const older = fixturePersons.map((line) => line.slice(0, line.lastIndexOf(',')));
    expect(await codes(older)).toEqual(['', '', '', '', '', '', '']);
  });

  it('reads Parquet too', async () => {
    const dir = writeFixture();
    dirs.push(dir);
    const engine = await DuckDbEngine.open();
    try {
      for (const t of ['persons', 'conditions', 'events']) {
        await engine.run(
          `COPY (SELECT * FROM read_csv('${join(dir, `${t}.csv`)}', all_varchar = true)) TO '${join(dir, `${t}.parquet`)}' (FORMAT parquet)`,
        );
        rmSync(join(dir, `${t}.csv`));
      }
      await ingest(engine, dir);
      expect(await engine.query('SELECT count(*) FROM events')).toEqual([[8]]);
    } finally {
      await engine.close();
    }
  });

  it('reads the dates and whole numbers a Parquet file types as they are, checking they are there', async () => {
    const contents = async (dir: string) => {
      const engine = await DuckDbEngine.open();
      try {
        await ingest(engine, dir);
        return await Promise.all(
          ['persons', 'conditions', 'events'].map((t) => engine.query(`SELECT * FROM ${t} ORDER BY ALL`)),
        );
      } finally {
        await engine.close();
      }
    };
    const asParquet = async (dir: string) => {
      const engine = await DuckDbEngine.open();
      try {
        for (const t of ['persons', 'conditions', 'events']) {
          // DuckDB finds the types: dates as DATE; years, deciles and costs as BIGINT.
          await engine.run(
            `COPY (SELECT * FROM read_csv('${join(dir, `${t}.csv`)}')) TO '${join(dir, `${t}.parquet`)}' (FORMAT parquet)`,
          );
          rmSync(join(dir, `${t}.csv`));
        }
        return await engine.query(
          `SELECT typeof(event_date), typeof(cost_pence) FROM read_parquet('${join(dir, 'events.parquet')}') LIMIT 1`,
        );
      } finally {
        await engine.close();
      }
    };
    const csv = writeFixture();
    const typed = writeFixture();
    const missingDate = writeFixture({ events: [...fixtureEvents, 'P3,,gp,5'] });
    dirs.push(csv, typed, missingDate);
    expect(await asParquet(typed)).toEqual([['DATE', 'BIGINT']]);
    expect(await contents(typed)).toEqual(await contents(csv));
    await asParquet(missingDate);
    await expect(contents(missingDate)).rejects.toThrow(
      /events\.parquet row 9, event_date: '' is not a date/,
    );
  });

  it('loads on disk within a memory limit, and removes the database when closed', async () => {
    const dir = writeFixture();
    dirs.push(dir);
    const engine = await DuckDbEngine.openOnDisk({ memoryLimit: '64MB' });
    const folder = engine.folder as string;
    try {
      await ingest(engine, dir);
      expect(await engine.query(`SELECT current_setting('memory_limit')`)).toEqual([['61.0 MiB']]);
      expect(await engine.query('SELECT count(*) FROM events')).toEqual([[8]]);
      expect(existsSync(join(folder, 'population.duckdb'))).toBe(true);
    } finally {
      await engine.close();
    }
    expect(existsSync(folder)).toBe(false);
    await expect(DuckDbEngine.openOnDisk({ memoryLimit: 'lots' })).rejects.toThrow(/'lots' is not a size/);
  });
});
