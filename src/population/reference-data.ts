import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInput } from '../core/errors.ts';
import { parseCsv } from '../csv.ts';

/**
 * The text of a national reference file in data/reference (its README names each source).
 * The path is relative to this module, which sits as deep in src/ as the compiled CLI does in
 * dist/, so it resolves the same from either.
 */
export function readReferenceFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../data/reference/${name}`, import.meta.url)), 'utf8');
}

/** A row of a reference table: its fields, and where it is for a refusal ("esp2013.csv line 3"). */
export interface ReferenceRow {
  fields: string[];
  where: string;
}

/**
 * The rows of reference table `file` (its text `csv`, RFC 4180), after checking its first line
 * is `header`. Each reader then checks its own fields, naming the row with `where`.
 */
export function referenceRows(file: string, csv: string, header: string): ReferenceRow[] {
  const [head = [], ...rows] = parseCsv(csv.trim());
  if (head.join(',') !== header) throw new InvalidInput(file, `must start with the header ${header}`);
  return rows.map((fields, i) => ({ fields, where: `${file} line ${i + 2}` }));
}
