import type { Command } from 'commander';
import type { CommissionerKind } from '../../law/arrangement.ts';
import { action, exitCodes, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { describePlan } from './pooling-text.ts';
import { parseOn } from './rulebook.ts';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function registerPooling(program: Command): void {
  tableOptions(
    program
      .command('pooling')
      .description(
        'Plan how commissioners can commission and pool the money for a set of services on a date.',
      )
      .requiredOption(
        '--services <ids>',
        'comma-separated service ids, e.g. primary-medical,community-health',
      )
      .requiredOption(
        '--commissioners <kinds>',
        'comma-separated commissioner kinds; repeat a kind for several, e.g. ccg,ccg,local-authority',
      )
      .option('--on <date>', 'the date (YYYY-MM-DD); default today')
      .option('--format <format>', 'text, json, csv or xlsx', 'text'),
  ).action(
    action(
      async (opts: {
        services: string;
        commissioners: string;
        on?: string;
        format: string;
        out?: string;
        table?: string;
      }) => {
        const format = parseFormat(opts.format, withTables);
        const on = parseOn(opts.on);
        const [{ planPooling }, { loadRulebook }, { poolingTables }] = await Promise.all([
          import('../../law/pooling.ts'),
          import('../../law/rulebook.ts'),
          import('../../outputs/law-tables.ts'),
        ]);
        const plan = planPooling(
          loadRulebook(),
          { services: list(opts.services), commissioners: list(opts.commissioners) as CommissionerKind[] },
          on,
        );
        await emit(format, opts, {
          json: plan,
          text: () => describePlan(plan),
          tables: () => poolingTables(plan),
        });
        return plan.feasible ? exitCodes.ok : exitCodes.findings;
      },
    ),
  );
}
