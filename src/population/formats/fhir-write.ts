import { join } from 'node:path';
import { type Condition, optionalPersonColumns, requiredPersonColumns, type Setting } from '../model.ts';
import { type RecordIds, recordIds } from '../synthetic-ids.ts';
import type { CodeList } from './code-list.ts';
import { electivePriorities, emergencyPriorities, extensions, generalPractice, systems } from './fhir.ts';
import { csvRows } from './text-input.ts';
import { LineWriter } from './text-output.ts';

/** How the writer says each setting, the inverse of fhir-read.ts's settingOf. */
const encounterOfSetting: Record<Setting, Record<string, unknown>> = {
  gp: {
    class: { system: systems.actCode, code: 'AMB' },
    serviceType: {
      coding: [{ system: systems.serviceType, code: generalPractice, display: 'General Practice' }],
    },
  },
  outpatient: { class: { system: systems.actCode, code: 'AMB' } },
  ae: { class: { system: systems.actCode, code: 'EMER' } },
  elective: {
    class: { system: systems.actCode, code: 'IMP' },
    priority: { coding: [{ system: systems.actPriority, code: electivePriorities[0] }] },
  },
  emergency: {
    class: { system: systems.actCode, code: 'IMP' },
    priority: { coding: [{ system: systems.actPriority, code: emergencyPriorities[0] }] },
  },
  community: { class: { system: systems.actCode, code: 'HH' } },
  social_care: {
    class: { system: systems.actCode, code: 'HH' },
    type: [{ coding: [{ system: systems.setting, code: 'social_care', display: 'Social care episode' }] }],
  },
};

/**
 * Writes a native data set as a FHIR R4 bulk export (Patient, Encounter and Condition NDJSON
 * files), the inverse of fhir-read.ts. Conditions carry the code list's first SNOMED CT
 * concept and first ICD-10 code for their register. No NHS numbers: the data is pseudonymous.
 * Encounter and Condition ids start with the ICB's code (synthetic-ids.ts).
 */
export async function writeFhir(
  native: string,
  out: string,
  codeList: CodeList,
  ids: RecordIds = recordIds({}),
): Promise<string[]> {
  const patients = new LineWriter(join(out, 'Patient.ndjson'), '');
  for await (const row of csvRows(
    join(native, 'persons.csv'),
    requiredPersonColumns,
    optionalPersonColumns,
  )) {
    const practice = row.get('practice_code');
    const ethnicity = row.get('ethnicity').trim();
    const patient = {
      resourceType: 'Patient',
      id: row.get('person_id'),
      gender: row.get('sex') === 'F' ? 'female' : 'male',
      birthDate: `${row.get('birth_year')}-${row.get('birth_month').padStart(2, '0')}`,
      ...(row.get('death_date') ? { deceasedDateTime: row.get('death_date') } : {}),
      address: [{ use: 'home', extension: [{ url: extensions.lsoa, valueCode: row.get('lsoa') }] }],
      ...(practice
        ? {
            generalPractitioner: [
              { type: 'Organization', identifier: { system: systems.ods, value: practice } },
            ],
          }
        : {}),
    };
    const extension = [
      ...(practice
        ? [
            {
              url: extensions.registration,
              valuePeriod: {
                start: row.get('registered_from'),
                ...(row.get('registered_to') ? { end: row.get('registered_to') } : {}),
              },
            },
          ]
        : []),
      ...(ethnicity
        ? [
            {
              url: extensions.ethnicCategory,
              valueCodeableConcept: { coding: [{ system: systems.ethnicCategory[0], code: ethnicity }] },
            },
          ]
        : []),
    ];
    if (extension.length > 0) Object.assign(patient, { extension });
    patients.line(JSON.stringify(patient));
  }
  patients.close();

  const encounters = new LineWriter(join(out, 'Encounter.ndjson'), '');
  let encounterId = 0;
  for await (const row of csvRows(join(native, 'events.csv'), [
    'person_id',
    'event_date',
    'setting',
    'cost_pence',
  ])) {
    const pence = Number(row.get('cost_pence'));
    encounters.line(
      JSON.stringify({
        resourceType: 'Encounter',
        id: `${ids.fhirPrefix}e${++encounterId}`,
        status: 'finished',
        ...encounterOfSetting[row.get('setting') as Setting],
        subject: { reference: `Patient/${row.get('person_id')}` },
        period: { start: row.get('event_date') },
        extension: [{ url: extensions.cost, valueMoney: { value: pence / 100, currency: 'GBP' } }],
      }),
    );
  }
  encounters.close();

  const conditions = new LineWriter(join(out, 'Condition.ndjson'), '');
  let conditionId = 0;
  for await (const row of csvRows(join(native, 'conditions.csv'), ['person_id', 'condition', 'onset_date'])) {
    const { snomed, icd10 } = codeList.example(row.get('condition') as Condition);
    conditions.line(
      JSON.stringify({
        resourceType: 'Condition',
        id: `${ids.fhirPrefix}c${++conditionId}`,
        verificationStatus: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' },
          ],
        },
        code: {
          coding: [
            ...(snomed ? [{ system: systems.snomed, code: snomed.id, display: snomed.term }] : []),
            ...(icd10 ? [{ system: systems.icd10[0], code: icd10 }] : []),
          ],
        },
        subject: { reference: `Patient/${row.get('person_id')}` },
        onsetDateTime: row.get('onset_date'),
      }),
    );
  }
  conditions.close();
  return [patients.path, encounters.path, conditions.path];
}
