import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { InvalidInput } from '../core/errors.ts';
import { parseCsv } from '../csv.ts';

/**
 * NHS England's 2025/26 allocation weighted populations per GP practice, the input of its
 * place-based allocation tool (data/nhs/README.md). Values are kept exactly: each decimal
 * in the file (at most 9 places) is held as a whole number of billionths of a person.
 */
export const weightedPopulationYears = {
  '2025/26': 'allocation-weighted-populations-2025-26.csv.gz',
} as const;

/**
 * Where each year's weighted populations come from and when its populations were counted
 * (data/nhs/allocation-weighted-populations-2025-26.README.txt), for the pages that show
 * practice counts and populations from them.
 */
export const weightedPopulationSources: Record<
  keyof typeof weightedPopulationYears,
  { title: string; counted: string }
> = {
  '2025/26': {
    title:
      "NHS England's 2025/26 ICB allocations: weighted populations by GP practice, published with its place-based allocation tool",
    counted:
      'patients registered with each practice from November 2023 to October 2024, projected to 2025/26',
  },
};

/** How a pot component is shared between places: which weighted population it follows. */
export const allocationBases = {
  population: 'Population',
  'general-and-acute': 'G&A WP',
  community: 'CS WP',
  'mental-health': 'MH WP',
  maternity: 'Mat WP',
  'health-inequalities': 'Health Ineq WP',
  prescribing: 'Prescr WP',
  'core-overall': 'Final WP',
  /** "Final PMC WP": the primary medical care weighted population NHS England allocates on. */
  'primary-medical-care': 'Final PMC WP',
  /** "Primary Medical Care WP": the need-only weighting published beside it (the tool's "Weighted Primary Medical Care Need"). */
  'primary-medical-care-need': 'Primary Medical Care WP',
} as const;
export type AllocationBasis = keyof typeof allocationBases;
export const basisNames = Object.keys(allocationBases) as AllocationBasis[];

export const scale = 1_000_000_000n;

export interface PracticeWeights {
  practice: string;
  name: string;
  icb: string;
  icb_name: string;
  la: string;
  la_name: string;
  /** Registered population and each weighted population, in billionths of a person. */
  values: Record<AllocationBasis, bigint>;
}

const dataDir = fileURLToPath(new URL('../../data/nhs/', import.meta.url));
const cache = new Map<string, PracticeWeights[]>();

export function loadWeightedPopulations(year: string, dir = dataDir): PracticeWeights[] {
  const file = weightedPopulationYears[year as keyof typeof weightedPopulationYears];
  if (!file) {
    throw new InvalidInput(
      '--year',
      `there are no weighted populations for ${year}`,
      `Use one of ${Object.keys(weightedPopulationYears).join(', ')}.`,
    );
  }
  const key = dir + file;
  const cached = cache.get(key) ?? readWeightedPopulations(year, dir);
  cache.set(key, cached);
  return cached;
}

/** Reads the file afresh (loadWeightedPopulations keeps what it read). */
export function readWeightedPopulations(year: string, dir = dataDir): PracticeWeights[] {
  const file = weightedPopulationYears[year as keyof typeof weightedPopulationYears];
  if (!file) return loadWeightedPopulations(year, dir);
  const lines = gunzipSync(readFileSync(dir + file))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
  const header = csvRow(lines[0] ?? '');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column '${name}'`);
    return i;
  };
  const cols = {
    practice: col('Practice_Code'),
    name: col('GP_Practice_Name'),
    icb: col('ICB'),
    icbName: col('ICBname'),
    la: col('LAD'),
    laName: col('LTLA'),
  };
  const valueCols = basisNames.map((b) => [b, col(allocationBases[b])] as const);
  // Line by line with plain loops, holding no table of every row: reading the file is most of a
  // cold allocation's cost, and most of that is collecting garbage.
  const out: PracticeWeights[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] as string;
    if (line === '' || line === '\r') continue;
    const r = csvRow(line);
    const values = {} as Record<AllocationBasis, bigint>;
    for (const [basis, i] of valueCols) values[basis] = fixed(r[i] ?? '', file);
    out.push({
      practice: r[cols.practice] ?? '',
      name: r[cols.name] ?? '',
      icb: r[cols.icb] ?? '',
      icb_name: r[cols.icbName] ?? '',
      la: r[cols.la] ?? '',
      la_name: r[cols.laName] ?? '',
      values,
    });
  }
  return out;
}

/**
 * One line of the file, quickly: a line without quotes is split at its commas; a line with
 * quotes (a practice name holding a comma) goes through the full CSV reader. No field in
 * this file spans lines.
 */
function csvRow(line: string): string[] {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return text.includes('"') ? (parseCsv(text)[0] ?? []) : text.split(',');
}

const decimal = /^\d+(\.\d{1,9})?$/;

/** "4873.201814" → 4,873,201,814,000 billionths, exactly (through a safe integer when it fits). */
function fixed(text: string, file: string): bigint {
  if (!decimal.test(text))
    throw new Error(`${file}: '${text}' is not a non-negative decimal with at most 9 places`);
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const fraction = dot < 0 ? '' : text.slice(dot + 1).padEnd(9, '0');
  const value = Number(whole) * 1e9 + Number(fraction);
  return Number.isSafeInteger(value) ? BigInt(value) : BigInt(whole) * scale + BigInt(fraction || '0');
}
