import type { Command } from 'commander';
import { InvalidInput } from '../../errors.ts';
import { type AllocationMethod, allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { readPlacesFile } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { loadWeightedPopulations } from '../../finance/weighted-populations.ts';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { parseFinancialYear } from '../../money/calendar.ts';
import { action, parseFormat } from '../run.ts';
import { allocationCsv, budgetCsv, describeAllocation, describeBudget } from './money-text.ts';
import { withPopulationIndex } from './population-index.ts';

const formats = ['text', 'json', 'csv'];

function print(format: string, json: unknown, text: () => string, csv: () => string): void {
  const body = format === 'json' ? JSON.stringify(json, null, 2) : format === 'csv' ? csv() : text();
  process.stdout.write(`${body}\n`);
}

export function registerMoney(program: Command): void {
  program
    .command('budget')
    .description(
      'Build the integrated budget, WPAP, monthly instalments, incentives and money at risk for an arrangement.',
    )
    .argument('<file>', 'arrangement YAML file (funding_streams, term, optional payment)')
    .option('--years <n>', 'how many years of the term to schedule (default: the whole term, at most 10)')
    .option('--format <format>', 'text, json or csv (csv: the monthly instalments)', 'text')
    .option('--explain', 'show how each figure was reached: rules, inputs, parameters and sources')
    .option(
      '--population-report <file>',
      "take the WPAP population index from concordat analyse's report.json (replaces the file's value for that year)",
    )
    .action(
      action(
        (
          file: string,
          opts: { years?: string; format: string; explain?: boolean; populationReport?: string },
        ) => {
          const format = parseFormat(opts.format, formats);
          const years = opts.years === undefined ? undefined : Number(opts.years);
          if (opts.years !== undefined && !/^\d+$/.test(opts.years)) {
            throw new InvalidInput('--years', `'${opts.years}' is not a whole number of years`);
          }
          const fromFile = readArrangementFile(file);
          const fed = opts.populationReport
            ? withPopulationIndex(fromFile, opts.populationReport)
            : undefined;
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
          print(
            format,
            report,
            () => describeBudget(report, Boolean(opts.explain)),
            () => budgetCsv(report),
          );
          return undefined;
        },
      ),
    );

  program
    .command('allocate')
    .description("Share an ICS single pot between places by need, from NHS England's weighted populations.")
    .requiredOption('--icb <code>', 'ICB code in the weighted populations, e.g. QUA')
    .requiredOption('--places <file>', 'places YAML file (places, pot, optional current and pace)')
    .option('--year <year>', 'financial year of the weighted populations', '2025/26')
    .option('--format <format>', 'text, json or csv', 'text')
    .option(
      '--method <method>',
      "exact, or nhse-tool to round as NHS England's place-based allocation tool does",
      'exact',
    )
    .option('--explain', 'show how each figure was reached')
    .action(
      action(
        (opts: {
          icb: string;
          places: string;
          year: string;
          format: string;
          method: string;
          explain?: boolean;
        }) => {
          const format = parseFormat(opts.format, formats);
          const year = parseFinancialYear(opts.year, '--year');
          const data = loadWeightedPopulations(year);
          const input = readPlacesFile(opts.places, opts.icb, year);
          const report = allocationReport(
            allocatePlaces({ ...input, method: opts.method as AllocationMethod }, data),
            opts.explain,
          );
          print(
            format,
            report,
            () => describeAllocation(report, Boolean(opts.explain)),
            () => allocationCsv(report),
          );
          return undefined;
        },
      ),
    );
}
