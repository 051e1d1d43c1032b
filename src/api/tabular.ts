/**
 * Tables out of the API: any resource that answers with tables also answers as CSV (one
 * table, `table=` picks it) or as an Excel workbook (every table and a sheet of sources),
 * asked for with `?format=` or the `Accept` header; where a board paper fits the resource,
 * `format=pdf` gives it. JSON stays the default.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { today } from '../law/date.ts';
import { tableCsv } from '../outputs/csv.ts';
import { type BoardPaper, paperPdf } from '../outputs/paper.ts';
import { pickTable, type TableSet } from '../outputs/table.ts';
import { tableSetXlsx } from '../outputs/xlsx.ts';
import { badRequest } from './problems.ts';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Query fields every table resource accepts, to spread into its querystring schema. */
export const tableQuery = {
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .optional()
    .describe(
      'json (default), csv (one table, see `table`) or xlsx (every table and a sheet of sources); or send Accept: text/csv or the xlsx type.',
    ),
  table: z
    .string()
    .max(60)
    .optional()
    .describe(
      'csv: which table (its id, e.g. instalments); default the first. An unknown id is refused with the list.',
    ),
};

type Format = 'json' | 'csv' | 'xlsx' | 'pdf';

function wanted(request: FastifyRequest): Format {
  const asked = (request.query as { format?: Format } | undefined)?.format;
  if (asked) return asked;
  const accept = request.headers.accept ?? '';
  if (accept.includes(xlsxType)) return 'xlsx';
  if (accept.includes('application/pdf')) return 'pdf';
  if (accept.includes('text/csv')) return 'csv';
  return 'json';
}

/** A file name people can keep: the set's title, lower case, hyphenated, with the date. */
function fileName(set: TableSet, suffix: string, ext: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${slug(set.title).slice(0, 60)}${suffix ? `-${slug(suffix)}` : ''}-${set.asOf}.${ext}`;
}

/**
 * Sends `json` as it is, or the tables as CSV or Excel when asked. The caller has already
 * checked the caller's role: a table is never more than the JSON it comes from.
 */
export async function answer<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  json: T,
  tables: (json: T) => TableSet,
  paper?: (json: T) => BoardPaper,
): Promise<T | FastifyReply> {
  const format = wanted(request);
  if (format === 'json') return json;
  if (format === 'pdf') {
    if (!paper)
      throw badRequest([
        {
          field: 'query/format',
          problem: 'this resource has no board paper',
          hint: 'Use json, csv or xlsx.',
        },
      ]);
    return sendPaper(reply, paper(json));
  }
  const set = tables(json);
  if (format === 'csv') {
    const table = pickTable(set, (request.query as { table?: string }).table, 'query/table');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(set, table.id, 'csv')}"`)
      .send(tableCsv(table));
  }
  return reply
    .type(xlsxType)
    .header('content-disposition', `attachment; filename="${fileName(set, '', 'xlsx')}"`)
    .send(await tableSetXlsx(set, today()));
}

/** A board paper as a PDF download, drawn on the server (no browser), dated today. */
export async function sendPaper(reply: FastifyReply, written: BoardPaper): Promise<FastifyReply> {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName(written.tables, 'board-paper', 'pdf')}"`)
    .send(await paperPdf(written, today()));
}
