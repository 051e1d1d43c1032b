import { stringify } from 'csv-stringify/sync';
import {
  type CellValue,
  type Column,
  displayCell,
  penceAsDecimal,
  safePatients,
  suppressedText,
  type Table,
} from './table.ts';

/** A CSV cell: exact pounds and pence as a plain number, ISO dates, suppressed counts said in words. */
function csvCell(column: Column, value: CellValue): string {
  if (value === null && column.kind !== 'patients') return '';
  switch (column.kind) {
    case 'pounds':
      return penceAsDecimal(Number(value));
    case 'patients': {
      const safe = safePatients(value);
      return safe === null ? suppressedText : String(safe);
    }
    case 'count':
    case 'decimal':
    case 'percent':
    case 'date':
      return String(value);
    default:
      return displayCell(column, value);
  }
}

/** Column headings say the unit where the cells do not: "WPAP (£)". */
export function headingWithUnit(column: Column): string {
  return column.kind === 'pounds' ? `${column.heading} (£)` : column.heading;
}

/**
 * One table as RFC 4180 CSV with a byte-order mark (so Excel reads £ and accents as UTF-8):
 * one heading row, then the rows. Sources and dates travel in the Excel workbook.
 */
export function tableCsv(table: Table): string {
  const records = table.rows.map((row) => table.columns.map((c) => csvCell(c, row[c.key] ?? null)));
  return `\ufeff${stringify([table.columns.map(headingWithUnit), ...records], { record_delimiter: 'windows' })}`;
}
