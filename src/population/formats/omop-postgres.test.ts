import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput } from '../../core/errors.ts';
import { DuckDbEngine } from '../engines/duckdb.ts';
import { writeFixtureInRealAreas } from './fixture-areas.ts';
import { loadOmopDatabase } from './load.ts';
import { OmopDatabase } from './omop-postgres.ts';
import { type OmopTestSchema, omopTestSchema, testServerUrl } from './test-omop-database.ts';
import { writeForeign } from './write.ts';

const dirs: string[] = [];
const schemas: OmopTestSchema[] = [];
let omop = '';
beforeAll(async () => {
  const native = writeFixtureInRealAreas();
  omop = mkdtempSync(join(tmpdir(), 'concordat-omop-pg-'));
  dirs.push(native, omop);
  await writeForeign('omop', native, omop, '2026-08-01');
});
afterAll(async () => {
  for (const s of schemas) await s.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The fixture's OMOP tables in a schema of their own, spoilt by `edit` (SQL run in it). */
async function database(edit?: string): Promise<OmopTestSchema> {
  const schema = await omopTestSchema(omop);
  schemas.push(schema);
  if (edit) await schema.run(edit);
  return schema;
}

/** Loads the database, returning the refusal and which tables DuckDB was left with. */
async function refusal(url: string) {
  const engine = await DuckDbEngine.open();
  try {
    await loadOmopDatabase(engine, url);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    const tables = await engine.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('persons', 'conditions', 'events')`,
    );
    return { message: (error as InvalidInput).message, tables };
  } finally {
    await engine.close();
  }
  throw new Error('the database was loaded');
}

describe('reading OMOP from PostgreSQL', () => {
  it('loads every table, costs included, and finds no synthetic label in a fixture', async () => {
    const { url } = await database();
    const engine = await DuckDbEngine.open();
    try {
      const loaded = await loadOmopDatabase(engine, url);
      expect(loaded).toMatchObject({ format: 'omop', notes: [], manifest: { synthetic: false } });
      const events = await engine.query('SELECT count(*), sum(cost_pence) FROM events');
      expect(events[0]?.map(Number)).toEqual([8, 1_121_200]);
    } finally {
      await engine.close();
    }
  }, 60_000);

  const cases: [string, string, RegExp][] = [
    ['a missing table', 'DROP TABLE visit_occurrence', /\?schema=omop_\w+: has no table visit_occurrence/],
    [
      'a missing column',
      'ALTER TABLE person DROP COLUMN year_of_birth',
      /omop_\w+\.person: has no column year_of_birth/,
    ],
    [
      'a sex it cannot use',
      'UPDATE person SET gender_concept_id = 8551 WHERE person_id = 3',
      /omop_\w+\.person person_id 3, gender_concept_id: '8551' is not 8507 \(male\) or 8532 \(female\); nothing was loaded/,
    ],
    [
      'an LSOA that is not English',
      `UPDATE location SET location_source_value = 'W01000001' WHERE location_id = 2`,
      /omop_\w+\.location location_id 2, location_source_value: 'W01000001' is not an English 2011 LSOA code/,
    ],
    [
      'a condition for nobody',
      'UPDATE condition_occurrence SET person_id = 99 WHERE condition_occurrence_id = 2',
      /omop_\w+\.condition_occurrence condition_occurrence_id 2, person_id: '99' is not in omop_\w+\.person; nothing was loaded/,
    ],
    [
      'an admission with no method',
      `UPDATE visit_occurrence SET visit_source_value = NULL WHERE visit_concept_id = 9201 AND visit_occurrence_id = (SELECT min(visit_occurrence_id) FROM visit_occurrence WHERE visit_concept_id = 9201)`,
      /omop_\w+\.visit_occurrence visit_occurrence_id \d+, visit_source_value: '' is not an NHS admission method/,
    ],
    [
      'a visit counted twice',
      'UPDATE visit_occurrence SET visit_occurrence_id = 1 WHERE visit_occurrence_id = 2',
      /omop_\w+\.visit_occurrence visit_occurrence_id 1, visit_occurrence_id: '1' appears twice/,
    ],
    [
      'a cost for no visit',
      'UPDATE cost SET cost_event_id = 999 WHERE cost_id = 3',
      /omop_\w+\.cost cost_id 3, cost_event_id: '999' is not a visit in omop_\w+\.visit_occurrence/,
    ],
  ];
  for (const [name, edit, message] of cases) {
    it(`refuses the whole schema for ${name}, naming the table (and the row and field)`, async () => {
      const { url } = await database(edit);
      const result = await refusal(url);
      expect(result.message).toMatch(message);
      expect(result.tables).toEqual([]);
    }, 60_000);
  }

  it('reads one snapshot, in a transaction that cannot write', async () => {
    const schema = await database();
    const source = await OmopDatabase.open(schema.url);
    try {
      // Changed after the read began, and committed: the read does not see it.
      await schema.run(
        `INSERT INTO person (person_id, gender_concept_id, year_of_birth, race_concept_id, ethnicity_concept_id, location_id) VALUES (100, 8532, 1990, 0, 0, 1);
         UPDATE person SET year_of_birth = 1900 WHERE person_id = 1`,
      );
      const persons: string[][] = [];
      for await (const row of source.rows('person', ['person_id', 'year_of_birth'])) {
        persons.push([row.get('person_id'), row.get('year_of_birth')]);
      }
      expect(persons.map(([id]) => id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      expect(persons[0]?.[1]).not.toBe('1900');
      const client = (source as unknown as { client: pg.Client }).client;
      await expect(client.query(`CREATE TABLE "${schema.schema}".x (y integer)`)).rejects.toThrow(
        /read-only transaction/,
      );
    } finally {
      await source.close();
    }
  }, 60_000);

  it('never shows a password', async () => {
    const server = new URL(testServerUrl);
    server.password = 's3cret';
    server.searchParams.set('schema', 'no_such_schema');
    // The test server trusts local connections, so the password gets as far as the schema.
    const missing = await refusal(server.toString());
    expect(missing.message).toMatch(/has no schema no_such_schema/);
    expect(missing.message).toContain(`@${server.host}`);
    expect(missing.message).not.toContain('s3cret');
    const unreachable = await refusal('postgres://someone:s3cret@127.0.0.1:1/db?password=s3cret');
    expect(unreachable.message).toMatch(
      /^--omop: could not connect to postgres:\/\/someone@127\.0\.0\.1:1\/db\?schema=public: /,
    );
    expect(unreachable.message).not.toContain('s3cret');
  }, 60_000);
});
