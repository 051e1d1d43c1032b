import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidInput } from '../../core/errors.ts';
import { today } from '../../law/date.ts';
import { type PaperKind, paperKinds } from '../../outputs/paper-kinds.ts';
import { action } from '../run.ts';
import type { PaperOptions } from './paper-build.ts';

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
        const [{ buildPaper }, { paperPdf }] = await Promise.all([
          import('./paper-build.ts'),
          import('../../outputs/paper.ts'),
        ]);
        const paper = buildPaper(kind as PaperKind, file, opts);
        writeFileSync(opts.out, await paperPdf(paper, today()));
        process.stderr.write(`Wrote ${opts.out}: ${paper.title}\n`);
        return 0;
      }),
    );
}
