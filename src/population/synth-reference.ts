import { InvalidInput } from '../core/errors.ts';
import {
  byCode,
  lsoaDeprivation,
  practiceDeprivationScores,
  practiceMap,
  qofRegisters,
  registeredBySingleAge,
} from '../system/reference-tables.ts';
import { loadWeightedPopulations } from '../system/weighted-populations.ts';
import { type Condition, conditionCodes, type Sex } from './model.ts';

/**
 * The published figures one ICB's synthetic population is calibrated to (data/nhs): its
 * practices, PCNs and list sizes, the registered population by PCN, sex and single year of
 * age, where patients live (LSOAs and their IMD deciles) and the practices' QOF registers.
 */

/** An LSOA, its national IMD 2019 decile (1 = most deprived) and its local authority (as IMD 2019 names it). */
export interface Area {
  code: string;
  decile: number;
  la: string;
}

export interface Practice {
  code: string;
  pcn: string;
  listSize: number;
  /** The LSOAs its patients may live in (indexes into `areas`): those of its local authority. */
  areas: Int32Array;
  /** How strongly each of those LSOAs draws its patients: most those as deprived as the practice. */
  pull: Float64Array;
  /** Register ÷ list size per condition, and the youngest age the register counts. */
  prevalence: Map<Condition, { rate: number; minAge: number }>;
}

/** Registered patients of a PCN (`U`: the ICB's practices in no PCN) of one sex and age (95 = 95+). */
export interface Cell {
  pcn: string;
  sex: Sex;
  age: number;
  count: number;
}

export interface SynthReference {
  /** The ICB's ONS code (E54…). */
  icbOnsCode: string;
  practices: Practice[];
  cells: Cell[];
  areas: Area[];
  /**
   * The ICB's own LSOAs: those of the local authorities whose patients are mostly registered with
   * its practices (a border practice's authority belongs to the ICB next door).
   */
  icbAreas: Int32Array;
}

const unalignedPcn = 'U';

const minAgeOfList: Record<string, number> = {
  TOTAL: 0,
  '06OV': 6,
  '16OV': 16,
  '17OV': 17,
  '18OV': 18,
  '50OV': 50,
};

/** A practice's 2025/26 population (the file's registered-patients column is empty) and its local authority. */
function practiceSizes(): Map<string, { size: number; lad: string }> {
  return new Map(
    loadWeightedPopulations('2025/26').map((p) => [
      p.practice,
      { size: p.values.population / 1e9, lad: p.la },
    ]),
  );
}

export function loadSynthReference(icb: string): SynthReference {
  const map = practiceMap();
  const practiceRows = map.filter((p) => p.icb === icb).sort((a, b) => byCode(a.practice, b.practice));
  if (practiceRows.length === 0) {
    throw new InvalidInput(
      '--icb',
      `'${icb}' is not an ICB code in the August 2026 practice map`,
      'Try QUA (NHS Black Country ICB).',
    );
  }
  const allSizes = practiceSizes();
  const codes = new Set(practiceRows.map((r) => r.practice));
  const sizes = new Map([...allSizes].filter(([code]) => codes.has(code)));
  const knownSizes = [...sizes.values()].map((s) => s.size).filter((s) => s > 0);
  const medianSize = knownSizes.sort((a, b) => a - b)[Math.floor(knownSizes.length / 2)] ?? 1;

  const lsoasByLad = lsoasOfLads();
  const icbLads = ladsOfIcb(icb, map, allSizes);
  const fallbackLads = [...new Set([...sizes.values()].map((s) => s.lad))];
  const ownLads = (icbLads.length ? icbLads : fallbackLads).filter((lad) => lsoasByLad.has(lad));
  if (ownLads.length === 0) throw new Error(`no LSOAs found for ICB ${icb}`);

  // Every LSOA any of the ICB's people may live in, indexed once.
  const areas: Area[] = [];
  const indexOfLad = new Map<string, Int32Array>();
  for (const lad of new Set([...ownLads, ...fallbackLads])) {
    const list = lsoasByLad.get(lad);
    if (!list) continue;
    indexOfLad.set(
      lad,
      Int32Array.from(list, (_, k) => areas.length + k),
    );
    areas.push(...list);
  }
  const icbAreas = Int32Array.from(ownLads.flatMap((lad) => [...(indexOfLad.get(lad) ?? [])]));

  const deciles = practiceDeciles();
  const { byPractice, icbWide } = prevalence(codes);
  const practices: Practice[] = practiceRows.map(({ practice: code, pcn }) => {
    const info = sizes.get(code);
    const own = (info && indexOfLad.get(info.lad)) || icbAreas;
    const target = deciles.get(code) ?? 5.5;
    return {
      code,
      pcn,
      listSize: info?.size && info.size > 0 ? info.size : medianSize,
      areas: own,
      pull: Float64Array.from(own, (a) => Math.exp(-Math.abs((areas[a] as Area).decile - target) / 1.2)),
      prevalence: byPractice.get(code) ?? icbWide,
    };
  });
  const cells = registeredCells(icb, practices);
  // Unaligned patients go to the ICB's practices in no PCN, or to all its practices if it has none.
  if (!practices.some((p) => p.pcn === unalignedPcn)) {
    practices.push(...practices.map((p) => ({ ...p, pcn: unalignedPcn })));
  }
  return { icbOnsCode: practiceRows[0]?.icbOns ?? '', practices, cells, areas, icbAreas };
}

function lsoasOfLads(): Map<string, Area[]> {
  const byLad = new Map<string, Area[]>();
  for (const l of lsoaDeprivation()) {
    const list = byLad.get(l.localAuthority) ?? [];
    list.push({ code: l.lsoa, decile: l.decile, la: l.localAuthority });
    byLad.set(l.localAuthority, list);
  }
  return byLad;
}

/** The local authorities more of whose registered patients are with this ICB's practices than any other's. */
function ladsOfIcb(
  icb: string,
  map: ReturnType<typeof practiceMap>,
  sizes: Map<string, { size: number; lad: string }>,
): string[] {
  const icbOf = new Map(map.map((p) => [p.practice, p.icb]));
  const patients = new Map<string, Map<string, number>>();
  for (const [code, { size, lad }] of sizes) {
    const owning = icbOf.get(code);
    if (!owning || !lad) continue;
    const byIcb = patients.get(lad) ?? new Map<string, number>();
    byIcb.set(owning, (byIcb.get(owning) ?? 0) + size);
    patients.set(lad, byIcb);
  }
  const owned: string[] = [];
  for (const [lad, byIcb] of [...patients].sort(([a], [b]) => byCode(a, b))) {
    // The largest share owns the authority; a tie goes to the lower ICB code.
    const [owner] = [...byIcb].sort(([a, x], [b, y]) => y - x || byCode(a, b))[0] ?? [];
    if (owner === icb) owned.push(lad);
  }
  return owned;
}

/** Each practice's national deprivation decile, from its IMD score's rank among all practices. */
function practiceDeciles(): Map<string, number> {
  const scores = [...practiceDeprivationScores()];
  const sorted = scores.map(([, s]) => s).sort((a, b) => b - a);
  // The number of practices more deprived than a score: its rank less one, ties sharing a rank.
  const above = (score: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) > score) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return new Map(scores.map(([code, s]) => [code, 1 + Math.floor((10 * above(s)) / sorted.length)]));
}

function prevalence(codes: Set<string>) {
  const byPractice = new Map<string, Map<Condition, { rate: number; minAge: number }>>();
  const totals = new Map<Condition, { register: number; list: number; minAge: number }>();
  for (const { practice: code, group, register, listSize: list, listType } of qofRegisters()) {
    if (!codes.has(code) || !conditionCodes.includes(group as Condition) || !(list > 0)) continue;
    const minAge = minAgeOfList[listType] ?? 0;
    const entry = byPractice.get(code) ?? new Map();
    entry.set(group as Condition, { rate: register / list, minAge });
    byPractice.set(code, entry);
    const t = totals.get(group as Condition) ?? { register: 0, list: 0, minAge };
    t.register += register;
    t.list += list;
    totals.set(group as Condition, t);
  }
  // ICB-wide prevalence stands in for practices that opened after 2020/21.
  const icbWide = new Map<Condition, { rate: number; minAge: number }>(
    [...totals].map(([c, t]) => [c, { rate: t.register / t.list, minAge: t.minAge }]),
  );
  return { byPractice, icbWide };
}

/**
 * PCN 'U' gathers practices in no PCN across all of England, so its figures are national: the
 * ICB's own total minus its real PCNs' totals is what belongs to its unaligned practices.
 */
function registeredCells(icb: string, practices: Practice[]): Cell[] {
  const pcns = new Set(practices.map((p) => p.pcn).filter((p) => p !== unalignedPcn));
  const counts = registeredBySingleAge(
    (type, org) => (type === 'PCN' && pcns.has(org)) || (type === 'ICB' && org === icb),
  );
  const cells: Cell[] = [];
  const inPcns = new Map<string, number>();
  for (const c of counts) {
    if (c.orgType !== 'PCN') continue;
    cells.push({ pcn: c.org, sex: c.sex, age: c.age, count: c.patients });
    inPcns.set(`${c.sex}${c.age}`, (inPcns.get(`${c.sex}${c.age}`) ?? 0) + c.patients);
  }
  for (const c of counts) {
    if (c.orgType !== 'ICB') continue;
    const rest = c.patients - (inPcns.get(`${c.sex}${c.age}`) ?? 0);
    if (rest > 0) cells.push({ pcn: unalignedPcn, sex: c.sex, age: c.age, count: rest });
  }
  return cells.sort((a, b) => byCode(a.pcn, b.pcn) || byCode(a.sex, b.sex) || a.age - b.age);
}
