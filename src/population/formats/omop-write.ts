import { join } from 'node:path';
import { readManifest } from '../ingest.ts';
import { type Condition, personColumns, type Setting, syntheticLabel } from '../model.ts';
import type { CodeList } from './code-list.ts';
import { poundsText } from './fields.ts';
import {
  cdmVersionConcept,
  ehrTypeConcept,
  gender,
  type OmopTable,
  omopColumns,
  visitOfSetting,
} from './omop.ts';
import { csvField, csvRows } from './text-input.ts';
import { LineWriter } from './text-output.ts';

/** One OMOP table being written: each row names the columns it fills, the rest stay empty. */
class OmopTableWriter<T extends OmopTable> {
  private readonly file: LineWriter;
  constructor(
    dir: string,
    readonly table: T,
  ) {
    this.file = new LineWriter(join(dir, `${table}.csv`), omopColumns[table].join(','));
  }
  row(values: Partial<Record<(typeof omopColumns)[T][number], string | number>>): void {
    const record = values as Record<string, string | number | undefined>;
    this.file.line(omopColumns[this.table].map((c) => csvField(record[c] ?? '')).join(','));
  }
  close(): string {
    this.file.close();
    return this.file.path;
  }
}

/**
 * Writes a native data set (persons, conditions and events as CSV in `native`) as an OMOP
 * CDM v5.4 extract in `out`, the inverse of omop-read.ts. An open registration ends on
 * `observedUntil` (OMOP needs an end to every observation period); each condition is written
 * with the first SNOMED CT concept of its code list entry as condition_source_value; costs go
 * in cost (domain Visit); cdm_source describes the extract. Type concepts are "EHR".
 */
export async function writeOmop(
  native: string,
  out: string,
  codeList: CodeList,
  observedUntil: string,
): Promise<string[]> {
  const person = new OmopTableWriter(out, 'person');
  const period = new OmopTableWriter(out, 'observation_period');
  const death = new OmopTableWriter(out, 'death');
  const ids = new Map<string, number>();
  const locations = new Map<string, number>();
  const sites = new Map<string, number>();
  const idOf = (map: Map<string, number>, key: string) => {
    const id = map.get(key) ?? map.size + 1;
    map.set(key, id);
    return id;
  };
  for await (const row of csvRows(join(native, 'persons.csv'), personColumns)) {
    const id = idOf(ids, row.get('person_id'));
    const practice = row.get('practice_code');
    person.row({
      person_id: id,
      gender_concept_id: gender[row.get('sex') as 'F' | 'M'],
      year_of_birth: row.get('birth_year'),
      month_of_birth: row.get('birth_month'),
      race_concept_id: 0,
      ethnicity_concept_id: 0,
      location_id: idOf(locations, row.get('lsoa')),
      care_site_id: practice ? idOf(sites, practice) : '',
      person_source_value: row.get('person_id'),
      gender_source_value: row.get('sex'),
    });
    if (practice) {
      period.row({
        observation_period_id: id,
        person_id: id,
        observation_period_start_date: row.get('registered_from'),
        observation_period_end_date: row.get('registered_to') || observedUntil,
        period_type_concept_id: ehrTypeConcept,
      });
    }
    if (row.get('death_date')) {
      death.row({ person_id: id, death_date: row.get('death_date'), death_type_concept_id: ehrTypeConcept });
    }
  }
  const location = new OmopTableWriter(out, 'location');
  for (const [lsoa, id] of locations) {
    location.row({ location_id: id, location_source_value: lsoa, country_source_value: 'England' });
  }
  const careSite = new OmopTableWriter(out, 'care_site');
  for (const [ods, id] of sites) {
    careSite.row({ care_site_id: id, care_site_name: `GP practice ${ods}`, care_site_source_value: ods });
  }

  const conditions = new OmopTableWriter(out, 'condition_occurrence');
  let conditionId = 0;
  for await (const row of csvRows(join(native, 'conditions.csv'), ['person_id', 'condition', 'onset_date'])) {
    conditions.row({
      condition_occurrence_id: ++conditionId,
      person_id: ids.get(row.get('person_id')) ?? '',
      condition_concept_id: 0,
      condition_start_date: row.get('onset_date'),
      condition_type_concept_id: ehrTypeConcept,
      condition_source_value: codeList.example(row.get('condition') as Condition).snomed?.id ?? '',
    });
  }

  const visits = new OmopTableWriter(out, 'visit_occurrence');
  const cost = new OmopTableWriter(out, 'cost');
  let visitId = 0;
  for await (const row of csvRows(join(native, 'events.csv'), [
    'person_id',
    'event_date',
    'setting',
    'cost_pence',
  ])) {
    const visit = visitOfSetting[row.get('setting') as Setting];
    visits.row({
      visit_occurrence_id: ++visitId,
      person_id: ids.get(row.get('person_id')) ?? '',
      visit_concept_id: visit.concept,
      visit_start_date: row.get('event_date'),
      visit_end_date: row.get('event_date'),
      visit_type_concept_id: ehrTypeConcept,
      visit_source_value: visit.sourceValue,
    });
    cost.row({
      cost_id: visitId,
      cost_event_id: visitId,
      cost_domain_id: 'Visit',
      cost_type_concept_id: ehrTypeConcept,
      total_cost: poundsText(Number(row.get('cost_pence'))),
    });
  }
  const source = new OmopTableWriter(out, 'cdm_source');
  source.row({
    cdm_source_name: 'Concordat data set',
    cdm_source_abbreviation: 'Concordat',
    cdm_holder: 'Concordat',
    // What marks the data synthetic where there is no manifest.json (a database).
    source_description: readManifest(native).synthetic ? syntheticLabel : '',
    source_release_date: observedUntil,
    cdm_release_date: observedUntil,
    cdm_version: 'v5.4',
    cdm_version_concept_id: cdmVersionConcept,
    vocabulary_version: `code list v${codeList.summary.version}`,
  });
  return [person, period, death, location, careSite, conditions, visits, cost, source].map((w) => w.close());
}
