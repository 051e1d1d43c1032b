import { type CambridgeWeight, cambridgeWeights } from './cambridge-weights.ts';
import { perPublishedHead, publishedRate } from './disclosure.ts';
import type { Engine, Row } from './engines/engine.ts';
import { conditions } from './model.ts';
import { num } from './profile.ts';
import { aggregateSql } from './sql.ts';
import { type SafeCount, type SuppressionPolicy, suppress } from './suppress.ts';

/**
 * The Cambridge Multimorbidity Score (Payne, Mendonca, Elliott et al., "Development and
 * validation of the Cambridge Multimorbidity Score", CMAJ 2020;192(5):E107–14): each of 20
 * conditions carries a weight from the general-outcome score (which averages the weights that
 * predict GP consultations, unplanned admissions and death), and a person's score is the sum
 * of the weights of their conditions. Worked out for adults (18 and over), since the score was
 * built from adults' records.
 *
 * Partial: the data model holds QOF registers, which stand for 15 of the 20 conditions (some
 * only roughly: see `covered`); alcohol problems, constipation, hearing loss, irritable bowel
 * syndrome and painful conditions have no register, so every score here is a lower bound.
 */

/** Score bands, in hundredths: [from, to) — the last open. */
export const scoreBands = [
  { label: '0', from: 0, to: 1 },
  { label: 'Above 0, under 1', from: 1, to: 100 },
  { label: '1 to under 2', from: 100, to: 200 },
  { label: '2 to under 3', from: 200, to: 300 },
  { label: '3 to under 4', from: 300, to: 400 },
  { label: '4 or more', from: 400, to: Number.POSITIVE_INFINITY },
] as const;

export interface MultimorbidityScore {
  adults: SafeCount;
  bands: { band: string; persons: SafeCount; percent: number | null }[];
  /** Mean score per adult, to two places, over the published number of adults. */
  mean: number | null;
  /** The score's conditions the data holds, with the register that stands for each. */
  covered: { condition: string; weight: number; register: string }[];
  /** The score's conditions the data model has no register for. */
  missing: { condition: string; weight: number }[];
}

export async function multimorbidityScore(
  engine: Engine,
  policy: SuppressionPolicy,
): Promise<MultimorbidityScore> {
  return multimorbidityScoreFromRows(await engine.query(aggregateSql.cambridgeScore(engine)), policy);
}

const weight = (w: CambridgeWeight) => w.hundredths / 100;

/** From rows of `aggregateSql.cambridgeScore` (score in hundredths, adults). */
export function multimorbidityScoreFromRows(
  rows: readonly Row[],
  policy: SuppressionPolicy,
): MultimorbidityScore {
  let adults = 0;
  let total = 0;
  const inBand = new Array<number>(scoreBands.length).fill(0);
  for (const [score, persons] of rows) {
    const s = num(score);
    const n = num(persons);
    adults += n;
    total += s * n;
    const band = scoreBands.findIndex((b) => s >= b.from && s < b.to);
    inBand[band] = (inBand[band] as number) + n;
  }
  const perHead = perPublishedHead(total, adults, policy);
  return {
    adults: suppress(adults, policy),
    bands: scoreBands.map((b, i) => ({
      band: b.label,
      persons: suppress(inBand[i] as number, policy),
      percent: publishedRate(inBand[i] as number, adults, 100, policy),
    })),
    mean: perHead === null ? null : perHead / 100,
    covered: cambridgeWeights.flatMap((w) =>
      w.register
        ? [{ condition: w.condition, weight: weight(w), register: conditions[w.register].name }]
        : [],
    ),
    missing: cambridgeWeights.flatMap((w) =>
      w.register ? [] : [{ condition: w.condition, weight: weight(w) }],
    ),
  };
}
