import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidInput } from '../core/errors.ts';
import { today } from '../law/date.ts';
import { pickTable, type TableSet } from '../outputs/table.ts';

/** Formats of a command whose answer includes tables. */
export const withTables = ['text', 'json', 'csv', 'xlsx'] as const;

/** Adds `--out FILE` and `--table ID` to a command that prints tables. */
export function tableOptions(command: Command): Command {
  return command
    .option('--out <file>', 'write the answer to this file instead of the screen (needed for xlsx)')
    .option('--table <id>', 'csv: which table to write (default the first; an unknown id lists them)');
}

export interface Answer {
  json: unknown;
  text: () => string;
  tables: () => TableSet;
}

/**
 * Writes a command's answer as text, JSON, CSV (one table) or Excel (every table and a sheet of
 * sources), to the screen or to `--out`. Excel is binary, so it goes to a file only.
 */
export async function emit(
  format: string,
  opts: { out?: string; table?: string },
  answer: Answer,
): Promise<void> {
  let body: string | Buffer;
  // The spreadsheet writers are loaded only by a command asked for a spreadsheet.
  if (format === 'xlsx') {
    if (!opts.out) throw new InvalidInput('--out', 'is needed for xlsx', 'Give --out FILE.xlsx.');
    const { tableSetXlsx } = await import('../outputs/xlsx.ts');
    body = await tableSetXlsx(answer.tables(), today());
  } else if (format === 'csv') {
    const { tableCsv } = await import('../outputs/csv.ts');
    body = tableCsv(pickTable(answer.tables(), opts.table));
  } else body = `${format === 'json' ? JSON.stringify(answer.json, null, 2) : answer.text()}\n`;
  if (opts.out) {
    writeFileSync(opts.out, body);
    process.stderr.write(`Wrote ${opts.out}\n`);
  } else process.stdout.write(body);
}
