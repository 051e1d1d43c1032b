import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { InvalidInput } from '../core/errors.ts';
import { oglAttribution } from '../core/open-government-licence.ts';
import { dataFiles } from '../system/data-files.ts';
import {
  byCode,
  lsoaDeprivation,
  practiceDeprivationScores,
  practiceMap,
  qofRegisters,
  type RegisteredCount,
  registeredBySingleAge,
} from '../system/reference-tables.ts';
import { loadWeightedPopulations } from '../system/weighted-populations.ts';
import { DuckDbEngine } from './engines/duckdb.ts';
import { LineWriter } from './formats/text-output.ts';
import type { DatasetManifest, Progress } from './ingest.ts';
import { type Condition, conditionCodes, conditions, type Sex, settings, syntheticLabel } from './model.ts';
import { cumulative, Random } from './random.ts';
import { syntheticEthnicity } from './synth-ethnicity.ts';
import {
  conditionDeprivationFactor,
  conditionShape,
  costAgeFactor,
  deathRate,
  deprivationUplift,
  eventRate,
  multimorbidityUplift,
  unitCostPence,
} from './synth-model.ts';

/**
 * Generates a synthetic population for one ICB, calibrated to real published data:
 * registered patients by single year of age and sex for each PCN on 1 August 2026, with the
 * ICB's remainder (patients of practices in no PCN) so the sub-ICB and ICB totals match too,
 * spread across each PCN's practices by list size;
 * each practice's deprivation (IMD 2019 score by practice) steering where its patients live;
 * each practice's QOF registers (2020/21) setting condition prevalence. Deaths over the four
 * years before the extract, and two years of activity, follow the documented shapes in
 * synth-model.ts. Deterministic from the seed. Every file says it is synthetic.
 */
export interface SynthOptions {
  icb: string;
  out: string;
  seed?: number;
  /** Fraction of the real population to generate (1 = full size). */
  scale?: number;
  format?: 'parquet' | 'csv';
  progress?: Progress;
}

export const extractDate = '2026-08-01';
/** A year of activity before and a year after, so risk scores can be checked against outcomes. */
export const defaultAnalysisDate = '2025-08-01';
const activityFrom = '2024-08-01';
const deathsFrom = '2022-08-01';

interface Practice {
  code: string;
  pcn: string;
  listSize: number;
  lsoas: { code: string; decile: number }[];
  lsoaCumulative: Float64Array;
  /** Register ÷ list size per condition, and the youngest age the register counts. */
  prevalence: Map<Condition, { rate: number; minAge: number }>;
}

interface Person {
  id: string;
  age: number;
  sex: Sex;
  practice: number;
  lsoa: number;
  deathDay: number;
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

function csvPath(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

/** The published figures for one ICB that the synthetic population is calibrated to. */
function loadReference(icb: string) {
  const practiceRows = practiceMap()
    .filter((p) => p.icb === icb)
    .sort((a, b) => byCode(a.practice, b.practice));
  if (practiceRows.length === 0) {
    throw new InvalidInput(
      '--icb',
      `'${icb}' is not an ICB code in the August 2026 practice map`,
      'Try QUA (NHS Black Country ICB).',
    );
  }
  const icbPractices = new Set(practiceRows.map((p) => p.practice));
  const sizes = new Map(
    loadWeightedPopulations('2025/26')
      .filter((p) => icbPractices.has(p.practice))
      .map((p) => [p.practice, { size: p.values.population / 1e9, lad: p.la }]),
  );
  // A practice opened since the 2025/26 populations were counted is taken to be of average size.
  const averageSize = [...sizes.values()].reduce((sum, p) => sum + p.size, 0) / sizes.size || 1;
  const practiceScore = practiceDeprivationScores();
  const scores = [...practiceScore.values()].sort((a, b) => b - a);
  const lsoasByLad = new Map<string, { code: string; decile: number }[]>();
  for (const l of lsoaDeprivation()) {
    const list = lsoasByLad.get(l.localAuthority) ?? [];
    list.push({ code: l.lsoa, decile: l.decile });
    lsoasByLad.set(l.localAuthority, list);
  }
  const prevalenceByPractice = new Map<string, Map<Condition, { rate: number; minAge: number }>>();
  const icbTotals = new Map<Condition, { register: number; list: number; minAge: number }>();
  for (const { practice: code, group, register, listSize: list, listType } of qofRegisters()) {
    if (!icbPractices.has(code) || !conditionCodes.includes(group as Condition) || !(list > 0)) continue;
    const minAge = minAgeOfList[listType] ?? 0;
    const entry = prevalenceByPractice.get(code) ?? new Map();
    entry.set(group as Condition, { rate: register / list, minAge });
    prevalenceByPractice.set(code, entry);
    const t = icbTotals.get(group as Condition) ?? { register: 0, list: 0, minAge };
    t.register += register;
    t.list += list;
    icbTotals.set(group as Condition, t);
  }
  // ICB-wide prevalence stands in for practices that opened after 2020/21.
  const icbPrevalence = new Map<Condition, { rate: number; minAge: number }>(
    [...icbTotals].map(([c, t]) => [c, { rate: t.register / t.list, minAge: t.minAge }]),
  );
  const icbLads = [
    ...new Set(practiceRows.map((r) => sizes.get(r.practice)?.lad).filter((l) => l && lsoasByLad.has(l))),
  ];
  const icbLsoas = icbLads.flatMap((lad) => lsoasByLad.get(lad as string) ?? []);
  if (icbLsoas.length === 0) throw new Error(`no LSOAs found for ICB ${icb}`);
  const practices: Practice[] = practiceRows.map(({ practice: code, pcn }) => {
    const info = sizes.get(code);
    const lsoas = (info && lsoasByLad.get(info.lad)) || icbLsoas;
    const score = practiceScore.get(code);
    // A practice's national deprivation decile from its IMD score's rank among all practices.
    const target =
      score === undefined
        ? 5.5
        : 1 + Math.floor((10 * scores.filter((s) => s > score).length) / scores.length);
    const weights = lsoas.map((l) => Math.exp(-Math.abs(l.decile - target) / 1.2));
    return {
      code,
      pcn,
      listSize: info?.size || averageSize,
      lsoas,
      lsoaCumulative: cumulative(weights),
      prevalence: prevalenceByPractice.get(code) ?? icbPrevalence,
    };
  });
  return { practices, cells: registeredCells(icb, practices), icbLsoas };
}

/**
 * Registered patients by PCN, sex and single year of age. PCN 'U' gathers practices in no PCN
 * across all of England, so its figures are national: the ICB's own total minus its real
 * PCNs' totals is what belongs to its unaligned practices.
 */
function registeredCells(icb: string, practices: readonly Practice[]): RegisteredCount[] {
  const pcns = new Set(practices.map((p) => p.pcn).filter((p) => p !== unalignedPcn));
  const counts = registeredBySingleAge(
    (type, org) => (type === 'PCN' && pcns.has(org)) || (type === 'ICB' && org === icb),
  );
  const cells = counts.filter((c) => c.orgType === 'PCN');
  const inPcns = new Map<string, number>();
  for (const c of cells) inPcns.set(`${c.sex}${c.age}`, (inPcns.get(`${c.sex}${c.age}`) ?? 0) + c.patients);
  for (const c of counts) {
    const rest = c.orgType === 'ICB' ? c.patients - (inPcns.get(`${c.sex}${c.age}`) ?? 0) : 0;
    if (rest > 0) cells.push({ ...c, org: unalignedPcn, patients: rest });
  }
  return cells.sort((a, b) => byCode(a.org, b.org) || byCode(a.sex, b.sex) || a.age - b.age);
}

const dayMs = 86_400_000;
const epochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / dayMs;
const isoOfDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

export interface SynthResult {
  manifest: DatasetManifest & {
    label: string;
    counts: {
      persons: number;
      registeredOnExtractDate: number;
      deceased: number;
      unregisteredResidents: number;
      conditions: number;
      events: number;
    };
  };
  files: string[];
}

/** Writes persons, conditions and events for `options.icb` into `options.out`. */
export async function synthesise(options: SynthOptions): Promise<SynthResult> {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const format = options.format ?? 'parquet';
  const progress = options.progress ?? (() => {});
  if (!Number.isInteger(seed) || seed < 0)
    throw new InvalidInput('--seed', 'must be a whole number 0 or more');
  if (!(scale > 0 && scale <= 1)) throw new InvalidInput('--scale', 'must be more than 0 and at most 1');
  const db = await DuckDbEngine.open();
  try {
    const { practices, cells, icbLsoas } = loadReference(options.icb);
    const rng = new Random(seed);
    mkdirSync(options.out, { recursive: true });
    const extract = epochDay(extractDate);
    const extractMonths =
      Temporal.PlainDate.from(extractDate).year * 12 + Temporal.PlainDate.from(extractDate).month;

    // 1. People alive and registered on the extract date, cell by cell.
    const byPcn = new Map<string, number[]>();
    practices.forEach((p, i) => {
      byPcn.set(p.pcn, [...(byPcn.get(p.pcn) ?? []), i]);
    });
    const people: Person[] = [];
    let serial = 0;
    const nextId = () => `SYN-${String(++serial).padStart(8, '0')}`;
    const pickPractice = new Map(
      [...byPcn].map(([pcn, idx]) => [pcn, cumulative(idx.map((i) => practices[i]?.listSize ?? 1))]),
    );
    for (const { org: pcn, sex, age: ageCell, patients } of cells) {
      const members = byPcn.get(pcn) as number[];
      const n = rng.round(patients * scale);
      for (let k = 0; k < n; k++) {
        const practice = members[rng.pick(pickPractice.get(pcn) as Float64Array)] as number;
        const age = ageCell === 95 ? 95 + Math.min(12, rng.poisson(2.5)) : ageCell;
        const lsoa = rng.pick((practices[practice] as Practice).lsoaCumulative);
        people.push({
          id: nextId(),
          age,
          sex,
          practice,
          lsoa,
          deathDay: 0,
        });
      }
    }
    const registered = people.length;
    // 2. People who died in the four years before the extract (so life tables have deaths).
    const years = (extract - epochDay(deathsFrom)) / 365.25;
    for (let i = 0; i < registered; i++) {
      const p = people[i] as Person;
      const practice = practices[p.practice] as Practice;
      const decile = (practice.lsoas[p.lsoa] as { decile: number }).decile;
      const deaths = rng.poisson(deathRate(p.age, p.sex, decile, 1) * years);
      for (let d = 0; d < deaths; d++) {
        const daysBefore = 1 + rng.int(Math.floor(years * 365.25) - 1);
        const ageAtDeath = Math.max(0, p.age - Math.floor(daysBefore / 365.25));
        people.push({
          ...p,
          id: nextId(),
          age: ageAtDeath + Math.ceil(daysBefore / 365.25),
          deathDay: extract - daysBefore,
        });
      }
    }
    // 3. Unregistered residents: about 1% more people living in the area with no GP.
    const unregisteredFrom = people.length;
    const unregistered = rng.round(registered * 0.01);
    for (let k = 0; k < unregistered; k++) {
      people.push({
        id: nextId(),
        age: 16 + rng.int(50),
        sex: rng.next() < 0.6 ? 'M' : 'F',
        practice: -1,
        lsoa: rng.int(icbLsoas.length),
        deathDay: 0,
      });
    }
    progress('people', 1, 4);

    const persons = new LineWriter(
      join(options.out, 'persons.csv'),
      'person_id,birth_year,birth_month,sex,practice_code,registered_from,registered_to,lsoa,imd_decile,death_date,ethnicity',
    );
    const conds = new LineWriter(join(options.out, 'conditions.csv'), 'person_id,condition,onset_date');
    const events = new LineWriter(join(options.out, 'events.csv'), 'person_id,event_date,setting,cost_pence');

    // Condition scaling per practice: register rate × eligible people ÷ Σ shape over them.
    const shapeSums = practices.map(() => new Map<Condition, { shape: number; eligible: number }>());
    for (let i = 0; i < registered; i++) {
      const p = people[i] as Person;
      const practice = practices[p.practice] as Practice;
      const decile = (practice.lsoas[p.lsoa] as { decile: number }).decile;
      const sums = shapeSums[p.practice] as Map<Condition, { shape: number; eligible: number }>;
      for (const [code, prev] of practice.prevalence) {
        const s = sums.get(code) ?? { shape: 0, eligible: 0 };
        if (p.age >= prev.minAge) s.eligible++;
        s.shape += conditionShape(code, p.age, p.sex) * conditionDeprivationFactor(decile);
        sums.set(code, s);
      }
    }
    const factor = practices.map((practice, i) => {
      const out = new Map<Condition, number>();
      for (const [code, prev] of practice.prevalence) {
        const s = shapeSums[i]?.get(code);
        out.set(code, s && s.shape > 0 ? (prev.rate * s.eligible) / s.shape : 0);
      }
      return out;
    });
    const icbFactor = new Map<Condition, number>();
    for (const code of conditionCodes) {
      const values = factor.map((f) => f.get(code) ?? 0).filter((v) => v > 0);
      icbFactor.set(code, values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
    }

    const activityStart = epochDay(activityFrom);
    const had: Condition[] = [];
    for (let i = 0; i < people.length; i++) {
      const p = people[i] as Person;
      const practice = p.practice >= 0 ? (practices[p.practice] as Practice) : undefined;
      const area = practice
        ? (practice.lsoas[p.lsoa] as { code: string; decile: number })
        : (icbLsoas[p.lsoa] as { code: string; decile: number });
      // Age on the extract date (or at death) in completed years, assuming a birthday on the 1st.
      const refMonths = p.deathDay ? monthsOf(isoOfDay(p.deathDay)) : extractMonths;
      const born = refMonths - 12 * p.age - rng.int(12) - 1;
      const birthYear = Math.floor(born / 12);
      const birthMonth = (born % 12) + 1;
      const birthDay = epochDay(`${birthYear}-${String(birthMonth).padStart(2, '0')}-01`);
      const end = p.deathDay || extract;
      const registeredFrom = practice ? Math.max(birthDay, end - 1 - rng.int(20 * 365)) : 0;
      persons.line(
        `${p.id},${birthYear},${birthMonth},${p.sex},${practice ? practice.code : ''},${practice ? isoOfDay(registeredFrom) : ''},${p.deathDay && practice ? isoOfDay(p.deathDay) : ''},${area.code},${area.decile},${p.deathDay ? isoOfDay(p.deathDay) : ''},${syntheticEthnicity(p.id, seed)}`,
      );
      had.length = 0;
      const prevalence = practice?.prevalence;
      for (const code of conditionCodes) {
        const prev = prevalence?.get(code);
        if (prev && p.age < prev.minAge) continue;
        const k = (practice ? factor[p.practice]?.get(code) : icbFactor.get(code)) ?? 0;
        const chance = Math.min(
          0.9,
          k *
            conditionShape(code, p.age, p.sex) *
            conditionDeprivationFactor(area.decile) *
            (p.deathDay ? 1.6 : 1),
        );
        if (rng.next() < chance) {
          had.push(code);
          const onset = Math.max(birthDay, end - 1 - rng.int(Math.min(25, p.age + 1) * 365));
          conds.line(`${p.id},${code},${isoOfDay(onset)}`);
        }
      }
      const ltc = had.filter((c) => conditions[c].ltc).length;
      const palliative = had.includes('PC') ? 2 : 1;
      const from = activityStart;
      if (end <= from) continue;
      const exposureYears = (end - from) / 365.25;
      for (const setting of settings) {
        if (setting === 'gp' && !practice) continue;
        const rate =
          eventRate(setting, p.age) *
          (1 + multimorbidityUplift[setting] * ltc) *
          (1 + deprivationUplift[setting] * (5.5 - area.decile)) *
          (p.deathDay && setting !== 'gp' ? 3 * palliative : 1);
        const n = rng.poisson(rate * exposureYears);
        for (let e = 0; e < n; e++) {
          const day = from + rng.int(end - from);
          const cost = Math.round(
            unitCostPence[setting] * costAgeFactor(setting, p.age) * (0.5 + rng.next()),
          );
          events.line(`${p.id},${isoOfDay(day)},${setting},${cost}`);
        }
      }
    }
    persons.close();
    conds.close();
    events.close();
    progress('written', 2, 4);

    const files = [persons.path, conds.path, events.path];
    if (format === 'parquet') {
      for (const path of files) {
        const target = path.replace(/\.csv$/, '.parquet');
        await db.run(
          `COPY (SELECT * FROM read_csv(${csvPath(path)}, header = true, all_varchar = true)) TO ${csvPath(target)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        rmSync(path);
      }
    }
    progress('converted', 3, 4);
    const manifest = {
      synthetic: true,
      label: syntheticLabel,
      icb: options.icb,
      seed,
      scale,
      extractDate,
      analysisDate: defaultAnalysisDate,
      counts: {
        persons: persons.count,
        registeredOnExtractDate: registered,
        deceased: unregisteredFrom - registered,
        unregisteredResidents: unregistered,
        conditions: conds.count,
        events: events.count,
      },
      calibratedTo: [
        dataFiles.registeredSingleAge,
        dataFiles.practiceMap,
        dataFiles.weightedPopulations2025,
        dataFiles.practiceImd,
        dataFiles.lsoaImd,
        dataFiles.qofPrevalence,
      ],
      attribution: oglAttribution,
    };
    writeFileSync(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(
      join(options.out, 'README.txt'),
      `${syntheticLabel}\n\nGenerated by \`concordat synth --icb ${options.icb} --seed ${seed}\`. No row describes a real person.\nCalibrated to published NHS data (see manifest.json). ${oglAttribution}\n`,
    );
    progress('done', 4, 4);
    return {
      manifest,
      files: files.map((f) => (format === 'parquet' ? f.replace(/\.csv$/, '.parquet') : f)),
    };
  } finally {
    await db.close();
  }
}

function monthsOf(iso: string): number {
  const d = Temporal.PlainDate.from(iso);
  return d.year * 12 + d.month;
}
