import type { Setting } from '../model.ts';

/**
 * The FHIR R4 identifier systems, code systems and extensions Concordat reads and writes in
 * a bulk export (NDJSON, one resource a line, a file per resource type). The NHS number and
 * ODS code systems are NHS England's (UK Core), as is the ethnic category extension (UK Core
 * Patient's Extension-UKCore-EthnicCategory; its code system was renamed
 * UKCore-EthnicCategoryEngland in later UK Core releases, so both are read); the v3 code systems are HL7's. FHIR R4 and
 * UK Core have no place for a registration period, an LSOA or an encounter's cost, so those
 * three are Concordat's own extensions, named under concordat.example.
 */
export const systems = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  ethnicCategory: [
    'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory',
    'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
  ],
  snomed: 'http://snomed.info/sct',
  icd10: ['http://hl7.org/fhir/sid/icd-10', 'http://hl7.org/fhir/sid/icd-10-uk'],
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  actPriority: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority',
  serviceType: 'http://terminology.hl7.org/CodeSystem/service-type',
  /** Concordat's own: a setting code (gp, outpatient, …) that overrides the class mapping. */
  setting: 'https://concordat.example/fhir/CodeSystem/care-setting',
} as const;

export const extensions = {
  ethnicCategory: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
  lsoa: 'https://concordat.example/fhir/StructureDefinition/lsoa-2011',
  registration: 'https://concordat.example/fhir/StructureDefinition/gp-registration-period',
  cost: 'https://concordat.example/fhir/StructureDefinition/encounter-cost',
} as const;

/** The HL7 service-type code for General Practice. */
export const generalPractice = '124';

/** Encounter.class codes (v3 ActCode) and what they become; admissions split by priority. */
export const classSettings: Record<string, Setting | 'admission' | 'ambulatory'> = {
  EMER: 'ae',
  IMP: 'admission',
  ACUTE: 'admission',
  NONAC: 'admission',
  SS: 'admission',
  OBSENC: 'admission',
  AMB: 'ambulatory',
  VR: 'ambulatory',
  HH: 'community',
  FLD: 'community',
};

/** Encounter.priority codes (v3 ActPriority) of an emergency and of an elective admission. */
export const emergencyPriorities = ['EM', 'UR', 'A', 'S'];
export const electivePriorities = ['EL', 'R', 'P'];

/** Encounter statuses of something that did not happen. */
export const notHappened = ['planned', 'cancelled', 'entered-in-error'];

export interface Coding {
  system?: string;
  code?: string;
}

/** Every coding in a Coding, a CodeableConcept, or a list of either. */
export function codingsOf(value: unknown): Coding[] {
  if (Array.isArray(value)) return value.flatMap(codingsOf);
  if (typeof value !== 'object' || value === null) return [];
  const v = value as { coding?: unknown; system?: unknown; code?: unknown };
  if (Array.isArray(v.coding)) return v.coding.flatMap(codingsOf);
  return typeof v.code === 'string'
    ? [{ system: typeof v.system === 'string' ? v.system : undefined, code: v.code }]
    : [];
}

/**
 * Whether a 10-digit NHS number's check digit is right: digits 1–9 weighted 10 down to 2,
 * 11 minus the remainder mod 11 (11 becomes 0; 10 is never issued).
 */
export function isNhsNumber(text: string): boolean {
  if (!/^\d{10}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(text[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(text[9]);
}
