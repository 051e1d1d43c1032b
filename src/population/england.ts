import { InvalidInput } from '../core/errors.ts';
import { type DataFile, dataFilePath } from '../system/data-files.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import type { Condition, Sex } from './model.ts';

/**
 * England comparators from the published data in data/nhs (files named in src/system/data-files.ts):
 * the registered population's age–sex structure (1 August 2026), QOF register prevalence
 * (2020/21) and local authorities' published life expectancy and its slope index of
 * inequality (OHID). Which practices and areas to compare is the NHS system's to say
 * (src/system/practices.ts).
 */
export interface EnglandComparators {
  /** Share of England's registered patients in each five-year band (0–4 … 90+) by sex. */
  ageSexShare: Record<Sex, number[]>;
  /** Register ÷ all registered patients (all ages) per QOF group, England 2020/21. */
  prevalence: Partial<Record<Condition, number>>;
  /**
   * Register ÷ the patients of the register's own age range (QOF's denominator: 6 and over for
   * asthma, 17 and over for diabetes, and so on), England 2020/21: the standard rates for
   * expected prevalence (expected-prevalence.ts). QOF publishes no finer age breakdown.
   */
  registers: Partial<Record<Condition, EnglandRegister>>;
}

export interface EnglandRegister {
  /** People on the register per person of `fromAge` and over. */
  rate: number;
  /** Youngest age the register counts (0 = all ages). */
  fromAge: number;
}

/** QOF's list type for a register: TOTAL (all ages) or `NNOV` (NN and over). */
export function registerFromAge(listType: string): number {
  if (listType === 'TOTAL') return 0;
  const over = /^(\d{2})OV$/.exec(listType);
  if (!over) throw new InvalidInput('PATIENT_LIST_TYPE', `'${listType}' is not a QOF list type`);
  return Number(over[1]);
}

const q = (name: DataFile) => `read_csv('${dataFilePath(name)}', header = true, all_varchar = true)`;

export async function englandComparators(): Promise<EnglandComparators> {
  const db = await DuckDbEngine.open();
  try {
    const rows =
      await db.query(`SELECT SEX, least(CASE WHEN AGE = '95+' THEN 95 ELSE CAST(AGE AS INTEGER) END // 5, 18) AS band,
        sum(CAST(NUMBER_OF_PATIENTS AS BIGINT)) FROM ${q('registeredSingleAge')}
        WHERE ORG_TYPE = 'ICB' AND SEX IN ('FEMALE', 'MALE') AND AGE <> 'ALL' GROUP BY ALL ORDER BY 1, 2`);
    const total = rows.reduce((s, r) => s + Number(r[2]), 0);
    const ageSexShare: Record<Sex, number[]> = { F: new Array(19).fill(0), M: new Array(19).fill(0) };
    for (const [sex, band, n] of rows)
      ageSexShare[sex === 'FEMALE' ? 'F' : 'M'][Number(band)] = Number(n) / total;
    // Registers over the whole registered list (all ages), the same denominator the local figures use.
    const prev =
      await db.query(`SELECT GROUP_CODE, sum(CAST(REGISTER AS DOUBLE)) / (SELECT sum(CAST(PRACTICE_LIST_SIZE AS DOUBLE))
        FROM ${q('qofPrevalence')} WHERE GROUP_CODE = 'AF') FROM ${q('qofPrevalence')} GROUP BY 1 ORDER BY 1`);
    // A register's own denominator: the list size of its age range, given on each of its rows.
    const own =
      await db.query(`SELECT GROUP_CODE, PATIENT_LIST_TYPE, sum(CAST(REGISTER AS DOUBLE)) / sum(CAST(PRACTICE_LIST_SIZE AS DOUBLE))
        FROM ${q('qofPrevalence')} GROUP BY 1, 2 ORDER BY 1, 2`);
    return {
      ageSexShare,
      prevalence: Object.fromEntries(prev.map((r) => [String(r[0]), Number(r[1])])),
      registers: Object.fromEntries(
        own.map((r) => [String(r[0]), { rate: Number(r[2]), fromAge: registerFromAge(String(r[1])) }]),
      ),
    };
  } finally {
    await db.close();
  }
}

export interface PublishedLifeExpectancy {
  period: string;
  areas: {
    code: string;
    name: string;
    male: number | null;
    female: number | null;
    maleSii: number | null;
    femaleSii: number | null;
  }[];
  england: { male: number; female: number; maleSii: number; femaleSii: number };
}

/** Published life expectancy at birth and its SII for the given local authorities, latest period. */
export async function publishedLifeExpectancy(
  areaCodes: readonly string[],
): Promise<PublishedLifeExpectancy> {
  const db = await DuckDbEngine.open();
  try {
    const codes = [...areaCodes, 'E92000001'].map((c) => `'${c}'`).join(', ');
    const le = await db.query(
      `SELECT area_code, area_name, period, inequality, TRY_CAST(value AS DOUBLE) FROM ${q('lifeExpectancy')} WHERE area_code IN (${codes})`,
    );
    const sii = await db.query(
      `SELECT area_code, period, inequality, TRY_CAST(value AS DOUBLE) FROM ${q('lifeExpectancyInequality')} WHERE area_code IN (${codes})`,
    );
    const period =
      le
        .map((r) => String(r[2]))
        .sort()
        .at(-1) ?? '';
    const pick = (code: string, sex: string) => {
      const row = le.find((r) => r[0] === code && r[2] === period && r[3] === sex);
      return row ? (row[4] as number | null) : null;
    };
    const siiPeriod =
      sii
        .map((r) => String(r[1]))
        .sort()
        .at(-1) ?? '';
    const pickSii = (code: string, sex: string) => {
      const row = sii.find((r) => r[0] === code && r[1] === siiPeriod && r[2] === sex);
      return row ? (row[3] as number | null) : null;
    };
    const names = new Map(le.map((r) => [String(r[0]), String(r[1])]));
    return {
      period,
      areas: areaCodes.map((code) => ({
        code,
        name: names.get(code) ?? code,
        male: pick(code, 'Male'),
        female: pick(code, 'Female'),
        maleSii: pickSii(code, 'Male'),
        femaleSii: pickSii(code, 'Female'),
      })),
      england: {
        male: pick('E92000001', 'Male') ?? Number.NaN,
        female: pick('E92000001', 'Female') ?? Number.NaN,
        maleSii: pickSii('E92000001', 'Male') ?? Number.NaN,
        femaleSii: pickSii('E92000001', 'Female') ?? Number.NaN,
      },
    };
  } finally {
    await db.close();
  }
}
