import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInput } from '../../core/errors.ts';
import { type Setting, settings } from '../model.ts';
import { normaliseIcd10 } from './code-list.ts';
import {
  classSettings,
  codingsOf,
  electivePriorities,
  emergencyPriorities,
  extensions,
  generalPractice,
  isNhsNumber,
  notHappened,
  systems,
} from './fhir.ts';
import {
  assumedBirthMonth,
  assumedBirthMonthNote,
  dateHint,
  dateOf,
  decileOf,
  lsoaHint,
  penceOf,
  practiceHint,
} from './fields.ts';
import { costOrAverage, unmatchedNote } from './native-output.ts';
import type { ReadContext, Reader } from './read-context.ts';
import { refuse } from './source-row.ts';
import { ndjsonRecords } from './text-input.ts';

/**
 * Reads a FHIR R4 bulk export (NDJSON) into Concordat's tables: Patient (sex, month of
 * birth, death, the LSOA on the home address, the GP practice from generalPractitioner's ODS
 * code, directly or through an exported Organization, and the registration period), Encounter
 * (the setting from class, priority and serviceType — see fhir.ts — and the cost) and
 * Condition (through the code list, SNOMED CT or ICD-10 codings). NHS numbers, where present,
 * are checked and used to find duplicate patients, and never kept.
 */
export const readFhir: Reader = async (dir, context) => {
  const files = (type: string) =>
    readdirSync(dir)
      .filter(
        (f) =>
          /\.ndjson(\.gz)?$/i.test(f) &&
          f
            .replace(/\.ndjson(\.gz)?$/i, '')
            .split(/[._-]/)
            .includes(type),
      )
      .sort()
      .map((f) => join(dir, f));
  if (files('Patient').length === 0) {
    throw new InvalidInput(dir, 'has no Patient file', 'A bulk export folder needs Patient.ndjson.');
  }
  const organisations = new Map<string, string>();
  for await (const { resource } of resources(files('Organization'), 'Organization')) {
    const ods = odsCode(resource.identifier);
    if (typeof resource.id === 'string' && ods) organisations.set(resource.id, ods);
  }
  const patients = await readPatients(files('Patient'), context, organisations);
  context.step('Patient');
  await readEncounters(files('Encounter'), context, patients);
  context.step('Encounter');
  await readConditions(files('Condition'), context, patients);
  context.step('Condition');
  return await context.out.finish(context.engine);
};

interface Located {
  where: string;
  resource: Record<string, unknown>;
}

async function* resources(paths: string[], type: string): AsyncGenerator<Located> {
  for (const path of paths) {
    for await (const { line, resource } of ndjsonRecords(path)) {
      const where = `${path} line ${line}`;
      if (resource.resourceType !== type) {
        refuse(
          where,
          'resourceType',
          String(resource.resourceType),
          `is not ${type}`,
          `A ${type} file holds only ${type} resources.`,
        );
      }
      yield {
        where: typeof resource.id === 'string' ? `${where} (${type}/${resource.id})` : where,
        resource,
      };
    }
  }
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

function odsCode(identifiers: unknown): string | undefined {
  const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
  const found = list.find((i) => i?.system === systems.ods && typeof i.value === 'string');
  return found?.value.trim().toUpperCase();
}

function extension(resource: unknown, url: string): Record<string, unknown> | undefined {
  const list = (resource as { extension?: unknown })?.extension;
  return Array.isArray(list) ? list.find((e) => e?.url === url) : undefined;
}

/** The person a reference names, refused unless it is `Patient/<id>` of an exported patient. */
function subjectOf(at: Located, field: string, patients: ReadonlySet<string>): string {
  const reference = text((at.resource[field] as { reference?: unknown })?.reference);
  const id = reference.startsWith('Patient/') ? reference.slice('Patient/'.length) : undefined;
  if (id === undefined || !patients.has(id)) {
    refuse(
      at.where,
      `${at.resource.resourceType}.${field}`,
      reference,
      'is not a patient in the Patient files',
      'Refer to patients as Patient/<id>.',
    );
  }
  return id;
}

async function readPatients(
  paths: string[],
  { out, reference, notes }: ReadContext,
  organisations: ReadonlyMap<string, string>,
): Promise<Set<string>> {
  const patients = new Set<string>();
  const nhsNumbers = new Map<string, string>();
  for await (const at of resources(paths, 'Patient')) {
    const p = at.resource;
    const bad = (field: string, value: unknown, problem: string, hint?: string): never =>
      refuse(at.where, `Patient.${field}`, text(value), problem, hint);
    const id =
      typeof p.id === 'string' && p.id !== ''
        ? p.id
        : bad('id', p.id, 'is missing', 'Every patient needs an id.');
    if (patients.has(id)) bad('id', id, 'appears twice', 'One resource per patient.');
    patients.add(id);
    for (const identifier of Array.isArray(p.identifier) ? p.identifier : []) {
      if (identifier?.system !== systems.nhsNumber) continue;
      const nhs = text(identifier.value).replace(/\s/g, '');
      if (!isNhsNumber(nhs))
        bad(
          'identifier',
          identifier.value,
          'is not a valid NHS number',
          'An NHS number has 10 digits, the last a check digit.',
        );
      const other = nhsNumbers.get(nhs);
      if (other)
        bad(
          'identifier',
          identifier.value,
          `is also the NHS number of Patient/${other}`,
          'One resource per patient.',
        );
      nhsNumbers.set(nhs, id);
    }
    const sex =
      p.gender === 'male'
        ? 'M'
        : p.gender === 'female'
          ? 'F'
          : bad('gender', p.gender, 'is not male or female', "Concordat's analyses are by sex, F or M.");
    const birth = /^(\d{4})(?:-(\d{2}))?(?:-\d{2})?$/.exec(text(p.birthDate));
    const birthYear = Number(birth?.[1]);
    const birthMonth = birth?.[2] ? Number(birth[2]) : undefined;
    if (
      !birth ||
      birthYear < 1880 ||
      birthYear > 2100 ||
      (birthMonth !== undefined && (birthMonth < 1 || birthMonth > 12))
    ) {
      bad('birthDate', p.birthDate, 'is not a date of birth', 'Write it as YYYY-MM-DD or YYYY-MM.');
    }
    if (birthMonth === undefined) notes.add(assumedBirthMonthNote);
    let death = '';
    if (p.deceasedDateTime !== undefined) {
      death =
        dateOf(text(p.deceasedDateTime)) ??
        bad('deceasedDateTime', p.deceasedDateTime, 'is not a date', dateHint);
    } else if (p.deceasedBoolean === true) {
      bad(
        'deceasedBoolean',
        true,
        'says the patient died but gives no date',
        'Give deceasedDateTime instead.',
      );
    }
    const addresses = Array.isArray(p.address) ? p.address : [];
    const home = [...addresses.filter((a) => a?.use === 'home'), ...addresses];
    const lsoaExtension = home.map((a) => extension(a, extensions.lsoa)).find(Boolean);
    const lsoa = text(lsoaExtension?.valueCode ?? lsoaExtension?.valueString).trim();
    if (lsoa === '') bad('address', '', `has no LSOA (extension ${extensions.lsoa})`, lsoaHint);
    const decile =
      decileOf(reference, lsoa) ?? bad('address', lsoa, 'is not an English 2011 LSOA code', lsoaHint);
    const practices = (Array.isArray(p.generalPractitioner) ? p.generalPractitioner : []).flatMap((gp) => {
      const ods =
        odsCode(gp?.identifier) ?? organisations.get(text(gp?.reference).replace(/^Organization\//, ''));
      return ods ? [ods] : [];
    });
    const practice = practices[0] ?? '';
    if (practice && !reference.practices.has(practice))
      bad('generalPractitioner', practice, 'is not a known GP practice', practiceHint);
    let from = '';
    let to = '';
    if (practice) {
      const period = extension(p, extensions.registration)?.valuePeriod as
        | { start?: unknown; end?: unknown }
        | undefined;
      if (period) {
        from =
          dateOf(text(period.start)) ??
          bad('extension(registration).start', period.start, 'is not a date', dateHint);
        to =
          period.end === undefined
            ? ''
            : (dateOf(text(period.end)) ??
              bad('extension(registration).end', period.end, 'is not a date', dateHint));
      } else {
        notes.add(
          'registered patients had no registration period; Concordat took them as registered since birth',
        );
        from = `${birthYear}-${String(birthMonth ?? assumedBirthMonth).padStart(2, '0')}-01`;
      }
    }
    out.person({
      person_id: id,
      birth_year: birthYear,
      birth_month: birthMonth ?? assumedBirthMonth,
      sex,
      practice_code: practice,
      registered_from: from,
      registered_to: to,
      lsoa,
      imd_decile: decile,
      death_date: death,
    });
  }
  return patients;
}

/** The setting of an encounter, or undefined when nothing says what it was. */
function settingOf(e: Record<string, unknown>, practices: ReadonlySet<string>): Setting | undefined {
  const stated = codingsOf(e.type).find((c) => c.system === systems.setting)?.code;
  if (stated && (settings as readonly string[]).includes(stated)) return stated as Setting;
  const kind =
    classSettings[codingsOf(e.class).find((c) => c.system === systems.actCode || !c.system)?.code ?? ''];
  if (kind === 'admission') {
    const priority =
      codingsOf(e.priority).find((c) => c.system === systems.actPriority || !c.system)?.code ?? '';
    if (emergencyPriorities.includes(priority)) return 'emergency';
    if (electivePriorities.includes(priority)) return 'elective';
    return undefined;
  }
  if (kind === 'ambulatory') {
    const gp =
      codingsOf(e.serviceType).some((c) => c.system === systems.serviceType && c.code === generalPractice) ||
      practices.has(odsCode((e.serviceProvider as { identifier?: unknown })?.identifier) ?? '');
    return gp ? 'gp' : 'outpatient';
  }
  return kind;
}

async function readEncounters(
  paths: string[],
  { out, reference, notes }: ReadContext,
  patients: ReadonlySet<string>,
) {
  for await (const at of resources(paths, 'Encounter')) {
    const e = at.resource;
    if (notHappened.includes(text(e.status))) {
      notes.add('encounters that were planned, cancelled or entered in error were left out');
      continue;
    }
    const person = subjectOf(at, 'subject', patients);
    const start = (e.period as { start?: unknown } | undefined)?.start;
    const date =
      dateOf(text(start)) ??
      refuse(at.where, 'Encounter.period.start', text(start), 'is not a date', dateHint);
    const setting =
      settingOf(e, reference.practices) ??
      refuse(
        at.where,
        'Encounter.class',
        text(codingsOf(e.class)[0]?.code),
        'does not say which setting the encounter was in',
        'Use class EMER, AMB, VR, HH or an inpatient class with priority EM or EL (see docs/population.md).',
      );
    const money = extension(e, extensions.cost)?.valueMoney as
      | { value?: unknown; currency?: unknown }
      | undefined;
    let cost: number | undefined;
    if (money) {
      if (money.currency !== undefined && money.currency !== 'GBP') {
        refuse(at.where, 'extension(cost).valueMoney.currency', text(money.currency), 'is not GBP');
      }
      cost =
        penceOf(String(money.value)) ??
        refuse(
          at.where,
          'extension(cost).valueMoney.value',
          text(money.value),
          'is not an amount of pounds 0 or more',
        );
    }
    out.event(person, date, setting, costOrAverage(setting, cost, notes));
  }
}

async function readConditions(
  paths: string[],
  { out, codeList, notes }: ReadContext,
  patients: ReadonlySet<string>,
) {
  for await (const at of resources(paths, 'Condition')) {
    const c = at.resource;
    const verification = codingsOf(c.verificationStatus).map((v) => v.code);
    if (verification.includes('refuted') || verification.includes('entered-in-error')) {
      notes.add('conditions refuted or entered in error were left out');
      continue;
    }
    const person = subjectOf(at, 'subject', patients);
    const onset =
      c.onsetDateTime ?? (c.onsetPeriod as { start?: unknown } | undefined)?.start ?? c.recordedDate;
    const date =
      dateOf(text(onset)) ??
      refuse(
        at.where,
        'Condition.onsetDateTime',
        text(onset),
        'is not a date',
        'Give onsetDateTime, onsetPeriod.start or recordedDate as YYYY-MM-DD.',
      );
    const found = new Set(
      codingsOf(c.code).flatMap((coding) =>
        coding.system === systems.snomed
          ? codeList.fromSnomed(coding.code ?? '')
          : (systems.icd10 as readonly (string | undefined)[]).includes(coding.system)
            ? codeList.fromIcd10(normaliseIcd10(coding.code ?? ''))
            : [],
      ),
    );
    if (found.size === 0) notes.add(unmatchedNote);
    for (const condition of found) out.condition(person, condition, date);
  }
}
