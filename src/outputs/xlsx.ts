import ExcelJS from 'exceljs';
import { oglAttributionWithAddress } from '../core/open-government-licence.ts';
import { formatDate } from '../law/date.ts';
import { headingWithUnit } from './csv.ts';
import {
  type CellValue,
  type Column,
  safePatients,
  suppressedText,
  type Table,
  type TableSet,
} from './table.ts';

const numberFormats: Partial<Record<Column['kind'], string>> = {
  pounds: '"£"#,##0.00;-"£"#,##0.00',
  count: '#,##0',
  patients: '#,##0',
  percent: '0.00%',
  date: 'd mmmm yyyy',
};

/** A date at midnight UTC, which Excel shows as that calendar day whatever the time zone. */
const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** An Excel cell value: numbers as numbers, dates as dates; only text and suppressed counts are text. */
function excelCell(column: Column, value: CellValue): ExcelJS.CellValue {
  if (column.kind === 'patients') return safePatients(value) ?? suppressedText;
  if (value === null) return null;
  switch (column.kind) {
    case 'pounds':
      return Number(value) / 100;
    case 'count':
    case 'decimal':
      return Number(value);
    case 'percent':
      return Number(String(value).replace('%', '')) / 100;
    case 'date':
      return utcDate(String(value));
    default:
      return String(value);
  }
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, and unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Table';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function addTable(book: ExcelJS.Workbook, table: Table, name: string): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: headingWithUnit(c),
    key: c.key,
    width: Math.min(60, Math.max(12, headingWithUnit(c).length + 2)),
    style: numberFormats[c.kind] ? { numFmt: numberFormats[c.kind] as string } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, excelCell(c, row[c.key] ?? null)])));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

/** The last sheet: what the figures are, as of when, where they come from, and the licence. */
function addSources(book: ExcelJS.Workbook, set: TableSet, generated: string): void {
  const sheet = book.addWorksheet('Sources and dates');
  sheet.columns = [{ width: 28 }, { width: 90 }];
  const add = (label: string, value: ExcelJS.CellValue) => {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    return row;
  };
  add('Title', set.title);
  add('Figures as of', utcDate(set.asOf)).getCell(2).numFmt = 'd mmmm yyyy';
  if (set.illustrative) add('Illustrative', set.illustrative);
  add('Produced by', `Concordat on ${formatDate(generated)}`);
  add('Tables', set.tables.map((t) => t.title).join('; '));
  sheet.addRow([]);
  add('Sources', set.sources.length ? '' : 'None cited');
  for (const s of set.sources) {
    const text = s.at ? `${s.title}, ${s.at}` : s.title;
    const row = sheet.addRow(['', s.url ? { text, hyperlink: s.url } : text]);
    if (s.url) row.getCell(2).font = { color: { argb: 'FF005EB8' }, underline: true };
  }
  sheet.addRow([]);
  add('Licence', oglAttributionWithAddress);
}

/** Every table of the set as its own sheet (frozen heading row, £ and date formats), then sources. */
export async function tableSetXlsx(set: TableSet, generated: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Concordat';
  book.title = set.title;
  book.created = utcDate(generated);
  const taken = new Set<string>(['sources and dates']);
  for (const t of set.tables) addTable(book, t, sheetName(t.title, taken));
  addSources(book, set, generated);
  return Buffer.from(await book.xlsx.writeBuffer());
}
