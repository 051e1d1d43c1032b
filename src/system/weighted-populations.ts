import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InvalidInput } from '../core/errors.ts';
import { parseCsv } from '../csv.ts';
import { type DataFile, dataFilePath, dataFiles, nhsDataDir } from './data-files.ts';

/**
 * NHS England's 2025/26 allocation weighted populations per GP practice, the input of its
 * place-based allocation tool (data/nhs/README.md). Values are kept exactly: each decimal
 * in the file (at most 9 places) is held as a whole number of billionths of a person, a safe
 * integer below 2^52 (4.5 million persons, far above any practice), so reading the file
 * makes no BigInt per value.
 */
export const weightedPopulationYears = {
  '2025/26': 'weightedPopulations2025',
} as const satisfies Record<string, DataFile>;

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
  /** Registered population and each weighted population, in billionths of a person (safe integers). */
  values: Record<AllocationBasis, number>;
}

const cache = new Map<string, PracticeWeights[]>();

export function loadWeightedPopulations(year: string, dir = nhsDataDir): PracticeWeights[] {
  const dataFile = weightedPopulationYears[year as keyof typeof weightedPopulationYears];
  if (!dataFile) {
    throw new InvalidInput(
      '--year',
      `there are no weighted populations for ${year}`,
      `Use one of ${Object.keys(weightedPopulationYears).join(', ')}.`,
    );
  }
  const key = `${dir}|${dataFile}`;
  const cached = cache.get(key) ?? readWeightedPopulations(year, dir);
  cache.set(key, cached);
  return cached;
}

/** Reads the file afresh (loadWeightedPopulations keeps what it read). */
export function readWeightedPopulations(year: string, dir = nhsDataDir): PracticeWeights[] {
  const dataFile = weightedPopulationYears[year as keyof typeof weightedPopulationYears];
  if (!dataFile) return loadWeightedPopulations(year, dir);
  const file = dataFiles[dataFile];
  const csv = gunzipSync(readFileSync(dataFilePath(dataFile, dir))).toString('utf8');
  let at = csv.charCodeAt(0) === 0xfeff ? 1 : 0;
  let eol = lineEnd(csv, at);
  const header = parseCsv(csv.slice(at, eol))[0] ?? [];
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
  const wanted = Math.max(...Object.values(cols), ...valueCols.map(([, i]) => i)) + 1;
  // Only the fields used become strings: splitting every line into its 30 fields made some
  // 190,000 strings to collect, which was most of a cold allocation's cost.
  const out: PracticeWeights[] = [];
  const fields: string[] = new Array(wanted);
  let nextQuote = csv.indexOf('"', eol);
  for (let line = 2; (at = eol + 1) < csv.length; line++) {
    eol = lineEnd(csv, at);
    if (eol === at) continue;
    if (nextQuote >= 0 && nextQuote < eol) {
      const row = parseCsv(csv.slice(at, eol))[0] ?? [];
      for (let f = 0; f < wanted; f++) fields[f] = row[f] ?? '';
      nextQuote = csv.indexOf('"', eol);
    } else {
      let start = at;
      for (let f = 0; f < wanted; f++) {
        const comma = csv.indexOf(',', start);
        const end = comma < 0 || comma > eol ? eol : comma;
        fields[f] = csv.slice(start, end);
        start = Math.min(end + 1, eol);
      }
    }
    const values = {} as Record<AllocationBasis, number>;
    for (const [basis, i] of valueCols) values[basis] = fixed(fields[i] as string, file, line);
    out.push({
      practice: fields[cols.practice] as string,
      name: fields[cols.name] as string,
      icb: fields[cols.icb] as string,
      icb_name: fields[cols.icbName] as string,
      la: fields[cols.la] as string,
      la_name: fields[cols.laName] as string,
      values,
    });
  }
  return out;
}

/** Where the line starting at `at` ends (its line break, or the end of the text), a CR left off. */
function lineEnd(text: string, at: number): number {
  const n = text.indexOf('\n', at);
  const end = n < 0 ? text.length : n;
  return end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** Values stay below 2^52 so that sums can run in plain numbers (allocation.ts, weightedPopulation). */
export const maxValue = 2 ** 52;

const decimal = /^\d+(\.\d{1,9})?$/;

/** "4873.201814" → 4,873,201,814,000 billionths of a person, exactly, as a safe integer. */
function fixed(text: string, file: string, line: number): number {
  const dot = text.indexOf('.');
  const value = decimal.test(text)
    ? Number(dot < 0 ? text : text.slice(0, dot)) * 1e9 +
      (dot < 0 ? 0 : Number(text.slice(dot + 1).padEnd(9, '0')))
    : Number.NaN;
  if (!(Number.isSafeInteger(value) && value < maxValue))
    throw new Error(
      `${file}: line ${line}: '${text}' is not a non-negative decimal with at most 9 places below 4.5 million`,
    );
  return value;
}
