import { dataFilePath } from './data-files.ts';
import { readTable } from './gzip-csv.ts';

/**
 * The published tables the population analyses are calibrated to and compared with, as typed
 * rows: src/system/ reads data/nhs, population receives rows (and loads them into its engine
 * when it needs a table). Each file passes the text rule and its columns are checked on reading.
 */

/** A practice's place in the August 2026 map: PCN, sub-ICB location and ICB (ODS codes and names). */
export interface MappedPractice {
  practice: string;
  practiceName: string;
  pcn: string;
  pcnName: string;
  subIcb: string;
  icb: string;
  icbName: string;
  /** The ICB's ONS code (E54…). */
  icbOns: string;
}

let map: MappedPractice[] | undefined;

/** Every practice in England on 1 August 2026, in the file's order. */
export function practiceMap(): readonly MappedPractice[] {
  map ??= readTable(dataFilePath('practiceMap'), [
    'PRACTICE_CODE',
    'PRACTICE_NAME',
    'PCN_CODE',
    'PCN_NAME',
    'SUB_ICB_LOCATION_CODE',
    'ICB_CODE',
    'ICB_NAME',
    'ONS_ICB_CODE',
  ]).map((r) => ({
    practice: r.PRACTICE_CODE as string,
    practiceName: r.PRACTICE_NAME as string,
    pcn: r.PCN_CODE as string,
    pcnName: r.PCN_NAME as string,
    subIcb: r.SUB_ICB_LOCATION_CODE as string,
    icb: r.ICB_CODE as string,
    icbName: r.ICB_NAME as string,
    icbOns: r.ONS_ICB_CODE as string,
  }));
  return map;
}

/** IMD 2019 score per GP practice (OHID Fingertips); practices with no score are left out. */
export function practiceDeprivationScores(): Map<string, number> {
  const scores = new Map<string, number>();
  for (const r of readTable(dataFilePath('practiceImd'), ['Area Code', 'Area Type', 'Value'])) {
    const score = numberOrNull(r.Value as string);
    if (r['Area Type'] === 'GP' && score !== null) scores.set(r['Area Code'] as string, score);
  }
  return scores;
}

/** An LSOA (2011) with its local authority (2019) and national IMD 2019 decile (1 most deprived). */
export interface LsoaDeprivation {
  lsoa: string;
  localAuthority: string;
  decile: number;
}

let lsoas: LsoaDeprivation[] | undefined;

/** Every LSOA in England, by code (read once). */
export function lsoaDeprivation(): readonly LsoaDeprivation[] {
  const lsoa = 'LSOA code (2011)';
  const la = 'Local Authority District code (2019)';
  const decile = 'Index of Multiple Deprivation (IMD) Decile';
  lsoas ??= readTable(dataFilePath('lsoaImd'), [lsoa, la, decile])
    .map((r) => ({ lsoa: r[lsoa] as string, localAuthority: r[la] as string, decile: Number(r[decile]) }))
    .sort((a, b) => byCode(a.lsoa, b.lsoa));
  return lsoas;
}

/** One QOF 2020/21 register of a practice: its size, the list it counts from and that list's size. */
export interface QofRegister {
  practice: string;
  /** The QOF group (AF, CHD, …). */
  group: string;
  register: number;
  /** Which patients the register is out of: TOTAL, or those aged 6, 16, 17, 18 or 50 and over. */
  listType: string;
  listSize: number;
}

/** Every practice's QOF 2020/21 registers, in the file's order. */
export function qofRegisters(): QofRegister[] {
  return readTable(dataFilePath('qofPrevalence'), [
    'PRACTICE_CODE',
    'GROUP_CODE',
    'REGISTER',
    'PATIENT_LIST_TYPE',
    'PRACTICE_LIST_SIZE',
  ]).map((r) => ({
    practice: r.PRACTICE_CODE as string,
    group: r.GROUP_CODE as string,
    register: Number(r.REGISTER),
    listType: r.PATIENT_LIST_TYPE as string,
    listSize: Number(r.PRACTICE_LIST_SIZE),
  }));
}

/** Patients registered on 1 August 2026 of one sex and single year of age (95: 95 and over). */
export interface RegisteredCount {
  /** 'ICB', 'PCN', 'SUB_ICB_LOCATION' or 'Comm Region'. */
  orgType: string;
  /** The organisation's ODS code. */
  org: string;
  sex: 'F' | 'M';
  age: number;
  patients: number;
}

/**
 * The registered population of the organisations `wanted` picks by sex and single year of
 * age, in the order organisation type, organisation, sex, age.
 */
export function registeredBySingleAge(wanted: (orgType: string, org: string) => boolean): RegisteredCount[] {
  const sexes: Record<string, 'F' | 'M'> = { FEMALE: 'F', MALE: 'M' };
  const out: RegisteredCount[] = [];
  for (const r of readTable(dataFilePath('registeredSingleAge'), [
    'ORG_TYPE',
    'ORG_CODE',
    'SEX',
    'AGE',
    'NUMBER_OF_PATIENTS',
  ])) {
    const sex = sexes[r.SEX as string];
    if (!sex || r.AGE === 'ALL' || !wanted(r.ORG_TYPE as string, r.ORG_CODE as string)) continue;
    out.push({
      orgType: r.ORG_TYPE as string,
      org: r.ORG_CODE as string,
      sex,
      age: r.AGE === '95+' ? 95 : Number(r.AGE),
      patients: Number(r.NUMBER_OF_PATIENTS),
    });
  }
  return out.sort(
    (a, b) => byCode(a.orgType, b.orgType) || byCode(a.org, b.org) || byCode(a.sex, b.sex) || a.age - b.age,
  );
}

/** A local authority's (or England's, E92000001) published figure for one sex and period. */
export interface AreaFigure {
  area: string;
  name: string;
  /** As published, e.g. "2021 - 23"; later periods sort later. */
  period: string;
  sex: string;
  /** Years; null where none is published. */
  value: number | null;
}

/**
 * OHID's life expectancy at birth ('at birth') or its slope index of inequality across
 * deprivation deciles ('inequality') for the areas given, every period and sex.
 */
export function lifeExpectancyFigures(
  measure: 'at birth' | 'inequality',
  areas: readonly string[],
): AreaFigure[] {
  const wanted = new Set(areas);
  const file = measure === 'at birth' ? 'lifeExpectancy' : 'lifeExpectancyInequality';
  return readTable(dataFilePath(file), ['area_code', 'area_name', 'period', 'inequality', 'value'])
    .filter((r) => wanted.has(r.area_code as string))
    .map((r) => ({
      area: r.area_code as string,
      name: r.area_name as string,
      period: r.period as string,
      sex: r.inequality as string,
      value: numberOrNull(r.value as string),
    }));
}

function numberOrNull(text: string): number | null {
  const n = Number(text);
  return text === '' || !Number.isFinite(n) ? null : n;
}

/** Code order, character by character (as the databases sort), not the locale's. */
export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
