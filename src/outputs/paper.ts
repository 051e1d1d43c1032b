/**
 * Board papers as PDF, drawn by pdfmake in Node (no browser). The shape follows the papers
 * NHS England and ICB boards publish: title, purpose, recommendation, a plain-English
 * summary, key figures in £ millions, charts, the detail tables, the sources with their
 * addresses, and the date and version on every page. Illustrative or synthetic figures are
 * marked on every page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, createPdf, TableCell } from 'pdfmake';
import { formatMillions } from '../core/money.ts';
import { oglAttributionWithAddress } from '../core/open-government-licence.ts';
import { formatDate } from '../law/date.ts';
import { displayCell, type Table, type TableSet } from './table.ts';

/** A figure for the key-figures box: money in pence (shown in £m) or a plain value. */
export interface KeyFigure {
  label: string;
  pence?: number | undefined;
  value?: string | undefined;
}

/** A horizontal bar chart: one bar per label, money in pence or plain numbers. */
export interface BarChart {
  title: string;
  unit: 'pounds' | 'number' | 'percent';
  bars: { label: string; value: number }[];
}

export interface BoardPaper {
  /** What kind of paper, for the heading: "Budget and payments". */
  kind: string;
  title: string;
  /** The date the paper speaks about (YYYY-MM-DD). */
  asOf: string;
  version: string;
  purpose: string;
  recommendation: string;
  summary: string[];
  keyFigures: KeyFigure[];
  charts: BarChart[];
  tables: TableSet;
}

type TDocumentDefinitions = Parameters<typeof createPdf>[0];

const nhsBlue = '#005EB8';
const darkGrey = '#425563';

/** Money as a board reads it: £12.3m (one decimal), or £0.04m for sums under £1m. */
export function millions(amount: number): string {
  return formatMillions(amount, Math.abs(amount) >= 100_000_000 || amount === 0 ? 1 : 2);
}

function chartValue(unit: BarChart['unit'], v: number): string {
  if (unit === 'pounds') return millions(v);
  if (unit === 'percent') return `${v.toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
  return v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** Bars drawn as vector rectangles, as long as their value, with the label and value beside. */
function barChart(chart: BarChart): Content {
  const width = 250;
  const max = Math.max(...chart.bars.map((b) => Math.abs(b.value)), 1);
  const rows = chart.bars.map(
    (b): Content => ({
      columns: [
        { width: 150, text: b.label, fontSize: 8, margin: [0, 2, 6, 0], alignment: 'right' },
        {
          width: width + 4,
          canvas: [
            { type: 'rect', x: 0, y: 2, w: width, h: 10, color: '#E8EDEE' },
            {
              type: 'rect',
              x: 0,
              y: 2,
              w: Math.max(0.5, (Math.abs(b.value) / max) * width),
              h: 10,
              color: b.value < 0 ? '#DA291C' : nhsBlue,
            },
          ],
        },
        { width: '*', text: chartValue(chart.unit, b.value), fontSize: 8, margin: [4, 2, 0, 0] },
      ],
      margin: [0, 1, 0, 1],
    }),
  );
  return {
    stack: [{ text: chart.title, style: 'h3' }, ...rows],
    margin: [0, 4, 0, 10],
    unbreakable: chart.bars.length <= 20,
  };
}

function keyFigures(figures: KeyFigure[]): Content {
  const cells = figures.map(
    (f): TableCell => ({
      stack: [
        {
          text: f.pence !== undefined ? millions(f.pence) : (f.value ?? ''),
          fontSize: 16,
          bold: true,
          color: nhsBlue,
        },
        { text: f.label, fontSize: 8, color: darkGrey },
      ],
      margin: [4, 4, 4, 4],
    }),
  );
  const perRow = 3;
  const body: TableCell[][] = [];
  for (let i = 0; i < cells.length; i += perRow) {
    const row = cells.slice(i, i + perRow);
    while (row.length < perRow) row.push({ text: '' });
    body.push(row);
  }
  return {
    table: { widths: ['*', '*', '*'], body },
    layout: { hLineColor: () => '#AEB7BD', vLineColor: () => '#AEB7BD' },
    margin: [0, 0, 0, 10],
  };
}

function detailTable(t: Table): Content {
  const header = t.columns.map((c): TableCell => ({ text: c.heading, style: 'th' }));
  const right = (kind: string) => ['pounds', 'count', 'patients', 'decimal', 'percent'].includes(kind);
  const body = t.rows.map((row) =>
    t.columns.map(
      (c): TableCell => ({
        text: displayCell(c, row[c.key] ?? null),
        alignment: right(c.kind) ? 'right' : 'left',
      }),
    ),
  );
  return {
    stack: [
      { text: t.title, style: 'h3' },
      t.rows.length
        ? {
            table: { headerRows: 1, widths: t.columns.map(() => 'auto'), body: [header, ...body] },
            layout: 'lightHorizontalLines',
            fontSize: t.columns.length > 6 ? 6.5 : 7.5,
          }
        : { text: 'None.', italics: true, fontSize: 9 },
    ],
    margin: [0, 0, 0, 10],
  };
}

function sources(set: TableSet): Content {
  if (!set.sources.length) return { text: 'No sources are cited for these figures.', fontSize: 9 };
  return {
    ol: set.sources.map((s) => ({
      text: [
        { text: s.at ? `${s.title}, ${s.at}` : s.title },
        ...(s.url
          ? [{ text: ` ${s.url}`, link: s.url, color: nhsBlue, decoration: 'underline' as const }]
          : []),
      ],
      fontSize: 8,
      margin: [0, 0, 0, 3] as [number, number, number, number],
    })),
  };
}

const require = createRequire(import.meta.url);
let fontsReady = false;

/** The fonts pdfmake ships (Roboto), read from its package folder, once. */
function pdfmake() {
  const maker = require('pdfmake') as typeof import('pdfmake');
  if (!fontsReady) {
    const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    maker.setFonts({
      Roboto: {
        normal: join(dir, 'Roboto-Regular.ttf'),
        bold: join(dir, 'Roboto-Medium.ttf'),
        italics: join(dir, 'Roboto-Italic.ttf'),
        bolditalics: join(dir, 'Roboto-MediumItalic.ttf'),
      },
    });
    // A paper draws nothing from the network or the disk beyond its fonts.
    maker.setUrlAccessPolicy(() => false);
    maker.setLocalAccessPolicy((path) => path.startsWith(dir));
    fontsReady = true;
  }
  return maker;
}

/** The document definition: kept apart from rendering so tests can read its structure. */
export function paperDefinition(p: BoardPaper, generated: string): TDocumentDefinitions {
  const mark = p.tables.illustrative;
  const stamp = `${p.kind} · version ${p.version} · ${formatDate(generated)}`;
  return {
    pageSize: 'A4',
    pageMargins: [40, 56, 40, 50],
    info: { title: p.title, subject: p.kind, creator: 'Concordat', producer: 'Concordat (pdfmake)' },
    header: mark
      ? { text: `ILLUSTRATIVE: ${mark}`, color: '#DA291C', bold: true, fontSize: 8, margin: [40, 20, 40, 0] }
      : { text: 'Board paper', color: darkGrey, fontSize: 8, margin: [40, 20, 40, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: stamp, fontSize: 7, color: darkGrey },
        { text: `Page ${page} of ${pages}`, fontSize: 7, color: darkGrey, alignment: 'right' },
      ],
      margin: [40, 16, 40, 0],
    }),
    content: [
      { text: p.kind.toUpperCase(), color: nhsBlue, bold: true, fontSize: 9 },
      { text: p.title, style: 'h1' },
      {
        text: `Date: ${formatDate(generated)}   ·   Figures as of ${formatDate(p.asOf)}   ·   Version ${p.version}`,
        fontSize: 9,
        color: darkGrey,
        margin: [0, 0, 0, 12],
      },
      ...(mark
        ? [
            {
              table: {
                widths: ['*'],
                body: [
                  [{ text: `Illustrative. ${mark}`, bold: true, color: '#DA291C', margin: [6, 4, 6, 4] }],
                ],
              },
              layout: { hLineColor: () => '#DA291C', vLineColor: () => '#DA291C' },
              margin: [0, 0, 0, 12],
            } as Content,
          ]
        : []),
      { text: 'Purpose', style: 'h2' },
      { text: p.purpose, margin: [0, 0, 0, 8] },
      { text: 'Recommendation', style: 'h2' },
      { text: p.recommendation, margin: [0, 0, 0, 8] },
      { text: 'Summary', style: 'h2' },
      { ul: p.summary, margin: [0, 0, 0, 8] },
      { text: 'Key figures', style: 'h2' },
      keyFigures(p.keyFigures),
      ...(p.charts.length ? [{ text: 'Charts', style: 'h2' } as Content, ...p.charts.map(barChart)] : []),
      { text: 'Detail', style: 'h2', pageBreak: 'before' },
      ...p.tables.tables.map(detailTable),
      { text: 'Sources', style: 'h2' },
      sources(p.tables),
      { text: oglAttributionWithAddress, fontSize: 7, color: darkGrey, margin: [0, 10, 0, 0] },
    ],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 2, 0, 6] },
      h2: { fontSize: 13, bold: true, color: nhsBlue, margin: [0, 8, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
      th: { bold: true, fillColor: '#E8EDEE' },
    },
  };
}

export async function paperPdf(p: BoardPaper, generated: string): Promise<Buffer> {
  return Buffer.from(await pdfmake().createPdf(paperDefinition(p, generated)).getBuffer());
}
