import { isIsoDate } from '../../core/dates.ts';
import type { Reference } from './native-output.ts';

/**
 * Field readers the format readers share. Each returns undefined for a value it cannot
 * read, and the caller refuses with the file, line and field.
 */

export const dateHint = 'Write dates as YYYY-MM-DD.';

/** A date written YYYY-MM-DD, optionally followed by a time (whose date part is taken). */
export function dateOf(text: string): string | undefined {
  const date = text.slice(0, 10);
  if (text.length > 10 && !/^[ T]/.test(text.slice(10))) return undefined;
  return isIsoDate(date) ? date : undefined;
}

export function wholeNumberOf(text: string, min: number, max: number): number | undefined {
  if (!/^-?\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * A non-negative amount in pounds (`4200`, `4200.5`, `4200.50`) as whole pence. Other
 * systems keep costs as decimals with more places; those are rounded to the nearest penny,
 * half up.
 */
export function penceOf(text: string): number | undefined {
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const decimals = m[2] ?? '';
  const pence = Number(m[1]) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
  return pence + (Number(decimals[2] ?? '0') >= 5 ? 1 : 0);
}

/** Writes whole pence as pounds with two decimals, the form the writers put costs in. */
export function poundsText(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

export const lsoaHint =
  'Give the 2011 LSOA code of residence (E01…); Concordat takes its decile from the English Indices of Deprivation 2019.';

/** The IMD 2019 decile of a 2011 LSOA, or undefined when the LSOA is not an English one. */
export function decileOf(reference: Reference, lsoa: string): number | undefined {
  return reference.lsoaDeciles.get(lsoa);
}

export const practiceHint =
  'Use the ODS code of a GP practice in the August 2026 practice map, or leave the person unregistered.';

/** Month of birth when a format may leave it out: July, the middle of the year. */
export const assumedBirthMonth = 7;
export const assumedBirthMonthNote =
  'persons had no month of birth; Concordat took July, the middle of the year';

/**
 * An admission by its NHS Data Dictionary ADMISSION METHOD code, grouped as HES groups it:
 * 11–13 elective, 21–28 and 2A–2D emergency; maternity (31, 32) and other admissions (81–83)
 * have no setting in Concordat's model and are left out. Undefined for anything else.
 */
export function admissionOf(method: string): 'elective' | 'emergency' | 'left out' | undefined {
  if (/^1[123]$/.test(method)) return 'elective';
  if (/^2[1-58A-D]$/.test(method)) return 'emergency';
  if (/^(3[12]|8[123])$/.test(method)) return 'left out';
  return undefined;
}

export const admissionHint =
  'Give the NHS admission method: 11, 12 or 13 for elective, 21 to 28 or 2A to 2D for emergency (31, 32 and 81 to 83 are read and left out).';
export const admissionLeftOutNote = 'maternity or other admissions (methods 31, 32, 81 to 83) were left out';
