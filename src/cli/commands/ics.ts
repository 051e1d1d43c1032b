import type { Command } from 'commander';
import { loadRulebook } from '../../law/rulebook.ts';
import { checkOperatingModel, type OperatingModelReport } from '../../system/operating-model/check.ts';
import { readOperatingModelFile } from '../../system/operating-model/file.ts';
import { sordCsv, sordRows, sordText } from '../../system/operating-model/sord.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
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
      action((file: string, opts: { on?: string; format: string }) => {
        const format = parseFormat(opts.format);
        const on = parseOn(opts.on);
        const { model, budgets } = readOperatingModelFile(file);
        const report = checkOperatingModel(loadRulebook(), model, on, budgets);
        print(format, report, () => describeModelReport(report));
        return report.lawful ? exitCodes.ok : exitCodes.findings;
      }),
    );
  ics
    .command('sord')
    .description('Print the scheme of reservation and delegation of an operating model.')
    .argument('<file>', 'operating model YAML file')
    .option('--format <format>', 'text, json or csv', 'text')
    .action(
      action((file: string, opts: { format: string }) => {
        const format = parseFormat(opts.format, ['text', 'json', 'csv']);
        const { model } = readOperatingModelFile(file);
        const rows = sordRows(loadRulebook(), model);
        if (format === 'csv') process.stdout.write(sordCsv(rows));
        else print(format, rows, () => sordText(model, rows));
        return exitCodes.ok;
      }),
    );
}
