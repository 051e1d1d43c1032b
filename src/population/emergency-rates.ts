import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInput } from '../core/errors.ts';
import { ageBandLabel, ageBandStarts } from './lifetable.ts';

/**
 * England's emergency admissions per person-year by life-table age band (0, 1–4, 5–9 … 85–89,
 * 90+), which the synthetic population is calibrated to. The figures and their sources are in
 * data/reference/ (its README says which rows are published and which approximate).
 */
export const emergencyRatesFile = 'emergency-admissions-by-age-england.csv';

const path = fileURLToPath(new URL(`../../data/reference/${emergencyRatesFile}`, import.meta.url));

/** The band labels the file must have, in order: 0, 1-4, 5-9 … 85-89, 90+. */
export const emergencyBandLabels = ageBandStarts.map((_, i) => ageBandLabel(i).replace('–', '-'));

export function readEmergencyRates(csv: string): number[] {
  const lines = csv.trim().split(/\r?\n/);
  if (lines[0] !== 'age_band,per_1000,basis') {
    throw new InvalidInput(emergencyRatesFile, 'must start with the header age_band,per_1000,basis');
  }
  const rows = lines.slice(1).map((line) => line.split(','));
  if (rows.map((r) => r[0]).join(' ') !== emergencyBandLabels.join(' ')) {
    throw new InvalidInput(emergencyRatesFile, `must have the age bands ${emergencyBandLabels.join(', ')}`);
  }
  return rows.map((r, i) => {
    const per1000 = Number(r[1]);
    if (!(per1000 > 0)) {
      throw new InvalidInput(`${emergencyRatesFile} line ${i + 2}`, `"${r[1]}" is not a rate above 0`);
    }
    return per1000 / 1000;
  });
}

/** Emergency admissions a person-year, by index of lifetable.ts's ageBand. */
export const englandEmergencyRates: readonly number[] = readEmergencyRates(readFileSync(path, 'utf8'));
