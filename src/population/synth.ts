import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { InvalidInput } from '../core/errors.ts';
import { oglAttribution } from '../core/open-government-licence.ts';
import { dataFilePath, dataFiles } from '../system/data-files.ts';
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

async function loadReference(db: DuckDbEngine, icb: string) {
  const map = csvPath(dataFilePath('practiceMap'));
  const practiceRows = await db.query(
    `SELECT PRACTICE_CODE, PCN_CODE FROM read_csv(${map}, header = true, all_varchar = true) WHERE ICB_CODE = '${icb}' ORDER BY PRACTICE_CODE`,
  );
  if (practiceRows.length === 0) {
    throw new InvalidInput(
      '--icb',
      `'${icb}' is not an ICB code in the August 2026 practice map`,
      'Try QUA (NHS Black Country ICB).',
    );
  }
  const inIcb = practiceRows.map((r) => `'${r[0]}'`).join(', ');
  const alloc = csvPath(dataFilePath('weightedPopulations2025'));
  const sizes = new Map(
    (
      await db.query(
        `SELECT Practice_Code, TRY_CAST(Patients AS DOUBLE), LAD FROM read_csv(${alloc}, header = true, all_varchar = true) WHERE Practice_Code IN (${inIcb})`,
      )
    ).map((r) => [String(r[0]), { size: Number(r[1]) || 0, lad: String(r[2] ?? '') }]),
  );
  const imd = csvPath(dataFilePath('practiceImd'));
  const scoreRows = await db.query(
    `SELECT "Area Code", TRY_CAST("Value" AS DOUBLE) FROM read_csv(${imd}, header = true, all_varchar = true) WHERE "Area Type" = 'GP' AND "Value" IS NOT NULL`,
  );
  const scores = scoreRows.map((r) => Number(r[1])).sort((a, b) => b - a);
  const practiceScore = new Map(scoreRows.map((r) => [String(r[0]), Number(r[1])]));
  const lsoa = csvPath(dataFilePath('lsoaImd'));
  const lsoaRows = await db.query(
    `SELECT "LSOA code (2011)", "Local Authority District code (2019)", CAST("Index of Multiple Deprivation (IMD) Decile" AS INTEGER) FROM read_csv(${lsoa}, header = true, all_varchar = true) ORDER BY 1`,
  );
  const lsoasByLad = new Map<string, { code: string; decile: number }[]>();
  for (const r of lsoaRows) {
    const list = lsoasByLad.get(String(r[1])) ?? [];
    list.push({ code: String(r[0]), decile: Number(r[2]) });
    lsoasByLad.set(String(r[1]), list);
  }
  const qof = csvPath(dataFilePath('qofPrevalence'));
  const qofRows = await db.query(
    `SELECT PRACTICE_CODE, GROUP_CODE, CAST(REGISTER AS DOUBLE), CAST(PRACTICE_LIST_SIZE AS DOUBLE), PATIENT_LIST_TYPE FROM read_csv(${qof}, header = true, all_varchar = true) WHERE PRACTICE_CODE IN (${inIcb})`,
  );
  const prevalenceByPractice = new Map<string, Map<Condition, { rate: number; minAge: number }>>();
  const icbTotals = new Map<Condition, { register: number; list: number; minAge: number }>();
  const icbPractices = new Set(practiceRows.map((r) => String(r[0])));
  for (const [code, group, register, list, type] of qofRows) {
    if (!conditionCodes.includes(group as Condition) || !(Number(list) > 0)) continue;
    const minAge = minAgeOfList[String(type)] ?? 0;
    const entry = prevalenceByPractice.get(String(code)) ?? new Map();
    entry.set(group as Condition, { rate: Number(register) / Number(list), minAge });
    prevalenceByPractice.set(String(code), entry);
    if (icbPractices.has(String(code))) {
      const t = icbTotals.get(group as Condition) ?? { register: 0, list: 0, minAge };
      t.register += Number(register);
      t.list += Number(list);
      icbTotals.set(group as Condition, t);
    }
  }
  // ICB-wide prevalence stands in for practices that opened after 2020/21.
  const icbPrevalence = new Map<Condition, { rate: number; minAge: number }>(
    [...icbTotals].map(([c, t]) => [c, { rate: t.register / t.list, minAge: t.minAge }]),
  );
  const icbLads = [
    ...new Set(practiceRows.map((r) => sizes.get(String(r[0]))?.lad).filter((l) => l && lsoasByLad.has(l))),
  ];
  const icbLsoas = icbLads.flatMap((lad) => lsoasByLad.get(lad as string) ?? []);
  if (icbLsoas.length === 0) throw new Error(`no LSOAs found for ICB ${icb}`);
  const practices: Practice[] = practiceRows.map(([code, pcn]) => {
    const info = sizes.get(String(code));
    const lsoas = (info && lsoasByLad.get(info.lad)) || icbLsoas;
    const score = practiceScore.get(String(code));
    // A practice's national deprivation decile from its IMD score's rank among all practices.
    const target =
      score === undefined
        ? 5.5
        : 1 + Math.floor((10 * scores.filter((s) => s > score).length) / scores.length);
    const weights = lsoas.map((l) => Math.exp(-Math.abs(l.decile - target) / 1.2));
    return {
      code: String(code),
      pcn: String(pcn),
      listSize: info?.size && info.size > 0 ? info.size : 1,
      lsoas,
      lsoaCumulative: cumulative(weights),
      prevalence: prevalenceByPractice.get(String(code)) ?? icbPrevalence,
    };
  });
  // PCN 'U' gathers practices in no PCN across all of England, so its figures are national:
  // the ICB's own total minus its real PCNs' totals is what belongs to its unaligned practices.
  const pcns = [...new Set(practices.map((p) => p.pcn))].filter((p) => p !== unalignedPcn).sort();
  const single = csvPath(dataFilePath('registeredSingleAge'));
  const age = `CASE WHEN AGE = '95+' THEN 95 ELSE CAST(AGE AS INTEGER) END`;
  const cells = await db.query(
    `WITH s AS (SELECT * FROM read_csv(${single}, header = true, all_varchar = true) WHERE SEX IN ('FEMALE', 'MALE') AND AGE <> 'ALL'),
     pcn AS (SELECT ORG_CODE, SEX, ${age} AS age, CAST(NUMBER_OF_PATIENTS AS INTEGER) AS n FROM s
       WHERE ORG_TYPE = 'PCN' AND ORG_CODE IN (${pcns.map((p) => `'${p}'`).join(', ') || "''"})),
     icb AS (SELECT SEX, ${age} AS age, CAST(NUMBER_OF_PATIENTS AS INTEGER) AS n FROM s WHERE ORG_TYPE = 'ICB' AND ORG_CODE = '${icb}'),
     rest AS (SELECT '${unalignedPcn}' AS ORG_CODE, icb.SEX, icb.age, greatest(0, icb.n - coalesce(sum(pcn.n), 0)) AS n
       FROM icb LEFT JOIN pcn USING (SEX, age) GROUP BY icb.SEX, icb.age, icb.n)
     SELECT * FROM pcn UNION ALL SELECT * FROM rest WHERE n > 0 ORDER BY ORG_CODE, SEX, age`,
  );
  // Unaligned patients go to the ICB's practices in no PCN, or to all its practices if it has none.
  if (!practices.some((p) => p.pcn === unalignedPcn)) {
    practices.push(...practices.map((p) => ({ ...p, pcn: unalignedPcn })));
  }
  return { practices, cells, icbLsoas };
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
    const { practices, cells, icbLsoas } = await loadReference(db, options.icb);
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
    for (const [pcn, sexText, ageCell, count] of cells) {
      const members = byPcn.get(String(pcn)) as number[];
      const n = rng.round(Number(count) * scale);
      for (let k = 0; k < n; k++) {
        const practice = members[rng.pick(pickPractice.get(String(pcn)) as Float64Array)] as number;
        const age = Number(ageCell) === 95 ? 95 + Math.min(12, rng.poisson(2.5)) : Number(ageCell);
        const lsoa = rng.pick((practices[practice] as Practice).lsoaCumulative);
        people.push({
          id: nextId(),
          age,
          sex: sexText === 'FEMALE' ? 'F' : 'M',
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
