import type { Command } from 'commander';
import { parsePounds } from '../../core/money.ts';
import type { Rulebook } from '../../law/rulebook.ts';
import { sourcesOf } from '../../outputs/sources.ts';
import type { TableSet } from '../../outputs/table.ts';
import type { OperatingModelReport } from '../../system/operating-model/check.ts';
import type { OperatingModel } from '../../system/operating-model/model.ts';
import type { SordRow } from '../../system/operating-model/sord.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { parseOn, print } from './rulebook.ts';
import { describeReport } from './rulebook-text.ts';

/** The report as text: the findings as for arrangements, then where each delegated budget sits. */
function describeModelReport(report: OperatingModelReport): string {
  const lines = [
    describeReport({ ...report, arrangement: `${report.model} (${report.icb})` }).replace(
      'this arrangement',
      'this operating model',
    ),
  ];
  const { allocation, holders } = report.budgets;
  if (allocation || holders.length) lines.push('', 'Delegated budgets');
  if (allocation) lines.push(`  The ICB holds ${allocation.pounds} (${allocation.source}).`);
  for (const h of holders) {
    const under = h.decisions.length ? `; decisions under it: ${h.decisions.join(', ')}` : '';
    lines.push(`  ${h.name}: ${h.pounds} (${h.source}${under})`);
  }
  return lines.join('\n');
}

/** The SoRD as one table for the shared CSV and Excel writers; limits as pounds, sources from each function's rule. */
function sordTables(rulebook: Rulebook, model: OperatingModel, rows: SordRow[]): TableSet {
  const cites = model.sord.flatMap((s) => {
    const entry = rulebook.entries.get(s.function);
    const latest = entry?.versions.at(-1);
    return latest ? rulebook.resolve(latest.cite) : [];
  });
  return {
    title: `Scheme of reservation and delegation: ${model.name}`,
    asOf: model.effective_from ?? new Date().toISOString().slice(0, 10),
    illustrative: model.illustrative,
    sources: sourcesOf(cites),
    tables: [
      {
        id: 'sord',
        title: 'Scheme of reservation and delegation',
        columns: [
          { key: 'decision', heading: 'Decision', kind: 'text' },
          { key: 'function_title', heading: 'Function', kind: 'text' },
          { key: 'decided_by', heading: 'Decided by', kind: 'text' },
          { key: 'route', heading: 'Route', kind: 'text' },
          { key: 'jointly_with', heading: 'Jointly with', kind: 'text' },
          { key: 'limit', heading: 'Financial limit', kind: 'pounds' },
          { key: 'conditions', heading: 'Conditions', kind: 'text' },
        ],
        rows: rows.map((r, i) => {
          const limit = model.sord[i]?.limit;
          return { ...r, limit: limit ? parsePounds(limit, `sord[${i}].limit`) : null };
        }),
      },
    ],
  };
}

export function registerIcs(program: Command): void {
  const ics = program
    .command('ics')
    .description('ICS operating models: board, places, collaboratives and the SoRD.');
  ics
    .command('check')
    .description('Check an operating model against the rules in force on a date.')
    .argument('<file>', 'operating model YAML file')
    .option('--on <date>', 'the date to check on (YYYY-MM-DD); default today')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (file: string, opts: { on?: string; format: string }) => {
        const format = parseFormat(opts.format);
        const on = parseOn(opts.on);
        const [{ readOperatingModelFile }, { checkOperatingModel }, { loadRulebook }] = await Promise.all([
          import('../../system/operating-model/file.ts'),
          import('../../system/operating-model/check.ts'),
          import('../../law/rulebook.ts'),
        ]);
        const { model, budgets } = readOperatingModelFile(file);
        const report = checkOperatingModel(loadRulebook(), model, on, budgets);
        print(format, report, () => describeModelReport(report));
        return report.lawful ? exitCodes.ok : exitCodes.findings;
      }),
    );
  tableOptions(
    ics
      .command('sord')
      .description('Print the scheme of reservation and delegation of an operating model.')
      .argument('<file>', 'operating model YAML file')
      .option('--format <format>', 'text, json, csv or xlsx (xlsx needs --out)', 'text'),
  ).action(
    action(async (file: string, opts: { format: string; out?: string; table?: string }) => {
      const format = parseFormat(opts.format, withTables);
      const [{ readOperatingModelFile }, { sordRows, sordText }, { loadRulebook }] = await Promise.all([
        import('../../system/operating-model/file.ts'),
        import('../../system/operating-model/sord.ts'),
        import('../../law/rulebook.ts'),
      ]);
      const { model } = readOperatingModelFile(file);
      const rulebook = loadRulebook();
      const rows = sordRows(rulebook, model);
      await emit(format, opts, {
        json: rows,
        text: () => sordText(model, rows),
        tables: () => sordTables(rulebook, model, rows),
      });
      return exitCodes.ok;
    }),
  );
}
