import { InvalidInput } from '../core/errors.ts';
import { type Rate, ratio } from '../money/rate.ts';
import type { Sex } from './model.ts';

/**
 * The weighted population of a contract's population, for the WPAP population adjustment:
 * the ICP Contract's whole-population annual payment moves with the size and profile of the
 * population served (seed 001, ICP Contract draft 2018, para 40). Each person counts with a
 * weight for their age and sex (the shape of NHS England's general and acute plus community
 * cost curves by age, in thousandths of an average person) multiplied by a need weight for
 * their number of long-term conditions. Both weights are whole numbers, so the weighted
 * population and the index are exact: a rational number of two big integers, turned into a
 * fixed-point decimal only when shown. ASSUMPTION: the weights below are Concordat's
 * documented stand-in until the commissioner agrees a local formula; they are not NHS
 * England's published allocation weights (which are per practice, not per person).
 */
export const ageSexWeight: Record<Sex, readonly number[]> = {
  // bands 0–4, 5–9, … 85–89, 90+ (thousandths)
  F: [950, 420, 400, 520, 700, 820, 880, 860, 780, 760, 820, 920, 1080, 1300, 1600, 2050, 2650, 3300, 3900],
  M: [1050, 450, 400, 450, 480, 500, 540, 600, 650, 720, 840, 1000, 1220, 1500, 1850, 2350, 2950, 3550, 4100],
};

/** Need weight by long-term condition count 0, 1, 2, 3+ (thousandths). */
export const needWeight: readonly number[] = [1000, 1250, 1550, 2000];

export interface WeightingCell {
  /** Five-year band 0 (0–4) … 18 (90+). */
  band: number;
  sex: Sex;
  /** Long-term conditions, capped at 3. */
  need: number;
  persons: number;
}

export interface WeightedPopulation {
  persons: number;
  /** Weighted population in millionths of a person (age–sex weight × need weight). */
  weightedMillionths: bigint;
}

export function weightedPopulation(cells: readonly WeightingCell[]): WeightedPopulation {
  let persons = 0;
  let weighted = 0n;
  for (const cell of cells) {
    const age = ageSexWeight[cell.sex][cell.band];
    const need = needWeight[Math.min(cell.need, 3)];
    if (age === undefined || need === undefined || !Number.isSafeInteger(cell.persons) || cell.persons < 0) {
      throw new InvalidInput(
        'weightedPopulation',
        `cell ${JSON.stringify(cell)} is not a valid age band, sex, need and count`,
      );
    }
    persons += cell.persons;
    weighted += BigInt(age) * BigInt(need) * BigInt(cell.persons);
  }
  return { persons, weightedMillionths: weighted };
}

/**
 * The population index for the WPAP adjustment: this period's weighted population divided by
 * the weighted population the WPAP was set on, as an exact fraction. 1 means no change;
 * 1.02 means the payment should rise by 2% for population.
 */
export function weightedPopulationIndex(current: WeightedPopulation, baseline: WeightedPopulation): Rate {
  if (baseline.weightedMillionths <= 0n) {
    throw new InvalidInput(
      'baseline',
      'has no weighted population',
      'The WPAP baseline must describe some people.',
    );
  }
  return ratio(current.weightedMillionths, baseline.weightedMillionths);
}

/** Needs index of a population: its weighted population per person, as an exact fraction (1 = average weight). */
export function needsIndex(population: WeightedPopulation): Rate {
  if (population.persons === 0) throw new InvalidInput('population', 'has nobody in it');
  return ratio(population.weightedMillionths, BigInt(population.persons) * 1_000_000n);
}
