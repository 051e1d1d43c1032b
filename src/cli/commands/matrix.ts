import type { Command } from 'commander';
import { formatDate } from '../../law/date.ts';
import { ProviderSupport, providerSupportMeaning } from '../../law/kinds/functions.ts';
import type { MatrixCell, ResponsibilityMatrix } from '../../law/responsibility.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { parseOn } from './rulebook.ts';
import { plural } from './rulebook-text.ts';

const roleMark: Record<MatrixCell['role'], string> = { responsible: 'R', supports: 'S', none: '-' };
const supportText: Record<ProviderSupport, string> = {
  yes: 'yes',
  'own-services-only': 'own only',
  'information-only': 'information only',
  no: 'no',
};
const label = { error: 'ERROR', warning: 'WARNING', information: 'NOTE' } as const;

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** The matrix as a commissioner reads it: one line per activity, then what needs attention. */
export function describeMatrix(m: ResponsibilityMatrix): string {
  const width = 52;
  const lines = [
    m.arrangement,
    `Who does each commissioning activity, under the rules in force on ${formatDate(m.on)}.`,
    'R responsible (the commissioner keeps the function)  S supports  - no role recorded',
    'Provider may help:',
    ...ProviderSupport.options.map(
      (level) => `  ${pad(supportText[level], 17)}  ${providerSupportMeaning[level]}`,
    ),
    '',
    'Parties:',
    ...m.parties.map((p, i) => `  ${i + 1}  ${p.name} (${p.side})`),
    '',
    `${pad('Activity', width)}  ${pad('Provider may help', 17)}  ${m.parties.map((_, i) => pad(String(i + 1), 3)).join('')}`.trimEnd(),
  ];
  let heading = '';
  for (const row of m.rows) {
    const group = `${row.category}: ${row.subcategory}`;
    if (group !== heading) {
      heading = group;
      lines.push(`${group}`);
    }
    const marks = m.parties.map((p) => pad(roleMark[row.cells[p.id]?.role ?? 'none'], 3)).join('');
    const may = row.provider_may_support ? supportText[row.provider_may_support] : 'not in force';
    const flag = row.findings.some((f) => f.severity === 'error') ? '  ✗' : '';
    lines.push(`  ${pad(row.title, width - 2)}  ${pad(may, 17)}  ${marks}${flag}`.trimEnd());
  }
  const detailed = m.rows.filter(
    (r) => Object.values(r.cells).some((c) => c.actions.length) || r.findings.length,
  );
  if (detailed.length) lines.push('', 'What each provider does, and what needs attention:');
  for (const row of detailed) {
    lines.push('', `${row.title}  [${row.rule}]`);
    for (const p of m.parties) {
      const cell = row.cells[p.id];
      if (!cell?.actions.length) continue;
      const scope = cell.scope ? ` (${cell.scope})` : '';
      lines.push(`  ${p.name}${scope}:`);
      for (const a of cell.actions) {
        const mark = a.standing === 'may' ? '✓' : a.standing === 'may-not' ? '✗' : '?';
        lines.push(`    ${mark} ${a.label}`);
      }
    }
    for (const f of row.findings) lines.push(`  ${label[f.severity]}  ${f.message}`);
    if (row.citations[0]) lines.push(`  Source: ${row.citations[0]}`);
  }
  const { error, warning, information } = m.counts;
  lines.push('', `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(information, 'note')}.`);
  return lines.join('\n');
}

export function registerMatrix(program: Command): void {
  tableOptions(
    program
      .command('matrix')
      .description('Show who does each commissioning activity: the commissioner and each provider.')
      .argument('<file>', 'arrangement YAML file')
      .option('--on <date>', 'the date (YYYY-MM-DD); default today')
      .option('--format <format>', 'text, json, csv or xlsx', 'text'),
  ).action(
    action(async (file: string, opts: { on?: string; format: string; out?: string; table?: string }) => {
      const format = parseFormat(opts.format, withTables);
      const on = parseOn(opts.on);
      const [{ askOfFile }, { responsibilityMatrix }, { loadRulebook }, { matrixTables }] = await Promise.all(
        [
          import('../../law/arrangement-file.ts'),
          import('../../law/responsibility.ts'),
          import('../../law/rulebook.ts'),
          import('../../outputs/law-tables.ts'),
        ],
      );
      const matrix = askOfFile(file, (a) => responsibilityMatrix(loadRulebook(), a, on));
      await emit(format, opts, {
        json: matrix,
        text: () => describeMatrix(matrix),
        tables: () => matrixTables(matrix),
      });
      return matrix.counts.error ? exitCodes.findings : exitCodes.ok;
    }),
  );
}
