/**
 * The person-level data model for population health analytics (issue 7). Three tables:
 * persons, long-term conditions and activity events, with the columns a file must have.
 * The ICP Contract asks the provider to assess the population's health needs, stratify risk
 * and act on inequalities (seed 001, ICP Contract draft 2018, para 30; seed 000, paras 12–13),
 * and the ICS design framework asks for population health management on shared analytics
 * (seed 002, paras 2.18 and 2.51). Everything here is pseudonymous: no names, NHS numbers,
 * dates of birth (only year and month) or addresses (only the LSOA).
 */

/**
 * Persons: one row per person. An unregistered resident has an empty practice code.
 * `ethnicity` (NHS Data Dictionary ETHNIC CATEGORY, ethnic-category.ts) is optional: older
 * extracts have no such column, and an empty value counts as not known.
 */
export const personColumns = [
  'person_id',
  'birth_year',
  'birth_month',
  'sex',
  'practice_code',
  'registered_from',
  'registered_to',
  'lsoa',
  'imd_decile',
  'death_date',
  'ethnicity',
] as const;
export type PersonColumn = (typeof personColumns)[number];
/** The persons columns a file may leave out. */
export const optionalPersonColumns = ['ethnicity'] as const satisfies readonly PersonColumn[];
export const requiredPersonColumns = personColumns.filter(
  (c) => !(optionalPersonColumns as readonly string[]).includes(c),
) as Exclude<PersonColumn, (typeof optionalPersonColumns)[number]>[];

/** Long-term conditions: one row per person and condition (QOF register group codes). */
export const conditionColumns = ['person_id', 'condition', 'onset_date'] as const;

/** Activity events: one row per contact, attendance, admission or care episode. */
export const eventColumns = ['person_id', 'event_date', 'setting', 'cost_pence'] as const;

export type TableName = 'persons' | 'conditions' | 'events';
/** The columns a file of each table must have. */
export const tableColumns: Record<TableName, readonly string[]> = {
  persons: requiredPersonColumns,
  conditions: conditionColumns,
  events: eventColumns,
};
/** Columns a file may leave out, read as empty. */
export const optionalColumns: Record<TableName, readonly string[]> = {
  persons: optionalPersonColumns,
  conditions: [],
  events: [],
};

/**
 * Settings of care an event can happen in. Emergency admissions drive the risk score and its
 * calibration; social care is included because the ICP Contract covers integrated health and
 * care (seed 001, para 30).
 */
export const settings = [
  'gp',
  'outpatient',
  'ae',
  'elective',
  'emergency',
  'community',
  'social_care',
] as const;
export type Setting = (typeof settings)[number];

export const settingNames: Record<Setting, string> = {
  gp: 'GP contact',
  outpatient: 'Outpatient attendance',
  ae: 'A&E attendance',
  elective: 'Elective admission',
  emergency: 'Emergency admission',
  community: 'Community contact',
  social_care: 'Social care episode',
};

/**
 * Conditions, as QOF register groups (NHS Digital QOF 2020/21, `qof-prevalence-by-practice`).
 * `ltc` says whether the condition counts towards multimorbidity: obesity, non-diabetic
 * hyperglycaemia and the palliative care register are registers, not long-term conditions.
 */
export const conditions = {
  AF: { name: 'Atrial fibrillation', ltc: true },
  AST: { name: 'Asthma', ltc: true },
  CAN: { name: 'Cancer', ltc: true },
  CHD: { name: 'Coronary heart disease', ltc: true },
  CKD: { name: 'Chronic kidney disease (stages 3–5)', ltc: true },
  COPD: { name: 'Chronic obstructive pulmonary disease', ltc: true },
  DEM: { name: 'Dementia', ltc: true },
  DEP: { name: 'Depression', ltc: true },
  DM: { name: 'Diabetes', ltc: true },
  EP: { name: 'Epilepsy', ltc: true },
  HF: { name: 'Heart failure', ltc: true },
  HYP: { name: 'Hypertension', ltc: true },
  LD: { name: 'Learning disability', ltc: true },
  MH: { name: 'Serious mental illness', ltc: true },
  OST: { name: 'Osteoporosis', ltc: true },
  PAD: { name: 'Peripheral arterial disease', ltc: true },
  RA: { name: 'Rheumatoid arthritis', ltc: true },
  STIA: { name: 'Stroke and transient ischaemic attack', ltc: true },
  NDH: { name: 'Non-diabetic hyperglycaemia', ltc: false },
  OB: { name: 'Obesity', ltc: false },
  PC: { name: 'Palliative care register', ltc: false },
} as const;
export type Condition = keyof typeof conditions;
export const conditionCodes = Object.keys(conditions) as Condition[];
export const ltcCodes = conditionCodes.filter((c) => conditions[c].ltc);

/**
 * Open registrations and the living have no end date in a file; inside the engines they carry
 * this far-future date instead, because ClickHouse 18.16 handles nullable columns poorly in
 * joins and a sentinel keeps one SQL text for both engines.
 */
export const openEnd = '2099-12-31';

export const sexes = ['F', 'M'] as const;
export type Sex = (typeof sexes)[number];

/** The label every output built from generated data carries. */
export const syntheticLabel = 'SYNTHETIC DATA — generated, not real patients';
