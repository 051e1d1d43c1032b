import { InvalidInput } from '../core/errors.ts';
import {
  byCode,
  lifeExpectancyFigures,
  qofRegisters,
  registeredBySingleAge,
} from '../system/reference-tables.ts';
import type { Condition, Sex } from './model.ts';

/**
 * England comparators from the published data src/system/ reads from data/nhs: the registered
 * population's age–sex structure (1 August 2026), QOF register prevalence (2020/21) and local
 * authorities' published life expectancy and its slope index of inequality (OHID). Which
 * practices and areas to compare is the NHS system's to say (src/system/practices.ts).
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

export async function englandComparators(): Promise<EnglandComparators> {
  // Every ICB together is England.
  const counts = registeredBySingleAge((type) => type === 'ICB');
  const total = counts.reduce((s, c) => s + c.patients, 0);
  const patients = (sex: Sex) => {
    const bands = new Array<number>(19).fill(0);
    for (const c of counts) {
      const band = Math.min(Math.floor(c.age / 5), 18);
      if (c.sex === sex) bands[band] = (bands[band] as number) + c.patients;
    }
    return bands.map((n) => n / total);
  };
  const ageSexShare = { F: patients('F'), M: patients('M') };
  // Registers over the whole registered list (all ages), the same denominator the local figures use.
  const qof = qofRegisters();
  const list = qof.filter((r) => r.group === 'AF').reduce((s, r) => s + r.listSize, 0);
  // A register's own denominator: the list size of its age range, given on each of its rows.
  const sums = new Map<string, { group: string; listType: string; register: number; list: number }>();
  for (const r of qof) {
    const key = `${r.group} ${r.listType}`;
    const sum = sums.get(key) ?? { group: r.group, listType: r.listType, register: 0, list: 0 };
    sum.register += r.register;
    sum.list += r.listSize;
    sums.set(key, sum);
  }
  const groups = [...sums.values()].sort(
    (a, b) => byCode(a.group, b.group) || byCode(a.listType, b.listType),
  );
  const registerTotal = (group: string) =>
    groups.filter((g) => g.group === group).reduce((s, g) => s + g.register, 0);
  return {
    ageSexShare,
    prevalence: Object.fromEntries(groups.map((g) => [g.group, registerTotal(g.group) / list])),
    registers: Object.fromEntries(
      groups.map((g) => [g.group, { rate: g.register / g.list, fromAge: registerFromAge(g.listType) }]),
    ),
  };
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

const englandCode = 'E92000001';

/** Published life expectancy at birth and its SII for the given local authorities, latest period. */
export async function publishedLifeExpectancy(
  areaCodes: readonly string[],
): Promise<PublishedLifeExpectancy> {
  const areas = [...areaCodes, englandCode];
  const le = latest(lifeExpectancyFigures('at birth', areas));
  const sii = latest(lifeExpectancyFigures('inequality', areas));
  const names = new Map(le.figures.map((f) => [f.area, f.name]));
  return {
    period: le.period,
    areas: areaCodes.map((code) => ({
      code,
      name: names.get(code) ?? code,
      male: le.value(code, 'Male'),
      female: le.value(code, 'Female'),
      maleSii: sii.value(code, 'Male'),
      femaleSii: sii.value(code, 'Female'),
    })),
    england: {
      male: le.value(englandCode, 'Male') ?? Number.NaN,
      female: le.value(englandCode, 'Female') ?? Number.NaN,
      maleSii: sii.value(englandCode, 'Male') ?? Number.NaN,
      femaleSii: sii.value(englandCode, 'Female') ?? Number.NaN,
    },
  };
}

/** The latest period among the figures, and each area's figure for a sex in it. */
function latest(figures: ReturnType<typeof lifeExpectancyFigures>) {
  const period =
    figures
      .map((f) => f.period)
      .sort()
      .at(-1) ?? '';
  const value = (area: string, sex: string) =>
    figures.find((f) => f.area === area && f.period === period && f.sex === sex)?.value ?? null;
  return { figures, period, value };
}
