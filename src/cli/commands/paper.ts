import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readContractFile } from '../../contracts/contract-file.ts';
import { replayContract } from '../../contracts/replay.ts';
import { InvalidInput } from '../../errors.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { readPlacesFile } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { loadWeightedPopulations } from '../../finance/weighted-populations.ts';
import { askOfFile, readArrangementFile } from '../../law/arrangement-file.ts';
import { checkArrangement } from '../../law/check.ts';
import { today } from '../../law/date.ts';
import { planPooling } from '../../law/pooling.ts';
import { responsibilityMatrix } from '../../law/responsibility.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { parseFinancialYear } from '../../money/calendar.ts';
import { type BoardPaper, paperPdf } from '../../outputs/paper.ts';
import {
  allocationPaper,
  budgetPaper,
  contractPaper,
  lawfulnessPaper,
  type PaperKind,
  paperKinds,
  populationPaper,
} from '../../outputs/papers.ts';
import type { PopulationReport } from '../../population/pipeline.ts';
import { action } from '../run.ts';
import { parseOn } from './rulebook.ts';

interface PaperOptions {
  out: string;
  on?: string;
  years?: string;
  icb?: string;
  places?: string;
  year: string;
  report?: string;
  paperVersion: string;
}

function needFile(file: string | undefined, kind: string): string {
  if (!file)
    throw new InvalidInput(
      'FILE',
      `is needed for a ${kind} paper`,
      `Run concordat paper ${kind} FILE --out paper.pdf.`,
    );
  return file;
}

function need(value: string | undefined, flag: string, kind: string): string {
  if (!value) throw new InvalidInput(flag, `is needed for a ${kind} paper`);
  return value;
}

/** Builds the paper of a kind from the same answers the other commands print. */
function buildPaper(kind: PaperKind, file: string | undefined, o: PaperOptions): BoardPaper {
  const rulebook = loadRulebook();
  const v = o.paperVersion;
  switch (kind) {
    case 'lawfulness': {
      const on = parseOn(o.on);
      return askOfFile(needFile(file, kind), (a) =>
        lawfulnessPaper(
          checkArrangement(rulebook, a, on),
          responsibilityMatrix(rulebook, a, on),
          planPooling(
            rulebook,
            {
              services: [...new Set(a.services.map((s) => s.service))],
              commissioners: a.commissioners.map((c) => c.kind),
            },
            on,
          ),
          v,
        ),
      );
    }
    case 'budget': {
      if (o.years !== undefined && !/^\d+$/.test(o.years))
        throw new InvalidInput('--years', `'${o.years}' is not a whole number of years`);
      const a = readArrangementFile(needFile(file, kind));
      const years = o.years === undefined ? undefined : Number(o.years);
      return budgetPaper(budgetReport(a, classifyByRulebook(rulebook), rulebook, { years }), v);
    }
    case 'allocation': {
      const year = parseFinancialYear(o.year, '--year');
      const icb = need(o.icb, '--icb', kind);
      const input = readPlacesFile(need(o.places, '--places', kind), icb, year);
      return allocationPaper(
        allocationReport(allocatePlaces(input, loadWeightedPopulations(year))),
        today(),
        v,
      );
    }
    case 'contract':
      return contractPaper(
        replayContract(rulebook, readContractFile(needFile(file, kind)), parseOn(o.on)),
        v,
      );
    case 'population': {
      const path = need(o.report ?? file, '--report', kind);
      return populationPaper(JSON.parse(readFileSync(path, 'utf8')) as PopulationReport, v);
    }
  }
}

export function registerPaper(program: Command): void {
  program
    .command('paper')
    .description(
      'Write a board paper as PDF: lawfulness (arrangement file), budget (arrangement file), allocation (--icb, --places), contract (contract file) or population (--report report.json).',
    )
    .argument('<kind>', paperKinds.join(', '))
    .argument('[file]', 'the arrangement or contract YAML file the paper is about')
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--on <date>', 'lawfulness and contract: the date (YYYY-MM-DD); default today')
    .option('--years <n>', 'budget: how many years of the term to schedule')
    .option('--icb <code>', 'allocation: ICB code, e.g. QUA')
    .option('--places <file>', 'allocation: places YAML file')
    .option('--year <year>', 'allocation: financial year of the weighted populations', '2025/26')
    .option('--report <file>', "population: concordat analyse's report.json")
    .option('--paper-version <v>', 'the version printed on the paper', '1.0')
    .action(
      action(async (kind: string, file: string | undefined, opts: PaperOptions) => {
        if (!paperKinds.includes(kind as PaperKind))
          throw new InvalidInput(
            'KIND',
            `'${kind}' is not a kind of paper`,
            `Use one of ${paperKinds.join(', ')}.`,
          );
        const paper = buildPaper(kind as PaperKind, file, opts);
        writeFileSync(opts.out, await paperPdf(paper, today()));
        process.stderr.write(`Wrote ${opts.out}: ${paper.title}\n`);
        return 0;
      }),
    );
}
