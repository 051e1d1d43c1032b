import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type DataFile, dataFilePath, dataFiles, nhsDataDir } from './data-files.ts';

/**
 * A real slice of data/nhs for tests: the Black Country, and the ICBs that merged into NHS
 * Central East ICB on 1 April 2026 (Cambridgeshire and Peterborough; Bedfordshire, Luton
 * and Milton Keynes; part of Hertfordshire and West Essex). Rows are kept whole, so the
 * importer reads exactly what it reads from the full files. Returns the folder.
 */
export function nhsSlice(): string {
  const keep = /QUA|S1Y5D|QUE|QHG|QM7|D2P2L/;
  const dir = mkdtempSync(join(tmpdir(), 'concordat-nhs-'));
  for (const name of [dataFiles.practiceMap, dataFiles.ccgEra, dataFiles.weightedPopulations2025]) {
    const [header, ...rows] = gunzipSync(readFileSync(join(nhsDataDir, name)))
      .toString('utf8')
      .split('\n');
    writeFileSync(join(dir, name), gzipSync(`${[header, ...rows.filter((l) => keep.test(l))].join('\n')}\n`));
  }
  // No header rows in the first two, no ICB codes in the third: keep every line.
  for (const name of [dataFiles.trusts, dataFiles.practices, dataFiles.qofPrevalence])
    writeFileSync(join(dir, name), readFileSync(join(nhsDataDir, name)));
  return dir;
}

/** A copy of the folder `dir` with the first half of one file only, as a damaged download leaves it. */
export function withTruncatedFile(dir: string, file: DataFile): string {
  const damaged = mkdtempSync(join(tmpdir(), 'concordat-nhs-bad-'));
  cpSync(dir, damaged, { recursive: true });
  const good = readFileSync(dataFilePath(file, dir));
  writeFileSync(dataFilePath(file, damaged), good.subarray(0, Math.floor(good.length / 2)));
  return damaged;
}
