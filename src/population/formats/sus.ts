import type { Setting } from '../model.ts';

/**
 * Concordat's SUS-style layout: one CSV a dataset, columns named after the NHS Data
 * Dictionary items they hold, snake-cased — the shape of a Secondary Uses Service (SUS+)
 * extract an ICB's analysts receive, reduced to what the analyses use. SUS holds hospital
 * activity only, so the folder also has the registered population as Concordat's own
 * persons file, and may have Concordat's conditions (GP registers) and events for the other
 * settings (GP, community, social care).
 */
export const susFiles = {
  /** Admitted patient care, one row a hospital provider spell. */
  apc: {
    date: 'spell_start_date',
    required: ['person_id', 'spell_start_date', 'admission_method'],
  },
  /** A&E attendances. */
  ae: { date: 'arrival_date', required: ['person_id', 'arrival_date'] },
  /** Outpatient appointments; only those attended become events. */
  op: { date: 'appointment_date', required: ['person_id', 'appointment_date', 'attendance'] },
} as const;
export type SusFile = keyof typeof susFiles;

/**
 * Columns every SUS-style file may have: ICD-10 diagnoses, the cost in pounds (the tariff) and
 * the patient's ETHNIC CATEGORY as recorded at the contact. The person's ethnicity is the one
 * in persons.csv; the record's is checked, so a bad code is refused, but does not replace it.
 */
export const susOptional = ['primary_diagnosis', 'secondary_diagnoses', 'cost', 'ethnic_category'] as const;

export type SusColumn =
  | (typeof susFiles)[SusFile]['required'][number]
  | (typeof susOptional)[number]
  | 'attendance';

/** Settings that come from the SUS files, and may not also come from the native events file. */
export const hospitalSettings: readonly Setting[] = ['elective', 'emergency', 'ae', 'outpatient'];

/**
 * NHS Data Dictionary ATTENDED OR DID NOT ATTEND: 5 (attended on time, or seen before the
 * professional was ready) and 6 (arrived late but seen) are attendances; 2, 3, 4 and 7
 * (cancelled, did not attend, arrived late and not seen) are not; 0 is a future appointment.
 */
export const attended = ['5', '6'];
export const notAttended = ['0', '2', '3', '4', '7'];

/** The diagnosis the writer gives when the synthetic contact has no reason: R69X, unknown causes. */
export const unknownDiagnosis = 'R69X';
