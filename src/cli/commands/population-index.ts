import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidInput } from '../../core/errors.ts';
import type { Arrangement } from '../../law/arrangement.ts';

/** The part of `concordat analyse`'s report.json the WPAP needs (src/population/pipeline.ts). */
const ReportIndex = z.object({
  synthetic: z.string().nullable(),
  wpapPopulationIndex: z.object({
    arrangementEntry: z.object({ year: z.string(), index: z.string() }),
  }),
});

export interface PopulationIndexSource {
  year: string;
  index: string;
  synthetic: boolean;
}

/**
 * Feeds the weighted-population index from a population report into the arrangement's
 * `payment.population_index`, replacing any value the file gave for that year, so the WPAP's
 * population adjustment (seed 001, para 40) uses the analysed population.
 */
export function withPopulationIndex(
  arrangement: Arrangement,
  reportFile: string,
): { arrangement: Arrangement; source: PopulationIndexSource } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (error) {
    throw new InvalidInput(
      '--population-report',
      `cannot read ${reportFile} as JSON (${(error as Error).message})`,
      'give the report.json written by concordat analyse',
    );
  }
  const report = ReportIndex.safeParse(parsed);
  if (!report.success) {
    throw new InvalidInput(
      '--population-report',
      `${reportFile} has no weighted-population index`,
      'give the report.json written by concordat analyse',
    );
  }
  const { year, index } = report.data.wpapPopulationIndex.arrangementEntry;
  const payment = arrangement.payment;
  if (!payment) {
    throw new InvalidInput(
      '--population-report',
      'the arrangement has no payment section for the index to adjust',
      'add payment: {} to the arrangement file',
    );
  }
  const others = payment.population_index.filter((p) => p.year !== year);
  return {
    arrangement: { ...arrangement, payment: { ...payment, population_index: [...others, { year, index }] } },
    source: { year, index, synthetic: report.data.synthetic !== null },
  };
}
