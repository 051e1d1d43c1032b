import { InvalidInput } from '../core/errors.ts';
import { type Condition, conditionCodes } from './model.ts';
import { readReferenceFile, referenceRows } from './reference-data.ts';

/**
 * The Cambridge Multimorbidity Score's general-outcome weights for its 20 conditions (Payne
 * et al., CMAJ 2020;192:E107–14), from data/reference/cambridge-multimorbidity-weights.csv,
 * each with the QOF register that stands for it in Concordat's data model, if any. Read by the
 * SQL (sql.ts) that scores each person and by the analysis (multimorbidity-score.ts).
 */
export interface CambridgeWeight {
  condition: string;
  /** The weight in hundredths (0.65 → 65), so scores add up as whole numbers in every engine. */
  hundredths: number;
  /** The register that records it, or null when the data model has none. */
  register: Condition | null;
  /** Counted only if first diagnosed within this many years (cancer: 5); null = ever. */
  withinYears: number | null;
}

const header = 'condition,weight,qof_register,within_years';

export function readCambridgeWeights(csv: string): CambridgeWeight[] {
  const rows = referenceRows('cambridge-multimorbidity-weights.csv', csv, header);
  const weights = rows.map(({ fields, where }) => {
    const [condition = '', weight = '', register = '', within = ''] = fields;
    if (!/^\d+\.\d{2}$/.test(weight) || Number(weight) <= 0)
      throw new InvalidInput(where, `weight "${weight}" is not a number above 0 with two decimal places`);
    if (register !== '' && !(conditionCodes as readonly string[]).includes(register))
      throw new InvalidInput(where, `"${register}" is not a QOF register code`);
    if (within !== '' && !/^[1-9]\d*$/.test(within))
      throw new InvalidInput(where, `within_years "${within}" is not a whole number of years`);
    return {
      condition,
      hundredths: Math.round(Number(weight) * 100),
      register: register === '' ? null : (register as Condition),
      withinYears: within === '' ? null : Number(within),
    };
  });
  if (weights.length !== 20)
    throw new InvalidInput(
      'cambridge-multimorbidity-weights.csv',
      `has ${weights.length} conditions, not 20`,
    );
  const registers = weights.flatMap((w) => (w.register ? [w.register] : []));
  if (new Set(registers).size !== registers.length)
    throw new InvalidInput('cambridge-multimorbidity-weights.csv', 'names a register for two conditions');
  return weights;
}

export const cambridgeWeights: readonly CambridgeWeight[] = readCambridgeWeights(
  readReferenceFile('cambridge-multimorbidity-weights.csv'),
);
