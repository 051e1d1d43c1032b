import type { Setting } from '../model.ts';

/**
 * The OMOP Common Data Model v5.4 tables Concordat reads and writes (OHDSI, "OMOP CDM v5.4",
 * ohdsi.github.io/CommonDataModel), as CSV files named after the tables or as tables in a
 * PostgreSQL schema, and how their concepts map to Concordat's data model.
 */
export const omopColumns = {
  person: [
    'person_id',
    'gender_concept_id',
    'year_of_birth',
    'month_of_birth',
    'day_of_birth',
    'birth_datetime',
    'race_concept_id',
    'ethnicity_concept_id',
    'location_id',
    'provider_id',
    'care_site_id',
    'person_source_value',
    'gender_source_value',
    'gender_source_concept_id',
    'race_source_value',
    'race_source_concept_id',
    'ethnicity_source_value',
    'ethnicity_source_concept_id',
  ],
  observation_period: [
    'observation_period_id',
    'person_id',
    'observation_period_start_date',
    'observation_period_end_date',
    'period_type_concept_id',
  ],
  visit_occurrence: [
    'visit_occurrence_id',
    'person_id',
    'visit_concept_id',
    'visit_start_date',
    'visit_start_datetime',
    'visit_end_date',
    'visit_end_datetime',
    'visit_type_concept_id',
    'provider_id',
    'care_site_id',
    'visit_source_value',
    'visit_source_concept_id',
    'admitted_from_concept_id',
    'admitted_from_source_value',
    'discharged_to_concept_id',
    'discharged_to_source_value',
    'preceding_visit_occurrence_id',
  ],
  condition_occurrence: [
    'condition_occurrence_id',
    'person_id',
    'condition_concept_id',
    'condition_start_date',
    'condition_start_datetime',
    'condition_end_date',
    'condition_end_datetime',
    'condition_type_concept_id',
    'condition_status_concept_id',
    'stop_reason',
    'provider_id',
    'visit_occurrence_id',
    'visit_detail_id',
    'condition_source_value',
    'condition_source_concept_id',
    'condition_status_source_value',
  ],
  death: [
    'person_id',
    'death_date',
    'death_datetime',
    'death_type_concept_id',
    'cause_concept_id',
    'cause_source_value',
    'cause_source_concept_id',
  ],
  care_site: [
    'care_site_id',
    'care_site_name',
    'place_of_service_concept_id',
    'location_id',
    'care_site_source_value',
    'place_of_service_source_value',
  ],
  location: [
    'location_id',
    'address_1',
    'address_2',
    'city',
    'state',
    'zip',
    'county',
    'location_source_value',
    'country_concept_id',
    'country_source_value',
    'latitude',
    'longitude',
  ],
  cost: [
    'cost_id',
    'cost_event_id',
    'cost_domain_id',
    'cost_type_concept_id',
    'currency_concept_id',
    'total_charge',
    'total_cost',
    'total_paid',
    'paid_by_payer',
    'paid_by_patient',
    'paid_patient_copay',
    'paid_patient_coinsurance',
    'paid_patient_deductible',
    'paid_by_primary',
    'paid_ingredient_cost',
    'paid_dispensing_fee',
    'payer_plan_period_id',
    'amount_allowed',
    'revenue_code_concept_id',
    'revenue_code_source_value',
    'drg_concept_id',
    'drg_source_value',
  ],
  cdm_source: [
    'cdm_source_name',
    'cdm_source_abbreviation',
    'cdm_holder',
    'source_description',
    'source_documentation_reference',
    'cdm_etl_reference',
    'source_release_date',
    'cdm_release_date',
    'cdm_version',
    'cdm_version_concept_id',
    'vocabulary_version',
  ],
} as const;
export type OmopTable = keyof typeof omopColumns;

/** The tables Concordat reads: those above and the vocabulary's concept table. */
export type OmopReadTable = OmopTable | 'concept';

/**
 * The column that names a row of each table in a database, and orders the reading: the
 * primary key, or for death (which has none) the person, and for cdm_source (one row) its name.
 */
export const omopKeys: Record<OmopReadTable, string> = {
  person: 'person_id',
  observation_period: 'observation_period_id',
  visit_occurrence: 'visit_occurrence_id',
  condition_occurrence: 'condition_occurrence_id',
  death: 'person_id',
  care_site: 'care_site_id',
  location: 'location_id',
  cost: 'cost_id',
  cdm_source: 'cdm_source_name',
  concept: 'concept_id',
};

/** The CDM v5.4 concept (Metadata vocabulary) that cdm_source.cdm_version_concept_id gives. */
export const cdmVersionConcept = '756265';

/** OMOP gender concepts (OHDSI Gender vocabulary). */
export const gender = { M: '8507', F: '8532' } as const;

/** The Type Concept "EHR", for the type fields the writer must fill. */
export const ehrTypeConcept = '32817';

/**
 * Standard Visit concepts (the OMOP CDM v5.4 visit_occurrence user guidance lists them) and
 * the setting each becomes. Concordat's choices: an Office Visit is a GP contact; an
 * Outpatient or Telehealth Visit is a GP contact when its care site is a GP practice and an
 * outpatient attendance otherwise; a Home Visit is a community contact; a Non-hospital
 * institution Visit (a care home stay) is a social care episode. An Inpatient Visit is
 * elective or emergency by the NHS admission method in visit_source_value.
 */
export const visitConcepts = {
  inpatient: '9201',
  outpatient: '9202',
  emergencyRoom: '9203',
  emergencyRoomAndInpatient: '262',
  office: '581477',
  home: '581476',
  nonHospitalInstitution: '42898160',
  telehealth: '5083',
  telehealthVirtual: '722455',
} as const;

/** Visits that are not care contacts in Concordat's settings: read and left out. */
export const visitsLeftOut: Record<string, string> = {
  '32036': 'Laboratory Visit',
  '581458': 'Pharmacy Visit',
  '581478': 'Ambulance Visit',
  '38004193': 'Case Management Visit',
};

/** What the writer puts in visit_occurrence for each setting. */
export const visitOfSetting: Record<Setting, { concept: string; sourceValue: string }> = {
  gp: { concept: visitConcepts.office, sourceValue: '' },
  outpatient: { concept: visitConcepts.outpatient, sourceValue: '' },
  ae: { concept: visitConcepts.emergencyRoom, sourceValue: '' },
  elective: { concept: visitConcepts.inpatient, sourceValue: '11' },
  emergency: { concept: visitConcepts.inpatient, sourceValue: '21' },
  community: { concept: visitConcepts.home, sourceValue: '' },
  social_care: { concept: visitConcepts.nonHospitalInstitution, sourceValue: '' },
};
