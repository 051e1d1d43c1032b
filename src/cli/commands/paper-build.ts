import { readFileSync } from 'node:fs';
import { readContractFile } from '../../contracts/contract-file.ts';
import { replayContract } from '../../contracts/replay.ts';
import { InvalidInput } from '../../core/errors.ts';
import { allocatePlaces } from '../../finance/allocation.ts';
import { classifyByRulebook } from '../../finance/budget.ts';
import { readPlacesFile } from '../../finance/places-file.ts';
import { allocationReport, budgetReport } from '../../finance/report.ts';
import { askOfFile, readArrangementFile } from '../../law/arrangement-file.ts';
import { checkArrangement } from '../../law/check.ts';
import { today } from '../../law/date.ts';
import { planPooling, poolingRequestOf } from '../../law/pooling.ts';
import { responsibilityMatrix } from '../../law/responsibility.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { parseFinancialYear } from '../../money/calendar.ts';
import type { BoardPaper } from '../../outputs/paper.ts';
import type { PaperKind } from '../../outputs/paper-kinds.ts';
import {
  allocationPaper,
  budgetPaper,
  contractPaper,
  lawfulnessPaper,
  populationPaper,
} from '../../outputs/papers.ts';
import type { PopulationReport } from '../../population/pipeline.ts';
import { loadWeightedPopulations } from '../../system/weighted-populations.ts';
import { parseOn } from './rulebook.ts';

/** What `concordat paper` was given. */
export interface PaperOptions {
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
export function buildPaper(kind: PaperKind, file: string | undefined, o: PaperOptions): BoardPaper {
  const rulebook = loadRulebook();
  const v = o.paperVersion;
  switch (kind) {
    case 'lawfulness': {
      const on = parseOn(o.on);
      return askOfFile(needFile(file, kind), (a) =>
        lawfulnessPaper(
          checkArrangement(rulebook, a, on),
          responsibilityMatrix(rulebook, a, on),
          planPooling(rulebook, poolingRequestOf(a), on),
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
