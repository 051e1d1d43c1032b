import { InvalidInput } from '../core/errors.ts';
import { dataFilePath } from '../system/data-files.ts';
import type { DuckDbEngine } from './engines/duckdb.ts';
import { type Condition, conditionCodes, type Sex } from './model.ts';

/**
 * The published figures one ICB's synthetic population is calibrated to (data/nhs): its
 * practices, PCNs and list sizes, the registered population by PCN, sex and single year of
 * age, where patients live (LSOAs and their IMD deciles) and the practices' QOF registers.
 */

/** An LSOA and its national IMD 2019 decile (1 = most deprived). */
export interface Area {
  code: string;
  decile: number;
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

function csv(file: Parameters<typeof dataFilePath>[0]): string {
  return `read_csv('${dataFilePath(file).replaceAll("'", "''")}', header = true, all_varchar = true)`;
}

/** A practice's list size: its registered patients, or (where the file leaves those out) its population. */
const listSizeSql = `coalesce(TRY_CAST(Patients AS DOUBLE), TRY_CAST(Population AS DOUBLE))`;

export async function loadSynthReference(db: DuckDbEngine, icb: string): Promise<SynthReference> {
  // The practice map and list sizes are read once: several questions below ask them.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE synth_map AS SELECT PRACTICE_CODE, PCN_CODE, ICB_CODE, ONS_ICB_CODE FROM ${csv('practiceMap')}`,
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE synth_sizes AS SELECT Practice_Code AS code, ${listSizeSql} AS size, LAD AS lad FROM ${csv('weightedPopulations2025')}`,
  );
  const practiceRows = await db.query(
    `SELECT PRACTICE_CODE, PCN_CODE, ONS_ICB_CODE FROM synth_map WHERE ICB_CODE = '${icb.replaceAll("'", "''")}' ORDER BY PRACTICE_CODE`,
  );
  if (practiceRows.length === 0) {
    throw new InvalidInput(
      '--icb',
      `'${icb}' is not an ICB code in the August 2026 practice map`,
      'Try QUA (NHS Black Country ICB).',
    );
  }
  const codes = practiceRows.map((r) => String(r[0]));
  const inIcb = codes.map((c) => `'${c}'`).join(', ');
  const sizes = new Map(
    (await db.query(`SELECT code, size, lad FROM synth_sizes WHERE code IN (${inIcb})`)).map((r) => [
      String(r[0]),
      { size: Number(r[1]) || 0, lad: String(r[2] ?? '') },
    ]),
  );
  const knownSizes = [...sizes.values()].map((s) => s.size).filter((s) => s > 0);
  const medianSize = knownSizes.sort((a, b) => a - b)[Math.floor(knownSizes.length / 2)] ?? 1;

  const lsoasByLad = await lsoasOfLads(db);
  const icbLads = await ladsOfIcb(db, icb);
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

  const deciles = await practiceDeciles(db);
  const { byPractice, icbWide } = await prevalence(db, inIcb);
  const practices: Practice[] = practiceRows.map(([code, pcn]) => {
    const info = sizes.get(String(code));
    const own = (info && indexOfLad.get(info.lad)) || icbAreas;
    const target = deciles.get(String(code)) ?? 5.5;
    return {
      code: String(code),
      pcn: String(pcn),
      listSize: info?.size && info.size > 0 ? info.size : medianSize,
      areas: own,
      pull: Float64Array.from(own, (a) => Math.exp(-Math.abs((areas[a] as Area).decile - target) / 1.2)),
      prevalence: byPractice.get(String(code)) ?? icbWide,
    };
  });
  const cells = await registeredCells(db, icb, practices);
  // Unaligned patients go to the ICB's practices in no PCN, or to all its practices if it has none.
  if (!practices.some((p) => p.pcn === unalignedPcn)) {
    practices.push(...practices.map((p) => ({ ...p, pcn: unalignedPcn })));
  }
  return { icbOnsCode: String(practiceRows[0]?.[2] ?? ''), practices, cells, areas, icbAreas };
}

async function lsoasOfLads(db: DuckDbEngine): Promise<Map<string, Area[]>> {
  const rows = await db.query(
    `SELECT "LSOA code (2011)", "Local Authority District code (2019)", CAST("Index of Multiple Deprivation (IMD) Decile" AS INTEGER) FROM ${csv('lsoaImd')} ORDER BY 1`,
  );
  const byLad = new Map<string, Area[]>();
  for (const [code, lad, decile] of rows) {
    const list = byLad.get(String(lad)) ?? [];
    list.push({ code: String(code), decile: Number(decile) });
    byLad.set(String(lad), list);
  }
  return byLad;
}

/** The local authorities more of whose registered patients are with this ICB's practices than any other's. */
async function ladsOfIcb(db: DuckDbEngine, icb: string): Promise<string[]> {
  const rows = await db.query(
    `SELECT s.lad, m.ICB_CODE, sum(coalesce(s.size, 0)) AS patients
     FROM synth_sizes s JOIN synth_map m ON s.code = m.PRACTICE_CODE
     WHERE s.lad IS NOT NULL GROUP BY ALL ORDER BY 1, 3 DESC, 2`,
  );
  const owner = new Map<string, string>();
  for (const [lad, owningIcb] of rows) if (!owner.has(String(lad))) owner.set(String(lad), String(owningIcb));
  return [...owner].filter(([, owning]) => owning === icb).map(([lad]) => lad);
}

/** Each practice's national deprivation decile, from its IMD score's rank among all practices. */
async function practiceDeciles(db: DuckDbEngine): Promise<Map<string, number>> {
  const rows = await db.query(
    `SELECT "Area Code", 1 + floor(10 * (rank() OVER (ORDER BY TRY_CAST("Value" AS DOUBLE) DESC) - 1) / count(*) OVER ())
     FROM ${csv('practiceImd')} WHERE "Area Type" = 'GP' AND "Value" IS NOT NULL`,
  );
  return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
}

async function prevalence(db: DuckDbEngine, inIcb: string) {
  const rows = await db.query(
    `SELECT PRACTICE_CODE, GROUP_CODE, CAST(REGISTER AS DOUBLE), CAST(PRACTICE_LIST_SIZE AS DOUBLE), PATIENT_LIST_TYPE FROM ${csv('qofPrevalence')} WHERE PRACTICE_CODE IN (${inIcb})`,
  );
  const byPractice = new Map<string, Map<Condition, { rate: number; minAge: number }>>();
  const totals = new Map<Condition, { register: number; list: number; minAge: number }>();
  for (const [code, group, register, list, type] of rows) {
    if (!conditionCodes.includes(group as Condition) || !(Number(list) > 0)) continue;
    const minAge = minAgeOfList[String(type)] ?? 0;
    const entry = byPractice.get(String(code)) ?? new Map();
    entry.set(group as Condition, { rate: Number(register) / Number(list), minAge });
    byPractice.set(String(code), entry);
    const t = totals.get(group as Condition) ?? { register: 0, list: 0, minAge };
    t.register += Number(register);
    t.list += Number(list);
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
async function registeredCells(db: DuckDbEngine, icb: string, practices: Practice[]): Promise<Cell[]> {
  const pcns = [...new Set(practices.map((p) => p.pcn))].filter((p) => p !== unalignedPcn).sort();
  const age = `CASE WHEN AGE = '95+' THEN 95 ELSE CAST(AGE AS INTEGER) END`;
  const inPcns = pcns.map((p) => `'${p}'`).join(', ') || "''";
  const rows = await db.query(
    `WITH s AS MATERIALIZED (SELECT ORG_TYPE, ORG_CODE, SEX, AGE, NUMBER_OF_PATIENTS FROM ${csv('registeredSingleAge')}
       WHERE SEX IN ('FEMALE', 'MALE') AND AGE <> 'ALL' AND ((ORG_TYPE = 'PCN' AND ORG_CODE IN (${inPcns})) OR (ORG_TYPE = 'ICB' AND ORG_CODE = '${icb}'))),
     pcn AS (SELECT ORG_CODE, SEX, ${age} AS age, CAST(NUMBER_OF_PATIENTS AS INTEGER) AS n FROM s
       WHERE ORG_TYPE = 'PCN'),
     icb AS (SELECT SEX, ${age} AS age, CAST(NUMBER_OF_PATIENTS AS INTEGER) AS n FROM s WHERE ORG_TYPE = 'ICB'),
     rest AS (SELECT '${unalignedPcn}' AS ORG_CODE, icb.SEX, icb.age, greatest(0, icb.n - coalesce(sum(pcn.n), 0)) AS n
       FROM icb LEFT JOIN pcn USING (SEX, age) GROUP BY icb.SEX, icb.age, icb.n)
     SELECT * FROM pcn UNION ALL SELECT * FROM rest WHERE n > 0 ORDER BY ORG_CODE, SEX, age`,
  );
  return rows.map(([pcn, sex, age, count]) => ({
    pcn: String(pcn),
    sex: sex === 'FEMALE' ? 'F' : 'M',
    age: Number(age),
    count: Number(count),
  }));
}
