import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InvalidInput } from '../core/errors.ts';
import { parseCsv } from '../csv.ts';
import { decodeTextFile } from '../text-file.ts';

/** Reads a gzipped CSV file; a damaged file is bad input naming the file. */
export function readGzipCsv(file: string): string[][] {
  let bytes: Buffer;
  try {
    bytes = gunzipSync(readFileSync(file));
  } catch (error) {
    throw new InvalidInput(
      basename(file),
      `cannot be read as a gzipped CSV file (${(error as Error).message})`,
      'Restore it from the repository (data/nhs/).',
    );
  }
  // The text rule, naming the file and line, before any field reaches the database.
  const text = decodeTextFile(bytes, basename(file));
  return records(text).filter((r) => r.length > 1 || r[0] !== '');
}

/**
 * The records of CSV text. A line with no quote is split at its commas; only lines with
 * quotes (and the lines a quoted field runs on into) go through the full parser, which
 * makes reading the 280,000-line registration file about half as slow.
 */
function records(text: string): string[][] {
  const out: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.includes('"')) {
      // An odd number of quotes leaves a quoted field open: it runs on into the next line.
      while ((line.split('"').length - 1) % 2 === 1 && i + 1 < lines.length) line += `\n${lines[++i]}`;
      out.push(...parseCsv(line));
    } else out.push((line.endsWith('\r') ? line.slice(0, -1) : line).split(','));
  }
  return out;
}

/** Rows of a CSV file with a header, as objects; the named columns must exist and every row must have all fields. */
export function readTable(file: string, required: readonly string[]): Record<string, string>[] {
  const [header, ...rows] = readGzipCsv(file);
  if (!header) throw new InvalidInput(basename(file), 'is empty');
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new InvalidInput(
      basename(file),
      `has no column ${missing.join(', ')}`,
      'Is it the file described in data/nhs/README.md?',
    );
  }
  return rows.map((r, i) => {
    if (r.length !== header.length) {
      throw new InvalidInput(
        `${basename(file)} line ${i + 2}`,
        `has ${r.length} fields, not ${header.length}`,
        'The file looks damaged; restore it from the repository.',
      );
    }
    const row: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) row[header[j] as string] = (r[j] as string).trim();
    return row;
  });
}
