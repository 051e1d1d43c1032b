import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInput } from '../../core/errors.ts';
import type { OmopReadTable } from './omop.ts';
import type { SourceRow } from './source-row.ts';
import { csvRows } from './text-input.ts';

/**
 * Where an OMOP CDM v5.4 extract is read from: a folder of CSV files (below) or a PostgreSQL
 * schema (omop-postgres.ts). omop-read.ts maps rows from either the same way.
 */
export interface OmopSource {
  /** A table as messages name it: `person.csv`, `cdm.person`. */
  name(table: OmopReadTable): string;
  /** Where a row is, from its key (SourceRow.key), for checks made after reading. */
  at(table: OmopReadTable, key: string): string;
  has(table: OmopReadTable): boolean;
  /**
   * The table's rows, one at a time. A missing table or required column is refused before any
   * row is read; optional columns read as empty when absent.
   */
  rows<C extends string>(
    table: OmopReadTable,
    required: readonly C[],
    optional?: readonly C[],
  ): AsyncIterable<SourceRow<C>>;
}

/** A folder with one CSV (or .csv.gz) file per table, named after it. */
export function omopFolder(dir: string): OmopSource {
  const names = readdirSync(dir);
  const file = (table: OmopReadTable) =>
    names.find((f) => [`${table}.csv`, `${table}.csv.gz`].includes(f.toLowerCase()));
  const path = (table: OmopReadTable) => {
    const found = file(table);
    if (!found) {
      throw new InvalidInput(dir, `has no ${table} file`, `An OMOP folder needs ${table}.csv (or .csv.gz).`);
    }
    return join(dir, found);
  };
  return {
    name: (table) => file(table) ?? `${table}.csv`,
    at: (table, key) => `${path(table)} line ${key}`,
    has: (table) => file(table) !== undefined,
    rows: (table, required, optional) => csvRows(path(table), required, optional),
  };
}
