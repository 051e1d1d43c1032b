import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInput } from '../../core/errors.ts';
import { DuckDbEngine } from '../engines/duckdb.ts';
import { writeFixtureInRealAreas } from './fixture-areas.ts';
import { detectFormat, loadDataset } from './load.ts';
import { type ForeignFormat, writeForeign } from './write.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const native = writeFixtureInRealAreas();
dirs.push(native);

type Edit = (dir: string) => void;

/** Writes the fixture in `format`, lets `edit` change its files, and loads it. */
async function attempt(format: ForeignFormat, edit: Edit) {
  const dir = mkdtempSync(join(tmpdir(), `concordat-${format}-`));
  dirs.push(dir);
  await writeForeign(format, native, dir, '2026-08-01');
  edit(dir);
  const engine = await DuckDbEngine.open();
  try {
    const loaded = await loadDataset(engine, dir);
    const conditions = await engine.query(
      'SELECT person_id, condition, CAST(onset_date AS VARCHAR) FROM conditions ORDER BY ALL',
    );
    const persons = await engine.query(
      'SELECT person_id, birth_month, practice_code, CAST(registered_from AS VARCHAR) FROM persons ORDER BY ALL',
    );
    const events = await engine.query('SELECT count(*), sum(cost_pence) FROM events');
    return { dir, loaded, conditions, persons, events: events[0]?.map(Number) };
  } catch (error) {
    const tables = await engine.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('persons', 'conditions', 'events')`,
    );
    expect(error).toBeInstanceOf(InvalidInput);
    return { dir, error: error as InvalidInput, tables };
  } finally {
    await engine.close();
  }
}

/** Changes the lines of a file in the folder. */
const change =
  (name: string, edit: (lines: string[]) => string[]): Edit =>
  (dir) => {
    const path = join(dir, name);
    const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
    writeFileSync(path, `${edit(lines).join('\n')}\n`);
  };
const both =
  (...edits: Edit[]): Edit =>
  (dir) => {
    for (const e of edits) e(dir);
  };
/** Replaces field `column` (0-based) of line `line` (1-based). */
const setField = (line: number, column: number, value: string) => (lines: string[]) =>
  lines.map((l, i) =>
    i === line - 1
      ? l
          .split(',')
          .map((f, j) => (j === column ? value : f))
          .join(',')
      : l,
  );
/** Changes the JSON resource on line `line` (1-based). */
const setJson = (line: number, edit: (r: Record<string, unknown>) => void) => (lines: string[]) =>
  lines.map((l, i) => {
    if (i !== line - 1) return l;
    const resource = JSON.parse(l);
    edit(resource);
    return JSON.stringify(resource);
  });
const append =
  (...added: string[]) =>
  (lines: string[]) => [...lines, ...added];

type Case = [string, Edit, string, RegExp];

function refusals(format: ForeignFormat, cases: Case[]) {
  for (const [name, edit, file, message] of cases) {
    it(`refuses the whole data set for ${name}, naming file, line and field`, async () => {
      const result = await attempt(format, edit);
      expect(result.error?.message).toMatch(message);
      expect(result.error?.message).toContain(join(result.dir, file));
      expect(result.error?.message).toMatch(/nothing was loaded/);
      expect(result.tables).toEqual([]);
    });
  }
}

describe('the OMOP reader', () => {
  it('reads every table, finds the format from the folder, and costs from cost', async () => {
    const result = await attempt('omop', () => {});
    expect(detectFormat(result.dir)).toBe('omop');
    expect(result.loaded?.notes).toEqual([]);
    expect(result.events).toEqual([8, 1_121_200]);
  });

  it('maps condition_concept_id through concept.csv, costs uncosted visits at the national average, and assumes July', async () => {
    const result = await attempt(
      'omop',
      both(
        (dir) =>
          writeFileSync(
            join(dir, 'concept.csv'),
            'concept_id\tvocabulary_id\tconcept_code\n313217\tSNOMED\t49436004\n',
          ),
        change('condition_occurrence.csv', append('9,3,313217,2024-05-01,,,,32817,,,,,,,,')),
        change('cost.csv', (lines) => lines.slice(0, 1)),
        change('person.csv', setField(2, 3, '')),
      ),
    );
    expect(result.conditions).toContainEqual(['3', 'AF', '2024-05-01']);
    expect(result.persons?.[0]?.[1]).toBe(7);
    expect(result.events).toEqual([8, 2 * 4200 + 3 * 330_000 + 3 * 22_000]);
    expect(result.loaded?.notes).toEqual([
      '1 persons had no month of birth; Concordat took July, the middle of the year',
      '8 events had no cost and were costed at the national average for their setting',
    ]);
  });

  refusals('omop', [
    [
      'an ethnicity that is no NHS ethnic category',
      change('person.csv', setField(3, 14, 'White')),
      'person.csv',
      /line 3, race_source_value: 'White' is not an NHS ethnic category code/,
    ],
    [
      'a sex it cannot use',
      change('person.csv', setField(3, 1, '8551')),
      'person.csv',
      /line 3, gender_concept_id: '8551' is not 8507 \(male\) or 8532 \(female\)/,
    ],
    [
      'an LSOA that is not English',
      change('location.csv', setField(2, 7, 'W01000001')),
      'location.csv',
      /line 2, location_source_value: 'W01000001' is not an English 2011 LSOA code/,
    ],
    [
      'an unknown practice',
      change('care_site.csv', setField(2, 4, 'ZZ9999')),
      'care_site.csv',
      /line 2, care_site_source_value: 'ZZ9999' is not a known GP practice/,
    ],
    [
      'a visit concept it cannot place',
      change('visit_occurrence.csv', setField(2, 2, '12345')),
      'visit_occurrence.csv',
      /line 2, visit_concept_id: '12345' is not a visit concept/,
    ],
    [
      'an admission with no method',
      change('visit_occurrence.csv', setField(3, 10, '')),
      'visit_occurrence.csv',
      /line 3, visit_source_value: '' is not an NHS admission method/,
    ],
    [
      'a condition for nobody',
      change('condition_occurrence.csv', setField(2, 1, '99')),
      'condition_occurrence.csv',
      /line 2, person_id: '99' is not in person\.csv/,
    ],
    [
      'a cost for no visit',
      change('cost.csv', setField(4, 1, '999')),
      'cost.csv',
      /line 4, cost_event_id: '999' is not a visit/,
    ],
    [
      'a death for nobody',
      change('death.csv', setField(2, 0, '99')),
      'death.csv',
      /line 2, person_id: '99' is not in person\.csv/,
    ],
  ]);
});

describe('the FHIR reader', () => {
  it('reads practices through exported Organizations and checks NHS numbers, saying what it assumed and left out', async () => {
    const result = await attempt(
      'fhir',
      both(
        change(
          'Patient.ndjson',
          setJson(3, (p) => {
            p.birthDate = '1995';
            p.generalPractitioner = [{ reference: 'Organization/org1' }];
            p.identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '943 476 5919' }];
            delete p.extension;
          }),
        ),
        change(
          'Encounter.ndjson',
          append(
            JSON.stringify({
              resourceType: 'Encounter',
              id: 'x',
              status: 'planned',
              subject: { reference: 'Patient/P1' },
            }),
          ),
        ),
        (dir) =>
          writeFileSync(
            join(dir, 'Organization.ndjson'),
            `${JSON.stringify({ resourceType: 'Organization', id: 'org1', identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'M87001' }] })}\n`,
          ),
      ),
    );
    expect(detectFormat(result.dir)).toBe('fhir');
    expect(result.persons).toContainEqual(['P3', 7, 'M87001', '1995-07-01']);
    expect(result.events).toEqual([8, 1_121_200]);
    expect(result.loaded?.notes).toEqual([
      '1 persons had no month of birth; Concordat took July, the middle of the year',
      '1 registered patients had no registration period; Concordat took them as registered since birth',
      '1 encounters that were planned, cancelled or entered in error were left out',
    ]);
  });

  refusals('fhir', [
    [
      'an ethnicity that is no NHS ethnic category',
      change(
        'Patient.ndjson',
        setJson(1, (p) => {
          p.extension = [
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
              valueCodeableConcept: {
                coding: [
                  { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland', code: 'X' },
                ],
              },
            },
          ];
        }),
      ),
      'Patient.ndjson',
      /line 1 \(Patient\/P1\), Patient\.extension\(ethnicCategory\)\.valueCodeableConcept: 'X' is not an ethnic category code/,
    ],
    [
      'a sex it cannot use',
      change(
        'Patient.ndjson',
        setJson(2, (p) => {
          p.gender = 'unknown';
        }),
      ),
      'Patient.ndjson',
      /line 2 \(Patient\/P2\), Patient\.gender: 'unknown' is not male or female/,
    ],
    [
      'a wrong NHS number',
      change(
        'Patient.ndjson',
        setJson(1, (p) => {
          p.identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }];
        }),
      ),
      'Patient.ndjson',
      /line 1 \(Patient\/P1\), Patient\.identifier: '9434765918' is not a valid NHS number/,
    ],
    [
      'two patients with one NHS number',
      both(
        change(
          'Patient.ndjson',
          setJson(1, (p) => {
            p.identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }];
          }),
        ),
        change(
          'Patient.ndjson',
          setJson(4, (p) => {
            p.identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }];
          }),
        ),
      ),
      'Patient.ndjson',
      /line 4 \(Patient\/P4\), Patient\.identifier: '9434765919' is also the NHS number of Patient\/P1/,
    ],
    [
      'a patient with no LSOA',
      change(
        'Patient.ndjson',
        setJson(5, (p) => {
          delete p.address;
        }),
      ),
      'Patient.ndjson',
      /line 5 \(Patient\/P5\), Patient\.address: '' has no LSOA/,
    ],
    [
      'an encounter for nobody',
      change(
        'Encounter.ndjson',
        setJson(3, (e) => {
          e.subject = { reference: 'Patient/P99' };
        }),
      ),
      'Encounter.ndjson',
      /line 3 \(Encounter\/e3\), Encounter\.subject: 'Patient\/P99' is not a patient/,
    ],
    [
      'an admission with no priority',
      change(
        'Encounter.ndjson',
        setJson(2, (e) => {
          delete e.priority;
        }),
      ),
      'Encounter.ndjson',
      /line 2 \(Encounter\/e2\), Encounter\.class: 'IMP' does not say which setting/,
    ],
    [
      'a condition with no date',
      change(
        'Condition.ndjson',
        setJson(1, (c) => {
          delete c.onsetDateTime;
        }),
      ),
      'Condition.ndjson',
      /line 1 \(Condition\/c1\), Condition\.onsetDateTime: '' is not a date/,
    ],
    [
      'a resource in the wrong file',
      change(
        'Condition.ndjson',
        setJson(2, (c) => {
          c.resourceType = 'Observation';
        }),
      ),
      'Condition.ndjson',
      /line 2, resourceType: 'Observation' is not Condition/,
    ],
  ]);
});

describe('the SUS-style reader', () => {
  it('turns diagnoses into conditions, leaves out appointments not attended, and lets the native files name their own errors', async () => {
    const result = await attempt(
      'sus',
      both(
        change('apc.csv', append('P3,2024-02-10,21,E11.9,I10X;J45,1234.5')),
        change('op.csv', append('P4,2025-01-01,3,R69X,,160.00')),
      ),
    );
    expect(detectFormat(result.dir)).toBe('sus');
    expect(result.conditions).toContainEqual(['P3', 'DM', '2024-02-10']);
    expect(result.conditions).toContainEqual(['P3', 'HYP', '2024-02-10']);
    // Asthma was on the GP register from a later date; the admission is earlier, so it wins.
    expect(result.conditions).toContainEqual(['P3', 'AST', '2024-02-10']);
    expect(result.events).toEqual([9, 1_121_200 + 123_450]);
    expect(result.loaded?.notes).toEqual(['1 outpatient appointments not attended were left out']);
  });

  refusals('sus', [
    [
      'an ethnic category that is no NHS code',
      change('ae.csv', setField(2, 5, '9')),
      'ae.csv',
      /line 2, ethnic_category: '9' is not an NHS ethnic category code/,
    ],
    [
      'an admission method it cannot place',
      change('apc.csv', setField(2, 2, '99')),
      'apc.csv',
      /line 2, admission_method: '99' is not an NHS admission method/,
    ],
    [
      'a diagnosis that is not ICD-10',
      change('ae.csv', setField(2, 2, 'FOO')),
      'ae.csv',
      /line 2, primary_diagnosis: 'FOO' is not an ICD-10 code/,
    ],
    [
      'a secondary diagnosis that is not ICD-10',
      change('op.csv', append('P3,2025-01-01,5,R69X,I10;J4,1')),
      'op.csv',
      /line 2, secondary_diagnoses: 'I10;J4' holds 'J4', which is not an ICD-10 code/,
    ],
    [
      'an attendance for nobody',
      change('ae.csv', setField(2, 0, 'P99')),
      'ae.csv',
      /line 2, person_id: 'P99' is not in the persons file/,
    ],
    [
      'hospital activity in events.csv',
      change('events.csv', append('P1,2025-01-01,emergency,5')),
      'events.csv',
      /line 4, setting: 'emergency' comes from apc\.csv, ae\.csv or op\.csv/,
    ],
    [
      'an unknown practice in persons.csv',
      change('persons.csv', setField(3, 4, 'ZZ9999')),
      'persons.csv',
      /line 3, practice_code: 'ZZ9999' is not a known GP practice/,
    ],
  ]);
});
