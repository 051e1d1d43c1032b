import { Temporal } from 'temporal-polyfill';
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
  const d = Temporal.PlainDate.from(iso);
  return `${d.day} ${months[d.month - 1]} ${d.year}`;
}

/** Today's date in England, for commands whose `--on` defaults to today. */
export function today(): IsoDate {
  return Temporal.Now.plainDateISO('Europe/London').toString();
}
