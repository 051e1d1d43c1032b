import { InvalidInput } from '../core/errors.ts';
import { readReferenceFile, referenceRows } from './reference-data.ts';

/**
 * England's hospital activity per person-year by age band, which the synthetic population is
 * calibrated to: emergency admissions and outpatient attendances. The figures and their sources
 * are in data/reference/ (its README says where each row comes from, and the `basis` column
 * says it row by row).
 */
export const emergencyRatesFile = 'emergency-admissions-by-age-england.csv';
export const outpatientRatesFile = 'outpatient-attendances-by-age-england.csv';

/** Events a person-year in each of a file's age bands, which run from 0 without gaps to an open "N+". */
export interface AgeRates {
  file: string;
  /** As written in the file: `0`, `1-4` … `90+`. */
  labels: string[];
  /** The youngest age in each band. */
  starts: number[];
  perYear: number[];
}

const header = 'age_band,per_1000,basis';

export function readAgeRates(file: string, csv: string): AgeRates {
  const rows = referenceRows(file, csv, header);
  const rates: AgeRates = { file, labels: [], starts: [], perYear: [] };
  let next = 0;
  let open = false;
  rows.forEach(({ fields, where }) => {
    const [label = '', per1000 = '', basis = ''] = fields;
    const band = /^(\d+)(?:-(\d+)|(\+))?$/.exec(label);
    if (!band || open) throw new InvalidInput(where, `"${label}" is not an age band such as 5-9 or 90+`);
    const start = Number(band[1]);
    const end = band[2] === undefined ? start : Number(band[2]);
    if (start !== next || end < start)
      throw new InvalidInput(
        where,
        `age band "${label}" must start at ${next}, where the band before it ends`,
      );
    const rate = Number(per1000);
    if (!(rate > 0)) throw new InvalidInput(where, `"${per1000}" is not a rate above 0`);
    if (!basis) throw new InvalidInput(where, 'has no basis (say where the figure comes from)');
    rates.labels.push(label);
    rates.starts.push(start);
    rates.perYear.push(rate / 1000);
    next = end + 1;
    open = band[3] === '+';
  });
  if (!open) throw new InvalidInput(file, 'must end with an open age band such as 90+');
  return rates;
}

/** Index of the band of `age` (completed years). */
export function bandOf(rates: AgeRates, age: number): number {
  let band = 0;
  while (band + 1 < rates.starts.length && age >= (rates.starts[band + 1] as number)) band++;
  return band;
}

const load = (file: string) => readAgeRates(file, readReferenceFile(file));

/** Emergency admissions (admission episodes with an emergency admission method) a person-year. */
export const englandEmergencyRates: AgeRates = load(emergencyRatesFile);
/** Attended outpatient appointments a person-year. */
export const englandOutpatientRates: AgeRates = load(outpatientRatesFile);
