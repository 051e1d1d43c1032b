/**
 * Form checks the browser runs as the user types and on submit. The server checks again
 * (with the same zod schema for arrangements); these give the quick, field-by-field answer.
 * Each returns a message in plain English, or undefined when the value is fine.
 */

import { isIsoDate } from '../core/dates.ts';
import { parsePounds } from '../core/money.ts';

export type Errors<K extends string> = Partial<Record<K, string>>;

export function required(value: string, what: string): string | undefined {
  return value.trim() === '' ? `Enter ${what}` : undefined;
}

export function email(value: string): string | undefined {
  if (value.trim() === '') return 'Enter your email address';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
    ? undefined
    : 'Enter an email address in the correct format, like name@example.nhs.uk';
}

export function isoDate(value: string, what: string): string | undefined {
  if (value.trim() === '') return `Enter ${what}`;
  return isIsoDate(value) ? undefined : `${capitalise(what)} must be a real date, like 1 6 2018`;
}

/** Lowercase words joined by dashes, as arrangement files name their parties. */
export function id(value: string, what: string): string | undefined {
  if (value.trim() === '') return `Enter ${what}`;
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
    ? undefined
    : `${capitalise(what)} must be lowercase words joined by dashes, for example dudley-ccg`;
}

/** An amount in pounds written as text: £12,345.67 or 12345.67. */
export function pounds(value: string, what: string): string | undefined {
  if (value.trim() === '') return `Enter ${what}`;
  try {
    parsePounds(value);
    return undefined;
  } catch {
    return `${capitalise(what)} must be an amount in pounds, like £12,345.67`;
  }
}

export function practiceCode(value: string): string | undefined {
  if (value.trim() === '') return 'Enter the practice ODS code';
  return /^[A-Z]\d{5}$/.test(value)
    ? undefined
    : 'Practice ODS code must be a letter and 5 digits, like M87001';
}

export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
