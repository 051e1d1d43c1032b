import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real NHS reference data shipped in the repository (`data/nhs/`, see its README for
 * sources and licence). Files are read in place, gzipped, by DuckDB.
 */
export const nhsDataDir = fileURLToPath(new URL('../../data/nhs/', import.meta.url));

/**
 * The code lists shipped in `data/code-lists/` (see its README). Named here, two folders below
 * the root like the compiled CLI, so the path holds in dist/ as in src/.
 */
export const codeListDir = fileURLToPath(new URL('../../data/code-lists/', import.meta.url));

export const referenceFiles = {
  practiceMap: 'gp-practice-map-2026-08.csv.gz',
  registeredSingleAge: 'gp-registered-single-age-2026-08.csv.gz',
  practiceImd: 'imd2019-score-by-practice.csv.gz',
  qofPrevalence: 'qof-prevalence-by-practice-2020-21.csv.gz',
  allocation: 'allocation-weighted-populations-2025-26.csv.gz',
  lsoaImd: 'imd2019-lsoa-rank-decile.csv.gz',
  lifeExpectancy: 'life-expectancy-by-la.csv.gz',
  lifeExpectancyInequality: 'life-expectancy-inequality-by-la.csv.gz',
} as const;

export function referencePath(file: keyof typeof referenceFiles): string {
  const path = `${nhsDataDir}${referenceFiles[file]}`;
  if (!existsSync(path)) throw new Error(`reference data missing: ${path}`);
  return path;
}

/** The attribution the Open Government Licence asks for wherever this data is shown. */
export const oglAttribution =
  'Contains public sector information licensed under the Open Government Licence v3.0';
