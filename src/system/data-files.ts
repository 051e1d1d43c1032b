import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInput } from '../core/errors.ts';

/**
 * The NHS reference data shipped in the repository (data/nhs: its README gives each file's
 * source, ATTRIBUTION.md the licence): the one list of the files Concordat reads. The folder
 * is found from this module, not the current folder, so a command run from anywhere (or
 * compiled into dist/cli/, as deep below the root as src/system/) reads the same files.
 */
export const nhsDataDir = fileURLToPath(new URL('../../data/nhs/', import.meta.url));

/** The condition code lists shipped in `data/code-lists/` (see its README). */
export const codeListDir = fileURLToPath(new URL('../../data/code-lists/', import.meta.url));

export const dataFiles = {
  /** Practices, PCNs, sub-ICB locations, ICBs and regions on 1 August 2026 (the merged ICBs). */
  practiceMap: 'gp-practice-map-2026-08.csv.gz',
  /** Practices, PCNs, CCGs, STPs and regions on 31 March 2021 (the CCG era). */
  ccgEra: 'nhs-geographies-ccg-era-2021-03.csv.gz',
  /** The 135 CCGs of April 2020. */
  ccgs2020: 'ccg-stp-2020.csv.gz',
  /** NHS England's 2025/26 allocation weighted populations per practice (the ICBs of 2022–2026). */
  weightedPopulations2025: 'allocation-weighted-populations-2025-26.csv.gz',
  /** ODS NHS trusts. */
  trusts: 'etr-trusts-2026.csv.gz',
  /** ODS GP practices with their open and close dates. */
  practices: 'epraccur-2023.csv.gz',
  /** QOF 2020/21 registers and list sizes per practice. */
  qofPrevalence: 'qof-prevalence-by-practice-2020-21.csv.gz',
  /** Patients registered at each practice by single year of age and sex, August 2026. */
  registeredSingleAge: 'gp-registered-single-age-2026-08.csv.gz',
  practiceImd: 'imd2019-score-by-practice.csv.gz',
  lsoaImd: 'imd2019-lsoa-rank-decile.csv.gz',
  lifeExpectancy: 'life-expectancy-by-la.csv.gz',
  lifeExpectancyInequality: 'life-expectancy-inequality-by-la.csv.gz',
} as const;
export type DataFile = keyof typeof dataFiles;

/** Where a data file is in `dir` (Concordat's own data/nhs unless given); a missing file is bad input naming it. */
export function dataFilePath(file: DataFile, dir = nhsDataDir): string {
  const path = join(dir, dataFiles[file]);
  if (!existsSync(path)) {
    throw new InvalidInput(
      path,
      'is missing',
      'Point Concordat at the folder with the files listed in data/nhs/README.md.',
    );
  }
  return path;
}
