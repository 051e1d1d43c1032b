import { z } from 'zod';
import { daysInMonth } from './date-arithmetic.ts';

/** A calendar date written `YYYY-MM-DD` that exists (2023-02-29 is refused). */
export const IsoDate = z.string().refine(isIsoDate, {
  message: 'must be a real calendar date written YYYY-MM-DD, for example 2018-06-01',
});
export type IsoDate = string;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  if (!isoDatePattern.test(text)) return false;
  // Plain integer calendar rules: the same answer as Temporal's strict parse, much faster on hot paths.
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  // Year 0000 is not a year of the Common Era, and PostgreSQL refuses it.
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-04-01` → `1 April 2026`, the way NHS documents write dates. */
export function formatDate(iso: IsoDate): string {
  if (!isIsoDate(iso)) throw new RangeError(`'${iso}' is not a calendar date written YYYY-MM-DD`);
  return `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(0, 4))}`;
}

/** Today's date in England, for commands whose `--on` defaults to today. */
export function today(): IsoDate {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
