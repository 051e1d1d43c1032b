/**
 * One model for every table Concordat lets out of the app (CSV, Excel, board papers): typed
 * columns so a spreadsheet gets real numbers and dates, the sources and "as of" date of the
 * figures, and small-number suppression applied once, here, for any column of patient counts.
 */
import { InvalidInput } from '../core/errors.ts';
import { formatPounds, type Pence } from '../core/money.ts';
import { formatDate } from '../law/date.ts';
import { defaultSuppression, suppress } from '../population/suppress.ts';

/**
 * How a column's values are held and shown. `pounds` holds whole pence; `patients` holds a
 * count of people and is suppressed on the way out; `decimal` and `percent` hold exact
 * decimal text (percent as "12.34%"); `date` holds YYYY-MM-DD.
 */
export type ColumnKind = 'text' | 'pounds' | 'count' | 'patients' | 'decimal' | 'percent' | 'date';

export interface Column {
  key: string;
  heading: string;
  kind: ColumnKind;
}

export type CellValue = string | number | null;
export type Row = Record<string, CellValue>;

export interface Table {
  /** Short machine name: `?table=` in the API, the CSV file name, the Excel sheet name. */
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
}

export interface TableSource {
  title: string;
  at?: string | undefined;
  url?: string | undefined;
}

/** The tables of one answer, with what a reader needs to trust and reuse them. */
export interface TableSet {
  title: string;
  /** The date the figures are as of (YYYY-MM-DD). */
  asOf: string;
  /** Set when the figures are illustrative or come from synthetic data: said on every output. */
  illustrative?: string | undefined;
  sources: TableSource[];
  tables: Table[];
}

/** What leaves for a patient-count cell: the count rounded, or null when suppressed (a null count is one suppressed upstream). */
export function safePatients(value: CellValue): number | null {
  if (value === null || typeof value !== 'number') return null;
  return suppress(value, defaultSuppression);
}

export const suppressedText = `fewer than ${defaultSuppression.suppressUpTo + 1}`;

/** A cell as a person reads it: £ with pence, dates as 1 April 2026, suppressed counts said so. */
export function displayCell(column: Column, value: CellValue): string {
  if (column.kind === 'patients') {
    const safe = safePatients(value);
    return safe === null ? suppressedText : safe.toLocaleString('en-GB');
  }
  if (value === null) return '';
  switch (column.kind) {
    case 'pounds':
      return formatPounds(value as Pence);
    case 'count':
      return typeof value === 'number' ? value.toLocaleString('en-GB') : value;
    case 'date':
      return formatDate(String(value));
    default:
      return String(value);
  }
}

/**
 * A cell for a machine: pounds as a number of pounds with two decimals, dates as YYYY-MM-DD,
 * decimals as numbers, percentages as fractions, suppressed counts as null.
 */
export function machineCell(column: Column, value: CellValue): string | number | null {
  if (column.kind === 'patients') return safePatients(value);
  if (value === null) return null;
  switch (column.kind) {
    case 'pounds':
      return Number(value) / 100;
    case 'count':
      return Number(value);
    case 'decimal':
      return Number(value);
    case 'percent':
      return Number(String(value).replace('%', '')) / 100;
    default:
      return String(value);
  }
}

/** Finds a table of a set by id (the first when none is asked for), naming the ones there are. */
export function pickTable(set: TableSet, id: string | undefined, field = 'table'): Table {
  const table = id === undefined ? set.tables[0] : set.tables.find((t) => t.id === id);
  if (!table)
    throw new InvalidInput(
      field,
      `there is no table '${id ?? ''}' here`,
      `Use one of ${set.tables.map((t) => t.id).join(', ') || '(none)'}.`,
    );
  return table;
}

/** Exact pounds-and-pence text for a machine ("1234.56", "-0.05"): no floating point on the way. */
export function penceAsDecimal(p: number): string {
  const abs = Math.abs(p);
  return `${p < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
