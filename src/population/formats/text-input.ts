import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InvalidInput } from '../../core/errors.ts';
import { splitCsvRecord } from '../../csv.ts';
import { refuse, SourceRow } from './source-row.ts';

/**
 * Reading foreign data files a line at a time, never the whole file at once: CSV (comma or
 * tab separated, optionally gzipped, RFC 4180 quoting, headers matched case-insensitively)
 * and NDJSON. Every row knows its line number, so a refusal can name file, line and field.
 */

async function* lines(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of reader) yield line;
  } finally {
    reader.close();
    raw.destroy();
  }
}

/** One row of a CSV file; the same object is reused for every row, so copy what you keep. */
export class CsvRow<C extends string> extends SourceRow<C> {
  values: string[] = [];
  constructor(
    readonly path: string,
    private readonly index: Readonly<Record<C, number>>,
  ) {
    super();
  }
  get key(): string {
    return String(this.line);
  }
  get(column: C): string {
    const i = this.index[column];
    return i === undefined || i < 0 ? '' : (this.values[i] ?? '').trim();
  }
  has(column: C): boolean {
    return this.index[column] >= 0;
  }
  where(): string {
    return `${this.path} line ${this.line}`;
  }
}

/**
 * Rows of a CSV file with the named columns. A missing required column is refused before any
 * row is read; optional columns read as empty when absent.
 */
export async function* csvRows<C extends string>(
  path: string,
  required: readonly C[],
  optional: readonly C[] = [],
): AsyncGenerator<CsvRow<C>> {
  let row: CsvRow<C> | undefined;
  let delimiter = ',';
  let number = 0;
  let pending: { text: string; line: number } | undefined;
  for await (const text of lines(path)) {
    number++;
    if (!row) {
      const header = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      delimiter = header.includes('\t') && !header.includes(',') ? '\t' : ',';
      const names = splitCsvRecord(header, delimiter).fields.map((h) => h.trim().toLowerCase());
      const missing = required.filter((c) => !names.includes(c));
      if (missing.length > 0) {
        throw new InvalidInput(
          path,
          `has no column ${missing.join(', ')}`,
          `The file needs the columns ${required.join(', ')}.`,
        );
      }
      const index = Object.fromEntries(
        [...required, ...optional].map((c) => [c, names.indexOf(c)]),
      ) as Record<C, number>;
      row = new CsvRow(path, index);
      continue;
    }
    const record = pending
      ? { text: `${pending.text}\n${text}`, line: pending.line }
      : { text, line: number };
    const { fields, open } = splitCsvRecord(record.text, delimiter);
    if (open) {
      pending = record;
      continue;
    }
    pending = undefined;
    if (record.text === '') continue;
    row.line = record.line;
    row.values = fields;
    yield row;
  }
  if (pending)
    refuse(`${path} line ${pending.line}`, 'quoting', '"', 'opens a quoted field that never closes');
  if (!row) throw new InvalidInput(path, 'is empty', 'The first line must name the columns.');
}

/** Resources of an NDJSON file (one JSON object a line), each with its line number. */
export async function* ndjsonRecords(
  path: string,
): AsyncGenerator<{ line: number; resource: Record<string, unknown> }> {
  let line = 0;
  for await (const text of lines(path)) {
    line++;
    if (text.trim() === '') continue;
    let resource: unknown;
    try {
      resource = JSON.parse(text);
    } catch {
      refuse(
        `${path} line ${line}`,
        'JSON',
        text.slice(0, 40),
        'is not a JSON object',
        'Each line holds one resource.',
      );
    }
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
      refuse(
        `${path} line ${line}`,
        'JSON',
        text.slice(0, 40),
        'is not a JSON object',
        'Each line holds one resource.',
      );
    }
    yield { line, resource: resource as Record<string, unknown> };
  }
}

/** A field for a CSV file we write: quoted only when it must be. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
