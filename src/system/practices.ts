import { dataFilePath } from './data-files.ts';
import { readTable } from './gzip-csv.ts';
import { loadWeightedPopulations } from './weighted-populations.ts';

/** The practices in an ICB today, by ODS code A–Z, from the August 2026 practice map. */
export function icbPractices(icb: string): string[] {
  return readTable(dataFilePath('practiceMap'), ['PRACTICE_CODE', 'ICB_CODE'])
    .filter((r) => r.ICB_CODE === icb)
    .map((r) => r.PRACTICE_CODE ?? '')
    .sort();
}

/**
 * The local authorities (ONS LAD codes, A–Z) that these practices' patients mostly live in:
 * each practice's local authority in the 2025/26 allocation weighted populations.
 */
export function practiceLocalAuthorities(practices: readonly string[]): string[] {
  const wanted = new Set(practices);
  const areas = new Set<string>();
  for (const p of loadWeightedPopulations('2025/26')) if (wanted.has(p.practice) && p.la) areas.add(p.la);
  return [...areas].sort();
}
