import type { Command } from 'commander';
import { InvalidInput } from '../../core/errors.ts';
import type { AllocationMethod } from '../../finance/allocation.ts';
import { today } from '../../law/date.ts';
import { action, parseFormat } from '../run.ts';
import { emit, tableOptions, withTables } from '../table-output.ts';
import { describeAllocation, describeBudget } from './money-text.ts';

export function registerMoney(program: Command): void {
  tableOptions(
    program
      .command('budget')
      .description(
        'Build the integrated budget, WPAP, monthly instalments, incentives and money at risk for an arrangement.',
      )
      .argument('<file>', 'arrangement YAML file (funding_streams, term, optional payment)')
      .option('--years <n>', 'how many years of the term to schedule (default: the whole term, at most 10)')
      .option(
        '--format <format>',
        'text, json, csv or xlsx (csv: one table, the monthly instalments unless --table)',
        'text',
      )
      .option('--explain', 'show how each figure was reached: rules, inputs, parameters and sources')
      .option(
        '--population-report <file>',
        "take the WPAP population index from concordat analyse's report.json (replaces the file's value for that year)",
      ),
  ).action(
    action(
      async (
        file: string,
        opts: {
          years?: string;
          format: string;
          explain?: boolean;
          populationReport?: string;
          out?: string;
          table?: string;
        },
      ) => {
        const format = parseFormat(opts.format, withTables);
        const years = opts.years === undefined ? undefined : Number(opts.years);
        if (opts.years !== undefined && !/^\d+$/.test(opts.years)) {
          throw new InvalidInput('--years', `'${opts.years}' is not a whole number of years`);
        }
        const [
          { readArrangementFile },
          { withPopulationIndex },
          { loadRulebook },
          { budgetReport },
          { classifyByRulebook },
          { budgetTables },
        ] = await Promise.all([
          import('../../law/arrangement-file.ts'),
          import('./population-index.ts'),
          import('../../law/rulebook.ts'),
          import('../../finance/report.ts'),
          import('../../finance/budget.ts'),
          import('../../outputs/money-tables.ts'),
        ]);
        const fromFile = readArrangementFile(file);
        const fed = opts.populationReport ? withPopulationIndex(fromFile, opts.populationReport) : undefined;
        const arrangement = fed?.arrangement ?? fromFile;
        if (fed && format === 'text') {
          process.stdout.write(
            `Population index for ${fed.source.year}: ${fed.source.index}, from ${opts.populationReport}${fed.source.synthetic ? ' (SYNTHETIC population: illustration only)' : ''}\n\n`,
          );
        }
        const rulebook = loadRulebook();
        const report = budgetReport(arrangement, classifyByRulebook(rulebook), rulebook, {
          years,
          explain: opts.explain,
        });
        await emit(
          format,
          { out: opts.out, table: opts.table ?? 'instalments' },
          {
            json: report,
            text: () => describeBudget(report, Boolean(opts.explain)),
            tables: () => budgetTables(report),
          },
        );
        return undefined;
      },
    ),
  );

  tableOptions(
    program
      .command('allocate')
      .description("Share an ICS single pot between places by need, from NHS England's weighted populations.")
      .requiredOption('--icb <code>', 'ICB code in the weighted populations, e.g. QUA')
      .requiredOption('--places <file>', 'places YAML file (places, pot, optional current and pace)')
      .option('--year <year>', 'financial year of the weighted populations', '2025/26')
      .option('--format <format>', 'text, json, csv or xlsx', 'text')
      .option(
        '--method <method>',
        "exact, or nhse-tool to round as NHS England's place-based allocation tool does",
        'exact',
      )
      .option('--explain', 'show how each figure was reached'),
  ).action(
    action(
      async (opts: {
        icb: string;
        places: string;
        year: string;
        format: string;
        method: string;
        explain?: boolean;
        out?: string;
        table?: string;
      }) => {
        const format = parseFormat(opts.format, withTables);
        const [
          { parseFinancialYear },
          { loadWeightedPopulations },
          { readPlacesFile },
          { allocatePlaces },
          { allocationReport },
          { allocationTables },
        ] = await Promise.all([
          import('../../money/calendar.ts'),
          import('../../system/weighted-populations.ts'),
          import('../../finance/places-file.ts'),
          import('../../finance/allocation.ts'),
          import('../../finance/report.ts'),
          import('../../outputs/money-tables.ts'),
        ]);
        const year = parseFinancialYear(opts.year, '--year');
        const data = loadWeightedPopulations(year);
        const input = readPlacesFile(opts.places, opts.icb, year);
        const method = opts.method as AllocationMethod;
        const report = allocationReport(allocatePlaces({ ...input, method }, data), opts.explain);
        await emit(format, opts, {
          json: report,
          text: () => describeAllocation(report, Boolean(opts.explain)),
          tables: () => allocationTables(report, today()),
        });
        return undefined;
      },
    ),
  );
}
